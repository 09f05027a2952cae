from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def query_replace(querystring, key, column, current_sort):
    """The querystring with the sort toggled for `column` (ascending, then descending)."""
    params = QueryDict(querystring, mutable=True)
    params[key] = f"-{column}" if current_sort == column else column
    params.pop("page", None)
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def who(user):
    """A user as people know them: name and position (core.people)."""
    from spbe.core import people

    return people.label(user)


@register.filter
def who_name(user):
    """A user's name with titles, without the position."""
    from spbe.core import people

    return people.name(user)
