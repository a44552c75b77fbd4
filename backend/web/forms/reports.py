"""The staff report page's filter form. Field names are the API's query parameters
(`from`, `to`, `by`, `as_of`; REPORTS.md), plus `kind` (which report) and `internal` (show
the true numbers on screen, marked internal)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.web.reports_backend import BY_LABELS

KINDS = [("placements", _("취업 연계 실적")), ("mentoring", _("멘토링 실적"))]
DATE_HINT = _("예: 2026-01-01")


class ReportFilterForm(forms.Form):
    """Which report, over which period, broken down how, judged as of which day."""

    kind = forms.ChoiceField(label=_("보고서"), choices=KINDS, initial="placements")
    by = forms.ChoiceField(
        label=_("구분 기준"),
        choices=[("", _("보고서의 기본값")), *BY_LABELS.items()],
        required=False,
    )
    as_of = forms.CharField(
        label=_("기준일 (이날까지 확인 예정인 고용 유지만 셈)"), required=False, help_text=DATE_HINT
    )
    internal = forms.BooleanField(
        label=_("가리지 않은 실제 수치 보기 (내부용, 공개 금지)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword: the period's fields are added by name.
        self.fields = {
            "kind": self.fields["kind"],
            "from": forms.CharField(label=_("시작일"), required=False, help_text=DATE_HINT),
            "to": forms.CharField(label=_("종료일"), required=False, help_text=DATE_HINT),
            "by": self.fields["by"],
            "as_of": self.fields["as_of"],
            "internal": self.fields["internal"],
        }
        for name in ("from", "to", "as_of"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
