"""Ordinance review flags on postings (공고 점검 결과): the writes.

The checks themselves are pure (`backend.matching.posting_checks`) and reach this module
through the `posting_checks` hook that matching subscribes to (`backend.jobs.hooks`), with the
policy version that decided them; this module keeps what they found as `PostingReviewFlag`
rows. The posting services call it inside their transactions, on the posting row they hold
locked.

The record, round by round:

- **Submit** (draft → pending) runs the checks on the posting as submitted and stores one open
  flag per finding: a new review round.
- **A staff decision** — approve, or reject — closes the round: every open flag gets
  `reviewed_by`, `reviewed_at` and the staff member's note (a rejection's reason). Staff may
  approve a flagged posting; the flags stay on the record as reviewed.
- **Resubmission** after a rejection and an edit is a new round: the checks run again on the
  edited text under the then-current policy, and what they find is flagged afresh, even if the
  same wording was flagged (and reviewed) in an earlier round — the reviewed flags are the
  history of that earlier round. Nothing is ever deleted or rewritten except to record a review.
- **An edit of an open posting** (employers may PATCH open postings, which does not go back
  through review) runs the checks again; a finding not already on the record of this
  publication (flagged when it was submitted and approved, or since; the same check and
  pattern, wherever the excerpt now falls) is stored as an open flag,
  so that staff see it in `GET /postings/?status=open&flagged=true` and mark it reviewed from
  the admin (`backend.jobs.services.posting_flags_review`).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from backend.accounts.models import User
from backend.jobs.hooks import Finding, posting_checks
from backend.jobs.models import Posting, PostingReviewFlag

# The pattern of the finding about `cohorts_welcome` (the posting field of that name).
COHORTS_WELCOME = "cohorts_welcome"

# The posting fields the checks read: an edit of any of them re-runs them on an open posting.
CHECKED_FIELDS = frozenset(
    {
        "title",
        "description",
        "occupation",
        "skills_required",
        "skills_preferred",
        "certificates_required",
        "cohorts_welcome",
    }
)


def _findings(posting: Posting) -> list[tuple[Finding, int]]:
    """Every subscribed checker's findings on `posting`, each with its policy version."""
    return [
        (finding, result.policy_version)
        for result in posting_checks.fire(posting=posting)
        for finding in result.findings
    ]


FlagKey = tuple[str, str, str]


def _key(code: str, pattern: str, matched: str) -> FlagKey:
    """What makes two findings the same: the check and the pattern — not the excerpt, which
    moves with any edit nearby. A `cohorts_welcome` finding also keys on which cohorts it
    leaves out (its `matched` has no excerpt of free text)."""
    return (code, pattern, matched if pattern == COHORTS_WELCOME else "")


def _new(
    posting: Posting, findings: list[tuple[Finding, int]], known: set[FlagKey]
) -> list[PostingReviewFlag]:
    """Store the findings whose key is not in `known` as open flags."""
    now = timezone.now()
    return PostingReviewFlag.objects.bulk_create(
        PostingReviewFlag(
            posting=posting,
            code=finding.code,
            clause=finding.clause,
            pattern=finding.pattern,
            matched=finding.matched,
            policy_version=version,
            created_at=now,
        )
        for finding, version in findings
        if _key(finding.code, finding.pattern, finding.matched) not in known
    )


def _keys(flags: QuerySet[PostingReviewFlag]) -> set[FlagKey]:
    return {_key(*row) for row in flags.values_list("code", "pattern", "matched")}


def posting_review_flags_for_submission(*, posting: Posting) -> list[PostingReviewFlag]:
    """Run the checks on a posting being submitted and store one open flag per finding.

    A finding that is already an open flag is not stored twice; in the service flow none is
    open here, since a draft was either never submitted or its last round was closed by a
    rejection.
    """
    findings = _findings(posting)
    return _new(posting, findings, _keys(posting.review_flags.filter(reviewed_at__isnull=True)))


def posting_review_flags_for_open_edit(*, posting: Posting) -> list[PostingReviewFlag]:
    """Run the checks on an open posting after an edit; store the findings not already on the
    record of this publication as open flags (see the module docstring)."""
    findings = _findings(posting)
    published_at = posting.published_at
    on_record = posting.review_flags.all()
    if published_at is not None:
        # The round that was approved (reviewed when published) and anything flagged since;
        # flags of earlier, rejected rounds are history and do not excuse a re-added phrase.
        on_record = on_record.filter(
            Q(reviewed_at__gte=published_at) | Q(created_at__gte=published_at)
        )
    return _new(posting, findings, _keys(on_record))


def posting_review_flags_close(
    *, posting: Posting, actor: User, note: str = "", at: datetime.datetime | None = None
) -> int:
    """Record a staff review on every open flag of `posting` (who, when, the note); returns how
    many. The caller checked that `actor` is staff and holds the posting's row lock."""
    return PostingReviewFlag.objects.filter(posting=posting, reviewed_at__isnull=True).update(
        reviewed_by=actor, reviewed_at=at or timezone.now(), review_note=note
    )
