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
    """Colour of a matrix cell by share met."""
    if value is None:
        return "bg-secondary-lt"
    if value >= 0.8:
        return "bg-green text-white"
    if value >= 0.5:
        return "bg-yellow"
    return "bg-red text-white"


@register.filter
def status_badge(status):
    return STATUS_BADGE.get(status, "bg-secondary-lt")
