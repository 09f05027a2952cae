"""The allocation endpoint beside the generic API: the next free address of a block (GET) and
allocating it (POST, the ICT office only), for scripts that number hosts as they deploy them."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework import permissions as drf_permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from spbe.core.api.schema import ErrorSerializer
from spbe.core.errors import DomainError

from . import services
from .models import Prefix, Server

NextFree = inline_serializer(
    "PrefixNextFree", {"prefix": serializers.CharField(), "address": serializers.CharField(allow_null=True)}
)
Allocated = inline_serializer(
    "PrefixAllocated", {"id": serializers.IntegerField(), "address": serializers.CharField()}
)
AllocateInput = inline_serializer(
    "PrefixAllocate",
    {
        "server": serializers.IntegerField(required=False, allow_null=True),
        "dns_name": serializers.CharField(required=False, allow_blank=True, max_length=255),
        "description": serializers.CharField(required=False, allow_blank=True, max_length=300),
    },
)


class AllocateSerializer(serializers.Serializer):
    server = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)
    dns_name = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")
    description = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class PrefixNextFreeView(APIView):
    permission_classes = [drf_permissions.IsAuthenticated]

    @extend_schema(responses=NextFree, operation_id="infrastructure_prefixes_next_free")
    def get(self, request, pk: int):
        prefix = get_object_or_404(Prefix.objects.restrict(request.user), pk=pk)
        found = services.next_free_address(prefix) if prefix.status != "container" else None
        return Response({"prefix": prefix.prefix, "address": str(found) if found else None})

    @extend_schema(
        request=AllocateInput,
        responses={201: Allocated, 400: ErrorSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
        operation_id="infrastructure_prefixes_allocate_next",
    )
    def post(self, request, pk: int):
        prefix = get_object_or_404(Prefix.objects.restrict(request.user), pk=pk)
        data = AllocateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        server = None
        if data.validated_data.get("server"):
            server = Server.objects.restrict(request.user).filter(pk=data.validated_data["server"]).first()
            if server is None:
                raise exceptions.ValidationError({"server": [_("Host tidak ditemukan.")]})
        try:
            address = services.address_allocate_next(
                prefix=prefix,
                user=request.user,
                server=server,
                dns_name=data.validated_data["dns_name"],
                description=data.validated_data["description"],
            )
        except DomainError as error:
            # The API's one error shape (core/api/errors.py); a full block is a conflict (409).
            if error.code == "forbidden":
                raise exceptions.PermissionDenied(error.message) from error
            return Response(
                {"detail": error.message, "code": error.code, "errors": {}}, status=status.HTTP_409_CONFLICT
            )
        return Response({"id": address.pk, "address": address.address}, status=status.HTTP_201_CREATED)
