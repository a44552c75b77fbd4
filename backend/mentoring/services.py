"""Use cases that write mentoring data: mentor profiles and request transitions.

Never imports DRF. Bad input is a Django `ValidationError` (400); an illegal transition or a
full mentor is a `ConflictError` (409). Callers resolve which request a user may act on with
`backend.mentoring.access` first; these functions re-read the rows under lock.

Staged offers (the rules are in `backend.mentoring.offers`): a request asked without a chosen
mentor is offered here to the best `OFFER_WAVE` mentors of its field, and each decline of an
offer passes it on to the next-best one; widening to the field is computed in the queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.mentoring import selectors
from backend.mentoring.access import thread_member
from backend.mentoring.hooks import (
    mentoring_request_accepted,
    mentoring_request_created,
    mentoring_request_finished,
)
from backend.mentoring.models import (
    ACTIVE_STATUSES,
    MAX_MENTEES_LIMIT,
    MENTOR_VETTED_FIELDS,
    MESSAGE_MAX_LENGTH,
    MentoringMessage,
    MentoringOffer,
    MentoringRequest,
    MentorProfile,
    MentorStatus,
    RequestStatus,
)
from backend.mentoring.offers import OFFER_WAVE, waiting_on_offers
from backend.notifications.services import notification_queue
from backend.taxonomy.models import CareerField

MENTOR_ROLES = (Role.MENTOR, Role.SEEKER)
# What a PUT writes, with the value an omitted field takes (PUT replaces the whole profile).
PROFILE_DEFAULTS: dict[str, Any] = {
    "display_name": "",
    "kind": "",
    "expertise": "",
    "career_fields": [],
    "bio": "",
    "availability": "",
    "max_mentees": 3,
}

# Which statuses each action may start from; anything else is a 409.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "accept": (RequestStatus.OPEN,),
    "decline": (RequestStatus.OPEN,),
    "complete": (RequestStatus.ACCEPTED,),
    "cancel": (RequestStatus.OPEN, RequestStatus.ACCEPTED),
}
# One whole sentence per action (a translation never glues words together).
ILLEGAL_ACTIONS = {
    "accept": gettext_lazy("'%(status)s' 상태의 요청은 수락할 수 없습니다."),
    "decline": gettext_lazy("'%(status)s' 상태의 요청은 거절할 수 없습니다."),
    "complete": gettext_lazy("'%(status)s' 상태의 요청은 완료할 수 없습니다."),
    "cancel": gettext_lazy("'%(status)s' 상태의 요청은 취소할 수 없습니다."),
}


def _check_transition(mentoring_request: MentoringRequest, action: str) -> None:
    if mentoring_request.status not in TRANSITIONS[action]:
        raise ConflictError(
            str(ILLEGAL_ACTIONS[action])
            % {"status": RequestStatus(mentoring_request.status).label},
            code="illegal_transition",
        )


MENTOR_NOT_VERIFIED = gettext_lazy("시 담당자가 멘토 프로필을 확인한 뒤에 요청을 맡을 수 있습니다.")
MENTOR_REFUSAL_REASON_REQUIRED = gettext_lazy("거절 사유를 입력해 주세요.")


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 할 수 있습니다."))


@transaction.atomic
def mentor_verify(*, profile: MentorProfile, actor: User) -> MentorProfile:
    """Staff vouch for a mentor (who they are, what they know): from now on requests of their
    fields are offered and shown to them. 409 when already verified."""
    _require_staff(actor)
    profile = MentorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status == MentorStatus.VERIFIED:
        raise ConflictError(gettext("이미 인증된 멘토입니다."), code="already_verified")
    profile.status = MentorStatus.VERIFIED
    profile.reviewed_at = timezone.now()
    profile.reviewed_by = actor
    profile.refusal_reason = ""
    profile.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "refusal_reason", "updated_at"]
    )
    notification_queue(
        recipient=profile.user,
        kind="mentor_verified",
        obj=profile,
        key=profile.reviewed_at.isoformat(),
    )
    return profile


@transaction.atomic
def mentor_refuse(*, profile: MentorProfile, actor: User, reason: str) -> MentorProfile:
    """Staff could not vouch for a mentor: refused, with a reason the mentor reads (and a
    mail); an edit of the profile puts it back in the queue. A verified mentor may be
    refused too (staff withdraw the verification): they keep the mentees they have, and see
    nothing new. 409 when already refused."""
    _require_staff(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [MENTOR_REFUSAL_REASON_REQUIRED]})
    try:
        reject_resident_number(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from None
    profile = MentorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status == MentorStatus.REFUSED:
        raise ConflictError(gettext("이미 인증을 거절한 멘토입니다."), code="already_refused")
    profile.status = MentorStatus.REFUSED
    profile.reviewed_at = timezone.now()
    profile.reviewed_by = actor
    profile.refusal_reason = reason
    profile.save(
        update_fields=["status", "reviewed_at", "reviewed_by", "refusal_reason", "updated_at"]
    )
    notification_queue(
        recipient=profile.user,
        kind="mentor_refused",
        obj=profile,
        key=profile.reviewed_at.isoformat(),
        context={"reason": reason},
    )
    return profile


def _unknown_field_codes(codes: list[str]) -> list[str]:
    known = set(CareerField.objects.filter(code__in=codes).values_list("code", flat=True))
    return sorted(set(codes) - known)


@transaction.atomic
def mentor_profile_put(*, user: User, fields: Mapping[str, Any]) -> MentorProfile:
    """Create or replace the user's mentor profile (a mentor, or a seeker who volunteers).

    Lowering `max_mentees` below the current number of mentees is allowed: the mentor keeps
    them and accepts no one new until a place is free.

    A new profile waits for staff (`pending`); changing what staff vetted
    (`MENTOR_VETTED_FIELDS`), or any edit after a refusal, sends it back to the queue.
    """
    if user.role not in MENTOR_ROLES:
        raise ForbiddenError(gettext("멘토 또는 구직자만 멘토로 활동할 수 있습니다."))
    # Lock the user row so that two first PUTs cannot both insert a profile.
    User.objects.select_for_update().filter(pk=user.pk).first()
    profile = MentorProfile.objects.filter(user=user).first() or MentorProfile(user=user)
    vetted_before = [getattr(profile, name) for name in MENTOR_VETTED_FIELDS]
    for name, default in PROFILE_DEFAULTS.items():
        setattr(profile, name, fields.get(name, default))
    if profile.pk is not None and (
        profile.status == MentorStatus.REFUSED
        or [getattr(profile, name) for name in MENTOR_VETTED_FIELDS] != vetted_before
    ):
        profile.status = MentorStatus.PENDING
    errors: dict[str, list[str]] = {}
    if not profile.career_fields:
        errors["career_fields"] = [gettext("계열을 한 가지 이상 선택해 주세요.")]
    else:
        unknown = _unknown_field_codes(list(profile.career_fields))
        if unknown:
            errors["career_fields"] = [
                gettext("알 수 없는 계열 코드입니다: %(codes)s (/career-fields/ 참고)")
                % {"codes": ", ".join(unknown)}
            ]
    if not 1 <= profile.max_mentees <= MAX_MENTEES_LIMIT:
        errors["max_mentees"] = [
            gettext("최대 멘티 수는 1~%(max)s명이어야 합니다.") % {"max": MAX_MENTEES_LIMIT}
        ]
    try:
        profile.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    profile.save()
    return profile


@transaction.atomic
def mentoring_request_create(
    *,
    seeker: User,
    career_field: str,
    topic: str,
    message: str = "",
    mentor_id: int | None = None,
    shared_contact: str = "",
) -> MentoringRequest:
    """A seeker asks for mentoring in a career field, optionally offering it to one chosen
    mentor (e.g. one picked from the suggested mentors); otherwise it is offered to the best
    `OFFER_WAVE` mentors of the field with a free place (staged offers), or is open to the
    whole field at once when there is no such mentor."""
    if seeker.role != Role.SEEKER:
        raise ForbiddenError(gettext("구직자만 멘토링을 요청할 수 있습니다."))
    errors: dict[str, list[str]] = {}
    field = CareerField.objects.filter(code=career_field).first()
    if field is None:
        errors["career_field"] = [
            gettext("알 수 없는 계열 코드입니다: %(codes)s (/career-fields/ 참고)")
            % {"codes": career_field}
        ]
    mentor = None
    if mentor_id is not None:
        # Only a verified mentor may be chosen (an unvetted one is as good as unknown).
        mentor = (
            MentorProfile.objects.filter(pk=mentor_id, status=MentorStatus.VERIFIED)
            .exclude(user=seeker)
            .first()
        )
        if mentor is None:
            errors["mentor"] = [gettext("멘토를 찾을 수 없습니다.")]
    mentoring_request = MentoringRequest(
        seeker=seeker,
        topic=topic,
        message=message,
        shared_contact=shared_contact.strip(),
        mentor=mentor,
        status=RequestStatus.OPEN,
    )
    if field is not None:
        mentoring_request.career_field = field
    try:
        mentoring_request.full_clean(
            exclude=["seeker", "career_field", "mentor"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    mentoring_request.save()
    mentoring_request_created.fire(mentoring_request=mentoring_request)
    if mentor is None:
        _offer_to_next_mentors(mentoring_request, how_many=OFFER_WAVE)
    else:
        # The chosen mentor hears of it like an offered one.
        notification_queue(recipient=mentor.user, kind="mentoring_offered", obj=mentoring_request)
    return mentoring_request


@transaction.atomic
def mentoring_message_post(*, author: User, request_id: int, body: str) -> MentoringMessage:
    """Add a message to an accepted request's thread, by its seeker or its mentor.

    The caller found the request through `backend.mentoring.access` (404 for anyone else);
    someone outside the thread is a `ForbiddenError`, a request that is not running (open,
    or ended) a 409, an empty or too long body a `ValidationError` on `body`.
    """
    locked = _locked_request(request_id)
    mentoring_request = MentoringRequest.objects.select_related("mentor__user", "seeker").get(
        pk=locked.pk
    )
    if not thread_member(mentoring_request, author):
        raise ForbiddenError(gettext_lazy("이 멘토링의 멘티와 멘토만 메시지를 쓸 수 있습니다."))
    if mentoring_request.status != RequestStatus.ACCEPTED:
        raise ConflictError(
            gettext_lazy("진행 중인 멘토링에만 메시지를 쓸 수 있습니다."),
            code="thread_closed",
        )
    text = body.strip()
    if not text:
        raise ValidationError({"body": [gettext("메시지를 적어 주세요.")]})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "body": [
                    f"메시지는 {MESSAGE_MAX_LENGTH}자까지 쓸 수 있습니다. "
                    f"(At most {MESSAGE_MAX_LENGTH} characters.)"
                ]
            }
        )
    message = MentoringMessage(request=mentoring_request, author=author, body=text)
    message.full_clean(exclude=["request", "author"])
    message.save()
    # The other side hears of it by mail (sent after commit).
    mentor = mentoring_request.mentor
    recipient = (
        (mentor.user if mentor is not None else None)
        if author.pk == mentoring_request.seeker_id
        else mentoring_request.seeker
    )
    if recipient is not None:
        notification_queue(recipient=recipient, kind="mentoring_message", obj=message)
    return message


def _offer_to_next_mentors(mentoring_request: MentoringRequest, *, how_many: int) -> int:
    """Offer the request to the next `how_many` best mentors of its field with a free place
    who have not been offered it yet; how many were found. The caller holds the request row
    (locked, or just inserted), so two of these never number offers for one request at once.

    Loads are read without locking the mentors: one who fills up meanwhile gets a 409 on
    accept and can decline, which passes the offer on.
    """
    offers = MentoringOffer.objects.filter(request=mentoring_request)
    already = frozenset(offers.values_list("mentor_id", flat=True))
    ranked = selectors.ranked_mentors_for(
        mentoring_request, field_only=True, excluding_mentor_ids=already
    )[:how_many]
    last_rank = max(offers.values_list("rank", flat=True), default=0)
    now = timezone.now()
    offers_made = MentoringOffer.objects.bulk_create(
        MentoringOffer(
            request=mentoring_request,
            mentor_id=suggestion.candidate.mentor_id,
            rank=last_rank + position,
            offered_at=now,
        )
        for position, suggestion in enumerate(ranked, start=1)
    )
    # Each offered mentor hears of it by mail (sent after commit).
    mentor_ids = [offer.mentor_id for offer in offers_made]
    for profile in MentorProfile.objects.filter(pk__in=mentor_ids).select_related("user"):
        notification_queue(recipient=profile.user, kind="mentoring_offered", obj=mentoring_request)
    return len(ranked)


def _pass_offer_on(mentoring_request: MentoringRequest, offer: MentoringOffer) -> None:
    """Record the decline of a live offer and, while the request still waits on its offers,
    offer it to the next-best mentor. Once the window has passed the request is already open
    to the field: a fresh offer would hide it from the field again, so none is made."""
    waiting = MentoringRequest.objects.filter(waiting_on_offers(), pk=mentoring_request.pk).exists()
    offer.declined_at = timezone.now()
    offer.save(update_fields=["declined_at"])
    if not waiting:
        return
    _offer_to_next_mentors(mentoring_request, how_many=1)
    if not MentoringRequest.objects.filter(waiting_on_offers(), pk=mentoring_request.pk).exists():
        # That was the last live offer and nobody is left to offer it to: the request opens
        # to every mentor of its field, and the seeker hears so (once per request).
        notification_queue(
            recipient=mentoring_request.seeker,
            kind="mentoring_declined",
            obj=mentoring_request,
            key="field",
        )


def _locked_request(request_id: int) -> MentoringRequest:
    return MentoringRequest.objects.select_for_update().get(pk=request_id)


@transaction.atomic
def mentoring_request_accept(*, mentor: MentorProfile, request_id: int) -> MentoringRequest:
    """The mentor takes an open request (open to their field or offered to them).

    Race: two accepts for the same mentor could each count `active < max_mentees` and both
    succeed. Locking the mentor profile row first serializes a mentor's accepts, so the
    count is exact; the request row is locked next (always in this order, so no deadlock),
    so two mentors accepting one request cannot both win.
    """
    locked_mentor = MentorProfile.objects.select_for_update().get(pk=mentor.pk)
    mentoring_request = _locked_request(request_id)
    if not locked_mentor.verified:
        raise ConflictError(MENTOR_NOT_VERIFIED, code="mentor_unverified")
    _check_transition(mentoring_request, "accept")
    if mentoring_request.mentor_id not in (None, locked_mentor.pk):
        raise ConflictError(
            gettext("다른 멘토에게 요청된 건입니다."),
            code="offered_to_another",
        )
    active = MentoringRequest.objects.filter(
        mentor=locked_mentor, status__in=ACTIVE_STATUSES
    ).count()
    if active >= locked_mentor.max_mentees:
        raise ConflictError(
            gettext("멘티 정원(%(max)s명)이 찼습니다. 진행 중인 멘토링을 완료한 뒤 수락해 주세요.")
            % {"max": locked_mentor.max_mentees},
            code="mentor_full",
        )
    mentoring_request.mentor = locked_mentor
    mentoring_request.status = RequestStatus.ACCEPTED
    mentoring_request.accepted_at = timezone.now()
    mentoring_request.save(update_fields=["mentor", "status", "accepted_at", "updated_at"])
    mentoring_request_accepted.fire(mentoring_request=mentoring_request)
    # Keyed by the mentor: a request reopened when its mentor left may be accepted again.
    notification_queue(
        recipient=mentoring_request.seeker,
        kind="mentoring_accepted",
        obj=mentoring_request,
        key=str(locked_mentor.pk),
    )
    return mentoring_request


@transaction.atomic
def mentoring_request_decline(*, mentor: MentorProfile, request_id: int) -> MentoringRequest:
    """A mentor turns down an open request offered to them.

    - Its chosen mentor: the request ends `declined`.
    - A mentor holding a live staged offer: the offer is declined (`declined_at`), the request
      stays `open` and is offered to the next-best mentor not yet offered (while it still
      waits on its offers); the decliner no longer sees it.
    - Anyone else (a mentor who sees it only because it is open to the field): a 409, since
      other mentors may still take it.
    """
    mentoring_request = _locked_request(request_id)
    _check_transition(mentoring_request, "decline")
    if mentoring_request.mentor_id != mentor.pk:
        offer = MentoringOffer.objects.filter(
            request=mentoring_request, mentor=mentor, declined_at__isnull=True
        ).first()
        if offer is None:
            raise ConflictError(
                gettext(
                    "나에게 제안된 요청만 거절할 수 있습니다. "
                    "분야 전체에 공개된 요청은 다른 멘토가 수락할 수 있습니다."
                ),
                code="not_offered",
            )
        _pass_offer_on(mentoring_request, offer)
        return mentoring_request
    mentoring_request.status = RequestStatus.DECLINED
    mentoring_request.closed_at = timezone.now()
    mentoring_request.save(update_fields=["status", "closed_at", "updated_at"])
    mentoring_request_finished.fire(mentoring_request=mentoring_request)
    # The chosen mentor said no: the request has ended, and the seeker may ask another.
    notification_queue(
        recipient=mentoring_request.seeker,
        kind="mentoring_declined",
        obj=mentoring_request,
        key="declined",
    )
    return mentoring_request


@transaction.atomic
def mentoring_request_complete(*, mentor: MentorProfile, request_id: int) -> MentoringRequest:
    """The mentor closes an accepted request as done, freeing one place."""
    mentoring_request = _locked_request(request_id)
    _check_transition(mentoring_request, "complete")
    if mentoring_request.mentor_id != mentor.pk:
        raise ConflictError(
            gettext("내가 수락한 요청만 완료할 수 있습니다."),
            code="not_your_mentee",
        )
    mentoring_request.status = RequestStatus.COMPLETED
    mentoring_request.closed_at = timezone.now()
    mentoring_request.save(update_fields=["status", "closed_at", "updated_at"])
    mentoring_request_finished.fire(mentoring_request=mentoring_request)
    # Completing asks both sides for a short rating: the mentor on the page they are on, the
    # mentee by this mail (`backend.mentoring.sessions`).
    notification_queue(
        recipient=mentoring_request.seeker, kind="mentoring_completed", obj=mentoring_request
    )
    return mentoring_request


@transaction.atomic
def mentoring_request_cancel(*, seeker: User, request_id: int) -> MentoringRequest:
    """The seeker withdraws an open or accepted request (an accepted one frees the place)."""
    mentoring_request = _locked_request(request_id)
    if mentoring_request.seeker_id != seeker.pk:
        raise ForbiddenError(gettext("본인의 요청만 취소할 수 있습니다."))
    _check_transition(mentoring_request, "cancel")
    mentoring_request.status = RequestStatus.CANCELLED
    mentoring_request.closed_at = timezone.now()
    mentoring_request.save(update_fields=["status", "closed_at", "updated_at"])
    mentoring_request_finished.fire(mentoring_request=mentoring_request)
    return mentoring_request


@transaction.atomic
def mentor_profile_erase(user: User) -> None:
    """Privacy eraser (runs inside the deletion transaction, before the user row goes): the
    mentees of a departing mentor get their requests back as open, so another mentor can
    take them (the field, or first its other offered mentors while their window runs);
    requests chosen for this mentor return to the field as well, and their live staged
    offers are passed on as if declined. Finished requests keep their
    history, with the mentor set to NULL by the foreign key; their offer rows go with the
    profile."""
    profile = MentorProfile.objects.filter(user=user).first()
    if profile is None:
        return
    live_offers = MentoringOffer.objects.filter(
        mentor=profile,
        declined_at__isnull=True,
        request__status=RequestStatus.OPEN,
        request__mentor__isnull=True,
    ).values_list("request_id", flat=True)
    for request_id in list(live_offers):
        mentoring_request = _locked_request(request_id)
        offer = MentoringOffer.objects.filter(
            request=mentoring_request, mentor=profile, declined_at__isnull=True
        ).first()
        if offer is not None and mentoring_request.status == RequestStatus.OPEN:
            _pass_offer_on(mentoring_request, offer)
    MentoringRequest.objects.filter(
        mentor=profile, status__in=(RequestStatus.OPEN, RequestStatus.ACCEPTED)
    ).update(mentor=None, status=RequestStatus.OPEN, accepted_at=None, updated_at=timezone.now())
