import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BaseFilterSet(django_filters.FilterSet):
    """Shared by list pages and the API: `q` searches the model's search_fields."""

    q = django_filters.CharFilter(method="search", label=_("Cari"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        fields = getattr(queryset.model, "search_fields", ())
        query = Q()
        for field in fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query) if fields else queryset
