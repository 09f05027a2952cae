from django.urls import path

from .views import account, shell, signing, verification, workflow

app_name = "core"

urlpatterns = [
    path("search/", shell.search, name="search"),
    # Public: anyone checks a document the platform issued (core/views/verification.py).
    path("verifikasi/", verification.verify, name="verify"),
    path("verifikasi/<str:code>/", verification.verify_code, name="verify_code"),
    path("verifikasi/<str:code>/salinan.pdf", verification.registered_copy, name="verify_copy"),
    path("signing/", signing.signing_key, name="signing_key"),
    path("approvals/", workflow.approval_inbox, name="approvals"),
    path("approvals/<int:pk>/", workflow.approval_detail, name="approval_detail"),
    path("notifications/", workflow.notification_list, name="notifications"),
    path("account/tokens/", account.api_tokens, name="api_tokens"),
    path("attachments/<int:pk>/", shell.attachment_download, name="attachment_download"),
    path(
        "attachments/add/<int:content_type_id>/<int:object_id>/", shell.attachment_add, name="attachment_add"
    ),
]
