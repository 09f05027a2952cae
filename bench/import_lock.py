"""Does another user's save wait behind a long import? (issue 7 §3)

One thread applies a 5,000-row people import (one transaction, all or nothing); meanwhile another
user saves an unrelated record every 0.2 s. Reported: the import's duration and the other user's
save times (max, median) and failures while the import runs. `--before` appends each row's audit
event immediately (the chain's lock then stays held from the first row until the import commits),
as before the fix.

    .venv/bin/python bench/import_lock.py --db sqlite
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<your db> .venv/bin/python bench/import_lock.py --db postgres
"""

import contextlib
import csv
import io
import statistics
import threading
import time

import robust_common as common

args = common.arguments(__doc__.splitlines()[0], rows=(int, 5000, "rows in the import"))
common.setup_django(args.db)

import django  # noqa: E402

django.setup()
common.migrate()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, connections  # noqa: E402

from spbe.core import audit, context, importer  # noqa: E402
from spbe.core.choices import EntryPoint  # noqa: E402
from spbe.core.models import ImportJob  # noqa: E402
from spbe.core.ui import ui_for  # noqa: E402
from spbe.org.models import Person  # noqa: E402

tag = f"{int(time.time())}"
agency, (importer_user, other_user) = common.scene(tag)
mine = Person.objects.create(agency=agency, name="Pegawai Lain", employment="non_asn", position="0")

if args.before:

    @contextlib.contextmanager
    def immediate():  # every event written (and the chain locked) as the row is saved
        yield []

    importer.audit.deferred = immediate

buffer = io.StringIO()
writer = csv.writer(buffer)
writer.writerow(["agency", "name", "employment", "position"])
for index in range(args.rows):
    writer.writerow([agency.short_name, f"Impor {tag} {index:05d}", "Non-ASN", "Analis"])
job = ImportJob(model_label="org.person", user=importer_user, file_name="bench.csv", total_rows=args.rows)
job.file.save("bench.csv", ContentFile(buffer.getvalue().encode()), save=False)
job.save()

state = {"running": False, "done": False, "import_seconds": 0.0}


def run_import():
    started = time.perf_counter()
    with context.acting(entry_point=EntryPoint.TASK, user=importer_user):
        state["running"] = True
        importer.run(job, ui_for("org.person").get_import_form(), apply=True)
    state["import_seconds"] = time.perf_counter() - started
    state["done"] = True
    connections.close_all()


waits, failures = [], []


def other_user_saves():
    while not state["running"]:
        time.sleep(0.01)
    time.sleep(0.5)  # the import is well under way
    person = Person.objects.get(pk=mine.pk)
    counter = 0
    while not state["done"]:
        counter += 1
        person.position = str(counter)
        started = time.perf_counter()
        try:
            with context.acting(entry_point=EntryPoint.WEB, user=other_user):
                person.save()
            waits.append(time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001  (counted and reported)
            failures.append(f"{type(error).__name__}: {error}"[:200])
            person = Person.objects.get(pk=mine.pk)
        time.sleep(0.2)
    connections.close_all()


threads = [threading.Thread(target=run_import), threading.Thread(target=other_user_saves)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
job.refresh_from_db()
result = {
    "database": connection.vendor,
    "variant": "before (events appended per row)" if args.before else "after (events chained at the end)",
    "rows": args.rows,
    "import_status": job.status,
    "import_seconds": round(state["import_seconds"], 2),
    "other_user_saves": len(waits),
    "other_user_save_max_seconds": round(max(waits), 3) if waits else None,
    "other_user_save_median_seconds": round(statistics.median(waits), 3) if waits else None,
    "other_user_failures": len(failures),
    "failure_examples": failures[:3],
    "audit_chain": str(audit.verify()),
}
common.save_result(f"import_lock-{connection.vendor}{'-before' if args.before else ''}", result)
