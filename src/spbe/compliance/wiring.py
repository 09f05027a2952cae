"""Everything the compliance module plugs into at start-up (filled in as the module grows)."""


def connect() -> None:
    pass
