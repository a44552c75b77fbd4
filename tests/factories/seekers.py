"""Seeker profiles and a named persona per cohort, plus valid API payloads for each.

- 김하늘 (graduate): 정왕동 특성화고 졸업 예정, 전기기능사, wants a first job near home;
- 박지현 (returner): 7-year career break for childcare, former bookkeeper, part-time mornings;
- 이정호 (senior): retired production engineer, 30 years in manufacturing, born 1962.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from factory.declarations import LazyFunction, SubFactory
from factory.django import DjangoModelFactory

from backend.accounts.models import Role
from backend.seekers.models import SeekerProfile
from backend.taxonomy.models import Area
from backend.taxonomy.vocabulary import Cohort
from tests.factories.accounts import UserFactory

DAEYA = "4139051000"  # 대야동
SINCHEON = "4139052000"  # 신천동


class SeekerProfileFactory(DjangoModelFactory[SeekerProfile]):
    class Meta:
        model = SeekerProfile

    user = SubFactory(UserFactory, role=Role.SEEKER)
    cohort = Cohort.GRADUATE
    display_name = "김하늘"
    area = LazyFunction(lambda: Area.objects.get(code=DAEYA))
    is_resident = True
    school_name = "시흥전자고등학교"
    school_in_city = True
    graduation_year = LazyFunction(lambda: dt.date.today().year)
    career_fields = LazyFunction(lambda: ["engineering"])
    skills = LazyFunction(lambda: ["전기 배선", "PLC 기초"])
    certificates = LazyFunction(lambda: ["전기기능사"])
    employment_types = LazyFunction(lambda: ["full_time"])
    shifts = LazyFunction(lambda: ["morning", "afternoon"])
    max_days_per_week = 5
    max_commute_km = 10.0


def graduate_profile(**kwargs: Any) -> SeekerProfile:
    """김하늘: a local vocational high-school graduate who did not enter college."""
    profile: SeekerProfile = SeekerProfileFactory.create(**kwargs)
    return profile


def returner_profile(**kwargs: Any) -> SeekerProfile:
    """박지현: a career-break woman (경력단절여성) returning after childcare."""
    values: dict[str, Any] = {
        "cohort": Cohort.RETURNER,
        "display_name": "박지현",
        "school_name": "",
        "school_in_city": False,
        "graduation_year": None,
        "career_break_years": 7,
        "career_break_reason": "childcare",
        "career_fields": ["business"],
        "skills": ["엑셀", "더존 회계"],
        "certificates": ["전산회계 2급"],
        "experience": [{"occupation": "경리 사무원", "years": 5, "summary": "중소기업 회계"}],
        "employment_types": ["part_time", "flexible"],
        "shifts": ["morning"],
        "max_days_per_week": 3,
    }
    values.update(kwargs)
    return graduate_profile(**values)


def senior_profile(**kwargs: Any) -> SeekerProfile:
    """이정호: a retired production engineer (신중년 전문인력), born 1962."""
    values: dict[str, Any] = {
        "cohort": Cohort.SENIOR,
        "display_name": "이정호",
        "birth_year": 1962,
        "school_name": "",
        "school_in_city": False,
        "graduation_year": None,
        "career_fields": ["engineering"],
        "skills": ["품질관리", "공정 개선"],
        "certificates": ["품질경영기사"],
        "experience": [
            {"occupation": "생산관리자", "years": 30, "summary": "시화산단 금속가공 공장장"}
        ],
        "employment_types": ["part_time", "contract"],
        "shifts": ["morning", "afternoon"],
        "max_days_per_week": 3,
    }
    values.update(kwargs)
    return graduate_profile(**values)


def graduate_payload(**overrides: Any) -> dict[str, Any]:
    """A valid PUT /me/profile/ body for a graduate."""
    body: dict[str, Any] = {
        "cohort": "graduate",
        "display_name": "김하늘",
        "area": DAEYA,
        "is_resident": True,
        "school_name": "시흥전자고등학교",
        "school_in_city": True,
        "graduation_year": dt.date.today().year,
        "entered_college": False,
        "career_fields": ["engineering"],
        "skills": ["전기 배선"],
        "certificates": ["전기기능사"],
        "employment_types": ["full_time"],
        "shifts": ["morning"],
        "max_days_per_week": 5,
        "about": "집 가까운 제조 현장에서 일하고 싶습니다.",
    }
    body.update(overrides)
    return body


def returner_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "cohort": "returner",
        "display_name": "박지현",
        "area": SINCHEON,
        "is_resident": True,
        "career_break_years": 7,
        "career_break_reason": "childcare",
        "career_fields": ["business"],
        "skills": ["엑셀"],
        "certificates": ["전산회계 2급"],
        "experience": [{"occupation": "경리 사무원", "years": 5, "summary": "회계 업무"}],
        "employment_types": ["part_time"],
        "shifts": ["morning"],
        "max_days_per_week": 3,
        "min_hourly_wage": 10500,
        "available_from": "2026-03-02",
    }
    body.update(overrides)
    return body


def senior_payload(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "cohort": "senior",
        "display_name": "이정호",
        "area": DAEYA,
        "birth_year": 1962,
        "is_resident": True,
        "experience": [{"occupation": "생산관리자", "years": 30, "summary": "공장장"}],
        "career_fields": ["engineering"],
        "employment_types": ["contract"],
    }
    body.update(overrides)
    return body
