"""The regulation profiles a government may follow: read from the YAML files the platform ships
(src/spbe/compliance/regulations/). Only the identity block is read here."""

from functools import lru_cache
from pathlib import Path

import yaml

PROFILE_DIR = Path(__file__).resolve().parent.parent / "compliance" / "regulations"


@lru_cache(maxsize=1)
def regulation_choices() -> list[tuple[str, str]]:
    choices = []
    for path in sorted(PROFILE_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=yaml.BaseLoader)  # strings only: no date guessing
        if isinstance(data, dict) and data.get("id"):
            choices.append(
                (
                    data["id"],
                    f"Perbup {data.get('regency', '').replace('Kabupaten ', '')} "
                    f"No. {data.get('number')} Tahun {data.get('year')}",
                )
            )
    return choices
