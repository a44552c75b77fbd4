"""Forms of the staff console: a decision's reason, and the start of a match run.

Field names are the API's (UI.md): `reason` (refuse, reject), `kind` and the scope's
`areas`, `career_fields`, `posting_ids` (`POST /api/v1/match-runs/`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from backend.web.staff_backend import MatchRunKind

REASON_MAX = 2000


class ReasonForm(forms.Form):
    """The reason of a refusal or rejection, which the employer reads. One form per row of a
    queue: `auto_id` carries the row's id so that every control's id is unique."""

    reason = forms.CharField(
        label=_("사유"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("사유를 적어 주세요. 기업이 이 사유를 읽고 고쳐요.")},
    )

    def __init__(
        self, *args: Any, row: int, label: str | StrPromise | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"id_%s_{row}")
        super().__init__(*args, **kwargs)
        self.row = row
        if label is not None:
            self.fields["reason"].label = label


class PostingIdsField(forms.CharField):
    """Posting numbers as one comma-separated text input (`12, 15`) → a list of ints."""

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(value) or ""
        ids: list[int] = []
        for part in text.replace(" ", ",").split(","):
            if not part:
                continue
            if not part.isascii() or not part.isdigit():
                raise forms.ValidationError(
                    _("공고 번호는 숫자로, 여러 개면 쉼표로 나눠 적어 주세요."), code="invalid"
                )
            ids.append(int(part))
        return ids


class MatchRunForm(forms.Form):
    """Starting a match run: `kind` and its scope (areas, career fields, posting ids)."""

    kind = forms.ChoiceField(
        label=_("무엇을 할까요"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("실행할 종류를 골라 주세요."),
            "invalid_choice": _("목록에 있는 종류를 골라 주세요."),
        },
    )
    areas = forms.MultipleChoiceField(
        label=_("행정동 (고르지 않으면 전체)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("목록에 있는 행정동을 골라 주세요.")},
    )
    career_fields = forms.MultipleChoiceField(
        label=_("계열 (고르지 않으면 전체)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("목록에 있는 계열을 골라 주세요.")},
    )
    posting_ids = PostingIdsField(
        label=_("공고 번호 (비우면 모든 공고)"),
        required=False,
        help_text=_("예: 12, 15"),
    )

    def __init__(
        self, *args: Any, areas: list[Any], career_fields: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (MatchRunKind.RECOMMEND, MatchRunKind.RECOMMEND.label),
            (MatchRunKind.ASSIGN, MatchRunKind.ASSIGN.label),
        ]
        self.fields["areas"].choices = [(a.code, a.name) for a in areas]  # type: ignore[attr-defined]
        self.fields["career_fields"].choices = [  # type: ignore[attr-defined]
            (field.code, field.display_name) for field in career_fields
        ]

    def scope(self) -> dict[str, list[Any]]:
        return {
            "areas": self.cleaned_data["areas"],
            "career_fields": self.cleaned_data["career_fields"],
            "posting_ids": self.cleaned_data["posting_ids"],
        }
