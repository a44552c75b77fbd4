"""Who may see which training course: staff every one; anyone signed in the shown ones
that have not ended (anything else is a 404, never a hint that it exists)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from backend.accounts.models import Role, User
from backend.core.errors import NotFoundError
from backend.training import selectors
from backend.training.models import TrainingCourse


def course_for(user: User, course_id: int, *, today: datetime.date) -> TrainingCourse:
    courses = (
        selectors.courses_for_staff()
        if user.role == Role.STAFF
        else selectors.courses_open(today=today)
    )
    course = courses.filter(pk=course_id).first()
    if course is None:
        raise NotFoundError(gettext("훈련 과정을 찾을 수 없어요."))
    return course
