import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BaseFilterSet(django_filters.FilterSet):
    """Shared by list pages and the API: `q` searches the model's search_fields."""

    q = django_filters.CharFilter(method="search", label=_("Cari"))

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                widget = field.widget
                if isinstance(widget, forms.SelectMultiple):
                    widget.attrs.setdefault("class", "form-select")
                    widget.attrs.setdefault("size", "4")
                elif isinstance(widget, forms.Select):
                    widget.attrs.setdefault("class", "form-select")
                elif isinstance(widget, forms.DateInput):
                    widget.input_type = "date"
                    widget.attrs.setdefault("class", "form-control")
                elif not isinstance(widget, forms.CheckboxInput):
                    widget.attrs.setdefault("class", "form-control")
            form._styled = True
        return form

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        fields = getattr(queryset.model, "search_fields", ())
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query) if fields else queryset
