"""Who may read what, beyond the platform's roles x scopes (docs/permissions.md).

Tickets fail closed (they carry requesters' personal matters and agencies' problems): the
model's `restricted_view_roles` lets the policy show them only to roles scoped to the ticket's
agency and to the government-wide desk readers; the queryset adds the requester. What hangs off a
ticket (its events, the mail that opened or answered it) and the problems behind incidents are
read by those who may read the ticket (or, for a problem, its responsible agency's scope).

Knowledge articles carry their audience (Parigi Moutong Pasal 40): an article for the owning
agency is read only inside that agency's scope and by the government-wide roles that supervise
the service desk and audit it; an article for all staff, or for the public, by every holder of
a role once it is published. Drafts and articles under review stay in the owning agency's
scope. Anonymous readers see only published public articles, through the public page
(selectors.public_articles), never through the signed-in pages or the API."""

from django.db.models import Q
from django.db.models.query import EmptyQuerySet

from spbe.core import permissions
from spbe.core.querysets import RestrictedQuerySet

from .choices import ArticleAudience, ArticleStatus


def article_government_readers():
    from spbe.org.choices import Role

    # The ICT office runs the knowledge base and the service desk (Pasal 40 ayat (4), 42 ayat
    # (11)); the auditor checks it. Leader and coordination team read what all staff read.
    return (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.SERVICE_DESK_TIER2, Role.AUDITOR)


def desk_readers():
    """The government-wide roles that read every ticket and problem (models.DESK_VIEW_ROLES)."""
    from .models import DESK_VIEW_ROLES

    return DESK_VIEW_ROLES


def agency_scope(user, readers=None) -> frozenset | None:
    """Agencies the user's agency-scoped roles cover; None when a government-wide reader role
    covers every agency."""
    from spbe.org.policy import grants_for

    grants = grants_for(user)
    readers = article_government_readers() if readers is None else readers
    if any(grants.scopes.get(role, "absent") is None for role in readers):
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


def _narrowed(queryset, user) -> bool:
    """Does the fail-closed rule narrow this reader's view (an agency's staff, not a desk reader)?
    False for an empty result already (anonymous, no valid role) and for a government-wide reader."""
    return not isinstance(queryset, EmptyQuerySet) and agency_scope(user, desk_readers()) is not None


def visible_tickets(user):
    from .models import Ticket

    return Ticket.objects.restrict(user, permissions.VIEW)


class TicketQuerySet(RestrictedQuerySet):
    """The policy's fail-closed rule (Ticket.restricted_view_roles), plus the requester's own tickets
    (a requester may have moved to another agency, or work where no role covers)."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW or not _narrowed(queryset, user):
            return queryset
        return queryset | self.filter(requester_id=user.pk)


class OfTicketQuerySet(RestrictedQuerySet):
    """A ticket's events (notes, resolutions, ratings) are read by those who may read the ticket."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW or not _narrowed(queryset, user):
            return queryset
        return self.filter(ticket__in=visible_tickets(user).values("pk"))


class InboundMailQuerySet(RestrictedQuerySet):
    """The mail log's own rule (InboundMail.restricted_view_roles), and a message that opened or
    answered a ticket only for those who may read that ticket."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW or not _narrowed(queryset, user):
            return queryset
        return queryset.filter(Q(ticket__isnull=True) | Q(ticket__in=visible_tickets(user).values("pk")))


class ProblemQuerySet(RestrictedQuerySet):
    """Problems fail closed like tickets (Problem.restricted_view_roles: the responsible agency's
    scope and the desk readers), and a problem is also read by whoever may read an incident linked
    to it: the known error's workaround is what the incident's handlers and requester need."""

    def restrict(self, user, action: str = permissions.VIEW):
        queryset = super().restrict(user, action)
        if action != permissions.VIEW or not _narrowed(queryset, user):
            return queryset
        linked = visible_tickets(user).filter(problem__isnull=False).values("problem_id")
        return queryset | self.filter(pk__in=linked)
