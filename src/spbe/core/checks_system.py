"""Django system checks that keep the conventions honest."""

from django.apps import apps
from django.core import checks


@checks.register()
def every_platform_model_declares_owner(app_configs, **kwargs):
    from .models import BaseModel

    errors = []
    for model in apps.get_models():
        if not issubclass(model, BaseModel) or not model.__module__.startswith("spbe."):
            continue
        if "owner_field" not in {k for cls in model.__mro__ if cls is not BaseModel for k in vars(cls)}:
            errors.append(
                checks.Error(
                    f"{model._meta.label} must declare owner_field "
                    "(a path to its Agency, or None if government-wide)",
                    id="spbe.E001",
                )
            )
    return errors
