"""Core's extension points: a module adds tabs, panels and actions to another module's model pages,
each shown only to users the policy allows."""

import pytest
from django.urls import reverse

from spbe.core import permissions
from spbe.core.ui import register_action, register_panel, tabs_for
from spbe.org.models import Agency


def test_a_registered_tab_renders_inside_the_object_shell(client_a, agency_a):
    page = client_a.get(reverse("org:agency_roles", args=[agency_a.pk])).content.decode()
    # the header and the other tabs are there, the tab itself is active
    assert agency_a.name in page
    assert f'href="/org/agencies/{agency_a.pk}/history/"' in page
    assert 'class="nav-link active"' in page and "Peran dan akses" in page


def test_a_tab_needs_its_permission(client, agency_a, agency_b, viewer_a, outsider_b):
    url = reverse("org:agency_roles", args=[agency_a.pk])
    client.force_login(viewer_a)  # sees the agency, may not change it
    assert client.get(url).status_code == 403
    assert "Peran dan akses" not in client.get(agency_a.get_absolute_url()).content.decode()
    client.force_login(outsider_b)
    assert client.get(url).status_code == 403


def test_tabs_are_listed_for_whoever_may_open_them(client_a, agency_a):
    assert [t.name for t in tabs_for(Agency)] == ["roles"]
    page = client_a.get(agency_a.get_absolute_url()).content.decode()
    assert f'href="/org/agencies/{agency_a.pk}/roles/"' in page


@pytest.fixture
def extra_panel_and_action():
    from spbe.core import ui

    register_panel(
        "org.agency",
        "uji-panel",
        "Panel uji",
        "core/_related_panel.html",
        lambda request, obj: None if obj.short_name == "DB" else {"rel": {"label": "Panel uji", "total": 0}},
        permission=permissions.CHANGE,
    )
    register_action("org.agency", "uji-action", "Aksi uji", lambda obj: f"/uji/{obj.pk}/")
    yield
    for store in (ui._panels, ui._actions):
        store["org.agency"] = [i for i in store.get("org.agency", []) if not i.name.startswith("uji-")]


def test_panels_and_actions_follow_the_policy(
    client, agency_a, agency_b, editor_a, viewer_a, extra_panel_and_action
):
    client.force_login(editor_a)
    page = client.get(agency_a.get_absolute_url()).content.decode()
    assert 'id="panel-uji-panel"' in page and "Panel uji" in page
    assert f'href="/uji/{agency_a.pk}/"' in page
    client.force_login(viewer_a)
    page = client.get(agency_a.get_absolute_url()).content.decode()
    assert 'id="panel-uji-panel"' not in page  # needs the change right
    assert f'href="/uji/{agency_a.pk}/"' in page  # a view-right action
