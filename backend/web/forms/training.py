"""The staff form of a training course: the names are `/api/v1/training-courses/` fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.web.training_backend import MAX_COST_KRW


class TrainingCourseForm(forms.Form):
    provider = forms.CharField(
        label=_("훈련 기관"),
        max_length=100,
        help_text=_("예: 시흥여성새로일하기센터, 한국폴리텍대학 시흥캠퍼스"),
        error_messages={"required": _("훈련 기관을 적어 주세요.")},
    )
    title = forms.CharField(
        label=_("과정 이름"),
        max_length=200,
        error_messages={"required": _("과정 이름을 적어 주세요.")},
    )
    description = forms.CharField(
        label=_("과정 소개 (선택)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    skills = forms.CharField(
        label=_("배우는 기술"),
        max_length=1200,
        required=False,
        help_text=_("쉼표로 나눠 적어요. 예: 엑셀, 재고 관리"),
    )
    certificates = forms.CharField(
        label=_("취득 자격증"),
        max_length=1200,
        required=False,
        help_text=_("쉼표로 나눠 적어요. 예: 전산회계 2급, 지게차운전기능사"),
    )
    starts_on = forms.DateField(
        label=_("시작일"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("시작일을 적어 주세요."),
            "invalid": _("날짜를 2026-03-02처럼 적어 주세요."),
        },
    )
    ends_on = forms.DateField(
        label=_("종료일"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("종료일을 적어 주세요."),
            "invalid": _("날짜를 2026-03-02처럼 적어 주세요."),
        },
    )
    cost_krw = forms.IntegerField(
        label=_("수강료(원)"),
        min_value=0,
        max_value=MAX_COST_KRW,
        initial=0,
        help_text=_("무료면 0을 적어요."),
        error_messages={
            "required": _("수강료를 적어 주세요. 무료면 0이에요."),
            "invalid": _("숫자만 적어 주세요."),
            "min_value": _("0원 이상으로 적어 주세요."),
            "max_value": _("수강료가 너무 커요."),
        },
    )
    naeil_card = forms.BooleanField(label=_("국민내일배움카드로 들을 수 있어요"), required=False)
    place = forms.CharField(label=_("장소 (선택)"), max_length=200, required=False)
    url = forms.URLField(
        assume_scheme="https",
        label=_("안내 주소 (선택)"),
        required=False,
        error_messages={"invalid": _("https://로 시작하는 주소를 적어 주세요.")},
    )
    seats = forms.IntegerField(
        label=_("정원 (선택)"),
        min_value=1,
        max_value=10000,
        required=False,
        error_messages={"invalid": _("숫자만 적어 주세요."), "min_value": _("1명 이상이에요.")},
    )
    is_active = forms.BooleanField(label=_("구직자에게 보여 주기"), required=False, initial=True)
