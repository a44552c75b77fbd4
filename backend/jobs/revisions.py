"""Revisions of open postings (공고 수정 검토): a material edit waits for staff.

An open posting was approved as it reads. Editing what makes the job what it is — the text,
the wage, the place, the requirements, the schedule (`MATERIAL_FIELDS`: every posting field
but `openings` and `deadline`) — does not change the posting: it becomes its
`pending_revision` (`PostingRevision`), which staff approve (the fields are written onto the
posting, re-indexed and checked against the ordinance) or reject with a reason (the approved
version stays). Meanwhile search, recommendations, applications and the public page keep the
approved version. `openings` and `deadline` apply at once: they change no promise made to a
seeker (a deadline in the past is refused, as on any edit).

Called by `backend.jobs.services.posting_update` inside its transaction, on the locked
posting; staff decisions here lock it themselves.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.employers.models import EmployerMember
from backend.jobs import review
from backend.jobs.models import Posting, PostingRevision, PostingStatus, RevisionStatus
from backend.notifications.services import notification_queue
from backend.taxonomy.models import Area, CareerField

# What applies at once on an open posting; everything else is material.
IMMEDIATE_FIELDS = frozenset({"openings", "deadline"})
FOREIGN_KEYS = {"area": Area, "career_field": CareerField}

NO_PENDING_REVISION = gettext_lazy("검토를 기다리는 수정 내용이 없습니다.")
REVISION_REASON_REQUIRED = gettext_lazy("반려 사유를 입력해 주세요.")


def _as_json(name: str, value: Any) -> Any:
    """A field's value in the form a revision stores (and the API shows)."""
    if name in FOREIGN_KEYS:
        return value.pk if hasattr(value, "pk") else value
    if name == "location":
        return {"lat": value["lat"], "lon": value["lon"]} if value else None
    if isinstance(value, tuple):
        return list(value)
    return value


def _current(posting: Posting, name: str) -> Any:
    """The approved posting's value of `name`, in revision form."""
    if name in FOREIGN_KEYS:
        return getattr(posting, f"{name}_id")
    if name == "location":
        return None if posting.lat is None else {"lat": posting.lat, "lon": posting.lon}
    return getattr(posting, name)


def _as_fields(proposed: Mapping[str, Any]) -> dict[str, Any]:
    """A revision's stored values as `services._apply` takes them (model rows for codes)."""
    fields = dict(proposed)
    if "area" in fields:
        fields["area"] = Area.objects.get(pk=fields["area"])
    if "career_field" in fields:
        fields["career_field"] = CareerField.objects.get(pk=fields["career_field"])
    return fields


def _newest_revision(posting: Posting) -> PostingRevision | None:
    """The posting's newest revision that was not cancelled, from the prefetch
    (`selectors.postings_with_review_flags`) when there is one."""
    prefetched = getattr(posting, "revision_list", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return (
        posting.revisions.exclude(status=RevisionStatus.CANCELLED)
        .order_by("-created_at", "-id")
        .first()
    )


def pending_revision_of(posting: Posting) -> PostingRevision | None:
    """The posting's revision waiting for staff, or None."""
    newest = _newest_revision(posting)
    return newest if newest is not None and newest.status == RevisionStatus.PENDING else None


def revision_rejection_of(posting: Posting) -> PostingRevision | None:
    """The posting's newest revision when staff rejected it (its reason is for the
    employer), or None."""
    newest = _newest_revision(posting)
    return newest if newest is not None and newest.status == RevisionStatus.REJECTED else None


def posting_revision_propose(
    *, posting: Posting, actor: User, fields: Mapping[str, Any], apply: Any, clean: Any
) -> PostingRevision | None:
    """Merge a material edit of an open posting into its pending revision (creating one).

    `posting` is locked by the caller. The whole proposal — the pending revision's fields
    and these — is validated on a copy of the posting with `apply` and `clean` (the
    services' own, so the rules are the same as any edit's: a 400 names the field, and
    nothing is kept). Values equal to the approved ones drop out; an empty proposal cancels
    the pending revision. Returns the pending revision, or None.
    """
    pending = posting.revisions.select_for_update().filter(status=RevisionStatus.PENDING).first()
    proposed = dict(pending.proposed) if pending is not None else {}
    proposed.update({name: _as_json(name, value) for name, value in fields.items()})
    proposed = {name: value for name, value in proposed.items() if value != _current(posting, name)}
    if proposed:
        candidate = copy.copy(posting)
        apply(candidate, _as_fields(proposed))
        clean(candidate)
        if review.CHECKED_FIELDS & set(proposed):
            # Staff see what the ordinance checks find in the proposed text beside the
            # revision (flags on the posting; approving runs them again without repeats).
            review.posting_review_flags_for_open_edit(posting=candidate)
    if not proposed:
        if pending is not None:
            pending.status = RevisionStatus.CANCELLED
            pending.save(update_fields=["status", "updated_at"])
        return None
    if pending is None:
        return PostingRevision.objects.create(posting=posting, proposed=proposed, created_by=actor)
    pending.proposed = proposed
    pending.created_by = actor
    pending.save(update_fields=["proposed", "created_by", "updated_at"])
    return pending


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 할 수 있습니다."))


def _locked_pending(posting: Posting) -> tuple[Posting, PostingRevision]:
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    pending = posting.revisions.select_for_update().filter(status=RevisionStatus.PENDING).first()
    if pending is None:
        raise ConflictError(NO_PENDING_REVISION, code="no_pending_revision")
    if posting.status != PostingStatus.OPEN:
        raise ConflictError(
            gettext("모집 중인 공고의 수정 내용만 승인할 수 있습니다."), code="illegal_transition"
        )
    return posting, pending


def _tell_employer(
    posting: Posting, revision: PostingRevision, *, kind: str, **context: Any
) -> None:
    members = EmployerMember.objects.filter(employer_id=posting.employer_id).select_related("user")
    for member in members:
        notification_queue(
            recipient=member.user, kind=kind, obj=posting, key=str(revision.pk), context=context
        )


@transaction.atomic
def posting_revision_approve(
    *, posting: Posting, actor: User, apply: Any, clean: Any, save: Any, refresh_terms: Any
) -> Posting:
    """Staff approve the pending revision: its fields become the posting (validated again,
    re-tokenized, saved with a new version and so re-indexed), the ordinance checks run on
    the new text (a finding is an open flag, as for any edit of an open posting), and the
    employer is told. 409 without a pending revision or once the posting is no longer open."""
    _require_staff(actor)
    posting, pending = _locked_pending(posting)
    fields = _as_fields(pending.proposed)
    apply(posting, fields)
    clean(posting)
    refresh_terms(posting)
    save(posting)
    if review.CHECKED_FIELDS & set(fields):
        review.posting_review_flags_for_open_edit(posting=posting)
    pending.status = RevisionStatus.APPROVED
    pending.reviewed_by = actor
    pending.reviewed_at = timezone.now()
    pending.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    _tell_employer(posting, pending, kind="posting_revision_approved")
    return posting


@transaction.atomic
def posting_revision_reject(*, posting: Posting, actor: User, reason: str) -> Posting:
    """Staff reject the pending revision with a reason the employer reads; the approved
    version stays as it is. 409 without a pending revision."""
    _require_staff(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [REVISION_REASON_REQUIRED]})
    try:
        reject_resident_number(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from None
    posting, pending = _locked_pending(posting)
    pending.status = RevisionStatus.REJECTED
    pending.reviewed_by = actor
    pending.reviewed_at = timezone.now()
    pending.rejection_reason = reason
    pending.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "rejection_reason", "updated_at"]
    )
    # The flags the rejected text raised were reviewed with this decision.
    review.posting_review_flags_close(posting=posting, actor=actor, note=reason)
    _tell_employer(posting, pending, kind="posting_revision_rejected", reason=reason)
    return posting
