"""The job search form of `/jobs/`: the API's parameters (UI.md), parsed into a `PostingQuery`.

Field names are the API's (`q`, `career_field`, `employment_type`, `shift`, `cohort`, `area`,
`near_area`, `radius_km`, `min_wage`, `sort`, `page`); a bad value comes back as that field's
error and the rest of the search still shows what it can.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.taxonomy.models import Area, CareerField
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift
from search.analysis import analyze
from search.documents import GeoPoint
from search.query import MAX_WINDOW, PostingQuery, QueryError

PAGE_SIZE = 10
RADIUS_CHOICES = [("", _("거리 제한 없음")), ("2", "2km"), ("5", "5km"), ("10", "10km")]
SORT_CHOICES = [
    ("relevance", _("관련도순")),
    ("newest", _("최신순")),
    ("deadline", _("마감 임박순")),
    ("distance", _("가까운 순")),
]


class JobSearchForm(forms.Form):
    """The search of `/jobs/`, its fields named as the API's parameters; `query()` builds the
    PostingQuery."""

    q = forms.CharField(label=_("검색어"), required=False, max_length=200)
    career_field = forms.MultipleChoiceField(
        label=_("계열"), required=False, widget=forms.CheckboxSelectMultiple
    )
    employment_type = forms.MultipleChoiceField(
        label=_("고용 형태"),
        required=False,
        choices=EmploymentType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    shift = forms.MultipleChoiceField(
        label=_("근무 시간대"),
        required=False,
        choices=Shift.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cohort = forms.ChoiceField(label=_("누구를 위한 일자리"), required=False)
    area = forms.ChoiceField(label=_("근무지 (행정동)"), required=False)
    near_area = forms.ChoiceField(
        label=_("우리 동네에서 가까운 곳"),
        required=False,
        help_text=_("동을 고르면 그 동에서 가까운 공고를 찾아요."),
    )
    radius_km = forms.TypedChoiceField(
        label=_("거리"), required=False, choices=RADIUS_CHOICES, coerce=float, empty_value=None
    )
    min_wage = forms.IntegerField(
        label=_("최소 시급 (원)"), required=False, min_value=0, max_value=1_000_000
    )
    sort = forms.ChoiceField(label=_("정렬"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self,
        data: object,
        *,
        areas: list[Area],
        career_fields: list[CareerField],
    ) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.areas = {area.code: area for area in areas}
        area_choices = [(area.code, area.name) for area in areas]
        self.fields["area"].choices = [("", _("전체")), *area_choices]  # type: ignore[attr-defined]
        self.fields["near_area"].choices = [("", _("선택 안 함")), *area_choices]  # type: ignore[attr-defined]
        self.fields["career_field"].choices = [  # type: ignore[attr-defined]
            (field.code, field.display_name) for field in career_fields
        ]
        self.fields["cohort"].choices = [("", _("모두")), *Cohort.choices]  # type: ignore[attr-defined]
        for name in ("cohort", "career_field", "employment_type", "shift", "sort"):
            field = self.fields[name]
            labels = [str(label) for value, label in field.choices if value]  # type: ignore[attr-defined]
            # An unknown value (a hand-edited or old link) names what can be chosen; Django
            # fills in %(value)s afterwards.
            message = gettext(
                "'%(value)s'은(는) 고를 수 없는 값이에요. 다음 중에서 고르세요: %(choices)s"
            )
            field.error_messages["invalid_choice"] = message.replace(
                "%(choices)s", ", ".join(labels).replace("%", "%%")
            )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("radius_km") and not cleaned.get("near_area"):
            self.add_error("near_area", _("거리를 정하려면 동을 골라 주세요."))
        if cleaned.get("sort") == "distance" and not cleaned.get("near_area"):
            self.add_error("near_area", _("가까운 순으로 보려면 동을 골라 주세요."))
        page = cleaned.get("page") or 1
        if isinstance(page, int) and page * PAGE_SIZE > MAX_WINDOW:
            # The page is no field a person fills in: say it at the top, show the first page.
            self.add_error(None, _("너무 뒤쪽 페이지예요. 검색어를 좁혀 주세요."))
            cleaned["page"] = 1
        return cleaned

    def query(self) -> PostingQuery:
        """The search of the valid fields: a field with an error is left out, so the page
        still shows results for the rest (the error is shown beside that field)."""
        valid = {
            name: value for name, value in self.cleaned_data.items() if name not in self.errors
        }
        text = (valid.get("q") or "").strip()
        near_code = valid.get("near_area") or ""
        near_area = self.areas.get(near_code)
        near = GeoPoint(near_area.lat, near_area.lon) if near_area is not None else None
        sort = valid.get("sort") or "relevance"
        try:
            return PostingQuery(
                terms=analyze(text) if text else (),
                text=text,
                career_fields=tuple(valid.get("career_field") or ()),
                employment_types=tuple(valid.get("employment_type") or ()),
                shifts=tuple(valid.get("shift") or ()),
                cohort=valid.get("cohort") or None,
                areas=(valid["area"],) if valid.get("area") else (),
                near=near,
                radius_km=valid.get("radius_km") if near is not None else None,
                min_wage=valid.get("min_wage"),
                sort=sort if (sort != "distance" or near is not None) else "relevance",
                page=valid.get("page") or 1,
                page_size=PAGE_SIZE,
            )
        except QueryError as error:  # every rule above is checked first; this is a backstop
            self.add_error(None, error.message)
            return PostingQuery(page_size=PAGE_SIZE)
