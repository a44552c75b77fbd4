"""Form fields the pages share: a list typed into one text input, separated by commas.

UI.md: list fields of strings (`skills`, `certificates`, `skills_required`, …) accept one
comma-separated text input; the staff console reads posting numbers and the policy editor its
phrase lists the same way. One shape: split, strip, drop the empty parts; show a list back as
`a, b`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_LIST_ITEMS = 50  # API.md: skills and certificates hold at most 50 entries of ≤ 100 chars
MAX_ITEM_LENGTH = 100


def comma_parts(text: str, *, spaces: bool = False) -> list[str]:
    """`"a, b,,c"` → `["a", "b", "c"]` (the full-width comma too; with `spaces`, a space also
    separates, as in `12 15`)."""
    text = text.replace("，", ",")
    if spaces:
        text = " ".join(text.split()).replace(" ", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


class CommaListField(forms.CharField):
    """One text input holding a comma-separated list of strings, at most `max_items` of at
    most `max_item_length` characters each."""

    def __init__(
        self,
        *args: Any,
        max_items: int = MAX_LIST_ITEMS,
        max_item_length: int = MAX_ITEM_LENGTH,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_items = max_items
        self.max_item_length = max_item_length

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return comma_parts(super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if len(value) > self.max_items:
            raise forms.ValidationError(
                _("%(max)s개까지 적을 수 있어요.") % {"max": self.max_items}, code="max_items"
            )
        long = [item for item in value if len(str(item)) > self.max_item_length]
        if long:
            raise forms.ValidationError(
                _("한 항목은 %(max)s자까지예요: %(item)s")
                % {"max": self.max_item_length, "item": str(long[0])[:20] + "…"},
                code="item_too_long",
            )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value


class PostingIdsField(CommaListField):
    """Posting numbers as one comma-separated text input (`12, 15`) → a list of ints."""

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        parts = comma_parts(forms.CharField.to_python(self, value) or "", spaces=True)
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("공고 번호는 숫자로, 여러 개면 쉼표로 나눠 적어 주세요."), code="invalid"
            )
        return [int(part) for part in parts]
