"""`spbe`: the platform's command, a thin wrapper around manage.py.

    spbe migrate | spbe demo | spbe audit verify | spbe run-scheduled | spbe runserver ...
Everything it runs is recorded in the audit trail with entry point "cli".
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1:
        argv[1] = argv[1].replace("-", "_") if argv[1] in {"run-scheduled"} else argv[1]
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    from spbe.core import context
    from spbe.core.choices import EntryPoint

    with context.acting(entry_point=EntryPoint.CLI):
        execute_from_command_line(argv)


if __name__ == "__main__":
    main()
