"""The tickets API: lists and reads like every model, and POST opens a ticket through the same
service as the page (services.ticket_open): the same rules, the same Indonesian messages."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from .choices import TicketKind, TicketPriority


class TicketOpenSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TicketKind.choices, label="Jenis")
    title = serializers.CharField(max_length=200, label="Judul")
    description = serializers.CharField(label="Uraian")
    priority = serializers.ChoiceField(choices=TicketPriority.choices, default=TicketPriority.MEDIUM)
    service = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)
    requester = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Akun pelapor bila service desk mencatat atas nama pegawai lain; kosong: Anda sendiri.",
    )


def ticket_viewset(ui):
    from django.apps import apps
    from django.utils.translation import gettext as _
    from rest_framework import exceptions

    from spbe.core.errors import DomainError

    from . import services

    base = ui.viewset()

    class TicketViewSet(base):
        http_method_names = ["get", "post", "head", "options"]

        @extend_schema(request=TicketOpenSerializer, responses={201: ui.serializer})
        def create(self, request, *args, **kwargs):
            """Buka tiket: untuk PD tempat pelapor bekerja; service desk dapat mencatat atas nama pegawai."""
            payload = TicketOpenSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
            service = None
            if data.get("service"):
                service = (
                    apps.get_model("planning", "Service")
                    .objects.restrict(request.user)
                    .filter(pk=data["service"])
                    .first()
                )
                if service is None:
                    raise exceptions.ValidationError(
                        {"service": [_("Layanan SPBE itu tidak ada di katalog yang dapat Anda lihat.")]}
                    )
            requester = None
            if data.get("requester"):
                requester = get_user_model()._default_manager.filter(pk=data["requester"]).first()
                if requester is None:
                    raise exceptions.ValidationError({"requester": [_("Akun pelapor tidak ditemukan.")]})
            try:
                ticket = services.ticket_open(
                    user=request.user,
                    title=data["title"],
                    description=data["description"],
                    kind=data["kind"],
                    priority=data["priority"],
                    service=service,
                    requester=requester,
                )
            except DomainError as error:
                if error.code == "forbidden":
                    raise exceptions.PermissionDenied(error.message) from error
                raise
            body = ui.serializer(ticket, context=self.get_serializer_context()).data
            return Response(body, status=status.HTTP_201_CREATED)

    return TicketViewSet
