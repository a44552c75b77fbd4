"""Issue 16: "이 검색 저장" on /jobs/, and the seeker's saved searches under /me/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from backend.jobs.models import Posting, SavedSearch
from backend.jobs.saved_searches import saved_search_create
from tests.factories.accounts import employer_user, log_in, seeker
from tests.web.postings import DAEYA

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_search_page_offers_to_save_the_search(
    open_posting: Callable[..., Posting], client: Client
) -> None:
    open_posting(title="카페 바리스타")
    anonymous = client.get("/jobs/", {"q": "바리스타", "shift": "morning"}).content.decode()
    assert "이 검색 저장" in anonymous
    assert "/me/saved-searches/new/?q=" in anonymous
    person = seeker()
    page = log_in(Client(), person).get("/jobs/", {"q": "바리스타"}).content.decode()
    assert "/me/saved-searches/new/?q=%EB%B0%94" in page
    employer_page = log_in(Client(), employer_user()).get("/jobs/", {"q": "바리스타"})
    assert "이 검색 저장" not in employer_page.content.decode()


def test_a_seeker_confirms_and_saves_the_search(embedded_search: None) -> None:
    person = seeker()
    client = log_in(Client(), person)
    query = {"q": "바리스타", "shift": ["morning", "evening"], "near_area": DAEYA, "radius_km": "5"}
    page = client.get("/me/saved-searches/new/", {**query, "sort": "newest", "page": "2"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="hidden" name="shift" value="evening"' in html
    assert 'name="sort"' not in html
    assert 'value="바리스타"' in html  # the name suggested from the words
    assert "5km 안" in html
    response = client.post("/me/saved-searches/new/", {**query, "name": "", "frequency": "weekly"})
    assert response.status_code == 302
    assert response["Location"] == "/me/saved-searches/"
    saved = SavedSearch.objects.get(user=person)
    assert saved.frequency == "weekly"
    assert saved.name == "바리스타"
    assert saved.query == {
        "q": "바리스타",
        "shift": ["morning", "evening"],
        "near_area": DAEYA,
        "radius_km": 5.0,
    }
    listing = client.get("/me/saved-searches/").content.decode()
    assert "바리스타" in listing
    assert "매주" in listing
    assert f"/me/saved-searches/{saved.pk}/" in listing


def test_bad_parameters_and_a_bad_choice_come_back_as_400s(embedded_search: None) -> None:
    client = log_in(Client(), seeker())
    bad = client.get("/me/saved-searches/new/", {"radius_km": "5"})
    assert bad.status_code == 400
    assert "거리" in bad.content.decode()
    response = client.post(
        "/me/saved-searches/new/", {"q": "경리", "name": "내 경리 검색", "frequency": "hourly"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="내 경리 검색"' in html
    assert "매일이나 매주" in html
    assert not SavedSearch.objects.exists()
    # The same search twice: the form again with the reason.
    client.post("/me/saved-searches/new/", {"q": "경리", "frequency": "daily"})
    again = client.post("/me/saved-searches/new/", {"q": "경리", "frequency": "weekly"})
    assert again.status_code == 400
    assert "이미 저장" in again.content.decode()
    assert SavedSearch.objects.count() == 1


def test_edit_and_delete_and_who_may(embedded_search: None) -> None:
    person = seeker()
    saved = saved_search_create(user=person, query={"q": "경리"}, frequency="daily")
    client = log_in(Client(), person)
    response = client.post(
        f"/me/saved-searches/{saved.pk}/", {"name": "경리 사무", "frequency": "weekly"}
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("경리 사무", "weekly")
    stranger = log_in(Client(), seeker())
    assert stranger.get(f"/me/saved-searches/{saved.pk}/").status_code == 404
    assert stranger.post(f"/me/saved-searches/{saved.pk}/delete/").status_code == 404
    assert log_in(Client(), employer_user()).get("/me/saved-searches/").status_code == 403
    assert Client().get("/me/saved-searches/").status_code == 302
    # A GET never deletes.
    assert client.get(f"/me/saved-searches/{saved.pk}/delete/").status_code == 405
    assert client.post(f"/me/saved-searches/{saved.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_the_list_sends_a_fixed_number_of_queries(
    embedded_search: None, django_assert_max_num_queries: Any
) -> None:
    person = seeker()
    for word in ("경리", "회계", "바리스타", "지게차", "요양"):
        saved_search_create(
            user=person, query={"q": word, "area": [DAEYA], "shift": "morning"}, frequency="daily"
        )
    client = log_in(Client(), person)
    client.get("/me/saved-searches/")
    with django_assert_max_num_queries(8):
        response = client.get("/me/saved-searches/")
    assert response.content.decode().count('class="posting-card"') == 5
