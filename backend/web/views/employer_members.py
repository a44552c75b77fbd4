"""Colleagues of the organisation (`/employer/members/`): the list, invitations, removal, and
the page an invitation's link opens (`/employer/invitations/<token>/`).

Writes go through the employers app's member services (`backend.employers.members`); a
removed colleague loses the console at once (membership is read on every request).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.models import Role
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError, ForbiddenError, NotFoundError
from backend.web import employer_backend as backend
from backend.web.forms.employer import InvitationForm
from backend.web.views.employer import employer_required, organisation_or_redirect, place_errors


def _render(
    request: HttpRequest, employer: backend.Employer, form: InvitationForm, status: int = 200
) -> HttpResponse:
    user = request_user(request)
    members = list(backend.members_of(employer))
    return render(
        request,
        "web/employer/members.html",
        {
            "nav": "me",
            "employer": employer,
            "members": members,
            "invitations": list(backend.invitations_pending(employer)),
            "form": form,
            "me": user,
            "last": len(members) <= 1,
        },
        status=status,
    )


@login_required
@employer_required
@require_http_methods(["GET", "HEAD", "POST"])
def members(request: HttpRequest) -> HttpResponse:
    """The colleagues and pending invitations; POST `email` invites one."""
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    if request.method != "POST":
        return _render(request, employer, InvitationForm())
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = backend.invitation_create(
                employer=employer, actor=request_user(request), email=form.cleaned_data["email"]
            )
        except (DomainError, ValidationError) as error:
            place_errors(form, error, field="email")
        else:
            messages.success(
                request,
                _("%(email)s 주소로 초대 메일을 보냈어요.") % {"email": invitation.email},
            )
            return redirect("web:employer_members")
    return _render(request, employer, form, status=400)


def _refused(request: HttpRequest, employer: backend.Employer, error: DomainError) -> HttpResponse:
    form = InvitationForm()
    messages.error(request, error.message)
    return _render(request, employer, form, status=error.status_code)


@login_required
@employer_required
@require_POST
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    user = request_user(request)
    try:
        member = backend.member_of_employer(employer, member_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    try:
        backend.member_remove(member=member, actor=user)
    except DomainError as error:
        return _refused(request, employer, error)
    if member.user_id == user.pk:
        messages.success(request, _("'%(name)s'에서 나왔어요.") % {"name": employer.name})
        return redirect("web:employer")
    messages.success(request, _("%(email)s 님을 구성원에서 뺐어요.") % {"email": member.user.email})
    return redirect("web:employer_members")


@login_required
@employer_required
@require_POST
def invitation_cancel(request: HttpRequest, invitation_id: int) -> HttpResponse:
    employer = organisation_or_redirect(request)
    if employer is None:
        return redirect("web:employer_organisation")
    try:
        invitation = backend.invitation_of_employer(employer, invitation_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    try:
        backend.invitation_cancel(invitation=invitation, actor=request_user(request))
    except DomainError as error:
        return _refused(request, employer, error)
    messages.success(
        request, _("%(email)s 주소로 보낸 초대를 취소했어요.") % {"email": invitation.email}
    )
    return redirect("web:employer_members")


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's page: who invites to which organisation; logged out, links to log in
    or sign up with the invited address (back here after); logged in as an employer user
    with that address, a button that accepts (POST)."""
    try:
        found = backend.invitation_by_token(token)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    here = reverse("web:employer_invitation", args=[token])
    user: Any = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(here)
        try:
            backend.invitation_accept(token=token, actor=request_user(request))
        except ForbiddenError as error:
            return _invitation_page(request, found, here, error=error.message, status=403)
        except DomainError as error:
            return _invitation_page(
                request, found, here, error=error.message, status=error.status_code
            )
        messages.success(
            request, _("'%(name)s'의 구성원이 되었어요.") % {"name": found.employer.name}
        )
        return redirect("web:employer")
    problem = ""
    if user.is_authenticated:
        if user.role != Role.EMPLOYER:
            problem = _("기업 회원 계정으로 로그인해야 초대를 받을 수 있어요.")
        elif user.email.lower() != found.email:
            problem = _(
                "이 초대는 다른 이메일 주소로 보낸 것이에요. 초대받은 주소로 로그인해 주세요."
            )
    return _invitation_page(request, found, here, error=problem)


def _invitation_page(
    request: HttpRequest,
    found: backend.EmployerInvitation,
    here: str,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "web/employer/invitation.html",
        {"invitation": found, "here": here, "problem": error},
        status=status,
    )
