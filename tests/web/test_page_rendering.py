"""What the faster rendering of the pages must keep: the widgets' markup exactly as Django's
templates write it, and a filter panel of `/jobs/` that shows each search its own choices, in
its own language, with the reference data as it is now."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from backend.jobs.models import Posting
from backend.taxonomy.models import Area
from backend.web.renderers import WidgetRenderer


def _same_markup(html: str) -> str:
    """Whitespace between tags and runs of blanks do not change what the browser builds."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


class EveryWidget(forms.Form):
    text = forms.CharField(
        max_length=20, widget=forms.TextInput(attrs={"placeholder": '"큰따옴표"'})
    )
    number = forms.IntegerField(min_value=0, widget=forms.NumberInput(attrs={"step": 500}))
    email = forms.EmailField(required=False)
    agree = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    one = forms.ChoiceField(
        choices=[("", "—"), ("a", "가 & 나"), ("b", mark_safe("<b>굵게</b>")), (3, 3000)]
    )
    grouped = forms.ChoiceField(
        choices=[("동", [("d1", "대야동"), ("d2", "신천동")]), ("기타", [("x", "<기타>")])]
    )
    many = forms.MultipleChoiceField(choices=[("m", "오전"), ("n", "야간")])
    boxes = forms.MultipleChoiceField(
        choices=[("p", gettext_lazy("전체")), ("q", "<q>")], widget=forms.CheckboxSelectMultiple
    )
    radio = forms.ChoiceField(choices=[("r", "예"), ("s", "아니요")], widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "disabled": True}))
    empty_note = forms.CharField(required=False, widget=forms.Textarea)


DATA = {
    "text": '<script>alert("x")</script>',
    "number": "abc",
    "agree": "on",
    "secret": "p&w",
    "hidden": '"숨김"',
    "when": "2026-12-01",
    "one": "b",
    "grouped": "d2",
    "many": ["m", "n"],
    "boxes": ["q"],
    "radio": "s",
    "note": "첫 줄\n<둘째 줄> & '셋째'",
}


@pytest.mark.parametrize("data", [DATA, None], ids=["bound with errors", "unbound"])
@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_widget_renders_as_djangos_templates_do(
    data: dict[str, Any] | None, language: str
) -> None:
    with override(language):
        fast = EveryWidget(data, renderer=WidgetRenderer())
        plain = EveryWidget(data, renderer=DjangoTemplates())
        for name in EveryWidget.base_fields:
            assert _same_markup(str(fast[name])) == _same_markup(str(plain[name])), name
            for fast_choice, plain_choice in zip(fast[name], plain[name], strict=True):
                assert _same_markup(fast_choice.tag()) == _same_markup(plain_choice.tag())
                assert _same_markup(str(fast_choice)) == _same_markup(str(plain_choice))
        assert _same_markup(fast.as_div()) == _same_markup(plain.as_div())
    if data is not None:
        assert "&lt;script&gt;" in str(fast["text"])  # escaped, never markup


def _page(query: str, language: str = "ko") -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(f"/jobs/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(0))


def _checked(html: str, name: str) -> list[str]:
    return re.findall(
        rf'<input type="checkbox" name="{name}" value="([^"]*)"[^>]*\bchecked\b', html
    )


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_filter_panel_shows_each_search_its_own_choices(
    open_posting: Callable[..., Posting],
) -> None:
    open_posting(title="지게차 운전원")
    for _ in range(2):  # the second time from the process's fragments
        assert _selected(_page("?q=지게차"), "area") == [""]
        html = _page("?q=지게차&area=4139051000&shift=night&shift=morning&sort=newest")
        assert _selected(html, "area") == ["4139051000"]
        assert _selected(html, "sort") == ["newest"]
        assert sorted(_checked(html, "shift")) == ["morning", "night"]
        html = _page("?q=지게차&shift=night")
        assert _selected(html, "area") == [""]
        assert _checked(html, "shift") == ["night"]
        assert "근무 시간대" in html
        english = _page("?q=지게차&shift=night", language="en")
        assert _checked(english, "shift") == ["night"]
        assert "근무 시간대" not in english


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_filter_panel_shows_reference_data_as_it_is_now(
    open_posting: Callable[..., Posting],
) -> None:
    open_posting(title="지게차 운전원")
    assert ">대야동</option>" in _page("?q=지게차")
    Area.objects.filter(code="4139051000").update(name="대야1동")
    html = _page("?q=지게차")
    assert ">대야1동</option>" in html
    assert ">대야동</option>" not in html


@pytest.mark.django_db
@pytest.mark.embedded
def test_a_panel_with_an_error_shows_that_error_each_time(
    open_posting: Callable[..., Posting],
) -> None:
    open_posting(title="지게차 운전원")
    for _ in range(2):
        html = _page("?q=지게차&radius_km=5")
        assert "동을 골라 주세요" in html
        assert "동을 골라 주세요" not in _page("?q=지게차&radius_km=5&near_area=4139051000")
