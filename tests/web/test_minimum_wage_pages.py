"""The minimum wage on the web (issue 13): the posting form and the seeker's wishes step show
the floor as a hint, and a wage under it comes back with the figure beside the field."""

from __future__ import annotations

import datetime

import pytest

from backend.jobs.models import Posting
from backend.taxonomy.minimum_wage import minimum_wage_on
from tests.factories.employers import employer_with_user
from tests.factories.seekers import graduate_profile
from tests.web.seeker_helpers import client_for, html
from tests.web.test_employer_pages import posting_body

pytestmark = [pytest.mark.django_db]


def figure() -> str:
    return f"{minimum_wage_on(datetime.date.today()).hourly:,}원"


def test_the_posting_form_hints_the_floor_and_refuses_below_it() -> None:
    _, user = employer_with_user()
    client = client_for(user)
    assert figure() in html(client.get("/employer/postings/new/"))
    response = client.post("/employer/postings/new/", posting_body(hourly_wage="500"))
    assert response.status_code == 400
    text = html(response)
    assert "시급이 최저임금보다 낮습니다" in text
    assert figure() in text
    assert 'value="500"' in text  # the input is kept
    assert not Posting.objects.exists()


def test_the_wishes_step_hints_the_floor_and_refuses_below_it() -> None:
    profile = graduate_profile()
    client = client_for(profile.user)
    assert figure() in html(client.get("/me/profile/?step=wishes"))
    response = client.post(
        "/me/profile/?step=wishes",
        {
            "career_fields": ["engineering"],
            "employment_types": ["part_time"],
            "shifts": ["morning"],
            "max_days_per_week": "5",
            "min_hourly_wage": "9000",
        },
    )
    text = html(response)  # the step's page again (its error status is the profile pages')
    assert "최저임금보다 낮게 적을 수 없어요" in text
    assert figure() in text
    profile.refresh_from_db()
    assert profile.min_hourly_wage != 9000
