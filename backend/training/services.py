"""Use cases that write the training catalogue (staff only).

Bad input is a Django `ValidationError` naming the field (400, or the form again); a caller
who is not staff is a `ForbiddenError` (403).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from backend.accounts.models import Role, User
from backend.core.errors import ForbiddenError
from backend.core.validators import reject_resident_number
from backend.training.models import TrainingCourse

MAX_LIST_ITEMS = 20
MAX_ITEM_LENGTH = 50
# The fields staff write; a PATCH may give any subset.
COURSE_FIELDS = (
    "provider",
    "title",
    "description",
    "skills",
    "certificates",
    "starts_on",
    "ends_on",
    "cost_krw",
    "naeil_card",
    "place",
    "url",
    "seats",
    "is_active",
)


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 훈련 과정을 관리할 수 있어요."))


def clean_terms(values: Any, *, field: str) -> list[str]:
    """A list of skill or certificate names: stripped, without blanks and repeats (in the
    order given), at most `MAX_LIST_ITEMS` of at most `MAX_ITEM_LENGTH` characters."""
    if isinstance(values, str):
        values = values.split(",")
    if not isinstance(values, list | tuple):
        raise ValidationError({field: [gettext("목록으로 적어 주세요.")]})
    cleaned: list[str] = []
    for value in values:
        text = " ".join(str(value).split())
        if text and text not in cleaned:
            if len(text) > MAX_ITEM_LENGTH:
                raise ValidationError({field: [gettext("항목마다 50자까지 적을 수 있어요.")]})
            cleaned.append(text)
    if len(cleaned) > MAX_LIST_ITEMS:
        raise ValidationError({field: [gettext("20개까지 적을 수 있어요.")]})
    return cleaned


def _apply(course: TrainingCourse, fields: Mapping[str, Any]) -> None:
    for name in COURSE_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name in ("skills", "certificates"):
            value = clean_terms(value, field=name)
        elif isinstance(value, str):
            value = value.strip()
        setattr(course, name, value)
    if course.starts_on and course.ends_on and course.ends_on < course.starts_on:
        raise ValidationError({"ends_on": [gettext("종료일은 시작일과 같거나 그 뒤여야 해요.")]})
    if not course.skills and not course.certificates:
        raise ValidationError(
            {"skills": [gettext("배우는 기술이나 취득 자격증을 하나 이상 적어 주세요.")]}
        )
    reject = {"description": course.description, "title": course.title}
    for name, text in reject.items():
        try:
            reject_resident_number(text)
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from None
    course.full_clean(exclude=["created_by"])


@transaction.atomic
def course_create(*, actor: User, fields: Mapping[str, Any]) -> TrainingCourse:
    """Staff add a course to the catalogue."""
    _require_staff(actor)
    course = TrainingCourse(created_by=actor)
    _apply(course, fields)
    course.save()
    return course


@transaction.atomic
def course_update(
    *, actor: User, course: TrainingCourse, fields: Mapping[str, Any]
) -> TrainingCourse:
    """Staff change a course (any subset of `COURSE_FIELDS`); `is_active=False` takes it
    off the catalogue without losing it."""
    _require_staff(actor)
    locked = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    _apply(locked, fields)
    locked.save()
    return locked
