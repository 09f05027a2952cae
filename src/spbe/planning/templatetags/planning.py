from django import template

from spbe.planning import selectors, services

register = template.Library()


@register.filter
def may_consolidate(user) -> bool:
    """Whether the user acts for the ICT office on agencies' ICT needs."""
    return services.may_consolidate(user)


@register.filter
def rupiah(value) -> str:
    return selectors.rupiah(value)


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{round(100 * value)}%"
