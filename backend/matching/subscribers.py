"""What matching does when the apps below it report an event (subscribed in
`MatchingConfig.ready()`; see `backend.core.hooks`)."""

from __future__ import annotations

from collections.abc import Sequence

from backend.jobs.hooks import PostingCheckResult
from backend.jobs.models import Posting
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
