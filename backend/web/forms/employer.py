"""Forms of the employer console: the organisation, a posting, an applicant's move, a
checkpoint. Field names are the API's (UI.md); the forms only parse (types, list syntax, the
API's bounds) and the services decide the rest, their errors shown beside the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.taxonomy.minimum_wage import minimum_wage_today
from backend.taxonomy.vocabulary import Cohort, EmploymentType, Shift
from backend.web.employer_backend import Area, CareerField
from backend.web.forms.fields import CommaListField
from backend.web.labels import APPLICATION_STATUS

NUMBER = {"inputmode": "numeric", "autocomplete": "off"}


def _area_choices(areas: list[Area]) -> list[tuple[str, str]]:
    return [("", str(_("동을 골라 주세요"))), *[(area.code, area.name) for area in areas]]


class OrganisationForm(forms.Form):
    """The employer's organisation, fields named as the API's."""

    name = forms.CharField(
        label=_("기업 이름"),
        max_length=200,
        help_text=_("사업자등록증에 적힌 이름이에요. 예: 주식회사 시흥정밀"),
        error_messages={"required": _("기업 이름을 적어 주세요.")},
    )
    business_number = forms.CharField(
        label=_("사업자등록번호"),
        max_length=20,
        help_text=_("숫자 10자리예요. 하이픈(-)은 넣어도 되고 빼도 돼요. 예: 124-81-00998"),
        widget=forms.TextInput(attrs=NUMBER),
        error_messages={"required": _("사업자등록번호를 적어 주세요.")},
    )
    area = forms.ChoiceField(
        label=_("사업장이 있는 동"),
        error_messages={
            "required": _("사업장이 있는 동을 골라 주세요."),
            "invalid_choice": _("목록에 있는 동을 골라 주세요."),
        },
    )
    address = forms.CharField(label=_("주소 (선택)"), max_length=300, required=False)
    industry = forms.CharField(
        label=_("업종 (선택)"),
        max_length=100,
        required=False,
        help_text=_("예: 제조업, 음식점업, 사회복지서비스업"),
    )
    staff_count = forms.IntegerField(
        label=_("상시 근로자 수"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("0명 이상으로 적어 주세요."),
        },
    )
    is_city_funded = forms.BooleanField(
        label=_("시흥시가 출자하거나 출연한 기관이에요"),
        required=False,
        help_text=_("조례에 따라 해마다 새로 뽑는 사람의 일부를 지역 인재로 채용해야 해요."),
    )
    is_city_contracted = forms.BooleanField(
        label=_("시흥시의 사무를 위탁받아 운영하는 기관(사무수탁기관)이에요"),
        required=False,
        help_text=_("시 출자·출연 기관처럼 정원에 따라 조례가 적용될 수 있어요."),
    )
    authorised_headcount = forms.IntegerField(
        label=_("정원 (선택)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER),
        help_text=_(
            "정관이나 위탁 협약에 정해진 인원이에요. 적으면 조례 적용 여부를 정원으로 판단해요."
        ),
        error_messages={
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("0명 이상으로 적어 주세요."),
        },
    )
    partner_pledge = forms.BooleanField(
        label=_("시흥시와 지역인재 채용 협약을 맺었어요"), required=False
    )

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in areas}
        self.fields["area"].choices = _area_choices(areas)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The cleaned data as the employers services take it."""
        data = dict(self.cleaned_data)
        data["area"] = self.areas[data["area"]]
        data["staff_count"] = data.get("staff_count") or 0
        return data


class PostingForm(forms.Form):
    """A posting, fields named as the API's (lists of strings as comma-separated text)."""

    title = forms.CharField(
        label=_("공고 제목"),
        max_length=200,
        help_text=_("어떤 일인지 한눈에 알 수 있게 적어 주세요. 예: 오전 경리 사무원 (주 3일)"),
        error_messages={"required": _("공고 제목을 적어 주세요.")},
    )
    description = forms.CharField(
        label=_("하는 일과 근무 조건"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "하는 일, 근무 장소, 쉬는 날을 적어 주세요. 나이·성별·출신지를 조건으로 적으면 "
            "시 담당자가 다시 확인해요."
        ),
        error_messages={"required": _("하는 일을 적어 주세요.")},
    )
    career_field = forms.ChoiceField(
        label=_("계열"),
        error_messages={
            "required": _("계열을 골라 주세요."),
            "invalid_choice": _("목록에 있는 계열을 골라 주세요."),
        },
    )
    occupation = forms.CharField(
        label=_("직종 (선택)"), max_length=100, required=False, help_text=_("예: 경리 사무원")
    )
    skills_required = CommaListField(
        label=_("꼭 필요한 기술 (선택)"),
        required=False,
        help_text=_("쉼표로 나눠 적어 주세요. 예: 엑셀, 전화 응대"),
    )
    skills_preferred = CommaListField(
        label=_("있으면 좋은 기술 (선택)"), required=False, help_text=_("쉼표로 나눠 적어 주세요.")
    )
    certificates_required = CommaListField(
        label=_("꼭 필요한 자격증 (선택)"),
        required=False,
        help_text=_("쉼표로 나눠 적어 주세요. 예: 전산회계 2급"),
    )
    min_experience_years = forms.IntegerField(
        label=_("필요한 경력 (년)"),
        min_value=0,
        max_value=60,
        required=False,
        help_text=_("경력이 없어도 되면 0이에요."),
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("0년 이상으로 적어 주세요."),
            "max_value": _("60년까지 적을 수 있어요."),
        },
    )
    employment_type = forms.ChoiceField(
        label=_("고용 형태"),
        error_messages={
            "required": _("고용 형태를 골라 주세요."),
            "invalid_choice": _("목록에 있는 고용 형태를 골라 주세요."),
        },
    )
    days_per_week = forms.IntegerField(
        label=_("일주일에 며칠 일하나요"),
        min_value=1,
        max_value=7,
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "required": _("일하는 날 수를 적어 주세요."),
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("1일에서 7일 사이로 적어 주세요."),
            "max_value": _("1일에서 7일 사이로 적어 주세요."),
        },
    )
    shifts = forms.MultipleChoiceField(
        label=_("일하는 시간대 (여러 개 고를 수 있어요)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("목록에 있는 시간대를 골라 주세요.")},
    )
    hours_per_day = forms.FloatField(
        label=_("하루에 몇 시간 일하나요"),
        min_value=0.5,
        max_value=24,
        required=False,
        help_text=_(
            "예: 6. 비워 두면 8시간이에요. 만 18세 미만에게는 하루 7시간, "
            "일주일 35시간 이하인 공고만 보여요."
        ),
        widget=forms.NumberInput(
            attrs={"inputmode": "decimal", "autocomplete": "off", "step": "0.5"}
        ),
        error_messages={
            "invalid": _("숫자로 적어 주세요. 예: 6"),
            "min_value": _("0.5시간에서 24시간 사이로 적어 주세요."),
            "max_value": _("0.5시간에서 24시간 사이로 적어 주세요."),
        },
    )
    holiday_work = forms.BooleanField(
        label=_("휴일에도 일해요"),
        required=False,
        help_text=_("공휴일이나 주휴일에 일하는 자리예요. 만 18세 미만에게는 보이지 않아요."),
    )
    hourly_wage = forms.IntegerField(
        label=_("시급 (원)"),
        min_value=0,
        max_value=10_000_000,
        help_text=_("최저임금보다 적으면 안 돼요."),
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "required": _("시급을 적어 주세요."),
            "invalid": _("숫자로만 적어 주세요. 예: 10500"),
            "min_value": _("0원 이상으로 적어 주세요."),
        },
    )
    area = forms.ChoiceField(
        label=_("일하는 곳이 있는 동"),
        error_messages={
            "required": _("일하는 곳이 있는 동을 골라 주세요."),
            "invalid_choice": _("목록에 있는 동을 골라 주세요."),
        },
    )
    address = forms.CharField(label=_("근무지 주소 (선택)"), max_length=300, required=False)
    openings = forms.IntegerField(
        label=_("뽑는 사람 수"),
        min_value=1,
        max_value=1000,
        required=False,
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={
            "invalid": _("숫자로 적어 주세요."),
            "min_value": _("1명 이상으로 적어 주세요."),
            "max_value": _("1000명까지 적을 수 있어요."),
        },
    )
    deadline = forms.DateField(
        label=_("마감일"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("이날까지 지원을 받아요."),
        error_messages={
            "required": _("마감일을 골라 주세요."),
            "invalid": _("날짜를 2026-05-31처럼 적어 주세요."),
        },
    )
    cohorts_welcome = forms.MultipleChoiceField(
        label=_("특히 환영하는 분 (고르지 않으면 모두 환영)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("목록에 있는 대상을 골라 주세요.")},
    )

    def __init__(
        self,
        *args: Any,
        areas: list[Area],
        career_fields: list[CareerField],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The floor as a hint: the figure in force today (the service checks every year the
        # posting is open, so a deadline next year may need next year's figure).
        floor = minimum_wage_today()
        self.fields["hourly_wage"].help_text = _(
            "%(year)s년 최저임금은 시간당 %(amount)s원이에요. 그보다 적게 적을 수 없어요."
        ) % {"year": floor.year, "amount": f"{floor.hourly:,}"}
        self.areas = {area.code: area for area in areas}
        self.career_fields = {field.code: field for field in career_fields}
        self.fields["area"].choices = _area_choices(areas)  # type: ignore[attr-defined]
        self.fields["career_field"].choices = [  # type: ignore[attr-defined]
            ("", _("골라 주세요")),
            *[(field.code, field.display_name) for field in career_fields],
        ]
        self.fields["employment_type"].choices = [  # type: ignore[attr-defined]
            ("", _("골라 주세요")),
            *list(EmploymentType.choices),
        ]
        self.fields["shifts"].choices = list(Shift.choices)  # type: ignore[attr-defined]
        self.fields["cohorts_welcome"].choices = list(  # type: ignore[attr-defined]
            Cohort.choices
        )

    def values(self) -> dict[str, Any]:
        """The cleaned data as the jobs services take it."""
        data = dict(self.cleaned_data)
        data["area"] = self.areas[data["area"]]
        data["career_field"] = self.career_fields[data["career_field"]]
        if data.get("min_experience_years") is None:
            data["min_experience_years"] = 0
        if data.get("openings") is None:
            data["openings"] = 1
        if data.get("hours_per_day") is None:
            data["hours_per_day"] = 8
        return data


def posting_initial(posting: Any) -> dict[str, Any]:
    """A posting's values as the form shows them."""
    names = [name for name in PostingForm.base_fields if name not in ("area", "career_field")]
    initial = {name: getattr(posting, name) for name in names}
    initial["area"] = posting.area_id
    initial["career_field"] = posting.career_field_id
    return initial


class ApplicationMoveForm(forms.Form):
    """One applicant moved to a next status (only the allowed ones are offered)."""

    status = forms.ChoiceField(
        label=_("다음 단계"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("다음 단계를 골라 주세요."),
            "invalid_choice": _("지금 고를 수 있는 단계가 아니에요."),
        },
    )
    hired_on = forms.DateField(
        label=_("채용일 (채용 확정일 때)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "비워 두면 오늘이에요. 90일 전까지 적을 수 있어요. 고용 유지 확인일은 이날부터 세요."
        ),
        error_messages={"invalid": _("날짜를 2026-05-31처럼 적어 주세요.")},
    )
    message = forms.CharField(
        label=_("지원자에게 보낼 말 (선택)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("단계가 바뀌었다는 메일에 함께 보내요. 예: 면접은 5월 20일 오전 10시예요."),
    )

    def __init__(self, *args: Any, moves: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (code, APPLICATION_STATUS[code]) for code in moves
        ]


class CheckpointForm(forms.Form):
    """Recording one retention checkpoint of a placement (`status`)."""

    status = forms.ChoiceField(
        label=_("지금도 일하고 있나요"),
        widget=forms.RadioSelect,
        choices=[("retained", _("네, 일하고 있어요")), ("left", _("아니요, 그만뒀어요"))],
        error_messages={
            "required": _("일하고 있는지 골라 주세요."),
            "invalid_choice": _("둘 중 하나를 골라 주세요."),
        },
    )


class InvitationForm(forms.Form):
    """Inviting a colleague to the organisation by email (`email`, as the API's)."""

    email = forms.EmailField(
        label=_("초대할 사람의 이메일"),
        max_length=254,
        help_text=_("이 주소로 초대 메일이 가요. 받은 사람이 로그인하거나 가입하면 구성원이 돼요."),
        error_messages={
            "required": _("초대할 사람의 이메일을 입력해 주세요."),
            "invalid": _("올바른 이메일 주소를 입력해 주세요."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
