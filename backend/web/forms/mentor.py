"""Forms of the mentor pages: the mentor profile and a message of a request's thread."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.web.mentor_backend import MAX_MENTEES_LIMIT, CareerField, MentorKind


class MentorProfileForm(forms.Form):
    """`PUT /api/v1/me/mentor-profile/` as a page: the names are the API's fields."""

    display_name = forms.CharField(
        label=_("멘티에게 보일 이름"),
        max_length=50,
        required=False,
        help_text=_("예: 김 멘토. 비워 두면 '멘토 #번호'로 보여요. 이메일은 보이지 않아요."),
    )
    kind = forms.ChoiceField(
        label=_("어떤 멘토인가요"),
        widget=forms.RadioSelect,
        choices=list(MentorKind.choices),
        error_messages={
            "required": _("멘토 유형을 골라 주세요."),
            "invalid_choice": _("목록에 있는 멘토 유형을 골라 주세요."),
        },
    )
    expertise = forms.CharField(
        label=_("전문 분야"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("예: 금속가공 공정 관리 30년, 기계공학과 3학년"),
        error_messages={"required": _("전문 분야를 적어 주세요.")},
    )
    career_fields = forms.MultipleChoiceField(
        label=_("멘토링할 수 있는 계열"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("계열을 한 가지 이상 골라 주세요."),
            "invalid_choice": _("목록에 있는 계열을 골라 주세요."),
        },
    )
    bio = forms.CharField(
        label=_("소개 (선택)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("어떤 일을 해 왔는지, 무엇을 도와줄 수 있는지 적어 주세요."),
    )
    availability = forms.CharField(
        label=_("멘토링할 수 있는 시간 (선택)"),
        max_length=500,
        required=False,
        help_text=_("예: 평일 오후 2시~5시"),
    )
    max_mentees = forms.IntegerField(
        label=_("한 번에 맡을 수 있는 멘티 수"),
        min_value=1,
        max_value=MAX_MENTEES_LIMIT,
        initial=3,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("1명부터 %(limit)s명까지예요.") % {"limit": MAX_MENTEES_LIMIT},
        error_messages={
            "required": _("맡을 수 있는 멘티 수를 적어 주세요."),
            "invalid": _("숫자로 적어 주세요. 예: 3"),
            "min_value": _("1명 이상으로 적어 주세요."),
            "max_value": _("%(limit_value)s명 이하로 적어 주세요."),
        },
    )

    def __init__(self, *args: Any, career_fields: list[CareerField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["career_fields"].choices = [  # type: ignore[attr-defined]
            (field.code, field.display_name) for field in career_fields
        ]


class MessageForm(forms.Form):
    """A message on a mentoring request's thread (`body`)."""

    body = forms.CharField(
        label=_("메시지"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("상대에게만 보여요. 주민등록번호는 적지 마세요."),
        error_messages={
            "required": _("메시지를 적어 주세요."),
            "max_length": _("메시지는 %(limit_value)s자까지 쓸 수 있어요."),
        },
    )


class SessionForm(forms.Form):
    """A mentoring session (`POST /api/v1/mentoring-requests/{id}/sessions/` as a form)."""

    held_on = forms.DateField(
        label=_("만난 날"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("만난 날을 적어 주세요."),
            "invalid": _("날짜를 2026-03-02처럼 적어 주세요."),
        },
    )
    minutes = forms.IntegerField(
        label=_("시간(분)"),
        min_value=5,
        max_value=480,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("예: 60"),
        error_messages={
            "required": _("몇 분 동안 만났는지 적어 주세요."),
            "invalid": _("숫자로 적어 주세요. 예: 60"),
            "min_value": _("5분 이상으로 적어 주세요."),
            "max_value": _("480분(8시간) 이하로 적어 주세요."),
        },
    )
    topic = forms.CharField(
        label=_("이야기한 주제"),
        max_length=200,
        help_text=_("예: 이력서 고치기, 전공 선택"),
        error_messages={
            "required": _("무엇을 이야기했는지 적어 주세요."),
            "max_length": _("200자까지 적을 수 있어요."),
        },
    )


class RatingForm(forms.Form):
    """The short rating of a completed mentoring (`POST …/rating/`)."""

    score = forms.TypedChoiceField(
        label=_("멘토링은 얼마나 도움이 됐나요?"),
        widget=forms.RadioSelect,
        coerce=int,
        choices=[
            (5, _("5점 · 아주 도움이 됐어요")),
            (4, _("4점 · 도움이 됐어요")),
            (3, _("3점 · 보통이에요")),
            (2, _("2점 · 조금 아쉬워요")),
            (1, _("1점 · 도움이 안 됐어요")),
        ],
        error_messages={
            "required": _("점수를 골라 주세요."),
            "invalid_choice": _("1점에서 5점 가운데 골라 주세요."),
        },
    )
    comment = forms.CharField(
        label=_("한마디 (선택)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("상대에게는 보이지 않아요. 시 담당자만 멘토링을 나아지게 하는 데 읽어요."),
        error_messages={"max_length": _("500자까지 적을 수 있어요.")},
    )
