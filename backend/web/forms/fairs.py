"""Forms of the job-fair pages. Field names are the API's (UI.md): a fair's `title`, `date`,
`starts_at`, `ends_at`, `place`, `slot_minutes`, `max_choices`, `registration_closes_at`,
`posting_ids` (`POST /api/v1/fairs/`); a registration's `choices` (one `<select
name="choices">` per rank, first choice first: `PUT /api/v1/fairs/{id}/registration/`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.web.fairs_backend import Posting


class FairForm(forms.Form):
    title = forms.CharField(
        label=_("박람회 이름"),
        max_length=200,
        error_messages={"required": _("박람회 이름을 적어 주세요.")},
    )
    date = forms.DateField(
        label=_("날짜"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("날짜를 골라 주세요."),
            "invalid": _("날짜를 확인해 주세요."),
        },
    )
    starts_at = forms.TimeField(
        label=_("시작 시각"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("시작 시각을 적어 주세요."),
            "invalid": _("시각을 확인해 주세요."),
        },
    )
    ends_at = forms.TimeField(
        label=_("끝나는 시각"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("끝나는 시각을 적어 주세요."),
            "invalid": _("시각을 확인해 주세요."),
        },
    )
    place = forms.CharField(
        label=_("장소"), max_length=200, error_messages={"required": _("장소를 적어 주세요.")}
    )
    slot_minutes = forms.IntegerField(
        label=_("면접 한 번의 길이(분)"),
        initial=20,
        min_value=5,
        max_value=240,
        help_text=_("박람회 시간을 이 길이로 나눠 공고마다 면접 시간을 만들어요."),
        error_messages={
            "required": _("면접 길이를 적어 주세요."),
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("5분 이상으로 적어 주세요."),
            "max_value": _("240분 이하로 적어 주세요."),
        },
    )
    max_choices = forms.IntegerField(
        label=_("구직자가 지망할 수 있는 공고 수"),
        initial=3,
        min_value=1,
        max_value=10,
        help_text=_("구직자는 이 수만큼 공고를 골라 순위를 매기고, 최대 이만큼 면접을 봐요."),
        error_messages={
            "required": _("지망 수를 적어 주세요."),
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("1 이상으로 적어 주세요."),
            "max_value": _("10 이하로 적어 주세요."),
        },
    )
    registration_closes_at = forms.DateTimeField(
        label=_("참가 신청 마감"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={
            "required": _("마감 일시를 적어 주세요."),
            "invalid": _("일시를 확인해 주세요."),
        },
    )
    posting_ids = forms.TypedMultipleChoiceField(
        label=_("참가하는 공고"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("모집 중인 공고만 보여요. 고른 공고의 기업이 참가 기업이 돼요."),
        error_messages={
            "required": _("참가할 공고를 하나 이상 골라 주세요."),
            "invalid_choice": _("목록에 있는 공고를 골라 주세요."),
        },
    )

    def __init__(self, *args: Any, postings: list[Posting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posting_ids"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.employer.public_name} · {p.title}") for p in postings
        ]


class RankedChoicesWidget(forms.Widget):
    """Several `<select name="choices">`, one per rank; the template draws them."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        return list(data.getlist(name)) if hasattr(data, "getlist") else list(data.get(name, []))


class FairChoicesForm(forms.Form):
    choices = forms.Field(label=_("지망 순위"), required=False, widget=RankedChoicesWidget)

    def clean_choices(self) -> list[int]:
        raw = [str(value).strip() for value in self.cleaned_data["choices"] or []]
        picked = [value for value in raw if value]
        if not all(value.isascii() and value.isdigit() for value in picked):
            raise forms.ValidationError(_("목록에 있는 공고를 골라 주세요."), code="invalid")
        return [int(value) for value in picked]
