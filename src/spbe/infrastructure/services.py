"""Infrastructure rules and workflows. Every entry point reaches them: the models' clean() asks
`prefix_refusal` / `address_refusal` (so pages, the API and imports refuse the same overlap or
duplicate with the same Indonesian message), and allocation ("next free") runs here under a lock
on the containing prefix, with the database's unique constraint as the last guard.

Workflows through the one approval mechanism (core/approvals.py):
- an agency's request for an address block, allocated by the ICT office (Pangkep Pasal 9 ayat (2);
  Bengkulu Tengah Pasal 5): on approval the next free block of the asked length is allocated;
- a subdomain, granted by whoever the regulation profile names (`subdomain_grantor`: the head of
  the ICT office, a decree of the head of region, or the ICT office; Pangkep Pasal 14 ayat (4),
  Bengkulu Tengah Pasal 9 ayat (4), Parigi Moutong Pasal 26 ayat (4)); a separate domain for a
  special purpose needs the Sekda's permission through the ICT office (Pangkep Pasal 30 ayat (2));
- the ICT office's recommendation before an agency buys or replaces a device (Sigi Pasal 14 ayat
  (5)-(6); Kutai Barat Pasal 16 ayat (5)).
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, permissions
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalRequest, ApprovalStatus

from . import ipnum
from .choices import (
    AssetCategory,
    AssetCondition,
    AssetStatus,
    BackupFrequency,
    DomainKind,
    DomainStatus,
    PrefixStatus,
    RunResult,
)
from .models import (
    AddressRequest,
    Asset,
    AssetReport,
    BackupPlan,
    BackupRun,
    Domain,
    IPAddress,
    Prefix,
    RestoreTest,
)

ALLOCATE = "infrastructure.allocate"
MIN_NOTE = 10


def may_allocate(user) -> bool:
    return permissions.may(user, ALLOCATE)


def _holder(agency) -> str:
    return agency.short_name or agency.name if agency is not None else _("Dinas Kominfo (belum dialokasikan)")


# --- Overlap and duplicate refusal ------------------------------------------------------------


def overlapping_prefixes(family: int, first_key: str, last_key: str, exclude_pk=None):
    qs = Prefix._base_manager.filter(family=family, first_key__lte=last_key, last_key__gte=first_key)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("assigned_to")


def prefix_refusal(prefix: Prefix) -> str:
    """Why this prefix may not be recorded ("" when it may): the same block twice, or a block that
    overlaps another allocated block (a block may sit only inside a container, never inside or
    around another allocated block)."""
    others = list(overlapping_prefixes(prefix.family, prefix.first_key, prefix.last_key, prefix.pk))
    for other in others:
        if other.first_key == prefix.first_key and other.length == prefix.length:
            return _(
                "Prefiks %(prefix)s sudah tercatat (dialokasikan ke %(holder)s); prefiks yang sama tidak boleh dicatat dua kali."
            ) % {
                "prefix": prefix.prefix,
                "holder": _holder(other.assigned_to),
            }
    for other in others:
        inside_other = other.length < prefix.length
        if inside_other and other.status == PrefixStatus.CONTAINER:
            continue  # a block inside a container is what containers are for
        if not inside_other and prefix.status == PrefixStatus.CONTAINER:
            continue  # a container may hold recorded blocks
        return _(
            'Prefiks %(prefix)s tumpang tindih dengan %(other)s yang dialokasikan ke %(holder)s; pilih blok lain (lihat "blok bebas berikutnya").'
        ) % {
            "prefix": prefix.prefix,
            "other": other.prefix,
            "holder": _holder(other.assigned_to),
        }
    return ""


# Whether an address is held, and which non-container blocks begin or end at it, in one query.
# Written out rather than built with the ORM: every address create asks it, and composing the two
# querysets and their union cost more than running them.
_REFUSAL_SQL = """
SELECT id, NULL FROM {addresses} WHERE family = %s AND key = %s AND id <> %s
UNION ALL
SELECT NULL, prefix FROM {prefixes}
WHERE family = %s AND (first_key = %s OR last_key = %s) AND status <> %s
"""


def address_refusal(address: IPAddress) -> str:
    """Why this address may not be recorded ("" when it may): it is already allocated, or it is the
    network or broadcast address of a recorded block.

    Every create asks this, so the usual answer ("it may") costs one round trip returning no row:
    whether the address is held, and which non-container blocks begin or end at it (any other
    block holds it as a host number), asked together. The holder is loaded only when there is one."""
    quote = connection.ops.quote_name
    sql = _REFUSAL_SQL.format(
        addresses=quote(IPAddress._meta.db_table), prefixes=quote(Prefix._meta.db_table)
    )
    family, key = address.family, address.key
    with connection.cursor() as cursor:
        # A new address has no id yet: 0 is no record's (ids start at 1).
        cursor.execute(sql, [family, key, address.pk or 0, family, key, key, PrefixStatus.CONTAINER])
        rows = cursor.fetchall()
    holder_pk = next((pk for pk, _prefix in rows if pk is not None), None)
    if holder_pk is not None:
        holder = IPAddress._base_manager.select_related("assigned_to", "server").get(pk=holder_pk)
        whom = holder.server.name if holder.server_id else _holder(holder.assigned_to)
        return _(
            "Alamat %(address)s sudah dialokasikan ke %(holder)s; satu alamat tidak boleh diberikan dua kali."
        ) % {
            "address": address.address,
            "holder": whom,
        }
    number = ipnum.number(address.key)
    # In the order blocks are listed (by length, then address), so the message is stable.
    blocks = sorted((ipnum.parse_network(prefix) for _pk, prefix in rows), key=lambda n: (n.prefixlen, n))
    for network in blocks:
        low, high = ipnum.usable_range(network)
        if not low <= number <= high:
            return _("Alamat %(address)s adalah alamat jaringan atau broadcast prefiks %(prefix)s.") % {
                "address": address.address,
                "prefix": str(network),
            }
    return ""


# --- Next free and allocation ----------------------------------------------------------------


def _used_ranges(prefix: Prefix) -> list[tuple[int, int]]:
    rows = (
        Prefix._base_manager.filter(
            family=prefix.family,
            first_key__gte=prefix.first_key,
            last_key__lte=prefix.last_key,
            length__gt=prefix.length,
        )
        .order_by("first_key")
        .values_list("first_key", "last_key")
    )
    return [(ipnum.number(a), ipnum.number(b)) for a, b in rows]


def next_free_prefix(container: Prefix, length: int):
    """The first free block of `length` inside `container` (an ip_network), or None."""
    if length <= container.length or length > container.network.max_prefixlen:
        return None
    size = 1 << (container.network.max_prefixlen - length)
    first = ipnum.first_gap(
        ipnum.number(container.first_key), ipnum.number(container.last_key), _used_ranges(container), size
    )
    if first is None:
        return None
    import ipaddress

    return ipaddress.ip_network((first, length))


# The first free number of an IPv4 block in one statement (PostgreSQL): the held numbers in key
# order, with the number before the first usable one as a sentinel; the first row whose successor
# is not the next number ends a run, and one past it is free. Keys are hexadecimal: the last eight
# digits are the IPv4 number.
_NEXT_FREE_V4_SQL = """
SELECT n + 1 FROM (
    SELECT n, lead(n) OVER (ORDER BY n) AS following FROM (
        SELECT %s::bigint AS n
        UNION ALL
        SELECT ('x' || right(key, 8))::bit(32)::bigint FROM {table}
        WHERE family = 4 AND key >= %s AND key <= %s
    ) held
) runs
WHERE following IS NULL OR following > n + 1
ORDER BY n
LIMIT 1
"""


def next_free_address(prefix: Prefix):
    """The first address of `prefix` that nobody holds (an ip_address), or None when it is full.
    On PostgreSQL an IPv4 block's gap is found by the database in one query; otherwise the
    block's addresses are read in key order from the index up to the first gap."""
    import ipaddress

    low, high = ipnum.usable_range(prefix.network)
    if prefix.family == 4 and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _NEXT_FREE_V4_SQL.format(table=connection.ops.quote_name(IPAddress._meta.db_table)),
                [low - 1, ipnum.key(low), ipnum.key(high)],
            )
            found = cursor.fetchone()[0]
        return ipaddress.ip_address(found) if found <= high else None
    cursor = low
    keys = (
        IPAddress._base_manager.filter(
            family=prefix.family, key__gte=ipnum.key(low), key__lte=ipnum.key(high)
        )
        .order_by("key")
        .values_list("key", flat=True)
    )
    for taken in keys.iterator(chunk_size=2000):
        number = ipnum.number(taken)
        if number > cursor:
            break
        cursor = number + 1
    return ipaddress.ip_address(cursor) if cursor <= high else None


def _require_allocator(user) -> None:
    if user is not None and not may_allocate(user):
        raise DomainError(
            _("Hanya Dinas Kominfo yang berwenang menomori dan mengalokasikan alamat IP."), code="forbidden"
        )


def _lock(prefix: Prefix) -> Prefix:
    # The block's holder comes in the same read (it becomes the address's agency); only the
    # block's row is locked.
    return (
        Prefix._base_manager.select_for_update(of=("self",)).select_related("assigned_to").get(pk=prefix.pk)
    )


def address_allocate_next(
    *, prefix: Prefix, user, agency=None, server=None, dns_name: str = "", description: str = ""
) -> IPAddress:
    """Allocate the next free address of `prefix`. Two clients at once never get the same
    address: the block's row is locked for the transaction (PostgreSQL), writes are serialised
    (SQLite), and the unique key refuses what slips through."""
    _require_allocator(user)
    if prefix.status == PrefixStatus.CONTAINER:
        raise DomainError(_("Blok induk tidak dibagi per alamat: alokasikan dulu blok untuk PD."))
    for _attempt in range(3):
        try:
            # The address's creation and its allocation are chained in the audit trail in one step.
            with transaction.atomic(), audit.deferred():
                locked = _lock(prefix)
                if agency is None:
                    agency = server.agency if server is not None else locked.assigned_to
                found = next_free_address(locked)
                if found is None:
                    raise DomainError(_("Prefiks %(prefix)s sudah penuh.") % {"prefix": locked.prefix})
                address = IPAddress(
                    address=str(found),
                    assigned_to=agency,
                    server=server,
                    dns_name=dns_name,
                    description=description,
                    created_by=user if getattr(user, "is_authenticated", False) else None,
                )
                address.full_clean()
                address.save()
                audit.record_event("infrastructure.address.allocated", address, message=locked.prefix)
                return address
        except IntegrityError:
            continue
    raise DomainError(_("Alamat bebas sedang diambil permintaan lain; coba lagi."))


def prefix_allocate_next(*, container: Prefix, length: int, agency, user, description: str = "") -> Prefix:
    """Allocate the next free block of `length` inside `container` to `agency`."""
    _require_allocator(user)
    if container.status != PrefixStatus.CONTAINER:
        raise DomainError(_("Blok baru dialokasikan dari blok induk."))
    with transaction.atomic(), audit.deferred():
        locked = _lock(container)
        network = next_free_prefix(locked, length)
        if network is None:
            raise DomainError(
                _("Tidak ada blok /%(length)d yang bebas di %(prefix)s.")
                % {"length": length, "prefix": locked.prefix}
            )
        block = Prefix(
            prefix=str(network),
            status=PrefixStatus.ACTIVE,
            assigned_to=agency,
            description=description,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        block.full_clean()
        block.save()
        audit.record_event("infrastructure.prefix.allocated", block, message=locked.prefix)
    return block


def utilisation(prefix: Prefix, used: int | None = None) -> dict:
    """How full a block is: addresses held over usable addresses (a container: the share of its
    space covered by recorded blocks)."""
    if prefix.status == PrefixStatus.CONTAINER:
        total = ipnum.number(prefix.last_key) - ipnum.number(prefix.first_key) + 1
        covered, end = 0, -1
        for low, high in _used_ranges(prefix):
            if high > end:
                covered += high - max(low, end + 1) + 1
                end = high
        return {"used": covered, "size": total, "percent": round(100 * covered / total, 1) if total else 0}
    size = prefix.size
    if used is None:
        low, high = ipnum.usable_range(prefix.network)
        used = IPAddress._base_manager.filter(
            family=prefix.family, key__gte=ipnum.key(low), key__lte=ipnum.key(high)
        ).count()
    return {"used": used, "size": size, "percent": round(100 * used / size, 1) if size else 0}


# --- Address block requests --------------------------------------------------------------------

ICT_OFFICE_STEP = approvals.ApprovalStep(role="ict_admin", label=gettext_lazy("Dinas Kominfo"))


def _decision_reason(request: ApprovalRequest) -> str:
    decision = request.decisions.order_by("-decided_at", "-pk").first()
    return decision.reason if decision else ""


def default_container(family: int = 4):
    """The private container blocks are allocated from when the request names none."""
    return (
        Prefix._base_manager.filter(status=PrefixStatus.CONTAINER, family=family, scope="private")
        .order_by("length", "first_key")
        .first()
    )


def _address_block_granted(request: ApprovalRequest) -> None:
    wanted = AddressRequest._base_manager.select_for_update().get(pk=request.object_id)
    container = wanted.container or default_container()
    if container is None:
        raise DomainError(_("Belum ada blok induk untuk mengalokasikan permohonan ini."))
    decider = request.decisions.order_by("-decided_at", "-pk").first()
    block = prefix_allocate_next(
        container=container,
        length=wanted.length,
        agency=wanted.agency,
        user=decider.decider if decider else None,
        description=wanted.purpose[:300],
    )
    wanted.allocated = block
    wanted.decision = request
    wanted.version += 1
    wanted.save()
    audit.record_event("infrastructure.address_request.granted", wanted, message=block.prefix)


def _address_block_refused(request: ApprovalRequest) -> None:
    wanted = AddressRequest._base_manager.get(pk=request.object_id)
    audit.record_event("infrastructure.address_request.refused", wanted, message=_decision_reason(request))


ADDRESS_BLOCK_FLOW = approvals.ApprovalFlow(
    kind="infrastructure.address_block",
    label=gettext_lazy("Alokasi blok alamat IP"),
    steps=(ICT_OFFICE_STEP,),
    on_approved=_address_block_granted,
    on_rejected=_address_block_refused,
)


def _check_note(record, user, note: str) -> str:
    if not permissions.can(user, record, permissions.CHANGE):
        raise DomainError(
            _("Hanya admin atau kepala PD pemilik yang dapat mengajukan permohonan ini."), code="forbidden"
        )
    note = (note or "").strip()
    if len(note) < MIN_NOTE:
        raise DomainError(_("Jelaskan permohonan Anda (paling sedikit %(n)d huruf).") % {"n": MIN_NOTE})
    return note


def address_request_lock(request: AddressRequest) -> str:
    """Why a stored request may no longer be changed or deleted ("" when it may): it is allocated,
    approved, or waiting for the ICT office's decision. Read from the database, so every entry
    point (page, API, import) refuses the same edit with the same message; a request returned for
    correction may be fixed and resubmitted."""
    if request.pk is None:
        return ""
    allocated = (
        AddressRequest._base_manager.filter(pk=request.pk, allocated__isnull=False)
        .values_list("allocated__prefix", flat=True)
        .first()
    )
    if allocated:
        return _(
            "Permohonan ini sudah dialokasikan (blok %(prefix)s) dan dikunci: isinya tidak dapat diubah atau dihapus. Ajukan permohonan baru bila memerlukan blok lain."
        ) % {"prefix": allocated}
    statuses = set(
        ApprovalRequest._base_manager.filter(
            content_type=ContentType.objects.get_for_model(AddressRequest), object_id=request.pk
        ).values_list("status", flat=True)
    )
    if ApprovalStatus.APPROVED in statuses:
        return _(
            "Permohonan ini sudah disetujui Dinas Kominfo dan dikunci: isinya tidak dapat diubah atau dihapus."
        )
    if ApprovalStatus.PENDING in statuses:
        return _(
            "Permohonan ini sedang menunggu keputusan Dinas Kominfo dan dikunci sampai diputus; bila dikembalikan untuk diperbaiki, isinya dapat diubah lagi."
        )
    return ""


def address_request_submit(*, request: AddressRequest, user, note: str) -> ApprovalRequest:
    note = _check_note(request, user, note)
    if request.allocated_id:
        raise DomainError(_("Permohonan ini sudah dialokasikan."))
    with transaction.atomic():
        approval = approvals.approval_submit(
            target=request, kind=ADDRESS_BLOCK_FLOW.kind, user=user, agency=request.agency, note=note
        )
        audit.record_event("infrastructure.address_request.submitted", request, message=note)
    return approval


# --- Domains -----------------------------------------------------------------------------------

GRANTOR_STEPS = {
    "ict_office_head": approvals.ApprovalStep(role="ict_admin", label=gettext_lazy("Kepala Dinas Kominfo")),
    "ict_office": ICT_OFFICE_STEP,
    "leader_decree": approvals.ApprovalStep(role="leader", label=gettext_lazy("Keputusan kepala daerah")),
    "unspecified": ICT_OFFICE_STEP,
}
SEKDA_STEP = approvals.ApprovalStep(role="leader", label=gettext_lazy("Izin Sekretaris Daerah"))


def profile(agency) -> dict:
    from spbe.compliance.selectors import profile_parameters

    return profile_parameters(agency.government)


def official_domain(agency) -> str:
    """The domain the regulation names (profile parameter `official_domain`), else the government's."""
    return str(profile(agency).get("official_domain") or agency.government.domain or "").lower()


def _domain_granted(request: ApprovalRequest) -> None:
    domain = Domain._base_manager.select_for_update().get(pk=request.object_id)
    domain.status = DomainStatus.GRANTED
    domain.decision = request
    domain.version += 1
    domain.save()
    audit.record_event("infrastructure.domain.granted", domain, message=_decision_reason(request))


def _domain_refused(request: ApprovalRequest) -> None:
    domain = Domain._base_manager.select_for_update().get(pk=request.object_id)
    domain.status = DomainStatus.REFUSED
    domain.version += 1
    domain.save()
    audit.record_event("infrastructure.domain.refused", domain, message=_decision_reason(request))


def _domain_flow(grantor: str) -> approvals.ApprovalFlow:
    return approvals.ApprovalFlow(
        kind=f"infrastructure.domain.{grantor}",
        label=gettext_lazy("Penetapan subdomain"),
        steps=(GRANTOR_STEPS[grantor],),
        on_approved=_domain_granted,
        on_rejected=_domain_refused,
    )


DOMAIN_FLOWS = {grantor: _domain_flow(grantor) for grantor in GRANTOR_STEPS}
SPECIAL_DOMAIN_FLOW = approvals.ApprovalFlow(
    kind="infrastructure.domain.special",
    label=gettext_lazy("Izin domain terpisah untuk keperluan khusus"),
    steps=(ICT_OFFICE_STEP, SEKDA_STEP),
    on_approved=_domain_granted,
    on_rejected=_domain_refused,
)


def domain_flow(domain: Domain) -> approvals.ApprovalFlow:
    if domain.kind == DomainKind.SPECIAL:
        return SPECIAL_DOMAIN_FLOW
    grantor = str(profile(domain.agency).get("subdomain_grantor") or "unspecified")
    return DOMAIN_FLOWS.get(grantor, DOMAIN_FLOWS["unspecified"])


def domain_request_submit(*, domain: Domain, user, note: str) -> ApprovalRequest:
    note = _check_note(domain, user, note)
    if domain.status == DomainStatus.GRANTED:
        raise DomainError(_("Domain ini sudah ditetapkan."))
    flow = domain_flow(domain)
    with transaction.atomic():
        approval = approvals.approval_submit(
            target=domain, kind=flow.kind, user=user, agency=domain.agency, note=note
        )
        audit.record_event("infrastructure.domain.requested", domain, message=note)
    return approval


# --- Decisions on bandwidth and access -----------------------------------------------------------


def decision_refusal(record) -> str:
    """Why this decision may not be saved ("" when it may). A recorded decision keeps what it
    decided (only its notes change): a change is a new decision, which here is linked to the
    decision it replaces, the latest one of the same agency (and link), so the history is never
    overwritten. Read from the database: the page, the API and imports refuse alike."""
    model = type(record)
    if record.pk is not None:
        stored = model._base_manager.filter(pk=record.pk).first()
        if stored is None:
            return ""
        changed = [
            str(model._meta.get_field(name).verbose_name)
            for name in record.decided_fields
            if getattr(stored, model._meta.get_field(name).attname)
            != getattr(record, model._meta.get_field(name).attname)
        ]
        if changed:
            return _(
                "Keputusan yang sudah tercatat tidak diubah (%(fields)s). Catat keputusan baru yang menggantikannya; keputusan ini tetap tersimpan dalam riwayat."
            ) % {"fields": ", ".join(changed)}
        return ""
    previous = (
        model._base_manager.filter(**record.chain(), replaced_by__isnull=True)
        .order_by("-effective_from", "-pk")
        .first()
    )
    if previous is not None and record.effective_from and record.effective_from < previous.effective_from:
        return _(
            "Keputusan %(number)s yang berlaku mulai %(date)s sudah tercatat; keputusan penggantinya tidak boleh berlaku lebih awal."
        ) % {"number": previous.decision_number, "date": previous.effective_from.strftime("%d-%m-%Y")}
    record.replaces = previous
    return ""


def bandwidth_in_force(agency, on=None) -> list:
    """The allocations in force for an agency today: the latest started decision of each link."""
    from .models import BandwidthAllocation

    on = on or timezone.localdate()
    found = {}
    for allocation in (
        BandwidthAllocation._base_manager.filter(agency=agency, effective_from__lte=on)
        .select_related("wan_link")
        .order_by("-effective_from", "-pk")
    ):
        found.setdefault(allocation.wan_link_id, allocation)
    return list(found.values())


def access_policy_in_force(agency, on=None):
    """The access policy that applies to an agency today: its own latest started decision, else
    the latest government-wide one; None when neither is recorded."""
    from .models import AccessPolicy

    on = on or timezone.localdate()
    started = AccessPolicy._base_manager.filter(effective_from__lte=on).order_by("-effective_from", "-pk")
    own = started.filter(agency=agency).first()
    if own is not None:
        return own
    return started.filter(agency__isnull=True).first()


# --- Bandwidth requests --------------------------------------------------------------------------


def _approval_statuses(record) -> set:
    return set(
        ApprovalRequest._base_manager.filter(
            content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
        ).values_list("status", flat=True)
    )


def bandwidth_request_lock(request) -> str:
    """Why a stored bandwidth request may no longer be changed or deleted ("" when it may): its
    allocation is recorded, it is approved, or it waits for the ICT office's decision. Read from
    the database so the page, the API and deletion refuse alike; a returned request may be fixed."""
    from .models import BandwidthRequest

    if request.pk is None:
        return ""
    number = (
        BandwidthRequest._base_manager.filter(pk=request.pk, allocation__isnull=False)
        .values_list("allocation__decision_number", flat=True)
        .first()
    )
    if number:
        return _(
            "Permohonan ini sudah ditetapkan sebagai alokasi bandwidth (%(number)s) dan dikunci: isinya tidak dapat diubah atau dihapus. Ajukan permohonan baru bila kebutuhan berubah."
        ) % {"number": number}
    statuses = _approval_statuses(request)
    if ApprovalStatus.APPROVED in statuses:
        return _(
            "Permohonan ini sudah disetujui Dinas Kominfo dan dikunci: isinya tidak dapat diubah atau dihapus."
        )
    if ApprovalStatus.PENDING in statuses:
        return _(
            "Permohonan ini sedang menunggu keputusan Dinas Kominfo dan dikunci sampai diputus; bila dikembalikan untuk diperbaiki, isinya dapat diubah lagi."
        )
    return ""


def _bandwidth_granted(approval: ApprovalRequest) -> None:
    """The approval is the decision: the allocation it produces cites it and, through clean(),
    replaces the agency's latest allocation on the same link (which stays in the history)."""
    from django.core.exceptions import ValidationError

    from .models import BandwidthAllocation, BandwidthRequest

    wanted = BandwidthRequest._base_manager.select_for_update().get(pk=approval.object_id)
    decision = approval.decisions.select_related("decider").order_by("-decided_at", "-pk").first()
    today = timezone.localdate()
    decider = decision.decider if decision else None
    name = (decider.get_full_name() or decider.get_username()) if decider else ""
    period = wanted.starts_on.strftime("%d-%m-%Y")
    if wanted.ends_on:
        period += " s.d. " + wanted.ends_on.strftime("%d-%m-%Y")
    allocation = BandwidthAllocation(
        agency_id=wanted.agency_id,
        wan_link_id=wanted.wan_link_id,
        download_mbps=wanted.download_mbps,
        upload_mbps=wanted.upload_mbps,
        effective_from=max(wanted.starts_on, today),
        decision_number=_("Persetujuan SPBE No. %(number)d") % {"number": approval.pk},
        decision_date=today,
        decided_by=(_("%(name)s, Dinas Kominfo") % {"name": name})[:200] if name else _("Dinas Kominfo"),
        notes=_("Permohonan PD (periode %(period)s): %(reason)s")
        % {"period": period, "reason": wanted.reason},
    )
    try:
        allocation.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    allocation.save()
    wanted.allocation = allocation
    wanted.decision = approval
    wanted.version += 1
    wanted.save()
    audit.record_event("infrastructure.bandwidth_request.granted", wanted, message=allocation.decision_number)


def _bandwidth_refused(approval: ApprovalRequest) -> None:
    from .models import BandwidthRequest

    wanted = BandwidthRequest._base_manager.get(pk=approval.object_id)
    audit.record_event("infrastructure.bandwidth_request.refused", wanted, message=_decision_reason(approval))


BANDWIDTH_FLOW = approvals.ApprovalFlow(
    kind="infrastructure.bandwidth",
    label=gettext_lazy("Permohonan bandwidth"),
    steps=(ICT_OFFICE_STEP,),
    on_approved=_bandwidth_granted,
    on_rejected=_bandwidth_refused,
)


def bandwidth_request_submit(*, request, user, note: str) -> ApprovalRequest:
    """The agency's staff (change right on the request: its own agency) send it to the ICT office;
    a returned request goes back to the same approval."""
    note = _check_note(request, user, note)
    if request.allocation_id:
        raise DomainError(_("Permohonan ini sudah ditetapkan."))
    with transaction.atomic():
        approval = approvals.approval_submit(
            target=request, kind=BANDWIDTH_FLOW.kind, user=user, agency=request.agency, note=note
        )
        audit.record_event("infrastructure.bandwidth_request.submitted", request, message=note)
    return approval


# --- Asset recommendation and report ------------------------------------------------------------


def _asset_recommended(request: ApprovalRequest) -> None:
    asset = Asset._base_manager.select_for_update().get(pk=request.object_id)
    asset.recommendation = request
    asset.version += 1
    asset.save()
    audit.record_event("infrastructure.asset.recommended", asset, message=_decision_reason(request))


def _asset_not_recommended(request: ApprovalRequest) -> None:
    asset = Asset._base_manager.get(pk=request.object_id)
    audit.record_event("infrastructure.asset.not_recommended", asset, message=_decision_reason(request))


RECOMMENDATION_FLOW = approvals.ApprovalFlow(
    kind="infrastructure.asset_recommendation",
    label=gettext_lazy("Rekomendasi pengadaan perangkat TIK"),
    steps=(ICT_OFFICE_STEP,),
    on_approved=_asset_recommended,
    on_rejected=_asset_not_recommended,
)


def asset_recommendation_submit(*, asset: Asset, user, note: str) -> ApprovalRequest:
    """Before buying, adding or replacing a device the agency asks the ICT office's recommendation."""
    note = _check_note(asset, user, note)
    if asset.recommendation_id:
        raise DomainError(_("Aset ini sudah memperoleh rekomendasi Dinas Kominfo."))
    if asset.status not in (AssetStatus.PLANNED, AssetStatus.PROCURED):
        raise DomainError(_("Rekomendasi diminta sebelum pengadaan (tahap Perencanaan)."))
    with transaction.atomic():
        approval = approvals.approval_submit(
            target=asset, kind=RECOMMENDATION_FLOW.kind, user=user, agency=asset.agency, note=note
        )
        audit.record_event("infrastructure.asset.recommendation_requested", asset, message=note)
    return approval


def asset_report_as_at(year: int) -> datetime.date:
    """The day a yearly report's figures stand at: the year's last day, or today within the year."""
    return min(datetime.date(year, 12, 31), timezone.localdate())


def asset_report_figures(year: int, government=None) -> dict:
    """The figures of the yearly ICT asset report (Sigi Pasal 14 ayat (9); Kutai Barat Pasal 16
    ayat (8)), from the recorded assets as they stood at the end of the year: assets held (acquired
    by then, not disposed of by then) by agency, category, lifecycle stage and condition, with
    acquisition value and straight-line book value; and the assets disposed of during the year."""
    as_at = asset_report_as_at(year)
    assets = Asset._base_manager.select_related("agency").order_by("agency__name", "tag", "pk")
    if government is not None:
        assets = assets.filter(agency__government=government)
    held = assets.filter(Q(acquired_on__isnull=True) | Q(acquired_on__lte=as_at)).filter(
        Q(disposed_on__isnull=True) | Q(disposed_on__gt=as_at)
    )
    groups = {"agency": {}, "category": {}, "status": {}, "condition": {}}
    labels = {
        "category": dict(AssetCategory.choices),
        "status": dict(AssetStatus.choices),
        "condition": dict(AssetCondition.choices),
    }
    total = {"count": 0, "cost": Decimal("0"), "book": Decimal("0")}
    for asset in held.iterator():
        book = asset.book_value(as_at) or Decimal("0")
        keys = {
            "agency": asset.agency.name,
            "category": str(labels["category"].get(asset.category, asset.category)),
            "status": str(labels["status"].get(asset.status, asset.status)),
            "condition": str(labels["condition"].get(asset.condition, asset.condition)),
        }
        for group, key in keys.items():
            row = groups[group].setdefault(
                key, {"label": key, "count": 0, "cost": Decimal("0"), "book": Decimal("0")}
            )
            row["count"] += 1
            row["cost"] += asset.cost or 0
            row["book"] += book or 0
        total["count"] += 1
        total["cost"] += asset.cost or 0
        total["book"] += book or 0
    disposed = list(assets.filter(disposed_on__year=year))
    return {
        "year": year,
        "as_at": as_at,
        "total": total,
        "by_agency": list(groups["agency"].values()),
        "by_category": sorted(groups["category"].values(), key=lambda r: r["label"]),
        "by_status": sorted(groups["status"].values(), key=lambda r: r["label"]),
        "by_condition": sorted(groups["condition"].values(), key=lambda r: r["label"]),
        "disposed": disposed,
        "disposed_cost": sum((a.cost or 0 for a in disposed), Decimal("0")),
    }


def _government(user):
    from spbe.org.selectors import government_of

    return government_of(user)


def asset_report_make(*, year: int, user, number: str = "", summary: str = "") -> AssetReport:
    """Record the yearly ICT asset report with its figures taken from the recorded assets."""
    if not permissions.may(user, ALLOCATE):
        raise DomainError(_("Laporan aset TIK disusun oleh Dinas Kominfo."), code="forbidden")
    figures = asset_report_figures(year, _government(user))
    with transaction.atomic():
        report, _created = AssetReport._base_manager.update_or_create(
            year=year,
            defaults={
                "reported_on": timezone.localdate(),
                "number": number,
                "summary": summary,
                "asset_count": figures["total"]["count"],
                "book_value": figures["total"]["book"],
            },
        )
        audit.record_event("infrastructure.asset_report.made", report, message=str(report.asset_count))
    return report


ASSET_REPORT_TITLE = "Laporan Aset Teknologi Informasi dan Komunikasi"


def asset_report_issue(*, report: AssetReport, user):
    """Issue the yearly asset report to the head of region as an official letter, signed through
    the one signing service (core.documents): kop surat, number, the figures by agency, category,
    stage and condition with acquisition and book values, the year's disposals, signature and QR.
    The report's count and book value are brought to the figures the letter states."""
    from spbe.core import documents
    from spbe.core.choices import Classification
    from spbe.org.letters import letterhead

    if not permissions.may(user, ALLOCATE):
        raise DomainError(_("Laporan aset TIK diterbitkan oleh Dinas Kominfo."), code="forbidden")
    government = _government(user)
    if government is None or government.ict_office_id is None:
        raise DomainError(_("Dinas Kominfo pemerintah daerah ini belum ditetapkan."))
    figures = asset_report_figures(report.year, government)
    frame = letterhead(government)
    office = frame["office"]
    number = report.number.strip() or (
        f"{ASSET_LETTER_CLASSIFICATION}/LA-{report.year}/{office.short_name or 'Diskominfo'}/{frame['today'].year}"
    )
    context = {
        **frame,
        "number": number,
        "addressee": government.leader_title,
        "attachments": "-",
        "report": report,
        "f": figures,
    }
    with transaction.atomic():
        locked = AssetReport._base_manager.select_for_update().get(pk=report.pk)
        document = documents.issue_letter(
            "infrastructure/asset_report_letter.html",
            context,
            kind="asset_report",
            title=f"{ASSET_REPORT_TITLE} Tahun {report.year}",
            agency=office,
            classification=Classification.LIMITED,
            user=user,
            subject=locked,
            location=frame["place"],
        )
        locked.number = number
        locked.asset_count = figures["total"]["count"]
        locked.book_value = figures["total"]["book"]
        locked.document = document
        locked.version += 1
        locked.save()
        audit.record_event("infrastructure.asset_report.issued", locked, message=document.number)
    return document


# Permendagri 83/2022 classification code for communication and informatics affairs.
ASSET_LETTER_CLASSIFICATION = "500.12"


FLOWS = (ADDRESS_BLOCK_FLOW, BANDWIDTH_FLOW, RECOMMENDATION_FLOW, SPECIAL_DOMAIN_FLOW, *DOMAIN_FLOWS.values())
REQUESTS = {
    "address_request": address_request_submit,
    "domain": domain_request_submit,
    "asset": asset_recommendation_submit,
    "bandwidth_request": bandwidth_request_submit,
}


# --- The platform's own backups (`spbe backup` / `spbe restore`, platform_backup.py) ----------

# The platform is the first system under a backup plan (issue 12 §5): its plan is found by this
# name under the ICT office, and created by the first `spbe backup` when absent.
PLATFORM_PLAN_NAME = "Platform SPBE (spbe backup)"


def platform_backup_plan(*, create: bool = True) -> BackupPlan | None:
    """The platform's own backup plan, owned by the government's ICT office; None while no ICT
    office is set (a fresh installation: the backup itself still runs)."""
    from spbe.org.selectors import government_of

    government = government_of(None)
    if government is None or government.ict_office_id is None:
        return None
    plan = BackupPlan._base_manager.filter(
        agency_id=government.ict_office_id, name=PLATFORM_PLAN_NAME
    ).first()
    if plan is None and create:
        with transaction.atomic():
            plan = BackupPlan._base_manager.create(
                agency_id=government.ict_office_id,
                name=PLATFORM_PLAN_NAME,
                contents=_("Basis data dan berkas unggahan platform SPBE, dengan manifest checksum SHA-256."),
                frequency=BackupFrequency.DAILY,
                retention_days=14,
                restore_every_months=6,
            )
            audit.record_event("infrastructure.platform_backup.plan_created", plan, message=plan.name)
    return plan


def backup_run_record(
    *, plan: BackupPlan, run_on: datetime.date, size_bytes: int, checksum: str, location: str, notes: str = ""
) -> BackupRun:
    """Record one backup run of a plan (the platform's own `spbe backup` records each set here)."""
    with transaction.atomic():
        run = BackupRun._base_manager.create(
            plan=plan,
            run_on=run_on,
            result=RunResult.SUCCESS,
            size_mb=max(1, -(-size_bytes // (1024 * 1024))),
            checksum=checksum,
            location=location[:300],
            notes=notes,
        )
        audit.record_event("infrastructure.backup_run.recorded", run, message=checksum)
    return run


def restore_test_record(
    *,
    plan: BackupPlan,
    backup_run: BackupRun | None,
    succeeded: bool,
    duration_minutes: int,
    checksums_match: bool,
    notes: str,
) -> RestoreTest:
    """Record a restore drill: a backup restored and checked (Sigi Pasal 14 ayat (11); a plan
    without a successful drill within its period counts as unmet)."""
    with transaction.atomic():
        drill = RestoreTest._base_manager.create(
            plan=plan,
            backup_run=backup_run,
            tested_on=timezone.localdate(),
            result=RunResult.SUCCESS if succeeded else RunResult.FAILED,
            duration_minutes=duration_minutes,
            checksums_match=checksums_match,
            notes=notes,
        )
        audit.record_event("infrastructure.restore_test.recorded", drill, message=drill.result)
    return drill
