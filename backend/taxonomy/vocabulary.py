"""Value sets shared by seekers and postings: cohorts, employment types, shifts.

One definition each, so that a profile and a posting always speak of the same things (and the
OpenAPI schema has one enum each).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cohort(models.TextChoices):
    """The three groups the platform serves (DESIGN.md, cohorts table)."""

    GRADUATE = "graduate", _("지역 고교 졸업생")
    RETURNER = "returner", _("경력단절여성")
    SENIOR = "senior", _("신중년 전문인력")


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("전일제")
    PART_TIME = "part_time", _("시간제")
    FLEXIBLE = "flexible", _("유연근무")
    CONTRACT = "contract", _("계약직")


class Shift(models.TextChoices):
    MORNING = "morning", _("오전")
    AFTERNOON = "afternoon", _("오후")
    EVENING = "evening", _("저녁")
    NIGHT = "night", _("야간")


class CareerBreakReason(models.TextChoices):
    """경력단절 사유 (why a career-break woman, 경력단절여성, stopped working)."""

    MARRIAGE = "marriage", _("결혼")
    PREGNANCY = "pregnancy", _("임신")
    CHILDBIRTH = "childbirth", _("출산")
    CHILDCARE = "childcare", _("육아")
    FAMILY_CARE = "family_care", _("가족 돌봄")
    OTHER = "other", _("기타")


# The same reasons in plain Korean, for sentences (eligibility reasons, the policy's list).
CAREER_BREAK_REASONS_KO: dict[str, str] = {
    CareerBreakReason.MARRIAGE: "결혼",
    CareerBreakReason.PREGNANCY: "임신",
    CareerBreakReason.CHILDBIRTH: "출산",
    CareerBreakReason.CHILDCARE: "육아",
    CareerBreakReason.FAMILY_CARE: "가족 돌봄",
    CareerBreakReason.OTHER: "기타",
}


# The industry (업종) an employer of each career field (계열) is shown in: the demo's employers
# and the matching evaluation's synthetic ones use the same words.
INDUSTRIES = {
    "engineering": "제조업",
    "business": "도소매·물류",
    "it": "정보통신업",
    "service": "숙박·음식점업",
    "health_welfare": "보건·사회복지",
    "education": "교육서비스",
    "arts_media": "출판·영상",
    "natural": "연구개발",
    "social": "공공행정",
    "humanities": "전문서비스",
    "agri_env": "환경·수산",
}
