"""The hiring survey form (채용 실태조사), fields named as the API's; the rules (year not in
the future, each cohort within the total) are the service's, shown beside the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

NUMBER = {"inputmode": "numeric", "autocomplete": "off"}
COUNT_ERRORS = {
    "required": _("인원을 적어 주세요. 없으면 0을 적어 주세요."),
    "invalid": _("숫자로 적어 주세요."),
    "min_value": _("0명 이상으로 적어 주세요."),
}


def _count(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=1_000_000,
        help_text=help_text,
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages=COUNT_ERRORS,
    )


class HiringSurveyForm(forms.Form):
    year = forms.IntegerField(
        label=_("조사 연도"),
        min_value=2000,
        max_value=9999,
        help_text=_("그 해 1월 1일부터 12월 31일까지 채용한 인원을 적어요."),
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "required": _("조사 연도를 적어 주세요."),
            "invalid": _("연도는 숫자 네 자리로 적어 주세요."),
            "min_value": _("2000년 이후의 연도를 적어 주세요."),
            "max_value": _("연도는 숫자 네 자리로 적어 주세요."),
        },
    )
    new_hires_total = _count(
        _("신규 채용 인원 (전체)"), _("이 누리집 밖에서 채용한 분까지 모두 세어요.")
    )
    local_graduate_hires = _count(_("그중 고졸 지역인재"))
    returner_hires = _count(_("그중 경력단절여성"))
    senior_hires = _count(_("그중 신중년 전문인력 (50~60대)"))


class StaffHiringSurveyForm(HiringSurveyForm):
    """Staff file a survey on an institution's behalf: the institution first."""

    employer = forms.TypedChoiceField(
        label=_("기관"),
        coerce=int,
        error_messages={
            "required": _("실태조사를 낼 기관을 골라 주세요."),
            "invalid_choice": _("목록에 있는 기관을 골라 주세요."),
        },
    )
    field_order = ["employer", "year"]

    def __init__(self, *args: Any, institutions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [  # type: ignore[attr-defined]
            ("", str(_("기관을 골라 주세요"))),
            *institutions,
        ]
