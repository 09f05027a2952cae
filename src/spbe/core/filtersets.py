import copy

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.db.models.query import EmptyQuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField
from django_filters.fields import ModelChoiceIterator as FilterModelChoiceIterator
from django_filters.utils import get_model_field

from . import people, renderers, search, versions
from . import references as refs
from .bounds import field_accepts


def _may_duplicate_rows(model, field_name: str) -> bool:
    """Whether filtering `model` on `field_name` joins a to-many relation (reverse foreign key
    or many-to-many), so that one row can come back more than once. Unknown paths count as
    to-many: only a path proven to follow the model's own columns and forward foreign keys
    is treated as safe."""
    for part in field_name.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return True
        if not field.is_relation:
            return False  # a column; what follows is a transform or lookup
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
        if model is None:  # a generic foreign key
            return True
    return False


def _key_field(field):
    """The model field a model choice field's values are looked up in."""
    model = field.queryset.model
    return model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk


class ListedChoices(FilterModelChoiceIterator):
    """The choices read with one plain query. Django reads them with `.iterator()`, which on
    PostgreSQL opens a server-side cursor (DECLARE, FETCH, CLOSE: three round trips) for what
    is a few hundred rows at most. Agencies (registered in core/versions.py by org) are read once
    per process and kept until an agency changes."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in versions.choice_objects(self.queryset.all()):
            yield self.choice(obj)


class PeopleLabels:
    """Accounts are offered by name and position (core.people), not by login name, their person
    records read with the choices (one query)."""

    iterator = ListedChoices

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.queryset is not None and people.is_user_model(self.queryset.model):
            self.queryset = self.queryset.select_related(*people.related_paths())

    def label_from_instance(self, obj):
        return people.label(obj) if people.is_user(obj) else super().label_from_instance(obj)


class BoundedModelChoiceField(PeopleLabels, ModelChoiceField):
    """A model choice whose value beyond the column's range is an invalid choice (a form
    error), not a query the database driver fails on (see core/bounds.py)."""

    def clean(self, value):
        if value not in self.empty_values and not field_accepts(_key_field(self), value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


class BoundedModelMultipleChoiceField(PeopleLabels, ModelMultipleChoiceField):
    def clean(self, value):
        if isinstance(value, list | tuple):
            key = _key_field(self)
            for item in value:
                if item not in self.empty_values and not field_accepts(key, item):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                    )
        return super().clean(value)


def _bounded(filter_, model):
    """A copy of `filter_` that refuses values its column cannot hold, or None when it
    needs nothing: model choices check the ids, number filters get the column's validators."""
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        filter_ = copy.deepcopy(filter_)
        filter_.field_class = BoundedModelMultipleChoiceField
        return filter_
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        filter_ = copy.deepcopy(filter_)
        filter_.field_class = BoundedModelChoiceField
        return filter_
    if isinstance(filter_, django_filters.NumberFilter) and filter_.method is None:
        model_field = get_model_field(model, filter_.field_name)
        if model_field is not None and model_field.is_relation and model_field.many_to_one:
            model_field = model_field.target_field  # "problem_id": the referenced key's range
        if model_field is not None and model_field.validators:
            filter_ = copy.deepcopy(filter_)
            filter_.extra["validators"] = [*filter_.extra.get("validators", ()), *model_field.validators]
            return filter_
    return None


class BaseFilterSet(django_filters.FilterSet):
    """Shared by list pages and the API: `q` searches the model's search_fields.

    django-filter makes multiple-choice filters add DISTINCT, for the case where they follow
    a to-many relation. On the model's own columns and forward foreign keys no row can be
    duplicated, and DISTINCT only makes the database compare whole rows (and the paginator
    count them through a subquery), so those filters run without it. Filters across reverse
    or many-to-many relations keep it.

    Every id and number filter refuses a value its database column cannot hold (an invalid
    filter: 400 in the API, a filter error on the page) instead of sending it to the
    database, where it would fail with a 500.
    """

    q = django_filters.CharFilter(method="search", label=_("Cari"))

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        if model is None:
            return filters
        for name, filter_ in filters.items():
            if (
                filter_.distinct
                and filter_.method is None
                and not _may_duplicate_rows(model, filter_.field_name)
            ):
                filter_ = copy.deepcopy(filter_)  # declared filters are shared with subclasses
                filter_.distinct = False
                filters[name] = filter_
            bounded = _bounded(filters[name], model)
            if bounded is not None:
                filters[name] = bounded
        return filters

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                widget = field.widget
                renderers.quicken(widget)
                if isinstance(widget, forms.NullBooleanSelect):
                    # A yes/no filter left empty means "do not filter", not Django's "Unknown".
                    widget.choices = [("unknown", _("Semua")), ("true", _("Ya")), ("false", _("Tidak"))]
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

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            filter_ = self.filters[name]
            if (
                isinstance(value, EmptyQuerySet)
                and isinstance(filter_, django_filters.MultipleChoiceFilter)
                and filter_.method is None
            ):
                # A model multiple-choice filter left empty: django-filter would test the
                # empty queryset's truth, compiling a query only to ignore the filter.
                continue
            queryset = filter_.filter(queryset, value)
        return queryset

    def search(self, queryset, name, value):
        references = refs.for_user(getattr(self.request, "user", None))
        queryset, order = search.matches(queryset, value, references=references)
        # Found by identifier (a NIP): the list keeps the identifier order. Found by text: a page
        # that holds every match is put best match first (core/search.py, Ranker).
        self.search_order = order
        if order is None:
            self.search_ranker = search.ranker_for(queryset.model, value, references=references)
        return queryset
