"""The admin lists policy versions read-only."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories.accounts import log_in, staff_user

pytestmark = [pytest.mark.django_db]


def test_staff_see_versions_but_cannot_change_them() -> None:
    client = Client()
    log_in(client, staff_user())
    listing = client.get("/admin/matching/ordinancepolicy/")
    assert listing.status_code == 200
    assert "/admin/matching/ordinancepolicy/1/change/" in listing.content.decode()
    assert client.get("/admin/matching/ordinancepolicy/add/").status_code == 403
    detail = client.get("/admin/matching/ordinancepolicy/1/change/")
    assert detail.status_code == 200
    assert client.post("/admin/matching/ordinancepolicy/1/delete/").status_code == 403
