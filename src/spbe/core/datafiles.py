"""Reading the data files the platform ships (YAML): with libyaml's parser when PyYAML has it, because
several are read after every migrate (and every test database flush), where the pure-Python parser was
most of the cost."""

from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path):
    """The data of one YAML document, read with the safe loader (no Python objects)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506
