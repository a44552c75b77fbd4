"""Staff accounts (시 담당자) read everyone's personal data, so their sessions are held tighter
(개인정보의 안전성 확보조치 기준 §5-6: 접속 권한 관리, 인증 강화):

- TOTP two-factor authentication (allauth.mfa) when `STAFF_MFA_REQUIRED` (on unless DEBUG):
  a staff member without an authenticator app is sent to enrol one before any page or the
  admin opens; one with an app logs in with its code (allauth's login stage), and a session
  that never showed a code (opened before enrolment) is asked for one (reauthentication).
- An idle timeout (`STAFF_IDLE_TIMEOUT_SECONDS`, 30 minutes): a staff session unused for longer
  is logged out, and the next request goes to the login page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import urlencode

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from backend.accounts.models import Role

LAST_ACTIVITY_KEY = "sjl_staff_last_activity"
LOGIN_AT_KEY = "sjl_staff_login_at"
IDLE_MESSAGE = gettext_lazy(
    "30분 동안 아무 활동이 없어 안전을 위해 로그아웃했어요. 다시 로그인해 주세요."
)
MFA_MESSAGE = gettext_lazy("시 담당자 계정은 2단계 인증을 마친 뒤에 쓸 수 있어요.")
# allauth keeps a session's authentication records for one user, named under this key (its
# get_authentication_records reads a request's session; a token's session has no request).
_RECORDS_USER_KEY = "account_authentication_methods_user"
# The last-activity time is written at most this often (seconds), not on every request: a
# session write per page would cost a query each time for no better precision.
ACTIVITY_RESOLUTION = 60
# Pages a staff member without a verified second factor may still open: enrolling, logging
# in or out, the language switch, static files and health probes.
OPEN_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/i18n/",
    "/static/",
    "/healthz",
    "/readyz",
)


def is_staff_account(user: Any) -> bool:
    """Staff role, or any account the admin opens for (is_staff, superuser)."""
    return bool(
        user is not None
        and user.is_authenticated
        and (getattr(user, "role", None) == Role.STAFF or user.is_staff or user.is_superuser)
    )


def session_passed_mfa(request: HttpRequest, user: Any) -> bool:
    """True when this session showed a second factor: an authenticator code at login or on
    reauthentication (allauth records them)."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def token_session_problem(session: SessionBase, user: Any) -> Literal["idle", "mfa"] | None:
    """Why a staff member's API token session may not be used: "idle" (unused too long; the
    session is ended), "mfa" (no second factor shown), or None. Keeps the session's
    last-activity time up to date."""
    now = int(time.time())
    last = session.get(LAST_ACTIVITY_KEY)
    if isinstance(last, int) and now - last > settings.STAFF_IDLE_TIMEOUT_SECONDS:
        session.flush()
        return "idle"
    if settings.STAFF_MFA_REQUIRED:
        records = session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
        owner = session.get(_RECORDS_USER_KEY)
        shown = owner == str(user.pk) and any(
            isinstance(record, dict) and record.get("method") == "mfa" for record in records
        )
        if not shown:
            return "mfa"
    if not isinstance(last, int) or now - last >= ACTIVITY_RESOLUTION:
        session[LAST_ACTIVITY_KEY] = now
        session.save()
    return None


def mark_login(request: HttpRequest | None) -> None:
    """Receiver of `user_logged_in`: idle time counts from the login, and an authenticator
    added after it was added in this session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())
        request.session[LOGIN_AT_KEY] = time.time()


class StaffSessionMiddleware:
    """Enforces the idle timeout and the second factor on staff sessions (web pages, admin,
    and the API when reached with the browser session)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if is_staff_account(user):
            if self._idle_too_long(request):
                logout(request)
                return self._to_login(request)
            if settings.STAFF_MFA_REQUIRED and not request.path.startswith(OPEN_PREFIXES):
                refused = self._second_factor(request, user)
                if refused is not None:
                    return refused
        return self.get_response(request)

    def _idle_too_long(self, request: HttpRequest) -> bool:
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if isinstance(last, int) and now - last > settings.STAFF_IDLE_TIMEOUT_SECONDS:
            return True
        if not isinstance(last, int) or now - last >= ACTIVITY_RESOLUTION:
            request.session[LAST_ACTIVITY_KEY] = now
        return False

    def _to_login(self, request: HttpRequest) -> HttpResponse:
        message = str(IDLE_MESSAGE)
        if _wants_json(request):
            return JsonResponse({"detail": message}, status=401)
        messages.info(request, message)
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('account_login')}?{query}")

    def _second_factor(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        if session_passed_mfa(request, user):
            return None
        app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        login_at = request.session.get(LOGIN_AT_KEY)
        if (
            app is not None
            and isinstance(login_at, float)
            and app.created_at.timestamp() > login_at
        ):
            return None  # enrolled in this session: entering the app's code proved it works
        enrolled = app is not None
        if _wants_json(request):
            return JsonResponse(
                {"detail": str(MFA_MESSAGE)},
                status=403,
            )
        query = urlencode({"next": request.get_full_path()})
        if not enrolled:
            messages.info(
                request,
                gettext("시 담당자 계정은 2단계 인증이 필요해요. 인증 앱(OTP)을 등록해 주세요."),
            )
            return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/_allauth/"))
