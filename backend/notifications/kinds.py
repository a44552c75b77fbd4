"""What each kind's templates get besides the row's `context`: links and names read at send
time. A new kind adds its builder to `BUILDERS` (and its templates)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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


BUILDERS: dict[str, Callable[[Notification, Any], dict[str, Any]]] = {
    "application_received": _application,
    "application_status_changed": _application,
    "mentoring_message": _mentoring_message,
}


def kind_context(row: Notification, obj: Any) -> dict[str, Any]:
    builder = BUILDERS.get(row.kind)
    return builder(row, obj) if builder is not None else {}
