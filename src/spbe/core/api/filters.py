"""The API's filter backend: django-filter's, keeping what the filter set learnt while filtering."""

from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend


class PlatformFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        queryset = filterset.qs
        # A search answered from an identifier (a NIP prefix) lists in identifier order unless the
        # client asked for another; the paginator reads this (core/api/pagination.py).
        view.search_order = getattr(filterset, "search_order", None)
        view.search_ranker = getattr(filterset, "search_ranker", None)
        return queryset
