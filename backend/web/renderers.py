"""The form renderer of every page (`FORM_RENDERER`): Django's own, with its simple widget
templates written out in Python.

Django renders each widget through templates, and a choice widget renders one template per
option plus one per option's attributes: the 19 dongs of `/jobs/`'s two area lists and its
checkbox groups took about 13 ms of each search page on 2 cores (bench/README W1). The
templates below are Django's (`django/forms/widgets/…`, which the default renderer reads before
any app's) and produce the same markup from the same widget context, escaped the same way;
every other template (a widget's own, `clearable_file_input.html`, multi-widgets, form and
field templates) still goes through Django's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = (
    "checkbox", "color", "date", "datetime", "email", "file", "hidden", "input", "number",
    "password", "search", "tel", "text", "time", "url",
)  # fmt: skip


def _text(value: object) -> str:
    """`{{ value|stringformat:'s' }}` with autoescaping."""
    return str(conditional_escape(value if isinstance(value, SafeString) else f"{value}"))


def _shown(value: object) -> str:
    """`{{ value }}`: localized (numbers, dates) and escaped."""
    if not isinstance(value, str | Promise):
        value = str(localize(value))
    return str(conditional_escape(value))  # type: ignore[arg-type]  # a lazy string is a _StrPromise


def _attrs(attrs: Mapping[str, Any]) -> str:
    """`django/forms/widgets/attrs.html`."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_shown(name)}" if value is True else f' {_shown(name)}="{_text(value)}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _input_option(widget: Mapping[str, Any]) -> str:
    if not widget.get("wrap_label"):
        return _input(widget)
    element_id = widget["attrs"].get("id")
    target = f' for="{_shown(element_id)}"' if element_id else ""
    return f"<label{target}>{_input(widget)} {_shown(widget['label'])}</label>"


def _option(widget: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_text(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_shown(widget['label'])}</option>"
    )


def _select(widget: Mapping[str, Any]) -> str | None:
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            if option.get("template_name") != f"{WIDGETS}select_option.html":
                return None  # an option template of its own: Django renders the whole select
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_shown(value) if value else ''}</textarea>"
    )


FAST: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **{f"{WIDGETS}{name}.html": _input for name in INPUTS},
    f"{WIDGETS}checkbox_option.html": _input_option,
    f"{WIDGETS}radio_option.html": _input_option,
    f"{WIDGETS}input_option.html": _input_option,
    f"{WIDGETS}select_option.html": _option,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}textarea.html": _textarea,
}


class WidgetRenderer(DjangoTemplates):
    """Django's template form renderer; the simple widget templates in Python (see above)."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = FAST.get(template_name)
        widget = context.get("widget") if fast is not None and len(context) == 1 else None
        if fast is not None and isinstance(widget, Mapping):
            html = fast(widget)
            if html is not None:
                return mark_safe(html)  # noqa: S308 — every value above is escaped
        return super().render(template_name, context, request)
