"""What a viewer sees of a reference: the one place that renders a related record for a user.

A record may point at another one the viewer may not see (a CLOSED decree of another agency
referenced from that agency's page, a CLOSED application named in a history diff). Every
entry point that shows a reference (API brief objects, detail pages, list tables and their
exports, history diffs) asks here, so the viewer learns that a reference exists and nothing
of it: no id, no link, no text, only HIDDEN_LABEL.

The decision is the policy's own (`permissions.restrict` for viewing), asked in bulk: for each
model whose records can be hidden, the ids the viewer may not see are read once per viewer
and request (one query per such model a page refers to, whatever the length of the page).
That set stays small: it holds only records outside the viewer's scope that are hidden from
them (e.g. other agencies' CLOSED records).
"""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import people, permissions

HIDDEN_LABEL = _("(tertutup)")
PERSONAL_LABEL = _("(data pribadi)")


def may_be_hidden(model: type[models.Model]) -> bool:
    """Can a holder of a role be refused some records of `model` for viewing?

    True for classified models (a CLOSED record stays in its owner's scope) and for models
    whose queryset narrows viewing further (records of a CLOSED application).
    """
    if any(f.name == "classification" for f in model._meta.concrete_fields):
        return True
    if getattr(model, "restricted_view_roles", None) is not None:  # fail-closed records (incidents)
        return True
    queryset = model._default_manager.all()
    restrict = getattr(type(queryset), "restrict", None)
    if restrict is None:
        return False
    from .querysets import RestrictedQuerySet

    return restrict is not RestrictedQuerySet.restrict


def personal_fields(model: type[models.Model]) -> tuple[str, ...]:
    """Fields holding a person's personal data (a model's `personal_fields`): read in full only
    by those the policy gives the owning agency's personal data (permissions.personal_data_agencies)."""
    return tuple(getattr(model, "personal_fields", ()))


class References:
    """The references one viewer may see, worked out lazily and in bulk (see the module doc)."""

    def __init__(self, user):
        self.user = user
        self._hidden: dict[type[models.Model], frozenset] = {}
        self._personal_scope: Any = False  # not asked yet

    def hidden_ids(self, model: type[models.Model]) -> frozenset:
        model = model._meta.concrete_model
        if model not in self._hidden:
            if not may_be_hidden(model):
                self._hidden[model] = frozenset()
            else:
                everything = model._default_manager.all()
                # The model's own restrict (as permissions.can does): what it adds to the policy
                # (a ticket's requester, an article's audience) holds for references too.
                if hasattr(everything, "restrict"):
                    visible = everything.restrict(self.user, permissions.VIEW)
                else:
                    visible = permissions.restrict(everything, self.user, permissions.VIEW)
                hidden = everything.exclude(pk__in=visible.values("pk")).order_by()
                self._hidden[model] = frozenset(hidden.values_list("pk", flat=True))
        return self._hidden[model]

    def is_hidden(self, obj: models.Model | None) -> bool:
        return obj is not None and obj.pk in self.hidden_ids(type(obj))

    def is_hidden_id(self, model: type[models.Model], pk: Any) -> bool:
        if pk is None:
            return False
        hidden = self.hidden_ids(model)
        return pk in hidden or _as_int(pk) in hidden

    def label(self, obj: models.Model | None) -> str:
        """The display text of a reference: its own, or HIDDEN_LABEL."""
        if obj is None:
            return ""
        if self.is_hidden(obj):
            return str(HIDDEN_LABEL)
        return people.label(obj) if people.is_user(obj) else str(obj)

    def url(self, obj: models.Model | None) -> str:
        if obj is None or self.is_hidden(obj) or not hasattr(obj, "get_absolute_url"):
            return ""
        return obj.get_absolute_url()

    def brief(self, obj: models.Model) -> dict:
        """The API's brief object: {"id", "display"}; a hidden one is {"id": None, "display": "(tertutup)"}."""
        if self.is_hidden(obj):
            return {"id": None, "display": str(HIDDEN_LABEL)}
        return {"id": obj.pk, "display": str(obj)}

    # Personal data (see personal_fields)

    def personal_scope(self) -> frozenset | None:
        if self._personal_scope is False:
            self._personal_scope = permissions.personal_data_agencies(self.user)
        return self._personal_scope

    def shows_personal(self, obj: models.Model) -> bool:
        """May the reader see the personal fields of `obj` (no query: the owner's id is at hand)?"""
        if not personal_fields(type(obj)):
            return True
        scope = self.personal_scope()
        return scope is None or getattr(obj, "owner_agency_id", None) in scope

    def masked_fields(self, obj: models.Model) -> tuple[str, ...]:
        return () if self.shows_personal(obj) else personal_fields(type(obj))

    def personal_q(self, model: type[models.Model], prefix: str = "") -> Q:
        """Records of `model` (reached through `prefix`) whose personal data the reader may see."""
        scope = self.personal_scope()
        owner = getattr(model, "owner_field", None)
        if scope is None:
            return Q()
        if owner is None:
            return Q(pk__in=[])
        return Q(**{f"{prefix}{owner}__in": scope})

    def search_q(self, model: type[models.Model], fields, value: str) -> Q:
        """`value` in any of `fields` (paths from `model`); a personal field matches only on
        records whose personal data the reader may see, so a search cannot confirm someone
        else's NIP or e-mail."""
        query = Q()
        for path in fields:
            condition = Q(**{f"{path}__icontains": value})
            *hops, name = path.split("__")
            current = model
            for hop in hops:
                current = current._meta.get_field(hop).related_model
            if name in personal_fields(current):
                prefix = "".join(f"{hop}__" for hop in hops)
                condition &= self.personal_q(current, prefix)
            query |= condition
        return query


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def for_user(user) -> References:
    """The viewer's References for the current request: kept on the user object, which Django
    loads afresh for every request (like the policy's grants)."""
    refs = getattr(user, "spbe_references", None)
    if refs is None or refs.user is not user:
        refs = References(user)
        if user is not None:
            try:
                user.spbe_references = refs
            except AttributeError:  # e.g. AnonymousUser's read-only attributes
                pass
    return refs


def for_request(request) -> References:
    return for_user(getattr(request, "user", None))
