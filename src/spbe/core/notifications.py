"""Tell people what needs them: in the platform (the bell) and by mail when they have an address."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from . import versions

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
    versions.bump_users(UNREAD_VERSION, [u.pk for u in users])
    recipients = [u.email for u in users if u.email]
    if recipients:
        link = f"{settings.SPBE_BASE_URL}{url}" if url else ""
        transaction.on_commit(
            lambda: send_mail(title[:200], f"{body}\n\n{link}".strip(), None, recipients, fail_silently=True)
        )
    return len(users)


UNREAD_CAP = 99
UNREAD_VERSION = "core.unread"  # per user (core/versions.py)


def unread_count(user) -> int:
    """Unread notifications for the bell, counted up to UNREAD_CAP + 1 (shown "99+" beyond: the
    (user, read_at) index answers it however many have piled up), and kept in the process under
    the user's unread version, which `notify`, `mark_read` and any save or delete of one of the
    user's notifications replace."""
    from .models import Notification

    def count():
        return (
            Notification.objects.filter(user=user, read_at__isnull=True).order_by()[: UNREAD_CAP + 1].count()
        )

    return versions.get(versions.user_name(UNREAD_VERSION, user.pk), user.pk, count)


def mark_read(notifications) -> int:
    """Mark the unread ones of `notifications` (a queryset) read; the bell of each user counts anew."""
    unread = notifications.filter(read_at__isnull=True)
    users = list(unread.values_list("user_id", flat=True).distinct().order_by())
    done = unread.update(read_at=timezone.now())
    versions.bump_users(UNREAD_VERSION, users)
    return done


def notifications_changed(sender, instance, **kwargs):
    versions.bump(versions.user_name(UNREAD_VERSION, instance.user_id))
