"""Engine texts are stored as message codes with parameters and shown in the reader's language."""

import datetime
import re

from django.utils import timezone, translation

from spbe.compliance import engine, profiles
from spbe.compliance.models import ActivityKind, Attestation, ComplianceStatus, RecordedActivity
from spbe.core.checks import message, render_message
from spbe.org.models import RoleAssignment

from ..factories import user_with_role

# Words that give away an Indonesian sentence (names of agencies, teams and activity kinds are data).
INDONESIAN = (
    "belum",
    "yang",
    "tidak",
    "sudah",
    "dengan",
    "pernyataan",
    "terakhir",
    "catat",
    "untuk",
    "semua",
)


def test_a_message_is_rendered_in_the_active_language_with_its_parameters(db):
    m = message("Pernyataan kedaluwarsa sejak %(d)s.", d=datetime.date(2026, 3, 1))
    data = m.as_data()
    with translation.override("id"):
        assert render_message(data) == "Pernyataan kedaluwarsa sejak 1 Maret 2026."
    with translation.override("en"):
        assert render_message(data) == "The attestation expired on 1 March 2026."


def test_every_reason_and_next_step_of_every_shipped_profile_renders_in_english(
    shipped, tiny_gov, two_agencies, ict_admin
):
    one, _two = two_agencies
    tiny_gov.ict_office = one
    tiny_gov.save()
    RoleAssignment.objects.create(
        user=user_with_role("agency_admin", one), role="service_desk_tier1", agency=one
    )
    profiles.sync_activity_kinds(profiles.yaml.safe_load(profiles.ACTIVITY_KINDS_FILE.read_text()))
    RecordedActivity.objects.create(
        government=tiny_gov,
        kind=ActivityKind.objects.get(code="ict_office_review"),
        date=timezone.localdate() - datetime.timedelta(days=400),
        agency=one,
        title="Pemantauan",
    )
    texts, labels = set(), set()
    for code, regulation in shipped.items():
        tiny_gov.regulation = code
        tiny_gov.save()
        engine.run_full(tiny_gov)
        attested = regulation.obligations.filter(check_type="attestation", subject="each_agency").first()
        Attestation.objects.create(
            government=tiny_gov,
            obligation=attested,
            agency=one,
            statement="Sudah dilaksanakan dengan SOP.",
            valid_until=timezone.localdate() + datetime.timedelta(days=30),
            status="accepted",
            submitted_by=ict_admin,
        )
        engine.run_full(tiny_gov)
        rows = list(ComplianceStatus.objects.filter(government=tiny_gov, obligation__regulation=regulation))
        assert rows and all(r.reason_message for r in rows), "every reason is stored as a message code"
        with translation.override("en"):
            for row in rows:
                texts.add(row.reason_text)
                texts.add(row.next_step_text)
                # evidence links the platform labels (not names, which are data)
                translatable = [isinstance(e["label"], dict) for e in row.evidence]
                labels.update(e["label"] for e, t in zip(row.evidence_items, translatable, strict=True) if t)
        with translation.override("id"):
            assert all(r.reason_text == r.reason for r in rows)
    statuses = " ".join(sorted(texts))
    assert "Attestation accepted" in statuses and "No attestation yet" in statuses
    assert labels, "some evidence links carry a label the platform writes"
    for word in INDONESIAN:
        found = [t for t in texts | labels if re.search(rf"\b{word}\b", t, re.IGNORECASE)]
        assert not found, (word, found[:3])
