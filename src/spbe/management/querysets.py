"""Who may read what, beyond the platform's roles x scopes (docs/permissions.md).

Knowledge articles carry their audience (Parigi Moutong Pasal 40): an article for the owning
agency is read only inside that agency's scope and by the government-wide roles that supervise
the service desk and audit it; an article for all staff, or for the public, by every holder of
a role once it is published. Drafts and articles under review stay in the owning agency's
scope. Anonymous readers see only published public articles, through the public page
(selectors.public_articles), never through the signed-in pages or the API."""

from django.db.models import Q

from spbe.core import permissions
from spbe.core.querysets import RestrictedQuerySet

from .choices import ArticleAudience, ArticleStatus


def article_government_readers():
    from spbe.org.choices import Role

    # The ICT office runs the knowledge base and the service desk (Pasal 40 ayat (4), 42 ayat
    # (11)); the auditor checks it. Leader and coordination team read what all staff read.
    return (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.SERVICE_DESK_TIER2, Role.AUDITOR)


def agency_scope(user) -> frozenset | None:
    """Agencies the user's agency-scoped roles cover; None when a government-wide reader role
    covers every agency."""
    from spbe.org.policy import grants_for

    grants = grants_for(user)
    if any(grants.scopes.get(role, "absent") is None for role in article_government_readers()):
        return None
    covered: set[int] = set()
    for scope in grants.scopes.values():
        if scope is not None:
            covered |= scope
    return frozenset(covered)


def article_view_q(user) -> Q:
    shared = Q(
        status=ArticleStatus.PUBLISHED,
        audience__in=(ArticleAudience.STAFF, ArticleAudience.PUBLIC),
    )
    covered = agency_scope(user)
    if covered is None:
        return Q()
    return shared | Q(agency__in=covered) if covered else shared


class KnowledgeArticleQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW:
            return queryset
        return queryset.filter(article_view_q(user))


class OfArticleQuerySet(RestrictedQuerySet):
    """An article's versions are read by those who may read the article."""

    def restrict(self, user, action: str = permissions.VIEW):
        from .models import KnowledgeArticle

        queryset = super().restrict(user, action)
        if action != permissions.VIEW:
            return queryset
        return queryset.filter(article__in=KnowledgeArticle.objects.restrict(user).values("pk"))
