"""Forms of the staff console: a decision's reason, the start of a match run, and the
access-log review (filters, the monthly review).

Field names are the API's (UI.md): `reason` (refuse, reject), `kind` and the scope's
`areas`, `career_fields`, `posting_ids` (`POST /api/v1/match-runs/`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from backend.web.forms.fields import PostingIdsField
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


class AccessLogFilterForm(forms.Form):
    """The access-log review's filters (GET): the reader (`actor`, a staff member), the
    person read (`subject`: a seeker number as in `/staff/seekers/<id>/`, or an email), and
    the days `from`…`to` inclusive. Every filter is optional."""

    actor = forms.TypedChoiceField(
        label=_("열람한 담당자"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("목록에 있는 담당자를 골라 주세요.")},
    )
    subject = forms.CharField(
        label=_("열람된 사람 (구직자 번호 또는 이메일)"),
        required=False,
        max_length=254,
        help_text=_("예: 42 또는 name@example.com"),
    )

    def __init__(self, *args: Any, staff: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("모든 담당자"))] + [  # type: ignore[attr-defined]
            (str(member.pk), member.email) for member in staff
        ]
        # `from` and `to` are the reports' names for a date range (API.md); `from` is a
        # Python keyword, so the fields are added by name.
        self.fields["from"] = forms.DateField(
            label=_("이날부터"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": _("날짜를 2026-11-01처럼 적어 주세요.")},
        )
        self.fields["to"] = forms.DateField(
            label=_("이날까지"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": _("날짜를 2026-11-30처럼 적어 주세요.")},
        )

    def clean_subject(self) -> str:
        subject: str = self.cleaned_data["subject"].strip()
        if subject and "@" not in subject and not (subject.isascii() and subject.isdigit()):
            raise forms.ValidationError(
                _("구직자 번호(숫자)나 이메일 주소를 적어 주세요."), code="invalid"
            )
        return subject

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("from"), data.get("to")
        if since and until and since > until:
            self.add_error("to", _("끝 날짜가 시작 날짜보다 앞서요."))
        return data


class AccessLogReviewForm(forms.Form):
    """Marking a month's access log reviewed: which month (`month`, `YYYY-MM`, one of the
    ended months not reviewed yet) and what the review found (`note`)."""

    month = forms.ChoiceField(
        label=_("점검한 달"),
        error_messages={
            "required": _("점검한 달을 골라 주세요."),
            "invalid_choice": _("아직 점검하지 않은, 끝난 달을 골라 주세요."),
        },
    )
    note = forms.CharField(
        label=_("점검 결과"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("예: 업무 외 열람 없음. 12일 야간 열람 3건은 민원 처리로 확인함."),
        error_messages={"required": _("점검 결과를 적어 주세요. 이상이 없으면 없다고 적어요.")},
    )

    def __init__(self, *args: Any, months: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", _("달을 고르세요"))] + [  # type: ignore[attr-defined]
            (f"{month:%Y-%m}", f"{month:%Y-%m}") for month in months
        ]

    def clean_month(self) -> datetime.date:
        year, month = self.cleaned_data["month"].split("-")
        return datetime.date(int(year), int(month), 1)


BULK_MAX = 100


class BulkSelectionForm(forms.Form):
    """Rows of a queue chosen with checkboxes for one decision: `<field>` repeated (an id
    each) and, per id, `version-<id>`, the version of the row as staff saw it (so that a row
    changed since is skipped, not decided unseen)."""

    def __init__(self, data: Any, *, field: str, integer_versions: bool) -> None:
        super().__init__(data)
        self.field_name = field
        self.integer_versions = integer_versions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ids: list[str] = self.data.getlist(self.field_name)  # type: ignore[attr-defined]
        if not ids:
            raise forms.ValidationError(_("한꺼번에 처리할 항목을 하나 이상 골라 주세요."))
        if len(ids) > BULK_MAX:
            raise forms.ValidationError(
                _("한 번에 %(max)s개까지 처리할 수 있어요.") % {"max": BULK_MAX}
            )
        if not all(raw.isascii() and raw.isdigit() for raw in ids):
            raise forms.ValidationError(
                _("고른 항목을 알 수 없어요. 화면을 새로 고친 뒤 다시 골라 주세요.")
            )
        versions: dict[int, Any] = {}
        for raw in ids:
            seen = self.data.get(f"version-{raw}", "")
            if self.integer_versions:
                # A missing or garbled version never matches a posting's: it is skipped
                # as changed, never approved unseen.
                versions[int(raw)] = int(seen) if seen.isascii() and seen.isdigit() else -1
            else:
                versions[int(raw)] = seen
        data["versions"] = versions
        return data
