"""Plain words for the codes the seeker pages show: programmes, score components, statuses."""

from __future__ import annotations

import re

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The ordinance policy is data the city edits (backend/matching/default_policy.yaml); its
# clause texts carry both languages, "한국어 (English)". A page shows one of them.
_PAIR = re.compile(
    r"^(?P<ko>.*[가-힣].*?)\s*\((?P<en>[^()가-힣]*[A-Za-z][^()가-힣]*)\)\.?\s*$", re.S
)


def policy_text(text: object) -> str:
    """A text of the ordinance policy in the page's language: `"… 금지 (no cohort
    exclusion)"` → its Korean half on Korean pages, its English half on English ones."""
    value = str(text)
    found = _PAIR.match(value)
    if found is None:
        return value
    english = (get_language() or "ko").startswith("en")
    return found.group("en").strip() if english else found.group("ko").strip()


PROGRAMMES = {
    "local_graduate": _("지역 고교 졸업생 우선 채용"),
    "career_returner": _("경력단절여성 재취업 지원"),
    "senior_expert": _("신중년 전문인력 채용 지원"),
}

# The nine score components (API.md), each with what it measures in plain words.
COMPONENTS = {
    "text": (_("하는 일"), _("공고 내용이 내 경력·소개와 얼마나 닮았는지")),
    "skills": (_("기술"), _("공고가 원하는 기술을 내가 얼마나 가졌는지")),
    "certificates": (_("자격증"), _("필요한 자격증을 가졌는지")),
    "field": (_("계열"), _("내가 바라는 계열의 일인지")),
    "experience": (_("경력"), _("필요한 경력 기간을 채웠는지")),
    "schedule": (_("근무 시간"), _("요일·시간대가 내 형편에 맞는지")),
    "commute": (_("거리"), _("집에서 가까운지")),
    "wage": (_("시급"), _("바라는 시급 이상인지")),
    "ordinance": (_("조례 우선"), _("시흥시 조례에 따라 우선 채용 대상인지")),
}

APPLICATION_STEPS = ("submitted", "reviewing", "interview", "offered", "hired")
APPLICATION_STATUS = {
    "submitted": _("지원 완료"),
    "reviewing": _("서류 검토 중"),
    "interview": _("면접"),
    "offered": _("채용 제안"),
    "hired": _("채용 확정"),
    "rejected": _("이번에는 함께하지 못해요"),
    "withdrawn": _("지원 취소"),
}

# Who changed an application's status, as its seeker reads it: a role, never a name.
APPLICATION_ACTORS = {
    "seeker": _("나"),
    "employer": _("기업"),
    "staff": _("시 담당자"),
}

MENTORING_STATUS = {
    "open": _("멘토를 찾는 중"),
    "accepted": _("멘토가 수락했어요"),
    "completed": _("멘토링을 마쳤어요"),
    "declined": _("멘토가 거절했어요"),
    "cancelled": _("취소했어요"),
}

CONSENTS = {
    "matching": (
        _("기업 추천을 위한 프로필 활용"),
        _(
            "동의하면 이름과 연락처를 뺀 내 프로필(계열, 기술, 자격증, 희망 조건, 사는 동)을 "
            "기업이 후보로 볼 수 있어요. 내가 그 기업에 지원하기 전에는 이름과 연락처를 볼 수 "
            "없어요. 언제든 철회할 수 있어요."
        ),
    ),
    "marketing": (
        _("채용 소식 안내 받기"),
        _(
            "새 채용공고, 교육, 채용 행사 소식을 이메일로 받아요. 동의하지 않아도 서비스를 "
            "모두 쓸 수 있고, 언제든 철회할 수 있어요."
        ),
    ),
}

ROLE_WHO = {
    "staff": _("시청 일자리 담당 공무원"),
    "employer": _("기업"),
    "mentor": _("멘토"),
    "seeker": _("구직자"),
}


# What an access-log entry's `what` says, in plain words (the log stores short codes/texts).
ACCESS_WHAT = (
    ("seeker profile", _("내 프로필 전체 (연락처 포함)")),
    ("후보 연락처", _("추천 후보로서 내 이름과 연락처")),
    ("지원자 이메일", _("내 지원서 (이메일과 지원 메시지)")),
    ("access log", _("나를 누가 열람했는지 (열람 기록)")),
)


def access_what(text: str) -> str:
    """An access-log entry's `what` in plain words (the stored text when it is not known)."""
    for prefix, words in ACCESS_WHAT:
        if text.startswith(prefix):
            return str(words)
    return text


# The same, as staff read it on the access-log review (whose data, not "my" data).
STAFF_ACCESS_WHAT = (
    ("seeker profile", _("구직자 프로필 전체 (연락처 포함)")),
    ("후보 연락처", _("추천 후보의 이름과 연락처")),
    ("지원자 이메일", _("지원서 (이메일과 지원 메시지)")),
    ("access log", _("열람 기록 조회")),
)


def staff_access_what(text: str) -> str:
    """An access-log entry's `what` as staff read it, with the stored text after it when it
    says more (the filters of a reading of the log)."""
    for prefix, words in STAFF_ACCESS_WHAT:
        if text.startswith(prefix):
            rest = text[len(prefix) :].strip(" :")
            return f"{words} {rest}" if rest else str(words)
    return text
