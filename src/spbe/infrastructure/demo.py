def build(stdout=None):
    return None
