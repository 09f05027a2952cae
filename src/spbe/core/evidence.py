"""What a reviewer needs to decide a request on the spot: the record's fields, its links and its
files, with a preview for PDFs and images (core/templates/core/_evidence.html shows them)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst

from . import people
from .models import Attachment

# Files a browser may show inline: never HTML or SVG (they could run script in our origin).
PREVIEW_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}


def preview_type(name: str) -> str:
    """The inline content type for a file name ("" when it must be downloaded)."""
    return PREVIEW_TYPES.get(name.rsplit(".", 1)[-1].lower(), "") if "." in name else ""


def _links(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines if lines and all(line.startswith(("http://", "https://")) for line in lines) else []


@dataclass
class Evidence:
    url: str = ""
    rows: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    expired: bool = False


def for_target(target, user) -> Evidence:
    """The fields, links and files of the record a request is about (a constant number of queries)."""
    if target is None:
        return Evidence()
    user_model = get_user_model()
    result = Evidence(url=target.get_absolute_url() if hasattr(target, "get_absolute_url") else "")
    for model_field in target._meta.concrete_fields:
        if model_field.primary_key or model_field.name in ("version", "created_by"):
            continue
        if not model_field.editable and not isinstance(model_field, models.ForeignKey):
            continue
        value = getattr(target, model_field.name)
        if value in (None, ""):
            continue
        display = getattr(target, f"get_{model_field.name}_display", None)
        if display is not None:
            value = display()
        url = ""
        if isinstance(value, user_model):
            value = people.label(value)
        elif isinstance(model_field, models.ForeignKey) and hasattr(value, "get_absolute_url"):
            url = value.get_absolute_url()
        if isinstance(model_field, models.FileField):
            continue  # files are listed below with their preview
        if isinstance(value, str) and _links(value):
            result.links.extend(_links(value))
            continue
        result.rows.append({"label": capfirst(model_field.verbose_name), "value": value, "url": url})
    is_expired = getattr(target, "is_expired", None)
    result.expired = bool(callable(is_expired) and is_expired())
    content_type = ContentType.objects.get_for_model(target)
    for attachment in Attachment.objects.filter(content_type=content_type, object_id=target.pk):
        kind = preview_type(attachment.name)
        result.files.append(
            {
                "name": attachment.name,
                "size": attachment.size,
                "sha256": attachment.sha256,
                "url": attachment.get_absolute_url(),
                "preview": f"{attachment.get_absolute_url()}?inline=1" if kind else "",
                "is_pdf": kind == "application/pdf",
                "is_image": kind.startswith("image/"),
            }
        )
    return result
