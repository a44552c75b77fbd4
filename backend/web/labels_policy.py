"""Plain names of the ordinance policy's fields, for the editor and the difference of versions.

Keys are the dotted paths of `backend.matching.policy_diff.policy_fields` (the names the
validation errors use). A path without a name here (a posting check added by hand) shows its
path alone.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backend.web.labels import COMPONENTS, policy_text

# The sections of the document, in the editor's order.
SECTIONS = {
    "eligibility.local_graduate": gettext_lazy("지역 고교 졸업생 (고졸 지역인재)"),
    "eligibility.career_returner": gettext_lazy("경력단절여성"),
    "eligibility.senior_expert": gettext_lazy("신중년 전문인력"),
    "covered_employers": gettext_lazy("조례 적용 기관"),
    "partner_employers": gettext_lazy("협약 기업"),
    "target_share": gettext_lazy("채용 목표"),
    "score_weights": gettext_lazy("매칭 점수 가중치 (합이 1)"),
    "quota": gettext_lazy("일괄 배정의 비율 제약"),
    "reporting": gettext_lazy("실적 보고"),
    "posting_checks": gettext_lazy("공고 점검"),
}

FIELDS = {
    "eligibility.local_graduate.require_school_in_city_or_resident": gettext_lazy(
        "시내 고교 졸업 또는 시 거주가 필요해요"
    ),
    "eligibility.local_graduate.require_not_entered_college": gettext_lazy(
        "대학에 진학하지 않았어야 해요"
    ),
    "eligibility.local_graduate.max_years_since_graduation": gettext_lazy(
        "졸업 후 최대 몇 년까지 (년)"
    ),
    "eligibility.local_graduate.allow_expected_graduates": gettext_lazy("졸업 예정자도 포함해요"),
    "eligibility.career_returner.require_resident": gettext_lazy("시 거주가 필요해요"),
    "eligibility.career_returner.min_break_years": gettext_lazy("최소 경력 단절 기간 (년)"),
    "eligibility.career_returner.reasons": gettext_lazy("인정하는 경력 단절 사유"),
    "eligibility.senior_expert.require_resident": gettext_lazy("시 거주가 필요해요"),
    "eligibility.senior_expert.min_age": gettext_lazy("최소 나이 (세)"),
    "eligibility.senior_expert.max_age": gettext_lazy("최대 나이 (세)"),
    "eligibility.senior_expert.min_experience_years": gettext_lazy("최소 경력 (년)"),
    "covered_employers.require_city_funded": gettext_lazy("시 출자·출연 기관이어야 해요"),
    "covered_employers.min_staff_count": gettext_lazy("최소 상시 근로자 수 (명)"),
    "partner_employers.require_partner_pledge": gettext_lazy("지역인재 채용 협약이 필요해요"),
    "target_share": gettext_lazy("신규 채용 중 지역인재 목표 비율 (0~1, 0.2 = 20%)"),
    "quota.soft": gettext_lazy("후보가 모자라면 비율을 못 채워도 배정해요"),
    "quota.shortfall_penalty": gettext_lazy("비율 부족 1명당 벌점"),
    "reporting.yearly_report": gettext_lazy("해마다 실적을 공개해요"),
}
# A posting check's keys (`posting_checks.<check>.<key>`).
CHECK_KEYS = {
    "enabled": gettext_lazy("점검해요"),
    "applies_to": gettext_lazy("점검 대상 기업"),
    "clause": gettext_lazy("조항"),
    "patterns": gettext_lazy("찾을 문구 (쉼표로 나눠요)"),
    "job_related_reason_markers": gettext_lazy("직무 관련 사유로 보는 말 (쉼표로 나눠요)"),
}
CHECKS = {
    "separate_job_group": gettext_lazy("별도·하위 직군"),
    "cohort_exclusion": gettext_lazy("대상 제외"),
}
SCOPES = {
    "covered": gettext_lazy("조례 적용 기관만"),
    "partner": gettext_lazy("적용 기관과 협약 기업"),
    "covered_or_partner": gettext_lazy("적용 기관과 협약 기업"),
    "all": gettext_lazy("모든 기업"),
}


def field_label(path: str) -> str:
    """The plain name of a policy field (its path when it has none)."""
    if path in FIELDS:
        return str(FIELDS[path])
    parts = path.split(".")
    if path.startswith("score_weights.") and parts[-1] in COMPONENTS:
        return str(COMPONENTS[parts[-1]][0])
    if len(parts) == 3 and parts[0] == "posting_checks" and parts[2] in CHECK_KEYS:
        check = CHECKS.get(parts[1])
        name = str(check) if check is not None else parts[1]
        return f"{name}: {CHECK_KEYS[parts[2]]}"
    return path


def section_of(path: str) -> str:
    """The editor's section a field belongs to (the longest matching prefix)."""
    for section in sorted(SECTIONS, key=len, reverse=True):
        if path == section or path.startswith(f"{section}."):
            return section
    return path.split(".", 1)[0]


def section_label(section: str) -> str:
    return str(SECTIONS.get(section, section))


def value_text(path: str, value: Any) -> str:
    """A field's value in plain words: 예/아니요, a list joined by commas, a share as %."""
    if value is None:
        return _("(없음)")
    if isinstance(value, bool):
        return _("예") if value else _("아니요")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) if value else _("(비어 있음)")
    if path.endswith(".applies_to") and value in SCOPES:
        return str(SCOPES[value])
    if path.endswith(".clause"):
        return policy_text(value)
    if path == "target_share" and isinstance(value, int | float):
        return f"{value:g} ({value * 100:g}%)"
    return str(value)
