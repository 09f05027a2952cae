"""The OpenAPI schema says what the API answers (docs/openapi.yaml, `make schema`).

- A relation reads as a brief object {"id", "display"} and is written as an id
  (BriefRelatedField); the schema says both, per direction.
- Every operation lists the error answers it can give, each with the one error body of the
  API (core/api/errors.py): 400 invalid input (body, filter, ordering, page size, cursor),
  401 no or bad token, 403 not allowed, 404 not found or not visible, 409 stale version or
  protected record, 429 rate limited (where the view throttles).
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers
from rest_framework.permissions import AllowAny

BRIEF = {
    "type": "object",
    "description": "Data yang dirujuk: id dan teks tampilannya.",
    "properties": {
        "id": {"type": "integer", "readOnly": True},
        "display": {"type": "string", "readOnly": True},
    },
    "required": ["id", "display"],
}


class BriefRelatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "spbe.core.api.serializers.BriefRelatedField"

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {**build_basic_type(OpenApiTypes.INT), "description": "Id data yang dirujuk."}
        return dict(BRIEF)


class ErrorSerializer(serializers.Serializer):
    """The error body of every API answer that is not a success."""

    detail = serializers.CharField(help_text="Pesan untuk pengguna, dalam bahasa Indonesia.")
    code = serializers.CharField(help_text="Kode kesalahan, mis. `invalid`, `conflict`, `not_found`.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Kesalahan per isian atau parameter (kosong bila tidak ada): {nama: [pesan]}.",
    )

    class Meta:
        ref_name = "Error"


ERRORS = {
    400: "Masukan tidak valid (isi, saringan, urutan, ukuran halaman atau kursor); tidak ada yang diubah.",
    401: "Tanpa token atau token tidak valid.",
    403: "Tidak berwenang untuk tindakan ini.",
    404: "Tidak ditemukan, atau tidak dapat Anda lihat.",
    409: "Data telah diubah orang lain (versi kedaluwarsa) atau masih dipakai data lain; tidak ada yang diubah.",
    429: "Terlalu banyak permintaan; coba lagi nanti.",
}


class PlatformAutoSchema(AutoSchema):
    def error_codes(self) -> list[int]:
        action = getattr(self.view, "action", None)
        detail = "{" in self.path
        codes = []
        if self.method in ("POST", "PUT", "PATCH") or action == "list":
            codes.append(400)
        if not all(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            codes += [401, 403]
        if detail:
            codes.append(404)
        if self.method in ("PUT", "PATCH", "DELETE") and detail:
            codes.append(409)
        if self.view.get_throttles():
            codes.append(429)
        return codes

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        # Added here rather than in get_response_serializers, which @extend_schema overrides.
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        content = {media_type: {"schema": error} for media_type in self.map_renderers("media_type")}
        responses = operation.setdefault("responses", {})
        for code in self.error_codes():
            responses.setdefault(str(code), {"content": content, "description": ERRORS[code]})
        operation["responses"] = dict(sorted(responses.items()))
        return operation


def blank_is_anyof(result, generator, request, public):
    """A text field with a format that may also be blank (e-mail, URL) is described by
    drf-spectacular as oneOf [formatted string, empty string]; for a validator that does not
    check the format, "" matches both and so neither. anyOf says what the API means."""

    def walk(node):
        if isinstance(node, dict):
            alternatives = node.get("oneOf")
            if isinstance(alternatives, list) and {"type": "string", "maxLength": 0} in alternatives:
                node["anyOf"] = node.pop("oneOf")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
