"""The mentee's follow-up question after college-major advice (`/me/mentoring/follow-up/<id>/`):
one question, five answers (REPORTS.md, Mentoring); the answer goes into the statistics only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.accounts.permissions import request_user
from backend.core.errors import NotFoundError
from backend.reports.followups import followup_answer, followup_for_seeker
from backend.reports.models import FollowUpAnswer
from backend.web.access import seeker_required


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("지금 어떻게 지내고 있나요?"),
        choices=FollowUpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("보기 가운데 하나를 골라 주세요."),
            "invalid_choice": gettext_lazy("보기 가운데 하나를 골라 주세요."),
        },
    )


@login_required
@seeker_required
@require_http_methods(["GET", "HEAD", "POST"])
def mentoring_followup(request: HttpRequest, followup_id: int) -> HttpResponse:
    try:
        followup = followup_for_seeker(request_user(request), followup_id)
    except NotFoundError as error:
        raise Http404(str(error.message)) from error
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        initial={"answer": followup.answer or None},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                followup_answer(followup=followup, answer=form.cleaned_data["answer"])
            except ValidationError as error:
                form.add_error("answer", error.message_dict.get("answer", [""])[0])
            else:
                messages.success(request, _("답해 주셔서 고마워요."))
                return redirect("web:me_mentoring")
        status = 400
    return render(
        request,
        "web/me/mentoring_followup.html",
        {"nav": "mentoring", "followup": followup, "form": form},
        status=status,
    )
