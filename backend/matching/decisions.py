"""Automated decisions (자동화된 결정, PIPA §37-2): a seeker may ask why the scorer decided
something about them — a recommendation of a posting, or their place on (or absence from) a
posting's shortlist — and for a review by a person (city staff). Staff answer; the seeker
reads the answer. The criteria and weights themselves are published on the privacy notice
(`scoring_criteria`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from backend.accounts.models import ConsentPurpose, Role, User
from backend.accounts.selectors import has_consent
from backend.core.errors import ForbiddenError, NotFoundError
from backend.core.validators import reject_resident_number
from backend.jobs.models import Posting, PostingStatus
from backend.jobs.search_source import posting_document
from backend.matching.facts import posting_side, seeker_side, today
from backend.matching.models import (
    DecisionRequest,
    DecisionRequestKind,
    DecisionRequestStatus,
    DecisionSubject,
    Recommendation,
)
from backend.matching.reasons import stored_reasons
from backend.matching.scoring import COMPONENTS, hard_filter_failures, match
from backend.matching.selectors import ordinance_policy_current
from backend.seekers.models import SeekerProfile

REQUEST_NOT_FOUND = "요청을 찾을 수 없습니다."


def scoring_criteria() -> list[dict[str, Any]]:
    """The score's components and their weights under the current policy, in `COMPONENTS`
    order: `{component, weight, share}` (`share`: the weight's part of the total, 0-1). Read
    from the policy the scorer uses, never copied by hand."""
    policy = ordinance_policy_current()
    weights = policy.document["score_weights"]
    total = sum(float(weights[name]) for name in COMPONENTS) or 1.0
    return [
        {"component": name, "weight": float(weights[name]), "share": float(weights[name]) / total}
        for name in COMPONENTS
    ]


def _snapshot(profile: SeekerProfile, posting: Posting, subject: str) -> dict[str, Any]:
    """What the scorer decided about this pair, to answer about."""
    if subject == DecisionSubject.RECOMMENDATION:
        stored = Recommendation.objects.filter(seeker=profile, posting=posting).first()
        if stored is None:
            raise ValidationError(
                {"posting_id": [gettext("이 공고는 지금 내 추천 목록에 없습니다.")]}
            )
        return {
            "score": stored.score,
            "components": stored.components,
            "reasons": stored.reasons,
            "rank": stored.rank,
            "policy_version": stored.policy_version,
            "computed_at": stored.computed_at.isoformat(),
        }
    policy = ordinance_policy_current()
    shown = {
        "matching_consent": has_consent(user=profile.user, purpose=ConsentPurpose.MATCHING),
        "open_to_employers": profile.open_to_employers,
        "policy_version": policy.version,
        "computed_at": timezone.now().isoformat(),
    }
    document = posting_document(posting)
    if document is None:
        return {**shown, "failed_filters": ["모집 중인 공고가 아님"]}
    seeker = seeker_side(profile, policy.document, this_year=today().year)
    side = posting_side(document, policy.document)
    scored = match(seeker, side, policy.document["score_weights"], today())
    if scored is None:
        return {**shown, "failed_filters": hard_filter_failures(seeker, side, today())}
    return {
        **shown,
        "score": scored.score,
        "components": scored.components,
        "reasons": stored_reasons(scored.reasons),
    }


@transaction.atomic
def decision_request_create(
    *, profile: SeekerProfile, posting_id: int, kind: str, subject: str, message: str = ""
) -> DecisionRequest:
    """The seeker asks for an explanation of, or a review of, one decision about a posting."""
    errors: dict[str, list[str]] = {}
    if kind not in DecisionRequestKind.values:
        errors["kind"] = [gettext("설명 요청 또는 검토 요청을 골라 주세요.")]
    if subject not in DecisionSubject.values:
        errors["subject"] = [gettext("추천 또는 후보 명단을 골라 주세요.")]
    try:
        reject_resident_number(message)
    except ValidationError as error:
        errors["message"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    posting = (
        Posting.objects.filter(pk=posting_id)
        .exclude(status__in=[PostingStatus.DRAFT, PostingStatus.PENDING])
        .select_related("area")
        .first()
    )
    if posting is None:
        raise ValidationError({"posting_id": [gettext("공고를 찾을 수 없습니다.")]})
    return DecisionRequest.objects.create(
        seeker=profile,
        posting=posting,
        kind=kind,
        subject=subject,
        message=message.strip(),
        snapshot=_snapshot(profile, posting, subject),
    )


@transaction.atomic
def decision_request_answer(*, request_id: int, actor: User, answer: str) -> DecisionRequest:
    """City staff answer a request (explain the decision, or say what the review found)."""
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 할 수 있습니다."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": [gettext("답변을 적어 주세요.")]})
    try:
        reject_resident_number(answer)
    except ValidationError as error:
        raise ValidationError({"answer": list(error.messages)}) from None
    found = DecisionRequest.objects.select_for_update().filter(pk=request_id).first()
    if found is None:
        raise NotFoundError(gettext(REQUEST_NOT_FOUND))
    found.answer = answer
    found.answered_by = actor
    found.answered_at = timezone.now()
    found.status = DecisionRequestStatus.ANSWERED
    found.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    return found


def decision_requests_of(profile: SeekerProfile) -> QuerySet[DecisionRequest]:
    """The seeker's own requests, newest first, with their postings."""
    return DecisionRequest.objects.filter(seeker=profile).select_related("posting__employer")


def decision_requests_for_staff(*, status: str = "") -> QuerySet[DecisionRequest]:
    """The staff queue: open requests first (oldest first), then answered ones."""
    rows = DecisionRequest.objects.select_related("posting__employer", "seeker").order_by(
        "-status", "created_at", "id"
    )
    return rows.filter(status=status) if status else rows
