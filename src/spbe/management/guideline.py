"""The SPBE risk guideline's tables as data (data/risk_guideline.yaml): the analysis matrix
(a lookup, not likelihood x impact), the levels by magnitude range, the default criteria."""

from functools import lru_cache
from pathlib import Path

from spbe.core.datafiles import read_yaml

DATA = Path(__file__).resolve().parent / "data" / "risk_guideline.yaml"


@lru_cache(maxsize=1)
def guideline() -> dict:
    return read_yaml(DATA)


def magnitude(likelihood: int, impact: int) -> int:
    """Besaran risiko from the analysis matrix (likelihood and impact 1-5)."""
    return int(guideline()["matrix"][int(likelihood)][int(impact) - 1])


def level(value: int) -> str:
    """The risk level (RiskLevel value) whose range holds the magnitude."""
    for row in guideline()["levels"]:
        if row["from"] <= value <= row["to"]:
            return row["level"]
    raise ValueError(value)


def colour(level_value: str) -> str:
    return next((row["colour"] for row in guideline()["levels"] if row["level"] == level_value), "")


def default_appetite() -> int:
    return int(guideline()["default_appetite"])


def likelihood_criteria() -> dict[int, str]:
    return {int(k): v for k, v in guideline()["likelihood_criteria"].items()}
