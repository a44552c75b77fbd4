"""The mentor's pages: requests to answer (/mentor/), the profile, and one request with its
history and message thread. The seeker's page of one request (/me/mentoring/<id>/) is here
too: both sides of a thread are rendered by the same code.

Reads and writes go through `backend.web.mentor_backend` (mentoring's selectors, services
and access functions): a request the caller may not see is a 404, a wrong state a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.models import Role, User
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, NotFoundError
from backend.web import mentor_backend as backend
from backend.web.access import role_required, seeker_required
from backend.web.forms.mentor import MentorProfileForm, MessageForm, RatingForm, SessionForm
from backend.web.labels import MENTORING_STATUS

mentor_required = role_required(Role.MENTOR)

PAGE_SIZE = 10

# What each state of a request means to the mentor reading it, in plain words.
MENTOR_STATUS = {
    "offered": gettext_lazy("나에게 온 요청이에요. 수락하거나 거절해 주세요."),
    "open": gettext_lazy("이 계열의 멘토 누구나 맡을 수 있어요."),
    "mine": gettext_lazy("내가 맡고 있어요."),
    "taken": gettext_lazy("다른 멘토가 맡았어요."),
    "completed_mine": gettext_lazy("멘토링을 마쳤어요."),
    "completed": gettext_lazy("다른 멘토와 멘토링을 마쳤어요."),
    "declined": gettext_lazy("내가 거절했어요."),
    "cancelled": gettext_lazy("멘티가 요청을 취소했어요."),
}


def _page(request: HttpRequest, rows: Any) -> Page[Any]:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _state(mentoring_request: Any, profile: Any) -> str:
    """Which of `MENTOR_STATUS` the request is in, for this mentor."""
    status = mentoring_request.status
    mine = mentoring_request.mentor_id == profile.pk
    if status == backend.RequestStatus.OPEN:
        return "offered" if mentoring_request.offered_to_me else "open"
    if status == backend.RequestStatus.ACCEPTED:
        return "mine" if mine else "taken"
    if status == backend.RequestStatus.COMPLETED:
        return "completed_mine" if mine else "completed"
    return str(status)


def _actions(state: str) -> dict[str, bool]:
    return {
        "accept": state in ("offered", "open"),
        "decline": state == "offered",
        "complete": state == "mine",
    }


def _row(mentoring_request: Any, profile: Any) -> dict[str, Any]:
    state = _state(mentoring_request, profile)
    return {
        "request": mentoring_request,
        "state": state,
        "status_label": MENTOR_STATUS[state],
        **_actions(state),
    }


@login_required
@mentor_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    profile = backend.mentor_profile_of(user)
    page = _page(request, backend.mentor_requests(user)) if profile is not None else None
    rows = [_row(r, profile) for r in page.object_list] if page is not None else []
    return render(
        request,
        "web/mentor/dashboard.html",
        {"nav": "mentor", "profile": profile, "page": page, "rows": rows},
    )


def _profile_initial(profile: Any) -> dict[str, Any]:
    if profile is None:
        return {}
    return {
        name: getattr(profile, name)
        for name in (
            "display_name",
            "kind",
            "expertise",
            "career_fields",
            "bio",
            "availability",
            "max_mentees",
        )
    }


@login_required
@mentor_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    current = backend.mentor_profile_of(user)
    form = MentorProfileForm(
        request.POST if request.method == "POST" else None,
        initial=_profile_initial(current),
        career_fields=list(backend.career_field_list()),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = backend.mentor_profile_put(user=user, fields=form.cleaned_data)
            except ValidationError as error:
                for name, texts in error.message_dict.items():
                    for text in texts:
                        form.add_error(name if name in form.fields else None, text)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                if saved.status == backend.MentorStatus.VERIFIED:
                    messages.success(request, _("멘토 프로필을 저장했어요."))
                else:
                    messages.success(
                        request,
                        _(
                            "멘토 프로필을 저장했어요. 시 담당자가 확인한 뒤에 "
                            "멘토링 요청이 보여요."
                        ),
                    )
                return redirect("web:mentor")
        status = 400
    return render(
        request,
        "web/mentor/profile.html",
        {"nav": "mentor", "form": form, "profile": current},
        status=status,
    )


@dataclass(frozen=True)
class Event:
    at: datetime
    text: str


def _history(
    mentoring_request: Any, *, for_mentor: bool, mine: bool, offer: Any = None
) -> list[Event]:
    """The request's history, oldest first, from its timestamps (and the viewing mentor's
    offer)."""
    events = [Event(mentoring_request.created_at, _("멘티가 멘토링을 요청했어요."))]
    if offer is not None:
        events.append(Event(offer.offered_at, _("나에게 먼저 제안됐어요.")))
        if offer.declined_at is not None:
            events.append(Event(offer.declined_at, _("제안을 거절했어요.")))
    if mentoring_request.accepted_at is not None:
        if for_mentor:
            text = _("내가 수락했어요.") if mine else _("다른 멘토가 수락했어요.")
        else:
            text = _("멘토가 수락했어요.")
        events.append(Event(mentoring_request.accepted_at, text))
    if mentoring_request.closed_at is not None:
        status = mentoring_request.status
        if status == backend.RequestStatus.COMPLETED:
            text = _("멘토링을 마쳤어요.")
        elif status == backend.RequestStatus.DECLINED:
            text = _("내가 거절했어요.") if for_mentor else _("멘토가 거절했어요.")
        else:
            text = _("멘티가 요청을 취소했어요.") if for_mentor else _("요청을 취소했어요.")
        events.append(Event(mentoring_request.closed_at, text))
    return sorted(events, key=lambda event: event.at)


def _thread(
    mentoring_request: Any, viewer: User, *, mentee: str, mentor: str
) -> list[dict[str, Any]]:
    """The thread's messages, each with who wrote it in the viewer's words."""
    rows = []
    for message in backend.request_messages(mentoring_request):
        if message.author_id == viewer.pk:
            who = _("나")
        elif message.author_id == mentoring_request.seeker_id:
            who = mentee
        elif message.author_id is None:
            who = _("탈퇴한 사용자")
        else:
            who = mentor
        rows.append({"message": message, "who": who, "mine": message.author_id == viewer.pk})
    return rows


def _post_message(request: HttpRequest, mentoring_request: Any, user: User) -> MessageForm | None:
    """Post the thread's message form: None when the page should be shown again by a redirect
    (sent, or refused for the request's state: said in a message); else the form with its
    errors."""
    form = MessageForm(request.POST)
    if not form.is_valid():
        return form
    try:
        backend.mentoring_message_post(
            author=user, request_id=mentoring_request.pk, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        for name, texts in error.message_dict.items():
            for text in texts:
                form.add_error(name if name in form.fields else None, text)
        return form
    except DomainError as error:
        messages.error(request, str(error))
        return None
    messages.success(request, _("메시지를 보냈어요."))
    return None


def _errors_onto(form: Any, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _post_session_or_rating(
    request: HttpRequest, mentoring_request: Any, user: User, action: str
) -> tuple[SessionForm | None, RatingForm | None]:
    """Post the sessions' or the rating's form: (None, None) when the page should be shown
    again by a redirect (saved, or refused for the request's state: said in a message); else
    the form with its errors in its place."""
    if action == "session":
        session_form = SessionForm(request.POST)
        if session_form.is_valid():
            try:
                backend.mentoring_session_record(
                    author=user, request_id=mentoring_request.pk, **session_form.cleaned_data
                )
            except ValidationError as error:
                _errors_onto(session_form, error)
            except DomainError as error:
                messages.error(request, str(error))
                return None, None
            else:
                messages.success(request, _("세션을 기록했어요."))
                return None, None
        return session_form, None
    rating_form = RatingForm(request.POST)
    if rating_form.is_valid():
        try:
            backend.mentoring_rating_give(
                rater=user, request_id=mentoring_request.pk, **rating_form.cleaned_data
            )
        except ValidationError as error:
            _errors_onto(rating_form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return None, None
        else:
            messages.success(request, _("평가해 주셔서 고마워요."))
            return None, None
    return None, rating_form


def _sessions_context(
    mentoring_request: Any,
    user: User,
    *,
    session_form: SessionForm | None,
    rating_form: RatingForm | None,
) -> dict[str, Any]:
    """The sessions, the session form while sessions may be recorded, and the rating: the
    form when completing asks this user for one, else their own rating."""
    member = backend.thread_member(mentoring_request, user)
    status = mentoring_request.status
    recordable = member and status in (
        backend.RequestStatus.ACCEPTED,
        backend.RequestStatus.COMPLETED,
    )
    sessions = list(backend.request_sessions(request_id=mentoring_request.pk)) if member else []
    asked = member and backend.rating_asked(mentoring_request, user)
    mine = (
        backend.rating_of(
            request_id=mentoring_request.pk, role=backend.role_in(mentoring_request, user)
        )
        if member and not asked
        else None
    )
    return {
        "sessions": sessions,
        "session_minutes": sum(session.minutes for session in sessions),
        "can_record": recordable,
        "session_form": session_form or SessionForm(),
        "rating_asked": asked,
        "my_rating": mine,
        "rating_form": rating_form or RatingForm(),
    }


def _mentor_request(user: User, request_id: int) -> tuple[Any, Any]:
    try:
        return backend.request_for_mentor(user, request_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None


@login_required
@mentor_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request for the mentor; POST adds a message to its thread."""
    user = request_user(request)
    mentoring_request, profile = _mentor_request(user, request_id)
    in_thread = backend.thread_member(mentoring_request, user)
    form = MessageForm()
    session_form: SessionForm | None = None
    rating_form: RatingForm | None = None
    status = 200
    if request.method == "POST":
        if not in_thread:
            raise Http404(_("멘토링 요청을 찾을 수 없어요."))
        action = request.POST.get("action", "message")
        if action in ("session", "rating"):
            session_form, rating_form = _post_session_or_rating(
                request, mentoring_request, user, action
            )
            if session_form is None and rating_form is None:
                return redirect("web:mentor_request", request_id=mentoring_request.pk)
            status = 400
        else:
            posted = _post_message(request, mentoring_request, user)
            if posted is None:
                return redirect("web:mentor_request", request_id=mentoring_request.pk)
            form, status = posted, 400
    mine = mentoring_request.mentor_id == profile.pk
    shown = backend.mentee_shown_to(profile, mentoring_request)
    mentee = (backend.mentee_name(mentoring_request) if shown else "") or _("멘티")
    state = _state(mentoring_request, profile)
    context = {
        "nav": "mentor",
        "row": _row(mentoring_request, profile),
        "request_obj": mentoring_request,
        "history": _history(
            mentoring_request,
            for_mentor=True,
            mine=mine,
            offer=backend.offer_of(mentoring_request, profile),
        ),
        "mentee_shown": shown,
        # The message only for the mentor who accepted: deciding, they read field and topic.
        "message_shown": backend.message_shown_to(mentoring_request, user),
        "mentee_name": mentee,
        "in_thread": in_thread,
        "thread": _thread(mentoring_request, user, mentee=mentee, mentor=profile.public_name)
        if in_thread
        else [],
        "can_write": in_thread and state == "mine",
        "form": form,
        **_sessions_context(
            mentoring_request, user, session_form=session_form, rating_form=rating_form
        ),
    }
    return render(request, "web/mentor/request.html", context, status=status)


def _act(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    user = request_user(request)
    mentoring_request, profile = _mentor_request(user, request_id)
    act = {
        "accept": backend.mentoring_request_accept,
        "decline": backend.mentoring_request_decline,
        "complete": backend.mentoring_request_complete,
    }[action]
    try:
        act(mentor=profile, request_id=mentoring_request.pk)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("web:mentor")
    topic = mentoring_request.topic
    if action == "accept":
        messages.success(
            request,
            _("'%(topic)s' 요청을 수락했어요. 멘티에게 메시지를 보내 보세요.") % {"topic": topic},
        )
        return redirect("web:mentor_request", request_id=mentoring_request.pk)
    if action == "complete":
        messages.success(
            request, _("'%(topic)s' 멘토링을 마쳤어요. 수고하셨어요.") % {"topic": topic}
        )
        return redirect("web:mentor_request", request_id=mentoring_request.pk)
    messages.success(
        request, _("'%(topic)s' 요청을 거절했어요. 다른 멘토에게 전해져요.") % {"topic": topic}
    )
    return redirect("web:mentor")


@login_required
@mentor_required
@require_POST
def request_accept(request: HttpRequest, request_id: int) -> HttpResponse:
    return _act(request, request_id, "accept")


@login_required
@mentor_required
@require_POST
def request_decline(request: HttpRequest, request_id: int) -> HttpResponse:
    return _act(request, request_id, "decline")


@login_required
@mentor_required
@require_POST
def request_complete(request: HttpRequest, request_id: int) -> HttpResponse:
    return _act(request, request_id, "complete")


@login_required
@seeker_required
@require_http_methods(["GET", "HEAD", "POST"])
def seeker_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """The seeker's page of one of their requests: its history and the thread with the mentor
    who accepted it; POST adds a message."""
    user = request_user(request)
    try:
        mentoring_request = backend.request_for_seeker(user, request_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    running = mentoring_request.status == backend.RequestStatus.ACCEPTED
    form = MessageForm()
    session_form: SessionForm | None = None
    rating_form: RatingForm | None = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "message")
        if action in ("session", "rating"):
            session_form, rating_form = _post_session_or_rating(
                request, mentoring_request, user, action
            )
            if session_form is None and rating_form is None:
                return redirect("web:me_mentoring_request", request_id=mentoring_request.pk)
            status = 400
        else:
            posted = _post_message(request, mentoring_request, user)
            if posted is None:
                return redirect("web:me_mentoring_request", request_id=mentoring_request.pk)
            form, status = posted, 400
    mentor = mentoring_request.mentor
    mentor_name = mentor.public_name if mentor is not None else _("멘토")
    context = {
        "nav": "me",
        "request_obj": mentoring_request,
        "status_label": MENTORING_STATUS.get(mentoring_request.status, mentoring_request.status),
        "mentor_name": mentor_name if mentoring_request.accepted_at is not None else "",
        "history": _history(mentoring_request, for_mentor=False, mine=False),
        "in_thread": mentoring_request.accepted_at is not None,
        "thread": _thread(mentoring_request, user, mentee=_("멘티"), mentor=mentor_name)
        if mentoring_request.accepted_at is not None
        else [],
        "can_write": running,
        "form": form,
        **_sessions_context(
            mentoring_request, user, session_form=session_form, rating_form=rating_form
        ),
    }
    return render(request, "web/me/mentoring_request.html", context, status=status)
