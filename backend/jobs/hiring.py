"""Use cases that write applications and placements.

    submitted → reviewing → interview → offered → hired      (its employer, one step at a time)
    any of the first four → rejected                         (its employer)
    any of the first four → withdrawn                        (the seeker only)

Every change of status, the submission first, writes an `ApplicationStatusChange` row in the
same transaction (who acted, by role); nothing else writes `Application.status`.

`hired` creates a `Placement` with checkpoints at 1, 3, 6 and 12 months and counts the hire on
the posting; the hire that reaches `openings` makes the posting `filled`.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role, User
from backend.core.errors import ConflictError, ForbiddenError
from backend.core.validators import reject_resident_number
from backend.jobs.checkpoints import placement_checkpoint_record
from backend.jobs.hooks import placement_made
from backend.jobs.models import (
    CHECKPOINT_MONTHS,
    OPEN_APPLICATION_STATUSES,
    PROVIDED_ITEMS,
    PROVISION_NOTICE_VERSION,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    DataProvision,
    Placement,
    PlacementCheckpoint,
    Posting,
    PostingStatus,
    seoul_today,
)
from backend.jobs.services import save_posting
from backend.notifications.services import notification_queue
from backend.seekers.models import SeekerProfile
from backend.taxonomy.young_workers import suitable_for_minors

__all__ = [
    "EMPLOYER_NEXT_STATUS",
    "HIRED_ON_MAX_DAYS_BACK",
    "add_months",
    "application_set_status",
    "application_submit",
    "application_withdraw",
    "hired_on_check",
    "placement_checkpoint_record",
]

# The employer's moves; `rejected` is allowed from every open state.
EMPLOYER_NEXT_STATUS = {
    ApplicationStatus.SUBMITTED: ApplicationStatus.REVIEWING,
    ApplicationStatus.REVIEWING: ApplicationStatus.INTERVIEW,
    ApplicationStatus.INTERVIEW: ApplicationStatus.OFFERED,
    ApplicationStatus.OFFERED: ApplicationStatus.HIRED,
}
# How far back a hire may be dated (API.md: `hired_on` at most 90 days back, never ahead).
HIRED_ON_MAX_DAYS_BACK = 90
# Hiring goes on after a posting stops taking applications (interviews follow the deadline).
HIRING_POSTING_STATUSES = frozenset(
    {PostingStatus.OPEN, PostingStatus.CLOSED, PostingStatus.EXPIRED}
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months, clamped to the month's end (Jan 31 + 1 → Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# 근로기준법 §66 (연소자 증명서) and §67 (근로계약): what an applicant under 18 and the
# employer are told, when applying and on the application.
MINOR_NOTICE_FOR_SEEKER = gettext_lazy(
    "만 18세 미만이라서, 채용되려면 부모님(친권자) 또는 후견인의 동의서와 나이를 증명하는 "
    "가족관계증명서를 기업에 내야 해요 (근로기준법 제66조). 미리 준비해 두세요."
)
MINOR_NOTICE_FOR_EMPLOYER = gettext_lazy(
    "만 18세 미만 지원자예요. 채용하려면 친권자 또는 후견인의 동의서와 나이를 증명하는 "
    "가족관계증명서를 사업장에 갖춰 두어야 하고 (근로기준법 제66조), 근로조건을 서면으로 "
    "알려 주어야 해요 (제67조). 야간·휴일 근무와 하루 7시간, 주 35시간을 넘는 근무는 "
    "시킬 수 없어요 (제69조, 제70조)."
)


def provision_refused_message(posting: Posting) -> str:
    """The error when the seeker did not consent to hand their data to the employer."""
    return gettext(
        "지원하려면 %(employer)s에 개인정보(이름, 연락처, 프로필, 지원 메시지)를 제공하는 데 "
        "동의해야 합니다."
    ) % {"employer": posting.employer.public_name}


@transaction.atomic
def application_submit(
    *, posting: Posting, seeker: User, provision_consent: bool, message: str = ""
) -> Application:
    """A seeker applies. Applying hands their data to the posting's employer, so it needs
    their consent to that provision (PIPA §17), asked at this moment and naming the employer:
    without it a `ValidationError` on `consent_provision`; with it a `DataProvision` record is
    written with the application. 409 unless the posting is open and before its deadline,
    and for a second application to the same posting."""
    if seeker.role != Role.SEEKER:
        raise ForbiddenError(gettext("구직자만 지원할 수 있습니다."))
    if posting.status != PostingStatus.OPEN or posting.deadline < seoul_today():
        raise ConflictError(
            gettext("지원을 받고 있지 않은 공고입니다."),
            code="posting_not_open",
        )
    duplicate = ConflictError(
        gettext("이미 이 공고에 지원했습니다."),
        code="already_applied",
    )
    if Application.objects.filter(posting=posting, seeker=seeker).exists():
        raise duplicate
    if not provision_consent:
        raise ValidationError({"consent_provision": [provision_refused_message(posting)]})
    profile = SeekerProfile.objects.filter(user=seeker).first()
    minor = profile is not None and profile.is_minor
    if minor and not suitable_for_minors(posting):
        # 근로기준법 §65, §69, §70: a posting a minor is never shown cannot be applied to by
        # a direct link either.
        raise ConflictError(
            gettext(
                "만 18세 미만은 이 공고에 지원할 수 없어요. 야간·휴일 근무, 하루 7시간 또는 "
                "주 35시간을 넘는 근무, 청소년에게 금지된 업무가 있는 공고예요."
            ),
            code="minor_restricted",
        )
    application = Application(
        posting=posting, seeker=seeker, message=message, applicant_minor=minor
    )
    application.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # Two simultaneous requests both pass the check above; the unique constraint decides.
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise duplicate from None
    DataProvision.objects.create(
        seeker=seeker,
        employer=posting.employer,
        employer_name=posting.employer.public_name,
        application=application,
        posting_title=posting.title,
        items=list(PROVIDED_ITEMS),
        notice_version=PROVISION_NOTICE_VERSION,
    )
    _record_change(application, from_status="", actor=seeker)
    _notify_employer(application)
    return application


def _record_change(application: Application, *, from_status: str, actor: User) -> None:
    """The history row of the status `application` has just been saved with."""
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        changed_by=actor,
        changed_by_role=actor.role,
    )


def _notify_employer(application: Application) -> None:
    """Mail every member of the posting's employer (written in this transaction)."""
    from backend.employers.models import EmployerMember

    members = EmployerMember.objects.filter(
        employer_id=application.posting.employer_id
    ).select_related("user")
    for member in members:
        notification_queue(recipient=member.user, kind="application_received", obj=application)


def _illegal(application: Application, target: str) -> ConflictError:
    return ConflictError(
        gettext("지원 상태를 '%(current)s'에서 '%(target)s'(으)로 바꿀 수 없습니다.")
        % {
            "current": ApplicationStatus(application.status).label,
            "target": ApplicationStatus(target).label,
        },
        code="illegal_transition",
    )


@transaction.atomic
def application_withdraw(*, application: Application, actor: User) -> Application:
    """The seeker withdraws an application that is still in play."""
    if actor.pk != application.seeker_id:
        raise ForbiddenError(gettext("본인의 지원만 취소할 수 있습니다."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in OPEN_APPLICATION_STATUSES:
        raise _illegal(application, ApplicationStatus.WITHDRAWN)
    previous = application.status
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _record_change(application, from_status=previous, actor=actor)
    return application


def hired_on_check(hired_on: datetime.date | None) -> datetime.date:
    """The hire date to record: today (Seoul) when None; `ValidationError({"hired_on": …})`
    for a day in the future or more than `HIRED_ON_MAX_DAYS_BACK` days back."""
    today = seoul_today()
    if hired_on is None:
        return today
    if hired_on > today:
        raise ValidationError(
            {"hired_on": gettext("채용일은 오늘이나 그 전이어야 합니다.")},
            code="hired_on_future",
        )
    if hired_on < today - datetime.timedelta(days=HIRED_ON_MAX_DAYS_BACK):
        raise ValidationError(
            {
                "hired_on": gettext("채용일은 %(days)s일 전까지만 적을 수 있습니다.")
                % {"days": HIRED_ON_MAX_DAYS_BACK}
            },
            code="hired_on_too_old",
        )
    return hired_on


@transaction.atomic
def application_set_status(
    *,
    application: Application,
    actor: User,
    status: str,
    hired_on: datetime.date | None = None,
    message: str = "",
) -> Application:
    """The employer moves an application one step on, or rejects it; `hired` places the seeker
    with the placement dated `hired_on` (default today; see `hired_on_check`). `message`, when
    given, goes to the seeker with the mail about the move."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting", "seeker")
        .get(pk=application.pk)
    )
    if status == ApplicationStatus.WITHDRAWN:
        raise ConflictError(
            gettext("지원 취소는 구직자 본인만 할 수 있습니다."),
            code="illegal_transition",
        )
    allowed = set()
    if application.status in OPEN_APPLICATION_STATUSES:
        allowed = {EMPLOYER_NEXT_STATUS[ApplicationStatus(application.status)]}
        allowed.add(ApplicationStatus.REJECTED)
    if status not in allowed:
        raise _illegal(application, status)
    message = message.strip()
    if message:
        try:
            reject_resident_number(message)
        except ValidationError as error:
            raise ValidationError({"message": error.messages}) from None
    if status == ApplicationStatus.HIRED:
        _hire(application=application, actor=actor, hired_on=hired_on_check(hired_on))
    elif hired_on is not None:
        raise ValidationError({"hired_on": gettext("채용일은 채용할 때만 적습니다.")})
    previous = application.status
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    _record_change(application, from_status=previous, actor=actor)
    # The seeker hears of every step the employer takes (their own withdrawal is not one).
    notification_queue(
        recipient=application.seeker,
        kind="application_status_changed",
        obj=application,
        key=status,
        context={"employer_message": message} if message else None,
    )
    return application


def _hire(*, application: Application, actor: User, hired_on: datetime.date) -> Placement:
    posting = Posting.objects.select_for_update().get(pk=application.posting_id)
    if posting.status not in HIRING_POSTING_STATUSES or posting.hires >= posting.openings:
        raise ConflictError(
            gettext("이 공고는 더 채용할 수 없습니다."),
            code="posting_full",
        )
    placement = Placement.objects.create(
        application=application,
        seeker_id=application.seeker_id,
        posting=posting,
        hired_on=hired_on,
    )
    PlacementCheckpoint.objects.bulk_create(
        PlacementCheckpoint(placement=placement, month=month, due_on=add_months(hired_on, month))
        for month in CHECKPOINT_MONTHS
    )
    posting.hires += 1
    update = ["hires"]
    if posting.hires >= posting.openings:
        posting.status = PostingStatus.FILLED
        update.append("status")
    save_posting(posting, fields=update)
    application.posting = posting
    placement_made.fire(placement=placement, actor=actor)
    return placement
