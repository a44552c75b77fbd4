"""Who may see which posting, application and placement.

Every jobs view goes through these functions. An object the caller may not see is a 404
(`NotFoundError`), never a 403, so that ids leak nothing; a role that may never do something
is refused earlier, with 403, by the view's permission class.

- postings: open ones are public; any other status only to its employer's members and staff;
  their ordinance review flags only to its employer's members and staff (`manages_posting`);
- applications: the applicant, the posting's employer, staff;
- placements: the seeker, the posting's employer, staff;
- a seeker's contact (name, email, phone, birth year) for an employer: `seekers_with_contact_for`.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import NotFoundError
from backend.employers.models import EmployerMember
from backend.jobs import selectors
from backend.jobs.models import (
    OPEN_APPLICATION_STATUSES,
    PUBLISHED_STATUSES,
    Application,
    ApplicationStatus,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingReport,
    PostingStatus,
)

AnyUser = User | AnonymousUser

POSTING_NOT_FOUND = gettext_lazy("채용공고를 찾을 수 없습니다.")
APPLICATION_NOT_FOUND = gettext_lazy("지원 내역을 찾을 수 없습니다.")
PLACEMENT_NOT_FOUND = gettext_lazy("취업 연계 기록을 찾을 수 없습니다.")


def _role(user: AnyUser) -> str | None:
    return getattr(user, "role", None) if user.is_authenticated else None


def _member_filter(user: AnyUser, prefix: str) -> Q:
    """Rows whose employer has `user` as a member. A subquery, not a join through members,
    so that an organisation with several members never repeats a row."""
    if not isinstance(user, User):
        return Q(pk__in=[])
    employer_ids = EmployerMember.objects.filter(user=user).values("employer_id")
    return Q(**{f"{prefix}employer_id__in": employer_ids})


# --- postings -------------------------------------------------------------------------------


def postings_managed_by(user: AnyUser) -> QuerySet[Posting]:
    """Every posting `user` manages: staff all, an employer user its organisation's."""
    postings = selectors.posting_list()
    role = _role(user)
    if role == Role.STAFF:
        return postings
    if role == Role.EMPLOYER:
        return postings.filter(_member_filter(user, ""))
    return postings.none()


def postings_visible_to(user: AnyUser) -> QuerySet[Posting]:
    """What `user` may read: open postings, plus every posting it manages."""
    role = _role(user)
    if role == Role.STAFF:
        return selectors.posting_list()
    visible = Q(status=PostingStatus.OPEN)
    if role == Role.EMPLOYER:
        visible |= _member_filter(user, "")
    return selectors.posting_list().filter(visible)


def manages_posting(user: AnyUser, posting: Posting) -> bool:
    """Whether `user` manages `posting` (staff, or a member of its employer): who may see
    what only managers see, such as its ordinance review flags."""
    role = _role(user)
    if role == Role.STAFF:
        return True
    return (
        role == Role.EMPLOYER
        and isinstance(user, User)
        and EmployerMember.objects.filter(user=user, employer_id=posting.employer_id).exists()
    )


def _one(postings: QuerySet[Posting], posting_id: int) -> Posting:
    posting = postings.filter(pk=posting_id).first()
    if posting is None:
        raise NotFoundError(POSTING_NOT_FOUND)
    return posting


def posting_visible_to(user: AnyUser, posting_id: int) -> Posting:
    return _one(postings_visible_to(user), posting_id)


def posting_for_employer(user: AnyUser, posting_id: int) -> Posting:
    """A posting of the caller's own organisation (staff are not its employer)."""
    if _role(user) != Role.EMPLOYER:
        raise NotFoundError(POSTING_NOT_FOUND)
    return _one(postings_managed_by(user), posting_id)


def posting_for_employer_or_staff(user: AnyUser, posting_id: int) -> Posting:
    return _one(postings_managed_by(user), posting_id)


def posting_for_staff(user: AnyUser, posting_id: int) -> Posting:
    if _role(user) != Role.STAFF:
        raise NotFoundError(POSTING_NOT_FOUND)
    return _one(postings_managed_by(user), posting_id)


def posting_for_applicant(user: AnyUser, posting_id: int) -> Posting:
    """A posting a seeker may try to apply to: any that has been published (its existence
    is public, so applying to a closed one is a 409, not a 404); drafts and pending ones are
    invisible."""
    if _role(user) != Role.SEEKER:
        raise NotFoundError(POSTING_NOT_FOUND)
    return _one(selectors.posting_list().filter(status__in=sorted(PUBLISHED_STATUSES)), posting_id)


# --- applications ---------------------------------------------------------------------------


def applications_visible_to(user: AnyUser) -> QuerySet[Application]:
    """The applicant sees its own; an employer those to its postings; staff all."""
    applications = selectors.application_list()
    role = _role(user)
    if role == Role.STAFF:
        return applications
    if role == Role.EMPLOYER:
        return applications.filter(_member_filter(user, "posting__"))
    if role == Role.SEEKER:
        return applications.filter(seeker_id=user.pk)
    return applications.none()


# --- a seeker's contact, for an employer ----------------------------------------------------

# How long an employer keeps a seeker's contact after the seeker's last application to it
# ended (withdrawn, rejected) or its posting closed: long enough to finish the paperwork and
# answer the seeker, no longer (DESIGN.md, Privacy; issue 13).
CONTACT_AFTER_END = datetime.timedelta(days=30)
ENDED_POSTING_STATUSES = frozenset(
    {PostingStatus.CLOSED, PostingStatus.FILLED, PostingStatus.EXPIRED}
)
ENDED_APPLICATION_STATUSES = frozenset({ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN})


def contact_grants(*, now: datetime.datetime | None = None) -> Q:
    """The applications (a filter on `Application`) that give their posting's employer the
    seeker's contact: a live one while its posting is not closed; a `hired` one; one that
    ended, or whose posting closed, less than `CONTACT_AFTER_END` ago.

    When it ended is the row's `updated_at`: ended applications and closed postings accept no
    further edit (both are final states), so their last update is the moment they ended."""
    since = (now or timezone.now()) - CONTACT_AFTER_END
    live = Q(status__in=OPEN_APPLICATION_STATUSES)
    posting_ended = Q(posting__status__in=ENDED_POSTING_STATUSES)
    return (
        Q(status=ApplicationStatus.HIRED)
        | (live & ~posting_ended)
        | (live & posting_ended & Q(posting__updated_at__gte=since))
        | Q(status__in=ENDED_APPLICATION_STATUSES, updated_at__gte=since)
    )


def seekers_with_contact_for(
    employer_id: int, seeker_ids: Collection[int], *, now: datetime.datetime | None = None
) -> set[int]:
    """Those of these seekers (user ids) whose name, email, phone and birth year the employer
    may see now (`contact_grants`): the one rule the API and the pages use, for shortlists and
    applicant lists alike. The caller has checked that it acts for this employer."""
    if not seeker_ids:
        return set()
    rows = Application.objects.filter(
        contact_grants(now=now), posting__employer_id=employer_id, seeker_id__in=list(seeker_ids)
    )
    return set(rows.values_list("seeker_id", flat=True))


def _one_application(applications: QuerySet[Application], application_id: int) -> Application:
    application = applications.filter(pk=application_id).first()
    if application is None:
        raise NotFoundError(APPLICATION_NOT_FOUND)
    return application


def application_for_seeker(user: AnyUser, application_id: int) -> Application:
    if _role(user) != Role.SEEKER:
        raise NotFoundError(APPLICATION_NOT_FOUND)
    return _one_application(applications_visible_to(user), application_id)


def application_for_employer(user: AnyUser, application_id: int) -> Application:
    if _role(user) != Role.EMPLOYER:
        raise NotFoundError(APPLICATION_NOT_FOUND)
    return _one_application(applications_visible_to(user), application_id)


# --- placements -----------------------------------------------------------------------------


def placements_visible_to(user: AnyUser) -> QuerySet[Placement]:
    placements = selectors.placement_list()
    role = _role(user)
    if role == Role.STAFF:
        return placements
    if role == Role.EMPLOYER:
        return placements.filter(_member_filter(user, "posting__"))
    if role == Role.SEEKER:
        return placements.filter(seeker_id=user.pk)
    return placements.none()


def checkpoint_for_employer_or_staff(
    user: AnyUser, placement_id: int, month: int
) -> PlacementCheckpoint:
    """A placement's checkpoint, for the posting's employer or staff (not the seeker)."""
    if _role(user) not in (Role.EMPLOYER, Role.STAFF):
        raise NotFoundError(PLACEMENT_NOT_FOUND)
    if not placements_visible_to(user).filter(pk=placement_id).exists():
        raise NotFoundError(PLACEMENT_NOT_FOUND)
    checkpoint = PlacementCheckpoint.objects.filter(placement_id=placement_id, month=month).first()
    if checkpoint is None:
        raise NotFoundError(gettext("해당 개월의 확인 기록이 없습니다."))
    return checkpoint


# --- reports of postings (신고) ---------------------------------------------------------------

REPORT_NOT_FOUND = gettext_lazy("신고를 찾을 수 없습니다.")


def posting_reports_for_staff(user: AnyUser) -> QuerySet[PostingReport]:
    """Every report, oldest first, for staff; nothing for anyone else."""
    reports = PostingReport.objects.select_related("posting", "posting__employer").order_by(
        "created_at", "id"
    )
    return reports if _role(user) == Role.STAFF else reports.none()


def posting_report_for_staff(user: AnyUser, report_id: int) -> PostingReport:
    report = posting_reports_for_staff(user).filter(pk=report_id).first()
    if report is None:
        raise NotFoundError(REPORT_NOT_FOUND)
    return report
