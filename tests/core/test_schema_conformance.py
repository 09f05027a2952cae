"""Real API responses conform to the committed OpenAPI schema (docs/openapi.yaml), in the
normal suite; `make fuzz` does the same against a live server with generated requests.

Every registered list is read (with records in it for the org module, whose relations,
nullable columns and blank values are the ones the issue found misdescribed), and one
detail and the error answers of the people API are checked too.
"""

from pathlib import Path

import jsonschema
import pytest
import yaml
from rest_framework.test import APIClient

from spbe.core.registry import registry

from ..factories import DecreeFactory, PersonFactory

SCHEMA = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml").read_text())
ROUTES = [prefix for prefix, _viewset, _basename in registry.api_routes]


def as_json_schema(node):
    """OpenAPI 3.0 schema objects as JSON Schema: `nullable: true` becomes "or null"."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


COMPONENTS = as_json_schema(SCHEMA["components"])


def response_schema(path: str, method: str, status: int) -> dict:
    operation = SCHEMA["paths"][path][method]
    assert str(status) in operation["responses"], f"{method.upper()} {path}: {status} is not documented"
    content = operation["responses"][str(status)].get("content", {})
    return as_json_schema(content["application/json"]["schema"])


def assert_conforms(path: str, method: str, response):
    schema = {**response_schema(path, method, response.status_code), "components": COMPONENTS}
    jsonschema.validate(response.json(), schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture
def api(gov):
    from spbe.org.choices import Role

    from ..factories import user_with_role

    client = APIClient()
    client.force_authenticate(user_with_role(Role.PLATFORM_ADMIN, None, "platform.admin"))
    return client


@pytest.fixture
def records(agency_a, agency_b):
    """Records with relations set and unset, nullable columns null and blank text blank."""
    agency_b.parent = agency_a
    agency_b.save()
    PersonFactory(agency=agency_a, nip=None, employment="non_asn", email="")
    PersonFactory(agency=agency_b, email="staf@example.go.id")
    DecreeFactory(agency=agency_a)


@pytest.mark.parametrize("prefix", ROUTES)
def test_every_list_response_conforms_to_the_schema(api, records, prefix):
    response = api.get(f"/api/v1/{prefix}/?page_size=200")
    assert response.status_code == 200
    assert_conforms(f"/api/v1/{prefix}/", "get", response)


def test_a_detail_and_the_error_answers_conform_to_the_schema(api, records, agency_a):
    from spbe.org.models import Person

    person = Person.objects.filter(agency=agency_a).first()
    detail = "/api/v1/org/people/{id}/"
    assert_conforms(detail, "get", api.get(f"/api/v1/org/people/{person.pk}/"))
    assert_conforms(detail, "get", api.get("/api/v1/org/people/999999/"))  # 404
    invalid = api.patch(f"/api/v1/org/people/{person.pk}/", {"version": "x"}, format="json")
    assert invalid.status_code == 400
    assert_conforms(detail, "patch", invalid)
    stale = api.patch(f"/api/v1/org/people/{person.pk}/", {"version": 99}, format="json")
    assert stale.status_code == 409
    assert_conforms(detail, "patch", stale)
    assert_conforms("/api/v1/org/people/", "get", api.get("/api/v1/org/people/?agency=99999999999999999999"))
    anonymous = APIClient().get("/api/v1/org/people/")
    assert anonymous.status_code == 401
    assert_conforms("/api/v1/org/people/", "get", anonymous)


def test_a_relation_is_described_as_a_brief_object_in_responses_and_an_id_in_requests():
    person = SCHEMA["components"]["schemas"]["Person"]["properties"]["agency"]
    assert person["type"] == "object" and set(person["properties"]) == {"id", "display"}
    request = SCHEMA["components"]["schemas"]["PersonRequest"]["properties"]["agency"]
    assert request["type"] == "integer"
    parent = SCHEMA["components"]["schemas"]["Agency"]["properties"]["parent"]
    assert parent["nullable"] is True
