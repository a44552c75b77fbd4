"""What each kind's templates get besides the row's `context`: links and names read at send
time. A new kind adds its builder to `BUILDERS` (and its templates)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse

if TYPE_CHECKING:
    from backend.notifications.models import Notification


def absolute(names: list[tuple[str, tuple[object, ...]]]) -> str:
    """The site URL of the first of these URL names that exists (pages land in steps), else
    the home page."""
    for name, args in names:
        try:
            path = reverse(name, args=args)
        except NoReverseMatch:
            continue
        return settings.SITE_URL.rstrip("/") + path
    return settings.SITE_URL.rstrip("/") + reverse("web:home")


def _application(row: Notification, application: Any) -> dict[str, Any]:
    posting = application.posting
    context: dict[str, Any] = {"posting_title": posting.title}
    if row.kind == "application_received":
        context["link"] = absolute(
            [
                ("web:employer_applications", (posting.pk,)),
                ("web:job_detail", (posting.pk,)),
            ]
        )
    else:
        context["link"] = absolute([("web:me_applications", ()), ("web:me", ())])
        context["status_label"] = application.get_status_display()
        context["status"] = row.key
    return context


def _mentoring_message(row: Notification, message: Any) -> dict[str, Any]:
    """A new message of a mentoring thread: the link opens the request on the recipient's
    side (the seeker's page or the mentor's). The mail never quotes the message."""
    mentoring_request = message.request
    if row.recipient_id == mentoring_request.seeker_id:
        names = [("web:me_mentoring_request", (mentoring_request.pk,)), ("web:me_mentoring", ())]
    else:
        names = [("web:mentor_request", (mentoring_request.pk,)), ("web:mentor", ())]
    return {"topic": mentoring_request.topic, "link": absolute(names)}


def _employer(row: Notification, employer: Any) -> dict[str, Any]:
    """The organisation was verified or refused: the mail names it and links to the console
    (the dashboard, and the organisation form to fix a refused record). The refusal reason
    travels in the row's `context`, as staff wrote it."""
    return {
        "employer_name": employer.name,
        "link": absolute([("web:employer", ())]),
        "organisation_link": absolute([("web:employer_organisation", ()), ("web:employer", ())]),
    }


def _posting(row: Notification, posting: Any) -> dict[str, Any]:
    """A posting was approved or rejected: the link opens its edit page on the console (to fix
    and resubmit a rejected one). The rejection reason travels in the row's `context`."""
    return {
        "posting_title": posting.title,
        "link": absolute(
            [
                ("web:employer_posting_edit", (posting.pk,)),
                ("web:employer_postings", ()),
                ("web:employer", ()),
            ]
        ),
    }


def _mentoring_request(row: Notification, mentoring_request: Any) -> dict[str, Any]:
    """A mentoring request was offered to a mentor (the link opens it on the mentor's pages),
    or accepted or declined (the link opens it on the seeker's). Never quotes the message."""
    if row.kind == "mentoring_offered":
        names = [("web:mentor_request", (mentoring_request.pk,)), ("web:mentor", ())]
    else:
        names = [("web:me_mentoring_request", (mentoring_request.pk,)), ("web:me_mentoring", ())]
    context: dict[str, Any] = {"topic": mentoring_request.topic, "link": absolute(names)}
    if row.kind == "mentoring_accepted" and mentoring_request.mentor is not None:
        context["mentor_name"] = mentoring_request.mentor.public_name
    return context


def _mentor(row: Notification, profile: Any) -> dict[str, Any]:
    """A mentor profile was verified or refused by staff: the link opens the mentor's pages
    (the profile form, to fix a refused one). The refusal reason travels in `context`."""
    return {
        "mentor_name": profile.public_name,
        "link": absolute([("web:mentor", ())]),
        "profile_link": absolute([("web:mentor_profile", ()), ("web:mentor", ())]),
    }


def _bulk_read(row: Notification, actor: Any) -> dict[str, Any]:
    """The privacy officer's alert about a staff member (the object): a link to that
    person's rows in the access log (the admin's list, searched by their address)."""
    return {
        "actor_email": actor.email,
        "link": absolute([("admin:accounts_accesslog_changelist", ())])
        + "?"
        + urlencode({"q": actor.email}),
    }


def _account_inactive(row: Notification, user: Any) -> dict[str, Any]:
    """An unused account is about to be deleted: logging in keeps it."""
    return {"link": absolute([("account_login", ())])}


def _job_news(row: Notification, obj: Any) -> dict[str, Any]:
    """A promotion (광고성 정보): the link to the postings, and how to stop these mails
    (수신거부 방법, 정보통신망법 §50④) — the privacy centre, where the consent is withdrawn."""
    return {
        "link": absolute([("web:jobs", ())]),
        "unsubscribe_link": absolute([("web:me_privacy", ())]),
    }


def _invitation(row: Notification, invitation: Any) -> dict[str, Any]:
    """An invitation to join an organisation: the accept link carries the token (in the row's
    context until the mail went; the invitation row keeps only its hash), and the mail names
    the organisation, who invited and until when the link works."""
    inviter = invitation.invited_by
    token = str(row.context.get("token", ""))
    return {
        "employer_name": invitation.employer.name,
        "inviter_email": inviter.email if inviter is not None else "",
        "expires_at": invitation.expires_at,
        "link": absolute([("web:employer_invitation", (token,))]),
    }


def _hiring_survey(row: Notification, employer: Any) -> dict[str, Any]:
    """The yearly hiring survey is due (or its deadline is near): the link opens the form.
    The year and the deadline travel in the row's `context`."""
    return {
        "employer_name": employer.name,
        "link": absolute([("web:employer_hiring_surveys", ()), ("web:employer", ())]),
    }


def _followup(row: Notification, followup: Any) -> dict[str, Any]:
    """A follow-up question after college-major advice: the link opens the one-question page."""
    return {"link": absolute([("web:me_mentoring_followup", (followup.pk,)), ("web:me", ())])}


def _saved_search_alert(row: Notification, saved_search: Any) -> dict[str, Any]:
    """New postings of a saved search (the list travels in the row's `context`): a link to
    each posting, to the search on `/jobs/` and to the page where the seeker changes how
    often these come or stops them."""
    postings = [
        {
            **posting,
            "wage": f"{int(posting.get('hourly_wage', 0)):,}",
            "link": absolute([("web:job_detail", (posting["id"],))]),
        }
        for posting in row.context.get("postings", [])
    ]
    query = str(row.context.get("search_query", ""))
    return {
        "alert_postings": postings,
        "search_link": absolute([("web:jobs", ())]) + (f"?{query}" if query else ""),
        "manage_link": absolute([("web:me_saved_searches", ()), ("web:me", ())]),
    }


def _deadline_reminder(row: Notification, posting: Any) -> dict[str, Any]:
    """A posting's deadline is near: the signed link (its token in the row's context until
    the mail went) opens the page whose button extends it."""
    token = str(row.context.get("token", ""))
    return {
        "posting_title": posting.title,
        "link": absolute([("web:employer_posting_renewal_link", (token,))]),
        "console_link": absolute([("web:employer_postings", ()), ("web:employer", ())]),
    }


def _checkpoint(row: Notification, checkpoint: Any) -> dict[str, Any]:
    """A retention checkpoint fell due: the posting's title and the link to the placements
    page where it is recorded (never the person's name). Month and day travel in `context`."""
    return {
        "posting_title": checkpoint.placement.posting.title,
        "link": absolute([("web:employer_placements", ()), ("web:employer", ())]),
    }


def _mentoring_completed(row: Notification, mentoring_request: Any) -> dict[str, Any]:
    """The mentor completed the mentoring: the link opens the mentee's page of the request,
    where the rating form waits."""
    names = [("web:me_mentoring_request", (mentoring_request.pk,)), ("web:me_mentoring", ())]
    return {"topic": mentoring_request.topic, "link": absolute(names)}


BUILDERS: dict[str, Callable[[Notification, Any], dict[str, Any]]] = {
    "saved_search_alert": _saved_search_alert,
    "posting_deadline_reminder": _deadline_reminder,
    "checkpoint_due": _checkpoint,
    "mentoring_completed": _mentoring_completed,
    "job_news": _job_news,
    "mentoring_followup": _followup,
    "hiring_survey_requested": _hiring_survey,
    "hiring_survey_reminder": _hiring_survey,
    "application_received": _application,
    "application_status_changed": _application,
    "mentoring_message": _mentoring_message,
    "employer_verified": _employer,
    "employer_refused": _employer,
    "posting_approved": _posting,
    "posting_rejected": _posting,
    "mentoring_offered": _mentoring_request,
    "mentoring_accepted": _mentoring_request,
    "mentoring_declined": _mentoring_request,
    "posting_revision_approved": _posting,
    "posting_revision_rejected": _posting,
    "posting_closed_by_staff": _posting,
    "mentor_verified": _mentor,
    "mentor_refused": _mentor,
    "bulk_read_alert": _bulk_read,
    "account_inactive": _account_inactive,
    "employer_invitation": _invitation,
}


def kind_context(row: Notification, obj: Any) -> dict[str, Any]:
    """The template context a kind's builder adds for `obj` (links, names read at send time)."""
    builder = BUILDERS.get(row.kind)
    return builder(row, obj) if builder is not None else {}
