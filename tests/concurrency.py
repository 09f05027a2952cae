"""Run the same work on several database connections at the same moment (PostgreSQL tests of
locks: two clients at once)."""

import threading

from django.db import connections


def at_once(work, clients: int = 2) -> list[Exception]:
    """Start `work()` in `clients` threads released together; the errors they raised."""
    barrier, errors = threading.Barrier(clients), []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
