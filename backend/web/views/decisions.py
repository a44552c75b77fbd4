"""Explanations and reviews of automated decisions on the web (PIPA §37-2): a seeker asks
from `/me/recommendations/` (POST `/me/recommendations/<posting_id>/ask/`, `kind`), sees the
answers there; staff answer on `/staff/decision-requests/`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from backend.accounts.models import Role
from backend.accounts.permissions import request_user
from backend.core.errors import DomainError
from backend.matching import decisions
from backend.matching.models import DecisionRequestKind, DecisionSubject
from backend.seekers.selectors import seeker_profile_of
from backend.web.access import role_required, seeker_required
from backend.web.views.staff import page_of

staff_required = role_required(Role.STAFF)


class AskForm(forms.Form):
    kind = forms.ChoiceField(choices=DecisionRequestKind.choices)
    message = forms.CharField(required=False, max_length=2000)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("답변"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("답변을 적어 주세요.")},
    )


@login_required
@seeker_required
@require_POST
def recommendation_ask(request: HttpRequest, posting_id: int) -> HttpResponse:
    profile = seeker_profile_of(user=request_user(request))
    if profile is None:
        return redirect("web:me_profile")
    form = AskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("무엇을 요청할지 골라 주세요."))
        return redirect("web:me_recommendations")
    try:
        decisions.decision_request_create(
            profile=profile,
            posting_id=posting_id,
            kind=form.cleaned_data["kind"],
            subject=DecisionSubject.RECOMMENDATION,
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
        return redirect("web:me_recommendations")
    messages.success(
        request, _("요청을 받았어요. 시 담당자가 답하면 이 화면의 '내 요청'에서 볼 수 있어요.")
    )
    return redirect("web:me_recommendations")


@login_required
@staff_required
@require_safe
def decision_requests(request: HttpRequest) -> HttpResponse:
    page = page_of(request, decisions.decision_requests_for_staff())
    rows = [{"request": row, "form": AnswerForm(prefix=f"r{row.pk}")} for row in page]
    return render(
        request, "web/staff/decision_requests.html", {"nav": "me", "page": page, "rows": rows}
    )


@login_required
@staff_required
@require_POST
def decision_request_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    form = AnswerForm(request.POST, prefix=f"r{request_id}")
    if not form.is_valid():
        messages.error(request, _("답변을 적어 주세요."))
        return redirect("web:staff_decision_requests")
    try:
        decisions.decision_request_answer(
            request_id=request_id, actor=request_user(request), answer=form.cleaned_data["answer"]
        )
    except DomainError as error:
        raise Http404(str(error)) from None
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
        return redirect("web:staff_decision_requests")
    messages.success(request, _("답변을 보냈어요."))
    return redirect("web:staff_decision_requests")
