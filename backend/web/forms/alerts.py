"""Forms of saved searches (`/me/saved-searches/`) and of a posting's deadline extension and
renewal (`/employer/postings/<id>/extend/`): names are the API's fields (`name`,
`frequency`, `deadline`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.jobs.alert_models import AlertFrequency

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SavedSearchForm(forms.Form):
    """A saved search's name and how often its alert comes."""

    name = forms.CharField(
        label=_("검색 이름"),
        max_length=100,
        required=False,
        help_text=_("비워 두면 검색어로 이름을 붙여요."),
        error_messages={"max_length": _("100자까지 적을 수 있어요.")},
    )
    frequency = forms.ChoiceField(
        label=_("알림 메일 주기"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.DAILY,
        widget=forms.RadioSelect,
        help_text=_("새 공고가 있을 때만 메일을 보내요."),
        error_messages={
            "required": _("알림 주기를 골라 주세요."),
            "invalid_choice": _("매일이나 매주 중에서 골라 주세요."),
        },
    )


class DeadlineForm(forms.Form):
    """A posting's new deadline (an extension, or the deadline of its renewed copy)."""

    deadline = forms.DateField(
        label=_("새 마감일"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("마감일을 골라 주세요."),
            "invalid": _("날짜를 2026-05-31처럼 적어 주세요."),
        },
    )
