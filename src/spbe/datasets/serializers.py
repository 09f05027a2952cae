from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from spbe.core.api.serializers import PlatformSerializer

from .models import Dataset

CLASSIFICATION_BY_DECISION = _(
    "Klasifikasi tidak diubah di sini: walidata menetapkannya lewat keputusan klasifikasi dengan alasan "
    "dari kebijakan klasifikasi (tab Klasifikasi atau Tahapan dataset)."
)


class DatasetSerializer(PlatformSerializer):
    """A dataset's classification follows its classification decision: a request that would
    change it is refused (not silently ignored), one that sends it back unchanged is accepted."""

    def to_internal_value(self, data):
        # Before the other fields' checks, so the refusal is named even when they fail too.
        sent = data.get("classification") if hasattr(data, "get") else None
        if sent not in (None, ""):
            current = self.instance.classification if self.instance is not None else None
            if current is None:
                current = Dataset._meta.get_field("classification").default
            if sent != current:
                raise serializers.ValidationError({"classification": [CLASSIFICATION_BY_DECISION]})
        return super().to_internal_value(data)
