"""The hire date (`hired_on`): default today, at most 90 days back, never ahead; checkpoints
fall due from it. Through the service and `PATCH /api/v1/applications/{id}/`."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from backend.accounts.models import User
from backend.jobs.hiring import HIRED_ON_MAX_DAYS_BACK, add_months, application_set_status
from backend.jobs.models import Application, Placement, seoul_today
from tests.api import ClientFor
from tests.factories.employers import employer_with_user
from tests.factories.jobs import ApplicationFactory, posting_in

pytestmark = [pytest.mark.django_db]


def offered() -> tuple[Application, User]:
    employer, user = employer_with_user()
    application = ApplicationFactory.create(
        posting=posting_in("open", employer=employer), status="offered"
    )
    return application, user


def test_the_hire_date_may_be_up_to_ninety_days_back() -> None:
    application, user = offered()
    hired_on = seoul_today() - datetime.timedelta(days=HIRED_ON_MAX_DAYS_BACK)
    application_set_status(application=application, actor=user, status="hired", hired_on=hired_on)
    placement = Placement.objects.get()
    assert placement.hired_on == hired_on
    assert placement.checkpoints.get(month=3).due_on == add_months(hired_on, 3)


@pytest.mark.parametrize("days", [-1, HIRED_ON_MAX_DAYS_BACK + 1])
def test_a_hire_date_ahead_or_too_far_back_is_refused(days: int) -> None:
    application, user = offered()
    with pytest.raises(ValidationError) as refused:
        application_set_status(
            application=application,
            actor=user,
            status="hired",
            hired_on=seoul_today() - datetime.timedelta(days=days),
        )
    assert "hired_on" in refused.value.message_dict
    assert not Placement.objects.exists()


def test_a_hire_date_goes_with_hiring_only() -> None:
    employer, user = employer_with_user()
    application = ApplicationFactory.create(posting=posting_in("open", employer=employer))
    with pytest.raises(ValidationError):
        application_set_status(
            application=application, actor=user, status="reviewing", hired_on=seoul_today()
        )


def test_the_api_takes_hired_on_and_a_message(client_for: ClientFor) -> None:
    application, user = offered()
    client = client_for(user)
    url = f"/api/v1/applications/{application.pk}/"
    old = (seoul_today() - datetime.timedelta(days=120)).isoformat()
    response = client.patch(url, {"status": "hired", "hired_on": old}, format="json")
    assert response.status_code == 400
    assert "hired_on" in response.json()
    day = seoul_today() - datetime.timedelta(days=7)
    response = client.patch(
        url, {"status": "hired", "hired_on": day.isoformat(), "message": "환영해요"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Placement.objects.get().hired_on == day
