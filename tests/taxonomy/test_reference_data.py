"""Reference data arrives by migration and is served publicly, paginated."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.taxonomy.selectors import canonical_certificates

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/api/v1/areas/", 19),
        ("/api/v1/career-fields/", 11),
        ("/api/v1/occupations/", 50),
        ("/api/v1/certificates/", 51),
    ],
)
def test_reference_lists_are_public_and_complete(client: Client, path: str, count: int) -> None:
    response = client.get(path, {"page_size": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == count
    assert len(body["results"]) == count
    assert body["next"] is None


def test_area_has_centroid_and_approximate_flag(client: Client) -> None:
    areas = {
        area["name"]: area
        for area in client.get("/api/v1/areas/", {"page_size": 100}).json()["results"]
    }
    assert areas["대야동"]["code"] == "4139051000"
    assert areas["대야동"]["approximate"] is False
    assert areas["배곧1동"]["approximate"] is True
    assert 37.2 < areas["대야동"]["lat"] < 37.6
    assert 126.6 < areas["대야동"]["lon"] < 127.0


def test_page_size_above_the_limit_is_a_clear_400(client: Client) -> None:
    response = client.get("/api/v1/areas/", {"page_size": 101})
    assert response.status_code == 400
    assert "page_size" in response.json()
    assert client.get("/api/v1/areas/", {"page_size": "many"}).status_code == 400


def test_certificate_aliases_and_spacing_normalize_to_one_certificate() -> None:
    assert (
        canonical_certificates(["지게차"])
        == canonical_certificates(["지게차운전기능사"])
        == {"forklift"}
    )
    assert canonical_certificates(["전산회계 2급"]) == canonical_certificates(["전산회계2급"])
    assert canonical_certificates(["없는 자격 증"]) == canonical_certificates(["없는자격증"])


def test_reference_lists_take_few_queries(client: Client, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(3):
        client.get("/api/v1/occupations/", {"page_size": 100})
