"""`/me/privacy/`: the privacy centre of seekers, mentors and employers (PIPA).

Consents (grant or withdraw each optional purpose), my data as JSON (the export of
`/api/v1/me/export/`), deleting my account after the password (the deletion of
`DELETE /api/v1/me/`), and who viewed my record (the access log about me).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.models import ConsentPurpose, Role
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.web import seeker_backend as backend
from backend.web.forms.seeker import ConsentForm, DeleteAccountForm
from backend.web.labels import CONSENTS, ROLE_WHO, access_what

PRIVACY_ROLES = frozenset({Role.SEEKER, Role.MENTOR, Role.EMPLOYER})
ACCESS_LOG_PAGE = 10


def _privacy_role(request: HttpRequest) -> None:
    if getattr(request.user, "role", None) not in PRIVACY_ROLES:
        raise PermissionDenied


def _who(entry: Any) -> str:
    role = entry.actor_role
    label = str(ROLE_WHO.get(role, role))
    actor = entry.actor
    if role == Role.EMPLOYER and actor is not None:
        membership = getattr(actor, "employer_membership", None)
        if membership is not None:
            return _("%(role)s: %(name)s") % {"role": label, "name": membership.employer.name}
    return label


# How long before a consent lapses the privacy centre asks to confirm it again.
RECONFIRM_NOTICE = datetime.timedelta(days=30)


def _consent_rows(user: Any) -> list[dict[str, Any]]:
    in_force = backend.consents_in_force(user=user)
    now = timezone.now()
    rows = []
    for purpose, (title, explanation) in CONSENTS.items():
        record = in_force.get(purpose)
        holds = backend.consent_holds(record, now=now)
        expires_at = backend.consent_expires_at(record)
        rows.append(
            {
                "purpose": purpose,
                "title": title,
                "explanation": explanation,
                "granted": holds,
                "decided": record is not None,
                "recorded_at": record.recorded_at if record is not None else None,
                # Granted once, but not confirmed within 2 years (정보통신망법 §50⑧).
                "lapsed": bool(record and record.granted and not holds),
                "expires_at": expires_at,
                "reconfirm": bool(holds and expires_at and expires_at - now <= RECONFIRM_NOTICE),
            }
        )
    return rows


@login_required
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    _privacy_role(request)
    return _render(request, DeleteAccountForm(user=request_user(request)))


def _render(
    request: HttpRequest, delete_form: DeleteAccountForm, status: int = 200
) -> HttpResponse:
    user = request_user(request)
    page = Paginator(backend.access_log_about(user), ACCESS_LOG_PAGE).get_page(
        request.GET.get("page")
    )
    entries = [
        {"who": _who(entry), "what": access_what(entry.what), "at": entry.at}
        for entry in page.object_list
    ]
    return render(
        request,
        "web/me/privacy.html",
        {
            "nav": "me",
            "consents": _consent_rows(user),
            "delete_form": delete_form,
            "form": delete_form,
            "page": page,
            "entries": entries,
        },
        status=status,
    )


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    _privacy_role(request)
    user = request_user(request)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("바꿀 동의 항목을 알 수 없어요. 다시 골라 주세요."))
        return redirect("web:me_privacy")
    purpose = form.cleaned_data["purpose"]
    granted = form.cleaned_data["granted"]
    try:
        backend.consents_record(user=user, decisions={purpose: granted}, channel="web")
    except DomainError:
        messages.error(request, _("이 동의는 바꿀 수 없어요."))
        return redirect("web:me_privacy")
    title = CONSENTS[purpose][0]
    if granted and form.cleaned_data.get("reconfirm"):
        messages.success(request, _("'%(title)s' 동의를 다시 확인했어요.") % {"title": title})
    elif granted:
        messages.success(request, _("'%(title)s'에 동의했어요.") % {"title": title})
    else:
        messages.success(request, _("'%(title)s' 동의를 철회했어요.") % {"title": title})
        if purpose == ConsentPurpose.MATCHING and user.role == Role.SEEKER:
            profile = backend.seeker_profile_of(user=user)
            if profile is not None and profile.open_to_employers:
                # Without the consent no employer may find the profile: stop showing it.
                backend.seeker_profile_update(user=user, fields={"open_to_employers": False})
                messages.info(request, _("그래서 기업에 프로필을 공개하던 것도 껐어요."))
    return redirect("web:me_privacy")


@login_required
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    _privacy_role(request)
    data = backend.user_export(user=request_user(request))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_http_methods(["POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    _privacy_role(request)
    user = request_user(request)
    form = DeleteAccountForm(request.POST, user=user)
    if not form.is_valid():
        return _render(request, form)
    backend.user_delete(user=user)
    logout(request)
    return redirect("web:goodbye")


@require_safe
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "web/me/goodbye.html")
