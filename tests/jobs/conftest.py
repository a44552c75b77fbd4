"""Payloads for the jobs API tests."""

from __future__ import annotations

from typing import Any


def posting_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "title": "물류센터 지게차 운전원",
        "description": "시화산단 물류센터에서 오전 근무할 지게차 운전원을 모집합니다.",
        "career_field": "engineering",
        "occupation": "지게차 운전원",
        "skills_required": ["지게차 운전"],
        "skills_preferred": ["재고 관리"],
        "certificates_required": ["지게차운전기능사"],
        "min_experience_years": 1,
        "employment_type": "part_time",
        "days_per_week": 5,
        "shifts": ["morning", "afternoon"],
        "hourly_wage": 12_000,
        "area": "4139051000",
        "location": {"lat": 37.45, "lon": 126.8},
        "address": "경기도 시흥시 대야동 1",
        "openings": 2,
        "deadline": "2099-12-31",
        "cohorts_welcome": ["senior", "returner"],
    }
    payload.update(overrides)
    return payload
