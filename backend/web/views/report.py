"""`/jobs/<id>/report/`: anyone reports a posting (신고) — no account needed.

The form parses; `backend.jobs.reports` decides (the reason code, the text, the rate limit),
the same service the API calls. A POST carries the CSRF token like every form of the site.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from backend.accounts.models import User
from backend.core.client_ip import client_ip
from backend.core.errors import DomainError, NotFoundError
from backend.jobs import access as jobs_access
from backend.jobs import reports
from backend.jobs.models import ReportReason
from backend.web.request import request_actor


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("무엇이 문제인가요"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("신고 사유를 골라 주세요."),
            "invalid_choice": gettext_lazy("목록에 있는 사유를 골라 주세요."),
        },
    )
    text = forms.CharField(
        label=gettext_lazy("자세한 내용 (선택)"),
        required=False,
        max_length=reports.REPORT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "어떤 점이 이상한지 적어 주세요. 내 이름이나 연락처는 적지 않아도 돼요."
        ),
        error_messages={"max_length": gettext_lazy("2000자까지 쓸 수 있어요.")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def job_report(request: HttpRequest, posting_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        posting = jobs_access.posting_visible_to(actor, posting_id)
    except NotFoundError as error:
        raise Http404(str(error)) from None
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            user = actor if isinstance(actor, User) else None
            try:
                reports.posting_report_create(
                    posting=posting,
                    reporter=user,
                    client=reports.client_key(user=user, address=client_ip(request)),
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                for name, texts in error.message_dict.items():
                    for text in texts:
                        form.add_error(name if name in form.fields else None, text)
            except reports.ReportRateLimitedError as error:
                form.add_error(None, error.message)
                status = 429
            except DomainError as error:
                messages.info(request, error.message)
                return redirect("web:job_detail", posting_id=posting.pk)
            else:
                messages.success(
                    request,
                    _("신고했어요. 시 담당자가 확인하고 필요하면 공고를 내려요. 고마워요."),
                )
                return redirect("web:job_detail", posting_id=posting.pk)
    response = render(
        request,
        "web/jobs/report.html",
        {"posting": posting, "form": form, "nav": "jobs"},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(reports.HOUR)
    return response
