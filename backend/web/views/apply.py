"""`/jobs/<id>/apply/`: a seeker applies to a posting, after seeing what is handed over."""

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
from backend.core.errors import DomainError, NotFoundError
from backend.jobs import access as jobs_access
from backend.jobs.hiring import MINOR_NOTICE_FOR_SEEKER, application_submit
from backend.web import seeker_backend
from backend.web.access import seeker_required


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("기업에 전할 말 (선택)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("하고 싶은 말이나 일할 수 있는 시간을 적어 주세요."),
    )
    consent_provision = forms.BooleanField(
        required=False,
        label=gettext_lazy("위 기업에 내 개인정보를 제공하는 데 동의해요 (필수)"),
    )


@login_required
@seeker_required
@require_http_methods(["GET", "POST"])
def job_apply(request: HttpRequest, posting_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        posting = jobs_access.posting_for_applicant(user, posting_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(
                posting=posting,
                seeker=user,
                provision_consent=form.cleaned_data["consent_provision"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            for name, texts in error.message_dict.items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("지원했어요. 진행 상황은 '내 지원 현황'에서 볼 수 있어요."))
            return redirect("web:me_applications")
    context = {
        "posting": posting,
        "form": form,
        "nav": "jobs",
        # 근로기준법 §66: an applicant under 18 needs the guardian's consent and a certificate.
        "minor_notice": MINOR_NOTICE_FOR_SEEKER if seeker_backend.seeker_is_minor(user) else "",
    }
    # A POST that gets here was refused: the form again, with its errors, as a 400.
    status = 400 if request.method == "POST" else 200
    return render(request, "web/jobs/apply.html", context, status=status)
