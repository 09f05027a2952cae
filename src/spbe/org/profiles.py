"""The regulation profiles a government may follow: those loaded into the database, read through
the core registry (compliance provides the hook), so that a profile loaded at run time can be
chosen at once. Nothing is cached per process."""

from spbe.core.registry import registry


def regulation_choices() -> list[tuple[str, str]]:
    return list(registry.regulation_choices())


def is_known(code: str) -> bool:
    return any(value == code for value, _label in regulation_choices())
