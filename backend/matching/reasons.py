"""Why a posting suits a seeker, as codes with parameters, rendered in the reader's language.

Scoring (`scoring.match`) explains each match with `Reason(code, params)` values; they are
stored as they are (`Recommendation.reasons`, `Assignment.reasons`: JSON
`[{"code": "...", "params": {...}}]`) and turned into short sentences only when read, in the
active language (the API's Accept-Language, the web's language switch): `render_reasons`.

Each code has one template, a `gettext_lazy` Korean msgid with named placeholders, so the
catalogs translate it like any other message. Parameters are values, never pre-formatted text:
numbers, codes (shifts, employment types, programmes, employer statuses: translated here), and
names as they are stored (certificates, skills; occupations by their Korean taxonomy name,
never a code, translated through the catalogs; career fields with their English name when the
taxonomy has one). No template repeats a word its parameter ends with ("유연근무 근무").

Rows stored before codes hold plain Korean sentences; a plain string is shown as it is (the
nightly refresh rewrites recommendations with codes). An unknown code is left out, and a
translation whose placeholders do not fit falls back to the Korean template, so a reader never
gets an error for a reason.

`commute` carries the exact distance (`km`) and is for the seeker's own pages only; employers'
shortlists get `commute_band` instead (`backend.matching.disclosure`): a coarse band, never a
distance to a point (an exact distance from several posting places locates a home).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _

from backend.taxonomy.reference import occupation_name

logger = logging.getLogger("backend.matching")

Params = Mapping[str, Any]


@dataclass(frozen=True)
class Reason:
    """One reason: a code of `TEMPLATES` and the values its template names."""

    code: str
    params: Params = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The stored form: `{"code": ..., "params": {...}}`."""
        return {"code": self.code, "params": dict(self.params)}


# --- the codes ------------------------------------------------------------------------------
TEXT_TERMS = "text_terms"
SKILLS_REQUIRED = "skills_required"
SKILLS_PREFERRED = "skills_preferred"
CERTIFICATES_REQUIRED = "certificates_required"
CERTIFICATE_FIELD = "certificate_field"
FIELD_WANTED = "field_wanted"
EXPERIENCE_REQUIRED = "experience_required"
EXPERIENCE_OCCUPATION = "experience_occupation"
EXPERT_WORK = "expert_work"
SCHEDULE = "schedule"
SCHEDULE_SHIFTS = "schedule_shifts"
COMMUTE = "commute"
COMMUTE_BAND = "commute_band"
WAGE = "wage"
ORDINANCE = "ordinance"

# One template per code; the comments tell translators what each placeholder holds.
TEMPLATES: dict[str, Promise] = {
    # Translators: a reason. %(count)d: profile words the posting contains.
    TEXT_TERMS: _("프로필 키워드 %(count)d개 일치"),
    # Translators: a reason. %(skills)s: skill names as in the posting, "a, b".
    SKILLS_REQUIRED: _("필수 기술 보유: %(skills)s"),
    # Translators: a reason. %(skills)s: skill names as in the posting, "a, b".
    SKILLS_PREFERRED: _("우대 기술 보유: %(skills)s"),
    # Translators: a reason. %(certificates)s: certificate names, "a, b".
    CERTIFICATES_REQUIRED: _("%(certificates)s 자격 일치"),
    # Translators: a reason. %(field)s: a career field's name (English if it has one).
    CERTIFICATE_FIELD: _("%(field)s 분야 자격증 보유"),
    # Translators: a reason. %(field)s: a career field's name (English if it has one).
    FIELD_WANTED: _("희망 계열 일치: %(field)s"),
    # Translators: a reason. %(years)g: years worked; %(required)d: the posting's minimum.
    EXPERIENCE_REQUIRED: _("경력 %(years)g년 (요구 %(required)d년 이상)"),
    # Translators: a reason. %(occupation)s: the posting's occupation (its taxonomy name,
    # translated); %(years)g: years in it.
    EXPERIENCE_OCCUPATION: _("%(occupation)s 경력 %(years)g년"),
    # Translators: a reason, for a seeker who asked for expert work (advising, teaching their
    # trade). %(field)s: a career field's name (English if it has one).
    EXPERT_WORK: _("경력을 살리는 전문 일자리: %(field)s"),
    # Translators: a reason. %(days)d: days a week; %(employment)s: "시간제" etc., translated.
    SCHEDULE: _("근무 조건 일치: 주 %(days)d일 %(employment)s"),
    # Translators: a reason. %(shifts)s: shift names joined by "·" ("오전·오후"), translated.
    SCHEDULE_SHIFTS: _("근무 조건 일치: 주 %(days)d일 %(shifts)s %(employment)s"),
    # Translators: a reason. %(km).1f: the distance from the seeker's home, e.g. 3.2.
    COMMUTE: _("통근 %(km).1fkm"),
    # Translators: a reason on an employer's shortlist. %(band)s: a distance band, "5-10km".
    COMMUTE_BAND: _("통근 거리 %(band)s"),
    # Translators: a reason. %(wage)s, %(wanted)s: hourly amounts in won, "12,000".
    WAGE: _("시급 %(wage)s원 (희망 %(wanted)s원 이상)"),
    # Translators: a reason. %(programmes)s: programme names joined by "·";
    # %(employer_status)s: "조례 적용 기관" or "지역인재 채용 협약 기업", translated.
    ORDINANCE: _("조례 우선 채용 대상 (%(programmes)s, %(employer_status)s)"),
}

# The commute bands employers see: (code, upper bound in km, label), nearest first.
COMMUTE_BANDS: tuple[tuple[str, float, Promise], ...] = (
    ("within_5", 5.0, _("5km 이내")),
    ("from_5_to_10", 10.0, _("5-10km")),
    ("from_10_to_20", 20.0, _("10-20km")),
    ("over_20", float("inf"), _("20km 이상")),
)
COMMUTE_BAND_LABELS: dict[str, Promise] = {code: label for code, _upper, label in COMMUTE_BANDS}

SHIFTS: dict[str, Promise] = {
    "morning": _("오전"),
    "afternoon": _("오후"),
    "evening": _("저녁"),
    "night": _("야간"),
}
SHIFT_ORDER = ("morning", "afternoon", "evening", "night")
EMPLOYMENT_TYPES: dict[str, Promise] = {
    "full_time": _("전일제"),
    "part_time": _("시간제"),
    "flexible": _("유연근무"),
    "contract": _("계약직"),
}
PROGRAMMES: dict[str, Promise] = {
    "local_graduate": _("고졸 지역인재"),
    "career_returner": _("경력단절여성"),
    "senior_expert": _("신중년 전문인력"),
}
EMPLOYER_STATUSES: dict[str, Promise] = {
    "covered": _("조례 적용 기관"),
    "partner": _("지역인재 채용 협약 기업"),
}

# Why a seeker got no slot in an assign run (`Assignment.unassigned_reason` holds the code;
# the codes are `assignment.NO_CANDIDATES` and `assignment.OUTCOMPETED`).
UNASSIGNED: dict[str, Promise] = {
    "no_candidates": _("조건에 맞는 모집 중 공고가 없음"),
    "outcompeted": _("후보 공고의 정원이 점수가 더 높은 구직자 또는 조례 목표 인원으로 채워짐"),
}


# --- building -------------------------------------------------------------------------------
def text_terms(count: int) -> Reason:
    """The `text_terms` reason with its parameters (values; see `render_reason`)."""
    return Reason(TEXT_TERMS, {"count": count})


def skills_required(names: Sequence[str]) -> Reason:
    """The `skills_required` reason with its parameters (values; see `render_reason`)."""
    return Reason(SKILLS_REQUIRED, {"skills": list(names)})


def skills_preferred(names: Sequence[str]) -> Reason:
    """The `skills_preferred` reason with its parameters (values; see `render_reason`)."""
    return Reason(SKILLS_PREFERRED, {"skills": list(names)})


def certificates_required(names: Sequence[str]) -> Reason:
    """The `certificates_required` reason with its parameters (values only; rendered by
    `render_reason`)."""
    return Reason(CERTIFICATES_REQUIRED, {"certificates": list(names)})


def _field(code: str, name: str, name_en: str) -> dict[str, Any]:
    return {"field": code, "name": name, "name_en": name_en}


def certificate_field(code: str, name: str, name_en: str = "") -> Reason:
    """The `certificate_field` reason with its parameters (values only; rendered by
    `render_reason`)."""
    return Reason(CERTIFICATE_FIELD, _field(code, name, name_en))


def field_wanted(code: str, name: str, name_en: str = "") -> Reason:
    """The `field_wanted` reason with its parameters (values; see `render_reason`)."""
    return Reason(FIELD_WANTED, _field(code, name, name_en))


def expert_work(code: str, name: str, name_en: str = "") -> Reason:
    """The `expert_work` reason with its parameters (values; see `render_reason`)."""
    return Reason(EXPERT_WORK, _field(code, name, name_en))


def experience_required(years: float, required: int) -> Reason:
    """The `experience_required` reason with its parameters (values only; rendered by
    `render_reason`)."""
    return Reason(EXPERIENCE_REQUIRED, {"years": years, "required": required})


def experience_occupation(occupation: str, years: float) -> Reason:
    """The `experience_occupation` reason with its parameters (values only; rendered by
    `render_reason`)."""
    return Reason(EXPERIENCE_OCCUPATION, {"occupation": occupation, "years": years})


def schedule(days: int, employment: str, shifts: Iterable[str]) -> Reason:
    """The `schedule` reason with its parameters (values; see `render_reason`)."""
    ordered = [s for s in SHIFT_ORDER if s in set(shifts)]
    if ordered:
        return Reason(SCHEDULE_SHIFTS, {"days": days, "employment": employment, "shifts": ordered})
    return Reason(SCHEDULE, {"days": days, "employment": employment})


def commute(km: float) -> Reason:
    """The `commute` reason with its parameters (values; see `render_reason`)."""
    return Reason(COMMUTE, {"km": round(km, 1)})


def commute_band_of(km: float) -> str:
    """The code of the band `km` falls in (a band includes its upper bound)."""
    return next(code for code, upper, _label in COMMUTE_BANDS if km <= upper)


def commute_band(km: float) -> Reason:
    """The `commute_band` reason: the band only, never the distance."""
    return Reason(COMMUTE_BAND, {"band": commute_band_of(km)})


def wage(hourly: int, wanted: int) -> Reason:
    """The `wage` reason with its parameters (values; see `render_reason`)."""
    return Reason(WAGE, {"wage": hourly, "wanted": wanted})


def ordinance(programmes: Iterable[str], employer_status: str) -> Reason:
    """The `ordinance` reason with its parameters (values; see `render_reason`)."""
    return Reason(ORDINANCE, {"programmes": sorted(programmes), "employer_status": employer_status})


# --- rendering ------------------------------------------------------------------------------
def _english() -> bool:
    return (get_language() or "ko").startswith("en")


def _names(values: object) -> str:
    if isinstance(values, str):
        return values
    return ", ".join(str(v) for v in values) if isinstance(values, Iterable) else str(values)


def _label(labels: Mapping[str, Promise], code: object) -> str:
    return str(labels.get(str(code), code))


def _field_name(params: Params) -> str:
    if _english() and params.get("name_en"):
        return str(params["name_en"])
    return str(params.get("name") or params["field"])


def _occupation(params: Params) -> str:
    """The occupation's name: stored as its Korean taxonomy name (a code stored before names
    is looked up), translated by the catalogs (`backend.taxonomy.occupation_names`)."""
    name = occupation_name(str(params["occupation"]))
    return gettext(name) if name else name


def _won(value: object) -> str:
    return f"{int(value):,}" if isinstance(value, int | float) else str(value)


# What each template's placeholders read, from the stored params (codes → labels, lists →
# "a, b", numbers as numbers for the template's own format).
_DISPLAY: dict[str, Callable[[Params], dict[str, Any]]] = {
    SKILLS_REQUIRED: lambda p: {"skills": _names(p["skills"])},
    SKILLS_PREFERRED: lambda p: {"skills": _names(p["skills"])},
    CERTIFICATES_REQUIRED: lambda p: {"certificates": _names(p["certificates"])},
    CERTIFICATE_FIELD: lambda p: {"field": _field_name(p)},
    FIELD_WANTED: lambda p: {"field": _field_name(p)},
    EXPERT_WORK: lambda p: {"field": _field_name(p)},
    SCHEDULE: lambda p: {
        "days": p["days"],
        "employment": _label(EMPLOYMENT_TYPES, p["employment"]),
    },
    SCHEDULE_SHIFTS: lambda p: {
        "days": p["days"],
        "employment": _label(EMPLOYMENT_TYPES, p["employment"]),
        "shifts": "·".join(_label(SHIFTS, s) for s in p["shifts"]),
    },
    EXPERIENCE_OCCUPATION: lambda p: {"occupation": _occupation(p), "years": p["years"]},
    WAGE: lambda p: {"wage": _won(p["wage"]), "wanted": _won(p["wanted"])},
    COMMUTE_BAND: lambda p: {"band": str(COMMUTE_BAND_LABELS[p["band"]])},
    ORDINANCE: lambda p: {
        "programmes": "·".join(_label(PROGRAMMES, c) for c in p["programmes"]),
        "employer_status": _label(EMPLOYER_STATUSES, p["employer_status"]),
    },
}


def _code_and_params(stored: object) -> tuple[str, Params] | None:
    if isinstance(stored, Reason):
        return stored.code, stored.params
    if isinstance(stored, Mapping) and isinstance(stored.get("code"), str):
        params = stored.get("params")
        return stored["code"], params if isinstance(params, Mapping) else {}
    return None


def render_reason(stored: object) -> str | None:
    """One stored reason as a sentence in the active language; a plain string (a row stored
    before codes) as it is; None for what cannot be read (an unknown code, missing params)."""
    if isinstance(stored, str):
        return stored
    found = _code_and_params(stored)
    if found is None or found[0] not in TEMPLATES:
        logger.warning("unreadable reason %r", stored)
        return None
    code, params = found
    template = TEMPLATES[code]
    try:
        values = _DISPLAY[code](params) if code in _DISPLAY else dict(params)
    except (KeyError, TypeError, ValueError):
        logger.warning("reason %s with unreadable params %r", code, params)
        return None
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        # A translation whose placeholders do not fit: the Korean template still does.
        logger.warning("translation of reason %s does not fit its params", code)
    try:
        with override("ko"):
            return str(template) % values
    except (KeyError, TypeError, ValueError):
        return None


def render_reasons(stored: object) -> list[str]:
    """A stored reasons list (`[{"code", "params"}]`, `Reason`s, or old plain strings) as
    sentences in the active language, in order; what cannot be read is left out."""
    if not isinstance(stored, list | tuple):
        return []
    rendered = (render_reason(item) for item in stored)
    return [text for text in rendered if text]


def render_unassigned(stored: str) -> str:
    """Why a seeker got no slot, in the active language: a code of `UNASSIGNED`, or the text
    stored before codes as it is (empty for an assigned seeker)."""
    return str(UNASSIGNED[stored]) if stored in UNASSIGNED else stored


def stored_reasons(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """The JSON form of reasons, for `Recommendation.reasons` and `Assignment.reasons`."""
    return [reason.as_json() for reason in reasons]
