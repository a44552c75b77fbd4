"""The ordinance policy editor: one input per field of the policy document.

Field names are the document's dotted paths (`target_share`,
`eligibility.senior_expert.min_age`), the names `validate_policy` gives its errors, so each
error of the matching service lands beside its own input. The form only parses text into the
document's types (a number, yes/no, a list); it accepts what it cannot parse as text and the
service names the field ("숫자여야 합니다"), so there is one set of rules, the service's.
"""

from __future__ import annotations

import copy
import math
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backend.web.forms.fields import CommaListField
from backend.web.labels_policy import SCOPES, field_label
from backend.web.staff_backend import CAREER_BREAK_REASONS, policy_fields, policy_set

NOTE_MAX = 500
_INTEGER = re.compile(r"^[+-]?\d+$")
REASONS_PATH = "eligibility.career_returner.reasons"
YES_NO = [("true", _("예")), ("false", _("아니요"))]


class _CodesField(forms.MultipleChoiceField):
    """Checkboxes of codes whose validity the service decides (it names an unknown one)."""

    def validate(self, value: Any) -> None:
        return None


def _number(text: str) -> Any:
    """`"5"` → 5, `"0.2"` → 0.2; anything else stays text (the service says it is not a
    number, beside the field)."""
    text = text.strip()
    if _INTEGER.match(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _boolean(text: str) -> Any:
    return {"true": True, "false": False}.get(text, text)


class PolicyForm(forms.Form):
    """A new version of the policy, prefilled from `document` (the version in force).

    `based_on` is the version the editor started from: publishing over a newer one is refused
    (another staff member published meanwhile), so nobody overwrites a change unseen.
    """

    based_on = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("무엇을 왜 바꾸나요"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("예: 2027년 시 조례 개정에 따라 목표 비율을 25%로 올림"),
        error_messages={"required": _("바꾸는 까닭을 적어 주세요. 버전 목록에 남아요.")},
    )

    def __init__(self, *args: Any, document: dict[str, Any], based_on: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.initial["based_on"] = based_on
        self.base_document = document
        self.paths: list[str] = []
        for path, value in policy_fields(document):
            self.fields[path] = self._field_for(path, value)
            self.initial[path] = self._initial(value)
            self.paths.append(path)

    @staticmethod
    def _field_for(path: str, value: Any) -> forms.Field:
        hint = format_html("<code>{}</code>", path)
        label = field_label(path)
        if path == REASONS_PATH:
            return _CodesField(
                label=label,
                required=False,
                choices=list(CAREER_BREAK_REASONS.items()),
                widget=forms.CheckboxSelectMultiple,
                help_text=hint,
            )
        if isinstance(value, bool):
            # A text field behind a select: `document` parses it, the service judges any
            # other value (and names the field).
            return forms.CharField(
                label=label,
                required=False,
                help_text=hint,
                widget=forms.Select(choices=YES_NO),
            )
        if path.endswith(".applies_to"):
            scopes = [
                (code, label)
                for code, label in SCOPES.items()
                if code != "covered_or_partner" or value == code  # the older spelling
            ]
            return forms.CharField(
                label=label, required=False, help_text=hint, widget=forms.Select(choices=scopes)
            )
        if isinstance(value, list):
            return CommaListField(
                label=label, required=False, max_items=200, max_item_length=200, help_text=hint
            )
        return forms.CharField(
            label=label,
            required=False,
            max_length=1000,
            help_text=hint,
            widget=forms.TextInput(attrs={"inputmode": "decimal"})
            if isinstance(value, int | float)
            else forms.TextInput,
        )

    @staticmethod
    def _initial(value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return f"{value:g}" if isinstance(value, float) else str(value)
        return value

    def document(self) -> dict[str, Any]:
        """The new document: the base with every edited field put in, parsed to its type."""
        document = copy.deepcopy(self.base_document)
        base = dict(policy_fields(self.base_document))
        for path in self.paths:
            raw = self.cleaned_data.get(path)
            old = base[path]
            if isinstance(old, bool):
                value: Any = _boolean(raw or "")
            elif isinstance(old, int | float):
                value = _number(raw or "")
            elif isinstance(old, list):
                value = list(raw or [])
            else:
                value = raw if raw is not None else ""
            policy_set(document, path, value)
        return document

    def add_service_errors(self, error: ValidationError) -> None:
        """The service's `{"document.<path>": [...]}` beside the field of that path, each
        message naming the path; a path of a whole section (the weights' sum) goes on top."""
        for key, texts in error.message_dict.items():
            path = key.removeprefix("document.")
            for text in texts:
                named = f"{path}: {text}"
                self.add_error(path if path in self.fields else None, named)
