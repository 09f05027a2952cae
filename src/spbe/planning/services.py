"""Planning workflows: the ICT office consolidates the agencies' ICT needs into the roadmap
(Sigi Pasal 3 ayat (3), Kutai Barat Pasal 5 ayat (3))."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import audit, permissions
from spbe.core.errors import DomainError
from spbe.org.choices import Role

from .choices import NeedStatus
from .models import AgencyNeed, RoadmapItem

# Who consolidates: the ICT office (Dinas Kominfo), government-wide.
CONSOLIDATOR_ROLE = Role.ICT_ADMIN


CONSOLIDATE = permissions.register_action(
    permissions.Action(
        "planning.consolidate",
        gettext_lazy("Mengonsolidasikan kebutuhan TIK PD ke peta rencana"),
        roles=(CONSOLIDATOR_ROLE,),
        scope=permissions.GOVERNMENT,
        who=gettext_lazy("Admin Dinas Kominfo (seluruh pemda)."),
    )
)


def may_consolidate(user) -> bool:
    return permissions.may(user, CONSOLIDATE.name)


CONSOLIDATOR_ONLY = gettext_lazy(
    "Hanya Dinas Kominfo (peran Admin Dinas Kominfo) yang mengonsolidasikan kebutuhan TIK PD."
)


def _require_ict_office(user) -> None:
    if not may_consolidate(user):
        raise DomainError(str(CONSOLIDATOR_ONLY), code="forbidden")


def _locked(need: AgencyNeed) -> AgencyNeed:
    return (
        AgencyNeed.objects.select_for_update(of=("self",))
        .select_related("agency", "roadmap_item")
        .get(pk=need.pk)
    )


def agency_need_consolidate(
    *, need: AgencyNeed, roadmap_item: RoadmapItem, user, note: str = ""
) -> AgencyNeed:
    """Take an agency's ICT need into a roadmap activity (ICT office only)."""
    _require_ict_office(user)
    with transaction.atomic():
        need = _locked(need)
        if need.status == NeedStatus.CONSOLIDATED:
            raise DomainError(
                _("Kebutuhan ini sudah dikonsolidasikan ke %(item)s.") % {"item": need.roadmap_item}
            )
        if need.status == NeedStatus.REJECTED:
            raise DomainError(_("Kebutuhan ini sudah dinyatakan tidak disetujui."))
        item = RoadmapItem.objects.select_related("roadmap").get(pk=roadmap_item.pk)
        if item.roadmap.government_id != need.agency.government_id:
            raise DomainError(_("Kegiatan peta rencana harus milik pemerintah daerah yang sama."))
        need.status = NeedStatus.CONSOLIDATED
        need.roadmap_item = item
        need.ict_office_note = (note or "").strip()
        need.version += 1
        need.save()
        audit.record_event(
            "planning.need.consolidated",
            need,
            message=_("Dikonsolidasikan ke %(item)s.") % {"item": item}
            + (f" {need.ict_office_note}" if note else ""),
        )
    return need


def _set_aside(need: AgencyNeed, *, status: str, user, note: str, code: str) -> AgencyNeed:
    _require_ict_office(user)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Alasan wajib diisi agar PD tahu tindak lanjutnya."))
    with transaction.atomic():
        need = _locked(need)
        if need.status == NeedStatus.CONSOLIDATED:
            raise DomainError(
                _("Kebutuhan ini sudah dikonsolidasikan ke %(item)s.") % {"item": need.roadmap_item}
            )
        need.status = status
        need.ict_office_note = note
        need.version += 1
        need.save()
        audit.record_event(code, need, message=note)
    return need


def agency_need_defer(*, need: AgencyNeed, user, note: str) -> AgencyNeed:
    """Postpone a need to a later planning cycle (ICT office only, with the reason)."""
    return _set_aside(need, status=NeedStatus.DEFERRED, user=user, note=note, code="planning.need.deferred")


def agency_need_reject(*, need: AgencyNeed, user, note: str) -> AgencyNeed:
    """Decline a need (ICT office only, with the reason)."""
    return _set_aside(need, status=NeedStatus.REJECTED, user=user, note=note, code="planning.need.rejected")
