"""Small formatting helpers of the pages: money, dates, and a field rendered the KRDS way."""

from __future__ import annotations

import datetime

from django import template
from django.forms import BoundField
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from backend.core.refs import seeker_ref
from backend.web.labels import policy_text

register = template.Library()


@register.filter(name="seeker_ref")
def seeker_ref_filter(user_id: int) -> str:
    """A seeker's opaque reference (`backend.core.refs.seeker_ref`), as the API shows it."""
    return seeker_ref(user_id)


@register.filter
def won(amount: int | None) -> str:
    """`12500` → `12,500원` (Korean) / `₩12,500` (English)."""
    if amount is None:
        return ""
    return _("%(amount)s원") % {"amount": f"{amount:,}"}


@register.filter
def day(value: datetime.date | None) -> str:
    """A date in the active language's date format (`2026년 12월 1일` / `Dec. 1, 2026`)."""
    return date_format(value, "DATE_FORMAT") if value else ""


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    """`mapping|get:key` — a dictionary lookup in a template."""
    return mapping.get(key)


WIDGET_CLASSES = {"select": "krds-form-select", "textarea": "krds-input", "checkbox": ""}


@register.inclusion_tag("web/includes/field.html")
def field(bound: BoundField, hint: str = "") -> dict[str, object]:
    """One form field with its label, hint and errors, as KRDS's form-group: the control
    points at its hint and errors (`aria-describedby`) and says when it is invalid."""
    hint = hint or str(bound.help_text or "")
    widget = bound.field.widget
    kind = getattr(widget, "input_type", None) or (
        "select" if widget.__class__.__name__.endswith("Select") else "textarea"
    )
    described = [f"hint-{bound.html_name}"] if hint else []
    if bound.errors:
        described.append(f"error-{bound.html_name}")
    attrs: dict[str, str | bool] = {"class": WIDGET_CLASSES.get(kind, "krds-input")}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound.errors:
        attrs["aria-invalid"] = "true"
    grouped = bool(getattr(widget, "allow_multiple_selected", False)) and kind == "checkbox"
    return {
        "field": bound,
        "hint": hint,
        "kind": "group" if grouped or kind == "radio" else kind,
        "control": "" if grouped or kind == "radio" else bound.as_widget(attrs=attrs),
        "described": " ".join(described),
    }


@register.filter(name="policy_text")
def policy_text_filter(text: object) -> str:
    """An ordinance-policy text (a clause) in the page's language (`labels.policy_text`)."""
    return policy_text(text)
