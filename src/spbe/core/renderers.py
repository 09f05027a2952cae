"""The form renderer: Django's, with `<select>` elements written in Python.

Django renders each `<option>` through an included template. A list page's filter form offers
every agency (40 to 400 options), and that per-option template work was a measurable part of the
page's time. The markup produced here is the one Django's own select.html, select_option.html
and attrs.html produce (tests/core/test_list_rendering.py compares them); every other widget
renders as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"')
    return "".join(out)


def render_select(widget: dict) -> str:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            value = escape(str(option["value"]))
            parts.append(
                f'\n  <option value="{value}"{_attrs(option["attrs"])}>{escape(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts only


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if template_name == SELECT and widget is not None and _plain_options(widget):
            return render_select(widget)
        return super().render(template_name, context, request=request)


def _plain_options(widget) -> bool:
    return all(
        option.get("template_name") == OPTION for _n, group, _i in widget["optgroups"] for option in group
    )
