from django import template

register = template.Library()

STATUS_BADGE = {
    "met": "bg-green-lt",
    "partly_met": "bg-yellow-lt",
    "unmet": "bg-red-lt",
    "awaiting": "bg-orange-lt",
    "not_applicable": "bg-secondary-lt",
}


@register.filter
def pct(value):
    return "–" if value is None else f"{round(100 * value)}%"


@register.filter
def share_class(value):
    """Colour of a matrix cell by share met: light backgrounds with dark text (WCAG AA contrast)."""
    if value is None:
        return "cell-none"
    if value >= 0.8:
        return "cell-good"
    if value >= 0.5:
        return "cell-mid"
    return "cell-bad"


@register.filter
def short_group(name):
    """A matrix heading that fits a column; the full name goes in its title."""
    from ..exports import short_group_name

    return short_group_name(name)


@register.filter
def status_badge(status):
    return STATUS_BADGE.get(status, "bg-secondary-lt")


@register.filter
def check_in_words(obligation):
    """How the platform checks an obligation, in words (never the check type's code)."""
    from django.utils.translation import gettext as _

    from spbe.core import checks

    if obligation.check_type == "attestation":
        return _("Pernyataan pemenuhan dengan bukti dari penanggung jawab, ditinjau Dinas Kominfo")
    check = checks.check_type(obligation.check_type)
    return str(check.label) if check is not None else _("Pemeriksaan belum tersedia di platform ini")
