"""The regulation profiles a government may follow: those loaded into the database, read through
the core registry (compliance provides the hook), so that a profile loaded at run time can be
chosen at once. Nothing is cached per process."""

from spbe.core.registry import registry


def regulation_choices() -> list[tuple[str, str]]:
    return list(registry.regulation_choices())


def is_known(code: str) -> bool:
    return any(value == code for value, _label in regulation_choices())


def kind_problem(code: str, government_kind: str) -> str | None:
    """A message when the profile is written for another kind of government (a Peraturan Bupati for a
    city), else None. A government follows a regulation its own head issued."""
    from django.utils.translation import gettext as _

    from .choices import GovernmentKind, kind_label

    profile_kind = registry.regulation_government_kind(code) if code else None
    if not profile_kind or not government_kind or profile_kind == government_kind:
        return None
    return _(
        "Profil %(code)s adalah %(reg)s (untuk %(pk)s), sedangkan pemerintah daerah ini berjenis %(gk)s: "
        "pilih profil %(own)s."
    ) % {
        "code": code,
        "reg": kind_label(profile_kind, "regulation"),
        "pk": GovernmentKind(profile_kind).label,
        "gk": GovernmentKind(government_kind).label,
        "own": kind_label(government_kind, "regulation"),
    }
