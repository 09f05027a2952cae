"""`spbe backup` then `spbe restore` (issue 12 §5, §7): the same records and files come back on an
empty database and folder, the restore is recorded as a drill of the platform's own backup plan,
and a changed set or a non-empty target is refused before anything is touched."""

import datetime
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from spbe.core.models import AuditEvent
from spbe.infrastructure import platform_backup
from spbe.infrastructure.choices import FacilityKind, RunResult
from spbe.infrastructure.models import BackupPlan, BackupRun, Facility, RestoreTest
from spbe.infrastructure.services import PLATFORM_PLAN_NAME
from spbe.org.models import Agency

from ..factories import AgencyFactory

pytestmark = pytest.mark.django_db(transaction=True)

FILES = {
    "evidence/2026/laporan.pdf": b"%PDF-1.7 laporan uji\n" * 50,
    "diagrams/lan-kominfo.png": bytes(range(256)) * 8,
}


@pytest.fixture
def platform(infra_gov):
    for n in range(3):
        AgencyFactory(government=infra_gov, name=f"Dinas Cadangan {n}", short_name=f"DC{n}")
    Facility.objects.create(name="Pusat Data Uji", kind=FacilityKind.DATA_CENTER, agency=infra_gov.ict_office)
    for name, body in FILES.items():
        default_storage.save(name, ContentFile(body))
    return infra_gov


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def make_set(tmp_path) -> Path:
    output = run("backup", output=str(tmp_path / "out"))
    assert "Set cadangan selesai" in output
    (backup_set,) = (tmp_path / "out").iterdir()
    assert backup_set.name.startswith("spbe-backup-")
    return backup_set


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Target:
    """An empty database of the engine under test, dropped afterwards."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            import psycopg

            params = platform_backup._pg_params(connection.settings_dict)
            self.name = f"{connection.settings_dict['NAME']}_restore"
            self.admin = psycopg.connect(**params, autocommit=True)
            self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.admin.execute(f'CREATE DATABASE "{self.name}"')
            s = connection.settings_dict
            self.url = (
                f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{self.name}"
            )
        else:
            self.name = str(tmp_path / "restored" / "spbe.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def rows(self, sql: str) -> list[tuple]:
        if self.vendor == "postgresql":
            import psycopg

            params = {**platform_backup._pg_params(connection.settings_dict), "dbname": self.name}
            with psycopg.connect(**params) as db:
                return [tuple(r) for r in db.execute(sql).fetchall()]
        db = sqlite3.connect(self.name)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def drop(self):
        if self.vendor == "postgresql":
            self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.admin.close()


@pytest.fixture
def target(tmp_path):
    if connection.vendor != "postgresql":
        print("PostgreSQL target skipped: this run is on SQLite (the SQLite target is used instead)")
    made = Target(tmp_path)
    yield made
    made.drop()


def test_backup_then_restore_gives_the_same_records_and_files_and_records_a_drill(platform, target, tmp_path):
    backup_set = make_set(tmp_path)
    manifest = json.loads((backup_set / "manifest.json").read_text())
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["migrations"]["infrastructure"]
    assert manifest["tables"][Agency._meta.db_table] == Agency.objects.count()
    for name, body in FILES.items():
        assert manifest["files"][f"media/{name}"] == {
            "sha256": hashlib.sha256(body).hexdigest(),
            "size": len(body),
        }
    # Each backup is a run of the platform's own plan, owned by the ICT office, with an audit event.
    (backup_run,) = BackupRun.objects.filter(plan__name=PLATFORM_PLAN_NAME)
    assert backup_run.plan.agency == platform.ict_office
    assert backup_run.checksum == sha(backup_set / "manifest.json")
    assert AuditEvent.objects.filter(code="infrastructure.backup_run.recorded").exists()

    # The plan was made before the dump, so the set holds it (its run is recorded after the dump).
    assert manifest["tables"][BackupPlan._meta.db_table] == 1

    agencies = sorted(Agency.objects.values_list("id", "name", "short_name"))
    media = tmp_path / "restored-media"
    output = run("restore", str(backup_set), database_url=target.url, media_dir=str(media))
    assert "hasil sama dengan manifest" in output

    # Same records: every table's row count, and the records themselves for a sample.
    for table, count in manifest["tables"].items():
        assert target.rows(f'SELECT count(*) FROM "{table}"') == [(count,)], table
    assert sorted(target.rows(f'SELECT id, name, short_name FROM "{Agency._meta.db_table}"')) == agencies
    assert target.rows(f'SELECT name, kind FROM "{Facility._meta.db_table}"') == [
        ("Pusat Data Uji", "data_center")
    ]
    # Same files, byte for byte.
    for name, body in FILES.items():
        assert sha(media / name) == hashlib.sha256(body).hexdigest()
        assert sha(media / name) == sha(Path(default_storage.path(name)))

    # The restore is itself a drill of the platform's plan, against the run that made the set.
    (drill,) = RestoreTest.objects.filter(plan__name=PLATFORM_PLAN_NAME)
    assert drill.result == RunResult.SUCCESS and drill.checksums_match
    assert drill.backup_run == backup_run
    assert AuditEvent.objects.filter(code="infrastructure.restore_test.recorded").exists()

    # Now the target is not empty: refused without --force, nothing changed; --force restores again.
    target_agencies = target.rows(f'SELECT count(*) FROM "{Agency._meta.db_table}"')
    with pytest.raises(CommandError, match="tidak kosong.*--force"):
        run("restore", str(backup_set), database_url=target.url, media_dir=str(media))
    assert target.rows(f'SELECT count(*) FROM "{Agency._meta.db_table}"') == target_agencies
    assert RestoreTest.objects.count() == 1
    run("restore", str(backup_set), database_url=target.url, media_dir=str(media), force=True)
    assert sorted(target.rows(f'SELECT id, name, short_name FROM "{Agency._meta.db_table}"')) == agencies
    assert RestoreTest.objects.filter(result=RunResult.SUCCESS).count() == 2


@pytest.mark.parametrize(
    ("victim", "change"),
    [("media/evidence/2026/laporan.pdf", "tamper"), ("database", "truncate")],
)
def test_a_changed_set_is_refused_before_anything_is_restored(platform, tmp_path, victim, change):
    backup_set = make_set(tmp_path)
    manifest = json.loads((backup_set / "manifest.json").read_text())
    victim = manifest["database"]["file"] if victim == "database" else victim
    path = backup_set / victim
    if change == "tamper":
        path.write_bytes(path.read_bytes().replace(b"laporan", b"LAPORAN"))
    else:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = Agency.objects.count()
    media = tmp_path / "restored-media"
    # Even into the platform's own database and with --force: the checksums come first.
    with pytest.raises(CommandError, match=f"berubah atau terpotong.*{victim}"):
        run("restore", str(backup_set), media_dir=str(media), force=True)
    assert Agency.objects.count() == before
    assert not media.exists()
    assert not RestoreTest.objects.exists()


def test_backup_refuses_an_existing_set_and_a_failed_write(platform, tmp_path):
    now = datetime.datetime(2026, 11, 30, 1, 30, tzinfo=datetime.UTC)
    first = platform_backup.backup(tmp_path / "out", now=now)
    assert first.path.name == "spbe-backup-20261130T013000Z"
    with pytest.raises(platform_backup.BackupRefused, match="sudah ada"):
        platform_backup.backup(tmp_path / "out", now=now)
    blocker = tmp_path / "a-file"
    blocker.write_text("bukan folder")
    with pytest.raises(CommandError, match="Tidak dapat menulis set cadangan"):
        run("backup", output=str(blocker / "sets"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["spbe-backup-20261130T013000Z"]
