"""Minors on the web (근로기준법 §64-§70): the employer's posting form takes the hours and
holiday work, a minor's apply page and application say what §66 requires, and the employer
sees it on the application."""

from __future__ import annotations

import pytest

from backend.jobs.models import Application, Posting
from backend.seekers.services import seeker_profile_replace
from tests.contract.test_search_backends import make_posting
from tests.factories.accounts import seeker
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_payload, senior_payload
from tests.taxonomy.ages import birth_for_age
from tests.web.seeker_helpers import client_for, html
from tests.web.test_employer_pages import posting_body

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_posting_form_takes_hours_per_day_and_holiday_work(embedded_search: None) -> None:
    employer, user = employer_with_user()
    client = client_for(user)
    form = html(client.get("/employer/postings/new/"))
    assert 'name="hours_per_day"' in form
    assert 'name="holiday_work"' in form
    response = client.post(
        "/employer/postings/new/", posting_body(hours_per_day="6.5", holiday_work="on")
    )
    assert response.status_code == 302
    posting = Posting.objects.get(employer=employer)
    assert (posting.hours_per_day, posting.holiday_work) == (6.5, True)
    # Left empty: the legal standard day; bad input comes back kept with the message.
    client.post("/employer/postings/new/", posting_body(title="다른 공고", hours_per_day=""))
    assert Posting.objects.get(title="다른 공고").hours_per_day == 8
    bad = client.post("/employer/postings/new/", posting_body(hours_per_day="30"))
    assert bad.status_code == 400
    assert 'id="error-hours_per_day"' in html(bad)
    assert 'value="30"' in html(bad)


def test_a_minor_is_told_on_applying_and_the_employer_sees_it(embedded_search: None) -> None:
    employer, boss = employer_with_user()
    posting = make_posting(employer, hours_per_day=5, shifts=["afternoon"])
    year, month = birth_for_age(16)
    minor = seeker_profile_replace(
        user=seeker(), fields=graduate_payload(birth_year=year, birth_month=month)
    )
    client = client_for(minor.user)
    page = html(client.get(f"/jobs/{posting.pk}/apply/"))
    assert "만 18세 미만 지원자에게 필요한 서류" in page
    assert "가족관계증명서" in page
    response = client.post(
        f"/jobs/{posting.pk}/apply/", {"message": "열심히 할게요", "consent_provision": "on"}
    )
    assert response.status_code == 302
    application = Application.objects.get(posting=posting)
    assert application.applicant_minor is True
    assert "가족관계증명서" in html(client.get("/me/applications/"))

    employer_page = html(client_for(boss).get(f"/employer/postings/{posting.pk}/applications/"))
    assert "만 18세 미만 지원자" in employer_page
    assert "근로기준법 제66조" in employer_page


def test_a_minor_is_refused_a_night_shift_on_the_apply_page(embedded_search: None) -> None:
    employer, _ = employer_with_user()
    night = make_posting(employer, hours_per_day=5, shifts=["night"])
    year, month = birth_for_age(17)
    minor = seeker_profile_replace(
        user=seeker(), fields=graduate_payload(birth_year=year, birth_month=month)
    )
    response = client_for(minor.user).post(
        f"/jobs/{night.pk}/apply/", {"message": "", "consent_provision": "on"}
    )
    assert response.status_code == 400  # the form again, with the refusal
    assert "만 18세 미만은 이 공고에 지원할 수 없어요" in html(response)
    assert not Application.objects.exists()


def test_an_adult_sees_no_minor_notice(embedded_search: None) -> None:
    employer, boss = employer_with_user()
    posting = make_posting(employer)
    adult = seeker_profile_replace(user=seeker(), fields=senior_payload())
    client = client_for(adult.user)
    assert "가족관계증명서" not in html(client.get(f"/jobs/{posting.pk}/apply/"))
    client.post(f"/jobs/{posting.pk}/apply/", {"message": "", "consent_provision": "on"})
    assert "가족관계증명서" not in html(client.get("/me/applications/"))
    employer_page = html(client_for(boss).get(f"/employer/postings/{posting.pk}/applications/"))
    assert "만 18세 미만 지원자" not in employer_page


def test_the_basics_step_asks_for_the_birth_month(embedded_search: None) -> None:
    user = seeker()
    page = html(client_for(user).get("/me/profile/?step=basics"))
    assert 'name="birth_month"' in page
    assert "태어난 날은 묻지 않아요" in page


def test_the_detail_page_shows_the_hours_and_bars_a_minor_from_a_night_shift(
    embedded_search: None,
) -> None:
    employer, _ = employer_with_user()
    night = make_posting(employer, hours_per_day=5.5, shifts=["night"], holiday_work=True)
    year, month = birth_for_age(16)
    minor = seeker_profile_replace(
        user=seeker(), fields=graduate_payload(birth_year=year, birth_month=month)
    )
    adult = seeker_profile_replace(user=seeker(), fields=senior_payload())
    as_adult = html(client_for(adult.user).get(f"/jobs/{night.pk}/"))
    assert "5.5시간" in as_adult
    assert f"/jobs/{night.pk}/apply/" in as_adult
    assert 'id="minor-barred"' not in as_adult
    as_minor = html(client_for(minor.user).get(f"/jobs/{night.pk}/"))
    assert 'id="minor-barred"' in as_minor
    assert f"/jobs/{night.pk}/apply/" not in as_minor
