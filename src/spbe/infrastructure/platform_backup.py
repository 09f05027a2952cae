"""The platform's own backup and restore (`spbe backup`, `spbe restore`; issue 12 §5).

A backup set is one directory `spbe-backup-<UTC time>/` holding
- `database.dump` (PostgreSQL, `pg_dump -Fc` in the same snapshot the row counts are taken in) or
  `database.sqlite3` (SQLite, a consistent copy through sqlite3's online backup API);
- `media/...`: the uploaded files (the default storage's folder);
- `manifest.json`: platform version, database engine, last migration per app, row count per table,
  and the SHA-256 and size of every other file in the set.
The set is written under a hidden `.partial` name and renamed only when complete, so a set that
looks complete is complete. Restore verifies every checksum before it touches anything, refuses a
non-empty target unless forced, then compares row counts and file checksums with the manifest.
Both are recorded against the platform's own backup plan through the infrastructure services.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from django.core.files.storage import storages
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.core.errors import DomainError

MANIFEST = "manifest.json"
FORMAT = 1
PREFIX = "spbe-backup-"
MEDIA = "media"
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


class BackupRefused(DomainError):
    pass


# --- Database connection settings ---------------------------------------------------------------


def engine_of(settings_dict: dict) -> str:
    engine = settings_dict.get("ENGINE", "")
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupRefused(
        _("Mesin basis data %(engine)s tidak didukung oleh spbe backup.") % {"engine": engine}
    )


def _pg_params(settings_dict: dict) -> dict:
    params = {
        "dbname": settings_dict.get("NAME") or "",
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict.get("PORT") or "") or None,
    }
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        params["sslmode"] = sslmode
    return {k: v for k, v in params.items() if v is not None}


def _pg_env(settings_dict: dict) -> dict:
    names = {
        "dbname": "PGDATABASE",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "host": "PGHOST",
        "port": "PGPORT",
    }
    names["sslmode"] = "PGSSLMODE"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({names[k]: v for k, v in _pg_params(settings_dict).items()})
    return env


def _pg_connect(settings_dict: dict, **kwargs):
    import psycopg

    return psycopg.connect(**_pg_params(settings_dict), **kwargs)


def _pg_tables(cur) -> list[str]:
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [row[0] for row in cur.fetchall()]


def _pg_counts(cur) -> dict[str, int]:
    from psycopg import sql

    counts = {}
    for table in _pg_tables(cur):
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cur.fetchone()[0]
    return counts


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _sqlite_tables(db)}


def _last_migrations(rows) -> dict[str, str]:
    last: dict[str, str] = {}
    for app, name in rows:  # ordered by id: the last one applied wins
        last[app] = name
    return dict(sorted(last.items()))


def _run(args: list[str], env: dict, what: str) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupRefused(
            _("%(program)s tidak ditemukan; pasang paket postgresql-client.") % {"program": args[0]}
        ) from error
    if done.returncode != 0:
        raise BackupRefused(
            _("%(what)s gagal: %(error)s")
            % {"what": what, "error": (done.stderr or done.stdout).strip()[-2000:]}
        )


# --- Files ---------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashing(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    shutil.copystat(source, target)
    return digest.hexdigest()


def media_root() -> Path | None:
    """The default storage's folder, or None when files live elsewhere (object storage)."""
    location = getattr(storages["default"], "location", None)
    return Path(location) if location else None


def _files_under(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def _set_files(root: Path) -> list[str]:
    return [
        p.relative_to(root).as_posix()
        for p in _files_under(root)
        if p.relative_to(root).as_posix() != MANIFEST
    ]


# --- Backup --------------------------------------------------------------------------------------


@dataclass
class BackupSet:
    path: Path
    manifest: dict
    digest: str  # SHA-256 of manifest.json: names the set
    size: int


def _dump_postgresql(folder: Path, settings_dict: dict, progress: Progress) -> tuple[str, dict, dict]:
    import psycopg

    target = folder / "database.dump"
    progress(_("Mencadangkan basis data PostgreSQL %(name)s (pg_dump) ...") % {"name": settings_dict["NAME"]})
    with _pg_connect(settings_dict) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.cursor() as cur:
            # The dump and the counts read the same snapshot, so the manifest describes the dump.
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            counts = _pg_counts(cur)
            cur.execute("SELECT app, name FROM django_migrations ORDER BY id")
            migrations = _last_migrations(cur.fetchall())
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-password", f"--file={target}"],
                _pg_env(settings_dict),
                "pg_dump",
            )
        conn.rollback()
    return target.name, counts, migrations


def _dump_sqlite(folder: Path, progress: Progress) -> tuple[str, dict, dict]:
    target = folder / "database.sqlite3"
    progress(_("Mencadangkan basis data SQLite (salinan konsisten) ..."))
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent state even while the platform writes.
        connection.connection.backup(copy, pages=4096)
        # One self-contained file: no -wal/-shm beside it when it is opened later.
        copy.execute("PRAGMA journal_mode=DELETE")
        counts = _sqlite_counts(copy)
        rows = copy.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    finally:
        copy.close()
    return target.name, counts, _last_migrations(rows)


def _copy_media(folder: Path, progress: Progress) -> int:
    root = media_root()
    if root is None:
        progress(
            _("Peringatan: berkas unggahan tidak di folder lokal; cadangkan dengan alat penyimpanannya.")
        )
        return 0
    files = _files_under(root) if root.is_dir() else []
    total = len(files)
    progress(_("Menyalin %(count)s berkas unggahan dari %(root)s ...") % {"count": total, "root": root})
    for done, path in enumerate(files, start=1):
        target = folder / MEDIA / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        if done % 500 == 0 or done == total:
            progress(_("  %(done)s/%(total)s berkas") % {"done": done, "total": total})
    return total


def platform_version() -> str:
    try:
        return metadata.version("spbe")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def backup(
    output_dir: Path, *, progress: Progress = _quiet, now: datetime.datetime | None = None
) -> BackupSet:
    """Write one complete backup set into `output_dir`; refuses an existing set or a failed write,
    and removes its partial directory on any failure."""
    now = now or timezone.now()
    name = PREFIX + now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    output_dir = Path(output_dir).resolve()
    final = output_dir / name
    partial = output_dir / f".{name}.partial"
    if final.exists() or partial.exists():
        raise BackupRefused(_("Set cadangan %(path)s sudah ada; tidak ditimpa.") % {"path": final})
    settings_dict = connection.settings_dict
    engine = engine_of(settings_dict)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        partial.mkdir(mode=0o700)  # the set holds every record and file: for the operator only
    except OSError as error:
        raise BackupRefused(
            _("Tidak dapat menulis set cadangan di %(path)s: %(error)s")
            % {"path": output_dir, "error": error}
        ) from error
    try:
        if engine == "postgresql":
            database, counts, migrations = _dump_postgresql(partial, settings_dict, progress)
        else:
            database, counts, migrations = _dump_sqlite(partial, progress)
        # Database first, then files: a file uploaded in between is only extra, never a row without its file.
        media_count = _copy_media(partial, progress)
        progress(_("Menghitung checksum SHA-256 ..."))
        files = {
            rel: {"sha256": sha256_of(partial / rel), "size": (partial / rel).stat().st_size}
            for rel in _set_files(partial)
        }
        manifest = {
            "format": FORMAT,
            "created_at": now.astimezone(datetime.UTC).isoformat(),
            "platform_version": platform_version(),
            "database": {"engine": engine, "file": database},
            "migrations": migrations,
            "tables": counts,
            "media": {"count": media_count},
            "files": files,
        }
        body = json.dumps(manifest, indent=2, sort_keys=True).encode()
        with open(partial / MANIFEST, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.rename(partial, final)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise BackupRefused(
            _("Gagal menulis set cadangan di %(path)s: %(error)s; tidak ada set yang ditinggalkan.")
            % {"path": output_dir, "error": error}
        ) from error
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    size = len(body) + sum(f["size"] for f in files.values())
    return BackupSet(path=final, manifest=manifest, digest=hashlib.sha256(body).hexdigest(), size=size)


def record_backup(backup_set: BackupSet):
    """Record the set as a run of the platform's own plan (created when absent); None without an ICT office."""
    from . import services

    plan = services.platform_backup_plan()
    if plan is None:
        return None
    return services.backup_run_record(
        plan=plan,
        run_on=timezone.localdate(),
        size_bytes=backup_set.size,
        checksum=backup_set.digest,
        location=str(backup_set.path),
        notes=_("spbe backup: %(tables)s tabel, %(files)s berkas unggahan.")
        % {"tables": len(backup_set.manifest["tables"]), "files": backup_set.manifest["media"]["count"]},
    )


# --- Restore -------------------------------------------------------------------------------------


def read_manifest(set_path: Path) -> tuple[dict, str]:
    path = Path(set_path) / MANIFEST
    try:
        body = path.read_bytes()
        manifest = json.loads(body)
        if not (
            isinstance(manifest.get("files"), dict)
            and isinstance(manifest.get("tables"), dict)
            and manifest.get("database", {}).get("engine") in ("postgresql", "sqlite")
        ):
            raise ValueError(MANIFEST)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupRefused(
            _("%(path)s bukan set cadangan SPBE yang utuh: manifest.json tidak ada atau rusak.")
            % {"path": set_path}
        ) from error
    return manifest, hashlib.sha256(body).hexdigest()


def verify_set(set_path: Path, manifest: dict, progress: Progress = _quiet) -> None:
    """Every file the manifest lists is present with its size and SHA-256, and no other file is
    in the set; refuses naming the first file that differs."""
    set_path = Path(set_path)
    listed = manifest["files"]
    progress(_("Memeriksa checksum %(count)s berkas di set ...") % {"count": len(listed)})
    for rel in sorted(listed):
        path = set_path / rel
        expected = listed[rel]
        if not path.is_file():
            raise BackupRefused(
                _("Set cadangan tidak utuh: berkas %(file)s hilang. Tidak ada yang dipulihkan.")
                % {"file": rel}
            )
        if path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            raise BackupRefused(
                _(
                    "Set cadangan telah berubah atau terpotong: checksum berkas %(file)s tidak sama dengan manifest. "
                    "Tidak ada yang dipulihkan."
                )
                % {"file": rel}
            )
    extra = sorted(set(_set_files(set_path)) - set(listed))
    if extra:
        raise BackupRefused(
            _(
                "Set cadangan berisi berkas yang tidak tercatat di manifest: %(file)s. Tidak ada yang dipulihkan."
            )
            % {"file": extra[0]}
        )


def _refuse_newer(manifest: dict) -> None:
    """A set made by a newer release holds migrations this code does not know: restoring it here
    would leave tables the code cannot read. Install the set's release first."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}" for app, name in manifest.get("migrations", {}).items() if (app, name) not in known
    ]
    if unknown:
        raise BackupRefused(
            _(
                "Set ini dibuat oleh versi platform %(version)s yang lebih baru: migrasi %(migration)s tidak dikenal "
                "kode ini. Pasang versi itu dulu. Tidak ada yang dipulihkan."
            )
            % {"version": manifest.get("platform_version", "?"), "migration": unknown[0]}
        )


@dataclass
class RestoreReport:
    database: str
    media_dir: Path | None
    tables: int = 0
    rows: int = 0
    table_mismatches: list[str] = field(default_factory=list)
    files: int = 0
    file_mismatches: list[str] = field(default_factory=list)
    seconds: float = 0.0
    drill: object = None
    needs_migrate: bool = False

    @property
    def ok(self) -> bool:
        return not self.table_mismatches and not self.file_mismatches


def _target(database_url: str | None) -> tuple[dict, bool]:
    """The target database's settings and whether it is the platform's own configured database."""
    if not database_url:
        return connection.settings_dict, True
    import dj_database_url

    try:
        return dj_database_url.parse(database_url), False
    except ValueError as error:
        raise BackupRefused(_("--database-url tidak dapat dibaca: %(error)s") % {"error": error}) from error


def _sqlite_open(name: str) -> sqlite3.Connection:
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _target_tables(engine: str, settings_dict: dict) -> int:
    if engine == "postgresql":
        with _pg_connect(settings_dict) as conn, conn.cursor() as cur:
            return len(_pg_tables(cur))
    name = str(settings_dict["NAME"])
    if not name.startswith("file:") and not Path(name).exists():
        return 0
    db = _sqlite_open(name)
    try:
        return len(_sqlite_tables(db))
    finally:
        db.close()


def _target_counts(engine: str, settings_dict: dict) -> dict[str, int]:
    if engine == "postgresql":
        with _pg_connect(settings_dict) as conn, conn.cursor() as cur:
            return _pg_counts(cur)
    db = _sqlite_open(str(settings_dict["NAME"]))
    try:
        return _sqlite_counts(db)
    finally:
        db.close()


def _restore_database(engine: str, settings_dict: dict, dump: Path, force: bool, progress: Progress) -> None:
    if engine == "postgresql":
        if force:
            progress(_("Mengosongkan basis data target (--force) ..."))
            with _pg_connect(settings_dict, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        progress(
            _("Memulihkan basis data PostgreSQL %(name)s (pg_restore) ...") % {"name": settings_dict["NAME"]}
        )
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--no-password",
                "--dbname",
                settings_dict["NAME"],
                str(dump),
            ],
            _pg_env(settings_dict),
            "pg_restore",
        )
        return
    progress(_("Memulihkan basis data SQLite %(name)s ...") % {"name": settings_dict["NAME"]})
    name = str(settings_dict["NAME"])
    if name.startswith("file:") or name == ":memory:":
        raise BackupRefused(_("Basis data SQLite di memori tidak dapat menjadi target pemulihan."))
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"{dump.as_uri()}?mode=ro&immutable=1", uri=True)
    target = sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_media(
    set_path: Path, manifest: dict, media_files: list[str], media_target: Path, report, progress: Progress
) -> None:
    progress(
        _("Memulihkan %(count)s berkas unggahan ke %(path)s ...")
        % {"count": len(media_files), "path": media_target}
    )
    media_target.mkdir(parents=True, exist_ok=True)
    for done, rel in enumerate(sorted(media_files), start=1):
        copied = _copy_hashing(set_path / rel, media_target / rel[len(MEDIA) + 1 :])
        if copied != manifest["files"][rel]["sha256"]:
            report.file_mismatches.append(rel)
        if done % 500 == 0 or done == len(media_files):
            progress(_("  %(done)s/%(total)s berkas") % {"done": done, "total": len(media_files)})
        report.files += 1


def restore(
    set_path: Path,
    *,
    database_url: str | None = None,
    media_dir: Path | None = None,
    force: bool = False,
    progress: Progress = _quiet,
) -> RestoreReport:
    """Restore a verified set into the target database and folder, check it against the manifest,
    and record the restore drill against the platform's own plan."""
    started = time.monotonic()
    set_path = Path(set_path).resolve()
    manifest, digest = read_manifest(set_path)
    verify_set(set_path, manifest, progress)

    _refuse_newer(manifest)
    settings_dict, own = _target(database_url)
    engine = engine_of(settings_dict)
    if engine != manifest["database"]["engine"]:
        raise BackupRefused(
            _("Set ini berisi basis data %(set)s, sedangkan target adalah %(target)s.")
            % {"set": manifest["database"]["engine"], "target": engine}
        )
    media_target = Path(media_dir).resolve() if media_dir else media_root()
    if own:
        connections.close_all()
    tables = _target_tables(engine, settings_dict)
    if tables and not force:
        raise BackupRefused(
            _(
                "Basis data target %(name)s tidak kosong (%(count)s tabel). Pemulihan akan menimpa isinya; "
                "ulangi dengan --force bila memang itu yang dimaksud. Tidak ada yang dipulihkan."
            )
            % {"name": settings_dict["NAME"], "count": tables}
        )
    media_files = [rel for rel in manifest["files"] if rel.startswith(MEDIA + "/")]
    if media_files and media_target is None:
        raise BackupRefused(_("Berkas unggahan tidak disimpan di folder lokal; sebutkan --media-dir."))
    if media_target is not None and media_target.is_dir() and any(media_target.iterdir()) and not force:
        raise BackupRefused(
            _(
                "Folder berkas target %(path)s tidak kosong. Ulangi dengan --force untuk menimpa berkas yang sama "
                "namanya. Tidak ada yang dipulihkan."
            )
            % {"path": media_target}
        )

    _restore_database(engine, settings_dict, set_path / manifest["database"]["file"], force, progress)
    report = RestoreReport(database=str(settings_dict["NAME"]), media_dir=media_target)
    if media_target is not None:
        _restore_media(set_path, manifest, media_files, media_target, report, progress)

    progress(_("Mencocokkan jumlah baris per tabel dengan manifest ..."))
    restored = _target_counts(engine, settings_dict)
    for table, count in sorted(manifest["tables"].items()):
        if restored.get(table) != count:
            report.table_mismatches.append(f"{table}: {restored.get(table, '-')} ≠ {count}")
    report.tables = len(manifest["tables"])
    report.rows = sum(manifest["tables"].values())
    report.seconds = time.monotonic() - started
    if own and _older_than_code(manifest):
        # The restored database still lacks this release's migrations: nothing can be written to it
        # with this code until `spbe migrate` has run.
        report.needs_migrate = True
    else:
        report.drill = record_restore(manifest, digest, set_path, report)
    return report


def _older_than_code(manifest: dict) -> bool:
    from django.db.migrations.loader import MigrationLoader

    applied = set(manifest.get("migrations", {}).items())
    return any(
        node not in applied for node in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
    )


def record_restore(manifest: dict, digest: str, set_path: Path, report: RestoreReport):
    """Record the drill in the platform's configured database: the live one when the set was
    restored elsewhere, the restored one on a new machine. The set's backup run is found by its
    manifest checksum, or recorded from the manifest when this database predates it."""
    from . import services
    from .models import BackupRun

    plan = services.platform_backup_plan()
    if plan is None:
        return None
    run = BackupRun._base_manager.filter(plan=plan, checksum=digest).order_by("-id").first()
    if run is None:
        created = datetime.datetime.fromisoformat(manifest["created_at"])
        run = services.backup_run_record(
            plan=plan,
            run_on=timezone.localtime(created).date(),
            size_bytes=len(json.dumps(manifest)) + sum(f["size"] for f in manifest["files"].values()),
            checksum=digest,
            location=str(set_path),
            notes=_("Dicatat dari manifest saat pemulihan."),
        )
    notes = _(
        "spbe restore %(set)s ke basis data %(database)s: %(tables)s tabel (%(rows)s baris), %(files)s berkas; "
        "%(problems)s selisih."
    ) % {
        "set": set_path.name,
        "database": report.database,
        "tables": report.tables,
        "rows": report.rows,
        "files": report.files,
        "problems": len(report.table_mismatches) + len(report.file_mismatches),
    }
    return services.restore_test_record(
        plan=plan,
        backup_run=run,
        succeeded=report.ok,
        duration_minutes=max(1, round(report.seconds / 60)),
        checksums_match=not report.file_mismatches,
        notes=notes,
    )
