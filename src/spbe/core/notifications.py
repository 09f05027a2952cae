"""Tell people what needs them: in the platform (the bell) and by mail when they have an address."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

DEDUPE_DAYS = 7


def notify(users, title: str, *, url: str = "", body: str = "", key: str = "") -> int:
    """Create a notification for each user; the same key is not repeated to a user within a week."""
    from .models import Notification

    users = list({u.pk: u for u in users if u is not None and u.is_active}.values())  # each person once
    if key:
        since = timezone.now() - datetime.timedelta(days=DEDUPE_DAYS)
        already = set(
            Notification.objects.filter(key=key, created__gte=since, user__in=users).values_list(
                "user_id", flat=True
            )
        )
        users = [u for u in users if u.pk not in already]
    Notification.objects.bulk_create(
        [Notification(user=u, title=title[:200], body=body, url=url, key=key[:200]) for u in users]
    )
    recipients = [u.email for u in users if u.email]
    if recipients:
        link = f"{settings.SPBE_BASE_URL}{url}" if url else ""
        transaction.on_commit(
            lambda: send_mail(title[:200], f"{body}\n\n{link}".strip(), None, recipients, fail_silently=True)
        )
    return len(users)


def unread_count(user) -> int:
    from .models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()
