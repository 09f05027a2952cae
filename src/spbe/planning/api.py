from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response


def agency_need_viewset(ui):
    from . import serializers, services
    from .models import RoadmapItem

    base = ui.viewset()

    class AgencyNeedViewSet(base):
        @extend_schema(request=serializers.ConsolidateSerializer, responses=ui.serializer)
        @action(detail=True, methods=["post"])
        def consolidate(self, request, pk=None):
            """Dinas Kominfo mengonsolidasikan kebutuhan ini ke kegiatan peta rencana."""
            need = self.get_object()
            if not services.may_consolidate(request.user):
                raise exceptions.PermissionDenied(services.CONSOLIDATOR_ONLY)
            payload = serializers.ConsolidateSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            item = get_object_or_404(
                RoadmapItem.objects.restrict(request.user), pk=payload.validated_data["roadmap_item"].pk
            )
            need = services.agency_need_consolidate(
                need=need, roadmap_item=item, user=request.user, note=payload.validated_data["note"]
            )
            return Response(
                ui.serializer(need, context=self.get_serializer_context()).data,
                status=status.HTTP_200_OK,
            )

    return AgencyNeedViewSet
