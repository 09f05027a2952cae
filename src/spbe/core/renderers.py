"""The form renderer: Django's, with `<select>` elements written in Python.

Django renders each `<option>` through an included template. A list page's filter form offers
every agency (40 to 400 options), and that per-option template work was a measurable part of the
page's time. The markup produced here is the one Django's own select.html, select_option.html
and attrs.html produce (tests/core/test_list_rendering.py compares them); every other widget
renders as before. List filters go one step further (`quicken`): their selects skip Django's
per-option dictionaries too.
"""

import html

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Widget templates that only include input.html.
INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "date",
        "email",
        "url",
        "search",
        "password",
        "hidden",
        "datetime",
        "time",
        "tel",
    )
}


def escape(value) -> str:
    """What the template engine's autoescape writes for `value` (Django's conditional_escape,
    without its lazy-argument wrapper, which cost more than the escaping itself)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"')
    return "".join(out)


def write_select(name: str, attrs: dict, groups) -> str:
    """`<select>` markup as Django's templates write it. `groups`: (group name or None, [(value,
    label, option attrs)])."""
    parts = [f'<select name="{escape(name)}"{_attrs(attrs)}>']
    for group_name, options in groups:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for value, label, option_attrs in options:
            parts.append(
                f'\n  <option value="{escape(str(value))}"{_attrs(option_attrs)}>{escape(label)}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts only


def render_select(widget: dict) -> str:
    return write_select(
        widget["name"],
        widget["attrs"],
        (
            (group_name, [(option["value"], option["label"], option["attrs"]) for option in group_choices])
            for group_name, group_choices, _index in widget["optgroups"]
        ),
    )


def render_input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{escape(value if isinstance(value, str) else str(value))}"'
    return mark_safe(  # noqa: S308 - built from escaped parts only
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


class QuickOptions:
    """A select that writes its options straight from its choices. Django first builds a
    dictionary per option (`optgroups`), which for a filter offering every agency was most of
    the filter form's time; the markup is the same (tests/core/test_list_rendering.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.option_template_name != OPTION or self.option_inherits_attrs:
            return super().render(name, value, attrs, renderer)
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = self.format_value(value)  # a list, or a string for the yes/no select (as Django asks it)
        selected = dict(self.checked_attribute)
        groups, has_selected = [], False
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                group_name, choices = option_value, option_label
            else:
                group_name, choices = None, [(option_value, option_label)]
            options = []
            for subvalue, sublabel in choices:
                subvalue = "" if subvalue is None and group_name is None else subvalue
                is_selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in chosen
                has_selected |= is_selected
                options.append((subvalue, sublabel, selected if is_selected else {}))
            groups.append((group_name, options))
        return write_select(name, final, groups)


class QuickSelect(QuickOptions, forms.Select):
    pass


class QuickSelectMultiple(QuickOptions, forms.SelectMultiple):
    pass


class QuickNullBooleanSelect(QuickOptions, forms.NullBooleanSelect):
    pass


QUICK = {
    forms.Select: QuickSelect,
    forms.SelectMultiple: QuickSelectMultiple,
    forms.NullBooleanSelect: QuickNullBooleanSelect,
}


def quicken(widget) -> None:
    """Give a plain Django select widget the quick writing of its options (same markup)."""
    quick = QUICK.get(type(widget))
    if quick is not None:
        widget.__class__ = quick


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if template_name == SELECT and widget is not None and _plain_options(widget):
            return render_select(widget)
        if widget is not None and template_name in INPUTS:
            return render_input(widget)
        return super().render(template_name, context, request=request)


def _plain_options(widget) -> bool:
    return all(
        option.get("template_name") == OPTION for _n, group, _i in widget["optgroups"] for option in group
    )
