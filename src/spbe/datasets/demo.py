def build(*args, **kwargs):
    return None
