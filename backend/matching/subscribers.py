"""What matching does when the apps below it report an event (subscribed in
`MatchingConfig.ready()`; see `backend.core.hooks`)."""

from __future__ import annotations

from collections.abc import Sequence

from backend.accounts.models import ConsentPurpose, ConsentRecord, User
from backend.accounts.selectors import has_consent
from backend.jobs.hooks import PostingCheckResult
from backend.jobs.models import Posting
from backend.matching.models import Assignment, MatchRunKind, MatchRunStatus, NightlyCandidates
from backend.matching.posting_checks import EmployerFacts, check_posting
from backend.matching.selectors import ordinance_policy_current
from workers.dispatch import enqueue


def posting_checks_run(*, posting: Posting) -> PostingCheckResult:
    """`jobs.hooks.posting_checks`: the current policy's findings on `posting`."""
    policy = ordinance_policy_current()
    employer = posting.employer
    findings = check_posting(
        title=posting.title,
        description=posting.description,
        occupation=posting.occupation,
        requirements=[
            *posting.skills_required,
            *posting.skills_preferred,
            *posting.certificates_required,
        ],
        cohorts_welcome=posting.cohorts_welcome,
        employer=EmployerFacts(
            is_city_funded=employer.is_city_funded,
            staff_count=employer.staff_count,
            partner_pledge=employer.partner_pledge,
            is_city_contracted=employer.is_city_contracted,
            authorised_headcount=employer.authorised_headcount,
        ),
        policy=policy.document,
    )
    return PostingCheckResult(findings=findings, policy_version=policy.version)


def recommendations_follow_documents(
    *, profile_ids: Sequence[int], posting_ids: Sequence[int]
) -> None:
    """`search.hooks.documents_changed`: recommendations follow what is now searchable (the
    refresh is sent when the sync's transaction commits)."""
    enqueue(
        "refresh_recommendations", profile_ids=sorted(profile_ids), posting_ids=sorted(posting_ids)
    )


def assignments_follow_consent(*, user: User, records: Sequence[ConsentRecord]) -> None:
    """`accounts.hooks.consent_changed`: withdrawing the `matching` consent takes the seeker
    out of every unfinished assign run at once (finished runs are the city's record of what
    was decided; employers never read them). Shortlists need nothing here: they ask the
    consent every time they are built."""
    if not any(record.purpose == ConsentPurpose.MATCHING for record in records):
        return
    if has_consent(user=user, purpose=ConsentPurpose.MATCHING):
        return
    Assignment.objects.filter(seeker__user=user, match_run__kind=MatchRunKind.ASSIGN).exclude(
        match_run__status=MatchRunStatus.DONE
    ).delete()
    # The night's assignment candidates too (the run would skip the seeker; none are kept).
    NightlyCandidates.objects.filter(seeker__user=user).delete()
