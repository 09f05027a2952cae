from django.db import models

from . import permissions


class RestrictedQuerySet(models.QuerySet):
    """Every platform model's queryset: `.restrict(user, action)` applies the one policy.

    Bulk `update()` and `bulk_create()` are routed through the audit trail so that a shell
    or a script cannot change records without leaving events.
    """

    def restrict(self, user, action: str = permissions.VIEW):
        return permissions.restrict(self, user, action)

    def update(self, **kwargs):
        from . import audit

        if not audit.is_audited(self.model):
            return super().update(**kwargs)
        objs = list(self)
        if not objs:
            return 0
        for obj in objs:
            for name, value in kwargs.items():
                setattr(obj, name, value)
            obj.save(update_fields=list(kwargs))
        return len(objs)

    def bulk_create(self, objs, *args, **kwargs):
        from . import audit

        created = super().bulk_create(objs, *args, **kwargs)
        if audit.is_audited(self.model):
            audit.record_bulk_create(created)
        return created
