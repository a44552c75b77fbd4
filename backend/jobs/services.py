"""Use cases that write postings: create, edit, and the status machine.

    draft ──submit──► pending ──approve──► open ──close──► closed
      ▲                  │                   ├──(hires reach openings)──► filled
      └─────reject───────┘                   └──(deadline job)──────────► expired

Every other transition is a `ConflictError` (409). Each write re-reads the posting under a
row lock (`SELECT … FOR UPDATE`), so two staff members approving and rejecting at once, or an
edit racing a close, serialize and the second sees the first's result. Every write bumps
`version`, which the search sync uses to skip stale documents.

Submitting runs the ordinance posting checks, and a staff decision records the review of what
they flagged (`backend.jobs.review`). Applications and placements are in `backend.jobs.hiring`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.bulk import BulkOutcome, each_on_its_own
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.employers.models import Employer, EmployerMember
from backend.jobs import access, review, revisions
from backend.jobs.models import Posting, PostingStatus, seoul_today
from backend.notifications.services import notification_queue
from backend.taxonomy.minimum_wage import highest_minimum
from search.indexing import posting_terms, record_change
from search.models import Entity

# The fields of API.md that an employer writes; `location` is `{lat, lon}` or None.
POSTING_FIELDS = frozenset(
    {
        "title",
        "description",
        "career_field",
        "occupation",
        "skills_required",
        "skills_preferred",
        "certificates_required",
        "min_experience_years",
        "employment_type",
        "days_per_week",
        "shifts",
        "hours_per_day",
        "holiday_work",
        "hourly_wage",
        "area",
        "location",
        "address",
        "openings",
        "deadline",
        "cohorts_welcome",
    }
)
EDITABLE_STATUSES = frozenset({PostingStatus.DRAFT, PostingStatus.OPEN})

# One whole sentence per action (a translation never glues words together).
_ILLEGAL_ACTIONS = {
    "edit": gettext_lazy("'%(status)s' 상태의 공고는 수정할 수 없습니다."),
    "submit": gettext_lazy("'%(status)s' 상태의 공고는 검토 요청할 수 없습니다."),
    "approve": gettext_lazy("'%(status)s' 상태의 공고는 승인할 수 없습니다."),
    "reject": gettext_lazy("'%(status)s' 상태의 공고는 반려할 수 없습니다."),
    "close": gettext_lazy("'%(status)s' 상태의 공고는 마감할 수 없습니다."),
}


def illegal_transition(posting: Posting, action: str) -> ConflictError:
    """The 409 for an action (a key of `_ILLEGAL_ACTIONS`) the posting's status does not allow."""
    status = PostingStatus(posting.status).label
    return ConflictError(
        str(_ILLEGAL_ACTIONS[action]) % {"status": status}, code="illegal_transition"
    )


def _locked(posting: Posting) -> Posting:
    return Posting.objects.select_for_update().get(pk=posting.pk)


def _check_deadline_not_past(deadline: datetime.date) -> None:
    if deadline < seoul_today():
        raise ValidationError({"deadline": gettext("마감일이 이미 지났습니다.")})


def _apply(posting: Posting, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - POSTING_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "location":
            posting.lat, posting.lon = (value["lat"], value["lon"]) if value else (None, None)
        else:
            setattr(posting, name, value)


TEXT_FIELDS = frozenset(
    {
        "title",
        "description",
        "occupation",
        "skills_required",
        "skills_preferred",
        "certificates_required",
    }
)


def posting_terms_refresh(posting: Posting) -> None:
    """Tokenize the posting's text once, now, and keep the terms on the row."""
    posting.title_terms, posting.body_terms = posting_terms(
        title=posting.title,
        description=posting.description,
        occupation=posting.occupation,
        skills=[*posting.skills_required, *posting.skills_preferred],
        certificates=posting.certificates_required,
    )


def save_posting(posting: Posting, *, fields: list[str] | None = None) -> None:
    """Save a locked posting with its `version` bumped and a search outbox event, in the
    caller's transaction (every write does: the search sync keys on the version)."""
    posting.version += 1
    if fields is not None:
        fields = [*fields, "version", "updated_at"]
    posting.save(update_fields=fields)
    record_change(Entity.POSTING, [posting.pk], posting.version)


@transaction.atomic
def posting_create(*, employer: Employer, actor: User, fields: Mapping[str, Any]) -> Posting:
    """A draft posting of `employer` (allowed before the employer is verified)."""
    posting = Posting(employer=employer, created_by=actor, status=PostingStatus.DRAFT)
    _apply(posting, fields)
    _check_deadline_not_past(posting.deadline)
    _clean(posting)
    posting_terms_refresh(posting)
    posting.save()
    record_change(Entity.POSTING, [posting.pk], posting.version)
    return posting


BELOW_MINIMUM_WAGE = gettext_lazy(
    "시급이 최저임금보다 낮습니다. %(year)s년 최저임금은 시간당 %(amount)s원입니다."
)


def check_minimum_wage(posting: Posting) -> None:
    """400 on `hourly_wage` when it is under the highest statutory minimum in force on any
    day the posting may be open: from today (Seoul) to its deadline (최저임금법 §6). The
    figures are data (`backend/taxonomy/data/minimum_wage.yaml`); the model states hourly
    wages only, so no unit conversion is needed here."""
    figure = highest_minimum(seoul_today(), posting.deadline)
    if posting.hourly_wage < figure.hourly:
        raise ValidationError(
            {
                "hourly_wage": [
                    str(BELOW_MINIMUM_WAGE) % {"year": figure.year, "amount": f"{figure.hourly:,}"}
                ]
            }
        )


def _clean(posting: Posting) -> None:
    """Every rule a posting's fields obey, whoever writes them (400s by field)."""
    posting.full_clean()
    check_minimum_wage(posting)


@transaction.atomic
def posting_update(*, posting: Posting, actor: User, fields: Mapping[str, Any]) -> Posting:
    """Edit a draft or open posting (its employer; the caller checked access).

    A draft takes the edit. An open posting takes `openings` and `deadline` at once; its
    other fields, when they change, become its pending revision for staff
    (`backend.jobs.revisions`) and the posting stays as approved.
    """
    posting = _locked(posting)
    if posting.status not in EDITABLE_STATUSES:
        raise illegal_transition(posting, "edit")
    if posting.status == PostingStatus.OPEN:
        material = {k: v for k, v in fields.items() if k not in revisions.IMMEDIATE_FIELDS}
        fields = {k: v for k, v in fields.items() if k in revisions.IMMEDIATE_FIELDS}
        if material:
            revisions.posting_revision_propose(
                posting=posting, actor=actor, fields=material, apply=_apply, clean=_clean
            )
        if not fields:
            return posting
    old_deadline = posting.deadline
    _apply(posting, fields)
    if posting.deadline != old_deadline:
        _check_deadline_not_past(posting.deadline)
    _clean(posting)
    if TEXT_FIELDS & set(fields):
        posting_terms_refresh(posting)
    save_posting(posting)
    return posting


def posting_revision_approve(*, posting: Posting, actor: User) -> Posting:
    """Staff approve an open posting's pending revision (`backend.jobs.revisions`)."""
    return revisions.posting_revision_approve(
        posting=posting,
        actor=actor,
        apply=_apply,
        clean=_clean,
        save=save_posting,
        refresh_terms=posting_terms_refresh,
    )


def posting_revision_reject(*, posting: Posting, actor: User, reason: str) -> Posting:
    """Staff reject an open posting's pending revision with a reason."""
    return revisions.posting_revision_reject(posting=posting, actor=actor, reason=reason)


@transaction.atomic
def posting_submit(*, posting: Posting, actor: User) -> Posting:
    """draft → pending, for staff review. 409 while the organisation is unverified."""
    posting = _locked(posting)
    if posting.status != PostingStatus.DRAFT:
        raise illegal_transition(posting, "submit")
    if not Employer.objects.filter(pk=posting.employer_id, verified_at__isnull=False).exists():
        raise ConflictError(
            gettext("기업 인증이 끝난 뒤에 검토를 요청할 수 있습니다."),
            code="employer_unverified",
        )
    if posting.deadline < seoul_today():
        raise ConflictError(
            gettext("마감일이 지난 공고는 검토를 요청할 수 없습니다. 마감일을 고쳐 주세요."),
            code="deadline_passed",
        )
    # A draft written before the minimum rose (or before this rule) is checked again.
    check_minimum_wage(posting)
    posting.status = PostingStatus.PENDING
    posting.rejection_reason = ""
    save_posting(posting, fields=["status", "rejection_reason"])
    # Flag, never refuse: a finding is for staff to judge (the ordinance allows a
    # job-related reason), so the posting goes to the queue either way.
    review.posting_review_flags_for_submission(posting=posting)
    return posting


def _require_staff(actor: User) -> None:
    if actor.role != Role.STAFF:
        raise ForbiddenError(gettext("시 담당자만 할 수 있습니다."))


def _clean_note(field: str, text: str) -> str:
    text = text.strip()
    try:
        reject_resident_number(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return text


@transaction.atomic
def posting_approve(*, posting: Posting, actor: User, note: str = "") -> Posting:
    """pending → open (staff): the posting is published. Open review flags do not block it
    (the decision is staff's): they are marked reviewed by `actor`, now, with `note`."""
    _require_staff(actor)
    note = _clean_note("note", note)
    posting = _locked(posting)
    if posting.status != PostingStatus.PENDING:
        raise illegal_transition(posting, "approve")
    if posting.deadline < seoul_today():
        raise ConflictError(
            gettext("마감일이 지난 공고는 승인할 수 없습니다."),
            code="deadline_passed",
        )
    check_minimum_wage(posting)
    posting.status = PostingStatus.OPEN
    posting.published_at = timezone.now()
    save_posting(posting, fields=["status", "published_at"])
    # The same instant as `published_at`: the open-edit re-check recognises this round's
    # flags by it (`review.posting_review_flags_for_open_edit`).
    review.posting_review_flags_close(
        posting=posting, actor=actor, note=note, at=posting.published_at
    )
    _tell_employer(posting, kind="posting_approved")
    return posting


STALE_POSTING = gettext_lazy("확인한 뒤에 공고가 바뀌었습니다. 다시 확인해 주세요.")
FLAGGED_POSTING = gettext_lazy(
    "조례 점검에서 걸린 문구가 있어 한꺼번에 승인하지 않았습니다. 하나씩 검토해 주세요."
)


def postings_approve_bulk(*, actor: User, versions: Mapping[int, int]) -> list[BulkOutcome]:
    """Approve several pending postings, each on its own (`core.bulk`): `versions` maps a
    posting id to the `version` staff saw. Skipped, with the reason: a posting the caller
    may not see, no longer pending, changed since, past its deadline, or with open ordinance
    flags (those need a decision one by one, with their clauses read)."""

    def approve(posting_id: int) -> str:
        posting = _locked(access.posting_for_staff(actor, posting_id))
        if posting.version != versions[posting_id]:
            raise ConflictError(STALE_POSTING, code="stale")
        if (
            posting.status == PostingStatus.PENDING
            and posting.review_flags.filter(reviewed_at__isnull=True).exists()
        ):
            raise ConflictError(FLAGGED_POSTING, code="flagged")
        posting_approve(posting=posting, actor=actor)
        return posting.title

    names = dict(Posting.objects.filter(pk__in=list(versions)).values_list("pk", "title"))
    if actor.role != Role.STAFF:
        names = {}  # nobody else may learn which ids exist
    return each_on_its_own(
        sorted(versions), approve, key=lambda posting_id: posting_id, name=names.get
    )


def _tell_employer(
    posting: Posting, *, kind: str, context: Mapping[str, Any] | None = None
) -> None:
    """Mail every member of the posting's employer about a staff decision, in the caller's
    transaction. The key is the posting's version after the decision, so a posting fixed,
    resubmitted and decided again is told again."""
    members = EmployerMember.objects.filter(employer_id=posting.employer_id).select_related("user")
    for member in members:
        notification_queue(
            recipient=member.user,
            kind=kind,
            obj=posting,
            key=str(posting.version),
            context=context,
        )


@transaction.atomic
def posting_reject(*, posting: Posting, actor: User, reason: str) -> Posting:
    """pending → draft (staff) with a reason the employer sees. The rejection is the staff
    review of this round's open flags (noted with the reason); a resubmission is checked
    afresh."""
    _require_staff(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("반려 사유를 입력해 주세요.")})
    reason = _clean_note("reason", reason)
    posting = _locked(posting)
    if posting.status != PostingStatus.PENDING:
        raise illegal_transition(posting, "reject")
    posting.status = PostingStatus.DRAFT
    posting.rejection_reason = reason
    save_posting(posting, fields=["status", "rejection_reason"])
    review.posting_review_flags_close(posting=posting, actor=actor, note=reason)
    _tell_employer(posting, kind="posting_rejected", context={"reason": reason})
    return posting


@transaction.atomic
def posting_flags_review(*, posting: Posting, actor: User, note: str = "") -> int:
    """Staff mark a posting's open review flags reviewed without changing its status (the
    flags an edit of an open posting raised); returns how many. Approve and reject do this
    themselves."""
    _require_staff(actor)
    note = _clean_note("note", note)
    posting = _locked(posting)
    return review.posting_review_flags_close(posting=posting, actor=actor, note=note)


@transaction.atomic
def posting_close(*, posting: Posting, actor: User) -> Posting:
    """open → closed (its employer or staff): no more applications."""
    posting = _locked(posting)
    if posting.status != PostingStatus.OPEN:
        raise illegal_transition(posting, "close")
    posting.status = PostingStatus.CLOSED
    save_posting(posting, fields=["status"])
    return posting


def postings_expire(*, today: datetime.date | None = None) -> int:
    """open → expired for every posting whose deadline is before `today` (Seoul); returns how
    many changed.

    One conditional UPDATE: a posting closed or filled meanwhile no longer matches
    `status='open'`, and a second run finds nothing to do, so the job is safe to repeat.
    """
    today = today or seoul_today()
    with transaction.atomic():
        due = Posting.objects.filter(status=PostingStatus.OPEN, deadline__lt=today)
        ids = list(due.values_list("pk", flat=True))
        expired = Posting.objects.filter(pk__in=ids, status=PostingStatus.OPEN).update(
            status=PostingStatus.EXPIRED, version=F("version") + 1, updated_at=timezone.now()
        )
        record_change(Entity.POSTING, ids)
    return expired


def postings_reindex_for_employer(*, employer: Employer) -> None:
    """The `employers.hooks.employer_updated` subscriber: search documents of open postings
    carry the employer's name and the facts the ordinance priority reads (city funding, staff
    count, pledge), so bump their versions and queue them for the search sync, in the
    caller's transaction."""
    open_postings = Posting.objects.filter(employer=employer, status=PostingStatus.OPEN)
    ids = list(open_postings.values_list("pk", flat=True))
    if ids:
        Posting.objects.filter(pk__in=ids).update(version=F("version") + 1)
        record_change(Entity.POSTING, ids)
