"""The check-type framework modules use to contribute compliance checks.

A check type evaluates one obligation for many subjects at once (so a full run stays a handful
of queries per obligation). Modules subclass CheckType in their own `checks.py` and register it;
the compliance engine finds them here. Evidence kinds ("a network diagram", "an application
audit") are registered by the module that owns the records, so generic checks such as
`record_every` work for any module.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    MET = "met", _("Terpenuhi")
    PARTLY_MET = "partly_met", _("Terpenuhi sebagian")
    UNMET = "unmet", _("Belum terpenuhi")
    AWAITING_ATTESTATION = "awaiting", _("Menunggu pernyataan")
    NOT_APPLICABLE = "not_applicable", _("Tidak berlaku")


@dataclass(frozen=True)
class Subject:
    """Who an obligation is evaluated for: one agency, or the government as a whole (agency=None)."""

    government: Any
    agency: Any = None

    @property
    def key(self):
        return self.agency.pk if self.agency is not None else None


@dataclass(frozen=True)
class Message:
    """A generated text kept as a code (its Indonesian source string, marked with gettext_noop so the
    catalogue has it) and parameters, rendered in the reader's language when shown.

    Parameters: a Message (nested), a date (formatted in the reader's language), a lazy label (its
    source string, translated when shown), a list of these (joined), a number, or any other value
    (a name, an identifier: shown as it is)."""

    code: str
    params: dict = field(default_factory=dict)

    def as_data(self) -> dict:
        return {"code": self.code, "params": {k: _param_data(v) for k, v in self.params.items()}}

    def __str__(self) -> str:
        return render_message(self.as_data())


def message(code: str, **params) -> Message:
    return Message(code, params)


def _param_data(value):
    if isinstance(value, Message):
        return {"message": value.as_data()}
    if isinstance(value, datetime.datetime):
        return {"date": value.date().isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, Promise):
        with translation.override(settings.LANGUAGE_CODE):
            return {"text": str(value)}
    if isinstance(value, list | tuple):
        return {"list": [_param_data(v) for v in value]}
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def _param_text(value):
    if isinstance(value, dict):
        if "message" in value:
            return render_message(value["message"])
        if "date" in value:
            return formats.date_format(datetime.date.fromisoformat(value["date"]), "j F Y")
        if "text" in value:
            return gettext(value["text"])
        if "list" in value:
            return ", ".join(str(_param_text(v)) for v in value["list"])
    return value


def render_message(data: dict) -> str:
    """A stored message in the active language (the source string where the catalogue lacks it)."""
    if not data or not data.get("code"):
        return ""
    text = gettext(data["code"])
    params = {k: _param_text(v) for k, v in data.get("params", {}).items()}
    return text % params if params else text


def source_text(value) -> str:
    """A reason or next step in the platform's own language (what the official letter quotes)."""
    if isinstance(value, Message):
        with translation.override(settings.LANGUAGE_CODE):
            return str(value)
    return str(value or "")


def message_data(value) -> dict:
    return value.as_data() if isinstance(value, Message) else {}


def evidence_data(evidence: list[dict]) -> list[dict]:
    """Evidence links as stored: a label that is a Message or a lazy label is kept as its code,
    so that it is shown in the reader's language (`evidence_items`); a name stays as it is."""
    return [{**item, "label": _param_data(item.get("label", ""))} for item in evidence]


def evidence_items(stored: list[dict]) -> list[dict]:
    """Stored evidence links with their labels in the active language."""
    return [{**item, "label": _param_text(item.get("label", ""))} for item in stored or ()]


@dataclass
class Outcome:
    status: str
    reason: "str | Message"
    evidence: list[dict] = field(default_factory=list)  # [{"label": ..., "url": ...}]
    next_step: "str | Message" = ""


class CheckType:
    """Subclass, set `name`, `label`, `depends_on`, and implement `evaluate`.

    `depends_on` lists the models whose changes can alter the outcome: the engine re-evaluates
    affected obligations when such a record is saved or deleted.
    """

    name: ClassVar[str]
    label: ClassVar[Any]
    depends_on: ClassVar[tuple[str, ...]] = ()  # "app_label.ModelName"
    param_schema: ClassVar[dict] = {}  # JSON Schema of the params, checked at profile load

    def is_available(self, params: dict) -> bool:
        """False when the parameters name something no installed module provides yet."""
        return True

    def param_problems(self, params: dict) -> list[tuple[str, str, str]]:
        """Problems the parameter schema cannot see, as (parameter, "error" | "warning", message in
        the reader's language): e.g. a name no module registers. Called at profile validation."""
        return []

    def evaluate(self, obligation, subjects: list[Subject], ctx: dict) -> dict[Any, Outcome]:
        """Outcomes keyed by Subject.key. `ctx` is a per-run memo shared by all checks."""
        raise NotImplementedError


@dataclass(frozen=True)
class EvidenceKind:
    """A kind of dated record that proves a periodic duty, e.g. a network diagram submission."""

    name: str
    label: Any
    model: str  # "app_label.ModelName"
    date_field: str
    agency_field: str | None  # path to the agency; None: government-wide records
    filter: dict = field(default_factory=dict)
    list_url_name: str = ""


_check_types: dict[str, CheckType] = {}
_evidence_kinds: dict[str, EvidenceKind] = {}
_review_documents: dict[str, EvidenceKind] = {}
_decree_kinds: dict[str, EvidenceKind] = {}
# Profile parameter -> the values a module knows for it (e.g. "application_documents" -> the
# applications module's DocumentType): validation reads them instead of a fixed schema enum.
_profile_values: dict[str, tuple[str, ...]] = {}


def register_check(check: type[CheckType]) -> type[CheckType]:
    _check_types[check.name] = check()
    return check


def register_evidence_kind(kind: EvidenceKind) -> None:
    _evidence_kinds[kind.name] = kind


def register_review_document(kind: EvidenceKind) -> None:
    """A planning document whose reviews `review_within` looks for (date_field = review date)."""
    _review_documents[kind.name] = kind


def register_decree_kind(kind: EvidenceKind) -> None:
    """A decree a `deadline` can look for (date_field = the decree's date, e.g. "decree__date")."""
    _decree_kinds[kind.name] = kind


def decree_kind(name: str) -> EvidenceKind | None:
    return _decree_kinds.get(name)


def all_decree_kinds() -> list[EvidenceKind]:
    return list(_decree_kinds.values())


def check_type(name: str) -> CheckType | None:
    return _check_types.get(name)


def check_types() -> dict[str, CheckType]:
    return dict(_check_types)


def evidence_kind(name: str) -> EvidenceKind | None:
    return _evidence_kinds.get(name)


def review_document(name: str) -> EvidenceKind | None:
    return _review_documents.get(name)


def all_evidence_kinds() -> list[EvidenceKind]:
    return list(_evidence_kinds.values())


def all_review_documents() -> list[EvidenceKind]:
    return list(_review_documents.values())


def register_profile_values(parameter: str, values) -> None:
    """The values a list parameter of a regulation profile may hold, as the module's model knows them."""
    _profile_values[parameter] = tuple(str(v) for v in values)


def profile_values(parameter: str) -> tuple[str, ...] | None:
    """The known values of a profile parameter, or None when no installed module registered it."""
    return _profile_values.get(parameter)
