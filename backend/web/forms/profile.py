"""The seeker profile as steps (UI.md): each step a form whose field names are the API's.

Forms only parse (types, list syntax, the API's per-field bounds); the seekers services decide
everything else (cohort rules, year ranges, known codes) and their errors come back beside
the field that caused them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.taxonomy.minimum_wage import minimum_wage_today
from backend.taxonomy.vocabulary import CareerBreakReason, Cohort, EmploymentType, Shift
from backend.web.forms.fields import CommaListField
from backend.web.seeker_backend import Area, CareerField

MAX_EXPERIENCE = 30


def _year(label: Any, hint: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        help_text=hint,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": _("숫자 네 자리로 적어 주세요. 예: 2008")},
    )


class BasicsForm(forms.Form):
    """The profile's first step: cohort, name, birth year, area, residence, phone."""

    cohort = forms.ChoiceField(
        label=_("나는 이런 분이에요"),
        widget=forms.RadioSelect,
        error_messages={"required": _("셋 중 하나를 골라 주세요.")},
    )
    display_name = forms.CharField(
        label=_("이름 또는 부를 이름"),
        max_length=50,
        help_text=_("기업에는 내가 지원한 뒤에만 보여요."),
        error_messages={"required": _("이름을 적어 주세요.")},
    )
    birth_year = _year(_("태어난 해"), _("예: 1985. 신중년 전문인력은 꼭 적어 주세요."))
    # Only where the minors' rules need it (this year − birth year ≤ 19); never the day.
    birth_month = forms.TypedChoiceField(
        label=_("태어난 달"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "태어난 해가 올해로부터 19년 이내라면 꼭 골라 주세요. 만 18세 미만을 보호하는 "
            "근로 규칙에 써요. 태어난 날은 묻지 않아요."
        ),
        error_messages={"invalid_choice": _("1월부터 12월 중에서 골라 주세요.")},
    )
    # A code the services check (an unknown one is their error), so that it is reported
    # together with the other fields' errors in one round.
    area = forms.CharField(
        label=_("사는 동"),
        max_length=10,
        help_text=_("가까운 일자리를 찾는 데 써요."),
        widget=forms.Select,
        error_messages={"required": _("사는 동을 골라 주세요.")},
    )
    is_resident = forms.BooleanField(label=_("시흥시에 살고 있어요"), required=False)
    phone = forms.CharField(
        label=_("연락받을 전화번호 (선택)"),
        max_length=20,
        required=False,
        help_text=_("예: 010-1234-5678. 기업에는 내가 지원한 뒤에만 보여요."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [  # type: ignore[attr-defined]
            (Cohort.GRADUATE, _("고등학교를 졸업했거나 곧 졸업해요 (지역 고교 졸업생)")),
            (Cohort.RETURNER, _("일을 쉬었다가 다시 시작하려고 해요 (경력단절여성)")),
            (Cohort.SENIOR, _("오래 일한 경력을 살리고 싶어요 (신중년 전문인력)")),
        ]
        self.fields["birth_month"].choices = [  # type: ignore[attr-defined]
            ("", _("골라 주세요")),
            *[(month, _("%(month)s월") % {"month": month}) for month in range(1, 13)],
        ]
        self.fields["area"].widget.choices = [
            ("", _("동을 골라 주세요")),
            *[(area.code, area.name) for area in areas],
        ]


class SchoolForm(forms.Form):
    """Graduates: the school and the year."""

    school_name = forms.CharField(
        label=_("졸업한(또는 다니는) 고등학교"), max_length=100, required=False
    )
    school_in_city = forms.BooleanField(label=_("시흥시에 있는 학교예요"), required=False)
    graduation_year = _year(_("졸업 연도"), _("졸업 예정이면 졸업할 해를 적어 주세요. 예: 2026"))
    entered_college = forms.BooleanField(
        label=_("대학에 진학했어요"),
        required=False,
        help_text=_("지역 고교 졸업생 우선 채용은 대학에 가지 않은 분이 대상이에요."),
    )


class CareerBreakForm(forms.Form):
    """Returners: how long and why work stopped."""

    career_break_years = forms.FloatField(
        label=_("일을 쉰 기간 (년)"),
        required=False,
        help_text=_("예: 8. 1년이 안 되면 0.5처럼 적어 주세요."),
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={"invalid": _("숫자로 적어 주세요. 예: 8")},
    )
    career_break_reason = forms.ChoiceField(label=_("일을 쉰 이유"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["career_break_reason"].choices = [  # type: ignore[attr-defined]
            ("", _("골라 주세요")),
            *CareerBreakReason.choices,
        ]


class ExperienceForm(forms.Form):
    """One past job (`experience-N-occupation`, `-years`, `-summary`)."""

    occupation = forms.CharField(
        label=_("했던 일 (직종)"),
        max_length=100,
        error_messages={"required": _("했던 일을 적어 주세요.")},
    )
    years = forms.FloatField(
        label=_("기간 (년)"),
        min_value=0,
        max_value=80,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={
            "required": _("몇 년 했는지 적어 주세요."),
            "invalid": _("숫자로 적어 주세요. 예: 10"),
            "min_value": _("기간은 0년 이상이어야 해요."),
            "max_value": _("기간은 80년까지 적을 수 있어요."),
        },
    )
    summary = forms.CharField(
        label=_("한 일 요약 (선택)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BaseExperienceFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """The experience rows (`experience-N-occupation|years|summary`), blank rows ignored."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("이 경력 지우기")


ExperienceFormSet = forms.formset_factory(
    ExperienceForm,
    formset=BaseExperienceFormSet,
    extra=1,
    max_num=MAX_EXPERIENCE,
    validate_max=True,
    can_delete=True,
)


def experience_formset(data: Any = None, *, initial: list[dict[str, Any]] | None = None) -> Any:
    """The experience formset of a POST, or of the stored rows when `data` is None."""
    return ExperienceFormSet(data, initial=initial, prefix="experience")


def experience_values(formset: Any) -> list[dict[str, Any]]:
    """The filled-in, not deleted rows of a valid formset, as the API's `experience`."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("occupation"):
            continue
        years = data["years"]
        rows.append(
            {
                "occupation": data["occupation"],
                "years": int(years) if float(years).is_integer() else years,
                "summary": data.get("summary") or "",
            }
        )
    return rows


class WishesForm(forms.Form):
    """The profile's wishes: fields, employment types, shifts, days, commute, wage, start."""

    career_fields = forms.MultipleChoiceField(
        label=_("해 보고 싶은 일의 계열"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("목록에 있는 계열을 골라 주세요.")},
    )
    employment_types = forms.MultipleChoiceField(
        label=_("바라는 고용 형태"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=EmploymentType.choices,
        error_messages={"invalid_choice": _("목록에 있는 고용 형태를 골라 주세요.")},
    )
    shifts = forms.MultipleChoiceField(
        label=_("일할 수 있는 시간대"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Shift.choices,
        error_messages={"invalid_choice": _("목록에 있는 시간대를 골라 주세요.")},
    )
    max_days_per_week = forms.IntegerField(
        label=_("일주일에 최대 며칠"),
        required=False,
        help_text=_("1부터 7까지 적어 주세요."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("숫자로 적어 주세요. 예: 3")},
    )
    max_commute_km = forms.FloatField(
        label=_("집에서 최대 몇 km까지 다닐 수 있나요"),
        required=False,
        help_text=_("예: 5. 비워 두면 거리를 따지지 않아요."),
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={"invalid": _("숫자로 적어 주세요. 예: 5")},
    )
    min_hourly_wage = forms.IntegerField(
        label=_("바라는 최저 시급 (원)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "10"}),
        error_messages={
            "invalid": _("숫자로 적어 주세요. 예: 10320"),
            "min_value": _("0원 이상으로 적어 주세요."),
        },
    )
    available_from = forms.DateField(
        label=_("언제부터 일할 수 있나요 (선택)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("날짜를 2026-03-02처럼 적어 주세요.")},
    )

    def __init__(self, *args: Any, career_fields: list[CareerField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["career_fields"].choices = [  # type: ignore[attr-defined]
            (field.code, field.display_name) for field in career_fields
        ]
        floor = minimum_wage_today()
        self.fields["min_hourly_wage"].help_text = _(
            "%(year)s년 최저임금은 시간당 %(amount)s원이에요. 그보다 낮게는 적을 수 없어요. "
            "비워 두면 임금을 따지지 않아요."
        ) % {"year": floor.year, "amount": f"{floor.hourly:,}"}


class SkillsForm(forms.Form):
    """Skills and certificates (comma-separated) and a short introduction."""

    skills = CommaListField(
        label=_("할 줄 아는 것 (기술)"),
        required=False,
        help_text=_("쉼표(,)로 나눠 적어 주세요. 예: 엑셀, 전화 응대, 지게차 운전"),
    )
    certificates = CommaListField(
        label=_("가진 자격증"),
        required=False,
        help_text=_("쉼표(,)로 나눠 적어 주세요. 예: 전기기능사, 운전면허 1종 보통"),
    )
    about = forms.CharField(
        label=_("나를 소개하는 말 (선택)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("주민등록번호는 적지 마세요."),
    )


class VisibilityForm(forms.Form):
    """Showing the profile to employers (`open_to_employers`) and the matching consent it needs."""

    open_to_employers = forms.BooleanField(
        label=_("기업이 나를 후보로 찾을 수 있게 할게요"),
        required=False,
        help_text=_(
            "켜면 이름과 연락처를 뺀 프로필을 기업이 추천 후보로 볼 수 있어요. "
            "이름과 연락처는 내가 지원한 기업만 봐요."
        ),
    )
    consent_matching = forms.BooleanField(
        label=_("기업 추천을 위해 내 프로필을 쓰는 데 동의해요 (선택)"),
        required=False,
        help_text=_(
            "동의하면 이름과 연락처를 뺀 내 프로필(계열, 기술, 자격증, 희망 조건, 사는 동)을 "
            "기업에 추천하는 데 써요. 동의는 개인정보 센터에서 언제든 철회할 수 있어요."
        ),
    )

    def __init__(self, *args: Any, consented: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consented = consented
        if consented:
            del self.fields["consent_matching"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("open_to_employers")
            and not self.consented
            and not cleaned.get("consent_matching")
        ):
            self.add_error(
                "open_to_employers",
                _("기업에 공개하려면 아래 '기업 추천 동의'에 체크해 주세요."),
            )
        return cleaned
