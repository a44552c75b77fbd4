"""Mentoring sessions and ratings (멘토링 세션·평가): use cases that write, and their reads.

Either side of a thread (the seeker who asked, the mentor who accepted: `access.thread_member`)
records the sessions they held — while the mentoring runs or after it was completed — and,
once it is completed, gives it one short rating (1-5, an optional comment). Completing asks
both: the mentor sees the rating form at once, the mentee gets a mail and the form on their
page. Someone outside the thread is a `ForbiddenError` (403), the wrong state a
`ConflictError` (409), bad values a `ValidationError` naming the field (400).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import User
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.mentoring.access import thread_member
from backend.mentoring.hooks import mentoring_rated, mentoring_session_recorded
from backend.mentoring.models import (
    RATING_COMMENT_MAX_LENGTH,
    SESSION_MAX_MINUTES,
    SESSION_TOPIC_MAX_LENGTH,
    MentoringRating,
    MentoringRequest,
    MentoringSession,
    RaterRole,
    RequestStatus,
)

SESSION_MIN_MINUTES = 5
SESSION_STATUSES = (RequestStatus.ACCEPTED, RequestStatus.COMPLETED)


def _seoul_today() -> datetime.date:
    return timezone.localdate()  # TIME_ZONE is Asia/Seoul


def _member_request(request_id: int, user: User) -> MentoringRequest:
    """The request under lock, with its mentor, if `user` is in its thread (else 403)."""
    locked = MentoringRequest.objects.select_for_update().get(pk=request_id)
    mentoring_request = MentoringRequest.objects.select_related("mentor").get(pk=locked.pk)
    if not thread_member(mentoring_request, user):
        raise ForbiddenError(gettext("이 멘토링의 멘티와 멘토만 할 수 있어요."))
    return mentoring_request


def _session_errors(
    mentoring_request: MentoringRequest, held_on: datetime.date, minutes: int, topic: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = _seoul_today()
    started = timezone.localtime(mentoring_request.created_at).date()
    if held_on > today:
        errors["held_on"] = [gettext("오늘이나 지난 날짜를 적어 주세요.")]
    elif held_on < started:
        errors["held_on"] = [gettext("멘토링을 요청한 날 이후의 날짜를 적어 주세요.")]
    if not SESSION_MIN_MINUTES <= minutes <= SESSION_MAX_MINUTES:
        errors["minutes"] = [
            gettext("%(low)s분에서 %(high)s분 사이로 적어 주세요.")
            % {"low": SESSION_MIN_MINUTES, "high": SESSION_MAX_MINUTES}
        ]
    if not topic:
        errors["topic"] = [gettext("무엇을 이야기했는지 적어 주세요.")]
    elif len(topic) > SESSION_TOPIC_MAX_LENGTH:
        errors["topic"] = [gettext("200자까지 적을 수 있어요.")]
    else:
        try:
            reject_resident_number(topic)
        except ValidationError as error:
            errors["topic"] = list(error.messages)
    return errors


@transaction.atomic
def mentoring_session_record(
    *, author: User, request_id: int, held_on: datetime.date, minutes: int, topic: str
) -> MentoringSession:
    """Record a session of an accepted or completed request, by its seeker or its mentor."""
    mentoring_request = _member_request(request_id, author)
    if mentoring_request.status not in SESSION_STATUSES:
        raise ConflictError(
            gettext("진행 중이거나 마친 멘토링에만 세션을 기록할 수 있어요."),
            code="not_running",
        )
    text = " ".join(topic.split())
    errors = _session_errors(mentoring_request, held_on, minutes, text)
    if errors:
        raise ValidationError(errors)
    session = MentoringSession.objects.create(
        request=mentoring_request, recorded_by=author, held_on=held_on, minutes=minutes, topic=text
    )
    mentoring_session_recorded.fire(session=session)
    return session


def role_in(mentoring_request: MentoringRequest, user: User) -> str:
    """Which side of the request `user` is (call only for a thread member)."""
    return RaterRole.MENTEE if mentoring_request.seeker_id == user.pk else RaterRole.MENTOR


@transaction.atomic
def mentoring_rating_give(
    *, rater: User, request_id: int, score: int, comment: str = ""
) -> MentoringRating:
    """One side's rating of a completed mentoring: once per side (a second is a 409)."""
    mentoring_request = _member_request(request_id, rater)
    if mentoring_request.status != RequestStatus.COMPLETED:
        raise ConflictError(gettext("마친 멘토링만 평가할 수 있어요."), code="not_completed")
    text = comment.strip()
    errors: dict[str, list[str]] = {}
    if not 1 <= score <= 5:
        errors["score"] = [gettext("1에서 5 사이의 점수를 골라 주세요.")]
    if len(text) > RATING_COMMENT_MAX_LENGTH:
        errors["comment"] = [gettext("500자까지 적을 수 있어요.")]
    elif text:
        try:
            reject_resident_number(text)
        except ValidationError as error:
            errors["comment"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    role = role_in(mentoring_request, rater)
    if MentoringRating.objects.filter(request=mentoring_request, role=role).exists():
        raise ConflictError(gettext("이미 평가했어요."), code="already_rated")
    try:
        with transaction.atomic():
            rating = MentoringRating.objects.create(
                request=mentoring_request, rater=rater, role=role, score=score, comment=text
            )
    except IntegrityError:  # a concurrent second rating (the request row is locked, but safe)
        raise ConflictError(gettext("이미 평가했어요."), code="already_rated") from None
    mentoring_rated.fire(rating=rating)
    return rating


def request_sessions(*, request_id: int) -> QuerySet[MentoringSession]:
    """A request's sessions, oldest first."""
    return MentoringSession.objects.filter(request_id=request_id).order_by("held_on", "id")


def rating_of(*, request_id: int, role: str) -> MentoringRating | None:
    """One side's rating of a request, if given."""
    return MentoringRating.objects.filter(request_id=request_id, role=role).first()


def rating_asked(mentoring_request: MentoringRequest, user: User) -> bool:
    """Whether the page should ask `user` to rate: a completed request of theirs they have
    not rated yet."""
    if mentoring_request.status != RequestStatus.COMPLETED:
        return False
    if not thread_member(mentoring_request, user):
        return False
    role = role_in(mentoring_request, user)
    return rating_of(request_id=mentoring_request.pk, role=role) is None
