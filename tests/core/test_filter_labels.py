"""A filter left empty filters nothing, and its first option says so: "Semua", never "---------" or
"Tidak diketahui"."""

import re


def test_empty_choices_read_all(client, ict_admin):
    client.force_login(ict_admin)
    page = client.get("/security/classification-decisions/").content.decode()
    due = re.search(r'<select name="due"[^>]*>\s*<option value="[^"]*"[^>]*>([^<]*)</option>', page)
    current = re.search(r'<select name="current"[^>]*>\s*<option value="[^"]*"[^>]*>([^<]*)</option>', page)
    assert due and due.group(1) == "Semua"
    assert current and current.group(1) == "Semua"
    assert "---------" not in page
