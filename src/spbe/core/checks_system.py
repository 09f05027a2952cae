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


@checks.register(checks.Tags.security)
def signing_hsm_is_usable(app_configs, **kwargs):
    """A deployment that names an HSM gets told at `spbe check` why it cannot sign, not at the first
    letter. Opens the token once (a login) only when PKCS#11 settings are given."""
    from . import signing

    config = signing.hsm_config()
    if config is None:
        return []
    problems = signing.hsm_config_problems()
    if problems:
        return [
            checks.Error(
                "Pengaturan HSM penanda tangan (PKCS#11) belum lengkap: " + " ".join(problems),
                hint="Lihat docs/operations.md, bagian Tanda tangan dokumen.",
                id="spbe.E010",
            )
        ]
    try:
        session, signer = signing.open_hsm(config)
    except signing.SigningUnavailable as error:
        return [
            checks.Error(
                str(error), hint="Lihat docs/operations.md, bagian Tanda tangan dokumen.", id="spbe.E011"
            )
        ]
    session.close()
    return []
