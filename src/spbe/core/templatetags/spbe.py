from django import template

register = template.Library()


@register.simple_tag
def table_head(table, querystring, sort):
    """A list table's header cells, with their sort links (core/tables.py)."""
    return table.html_head(querystring, sort)


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
