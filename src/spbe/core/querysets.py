from django.db import models
from django.utils import timezone

from . import permissions, versions


class RestrictedQuerySet(models.QuerySet):
    """Every platform model's queryset: `.restrict(user, action)` applies the one policy.

    Bulk `update()` (and so `bulk_update()`) and `bulk_create()` are routed through the audit
    trail so that a shell or a script cannot change records without leaving events, and the
    events hold the values written, read back from the database, not the expressions sent.
    """

    def restrict(self, user, action: str = permissions.VIEW):
        return permissions.restrict(self, user, action)

    def update(self, **kwargs):
        from . import audit

        names = {f.name for f in self.model._meta.concrete_fields}
        if {"version", "last_updated"} <= names:
            # A bulk change is a change: optimistic locking and the API's row cache
            # (core/api/rowcache.py) see it, as they see a save.
            kwargs.setdefault("version", models.F("version") + 1)
            kwargs.setdefault("last_updated", timezone.now())
        if not audit.is_audited(self.model):
            count = super().update(**kwargs)
        else:
            count = audit.update_recording_values(self, kwargs)
        versions.written(self.model)  # what processes keep of this model is out of date
        return count

    def bulk_create(self, objs, *args, **kwargs):
        from . import audit

        created = super().bulk_create(objs, *args, **kwargs)
        if audit.is_audited(self.model):
            audit.record_bulk_create(created)
        versions.written(self.model)
        return created
