from django import forms
from django.urls import reverse
from rest_framework import serializers

from spbe.core.api.serializers import PlatformSerializer
from spbe.core.views.shell import sha256_of, validate_upload


class ApplicationSerializer(PlatformSerializer):
    # The decisions that allowed the application (approval requests), set by the workflows only;
    # shown as ids so a list costs no query per row.
    consultation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    technical_consideration = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    duplicate_decision = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)


class _OwnedThroughApplication(PlatformSerializer):
    """A record owned through its application: the create/update permission asks about the
    application's agency."""

    owner_attribute = "application"

    def owner_of(self, attrs):
        application = attrs.get(self.owner_attribute) or (
            getattr(self.instance, self.owner_attribute, None) if self.instance else None
        )
        return application.agency if application is not None else None


def _checked_upload(upload):
    try:
        validate_upload(upload)
    except forms.ValidationError as error:
        raise serializers.ValidationError(error.messages)
    return upload


class _RepositoryFile(_OwnedThroughApplication):
    """The file is written through the API but read through the repository's download view
    (which applies its access rule and records the download), never as a media URL."""

    file_attribute = "file"
    file_name = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    def get_file_name(self, obj) -> str:
        stored = getattr(obj, self.file_attribute)
        return stored.name.rsplit("/", 1)[-1] if stored else ""

    def get_download_url(self, obj) -> str:
        return reverse(f"applications:{obj._meta.model_name}_download", kwargs={"pk": obj.pk})


class ApplicationDocumentSerializer(_RepositoryFile):
    class Meta:
        extra_kwargs = {"file": {"write_only": True}}

    def validate_file(self, value):
        return _checked_upload(value)

    def validate(self, attrs):
        upload = attrs.get("file")
        attrs = super().validate(attrs)
        if upload is not None and hasattr(upload, "chunks"):
            attrs["sha256"] = sha256_of(upload)
        return attrs


class ApplicationReleaseSerializer(_RepositoryFile):
    file_attribute = "source_archive"

    class Meta:
        extra_kwargs = {"source_archive": {"write_only": True}}

    def validate_source_archive(self, value):
        return _checked_upload(value)

    def validate(self, attrs):
        upload = attrs.get("source_archive")
        attrs = super().validate(attrs)
        if upload is not None and hasattr(upload, "chunks"):
            attrs["sha256"] = sha256_of(upload)
            attrs["size"] = upload.size
        application = attrs.get("application") or (self.instance.application if self.instance else None)
        if (
            application is not None
            and not (attrs.get("copyright_holder") or "").strip()
            and not (self.instance and self.instance.copyright_holder)
        ):
            attrs["copyright_holder"] = application.agency.government.name
        return attrs


class ApplicationIntegrationSerializer(_OwnedThroughApplication):
    owner_attribute = "source"
