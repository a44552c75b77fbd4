"""Reasons as codes with parameters, rendered in the reader's language: the renderer, old rows
stored as sentences, and the API reading one recommendation in Korean and in English."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import get_language, gettext, override

from backend.jobs.models import Posting
from backend.matching import assignment
from backend.matching import reasons as why
from backend.matching.models import Recommendation
from backend.matching.reasons import render_reasons, render_unassigned, stored_reasons
from backend.seekers.models import SeekerProfile
from tests.api import ClientFor, assert_status
from tests.factories.seekers import graduate_profile
from tests.web.postings import embedded_search, open_posting

__all__ = ["embedded_search", "open_posting"]

HANGUL = re.compile(r"[\uac00-\ud7a3]")

# One reason of every code, as scoring builds them.
EVERY_CODE = [
    why.text_terms(3),
    why.skills_required(["지게차 운전", "재고 관리"]),
    why.skills_preferred(["엑셀"]),
    why.certificates_required(["지게차운전기능사"]),
    why.certificate_field("manufacturing", "제조·생산", "Manufacturing"),
    why.field_wanted("manufacturing", "제조·생산", "Manufacturing"),
    why.experience_required(20.0, 10),
    why.experience_occupation("지게차 운전원", 2.5),
    why.expert_work("business", "경영·사무", "Business"),
    why.schedule(5, "full_time", []),
    why.schedule(3, "part_time", ["afternoon", "morning"]),
    why.commute(3.16),
    why.commute_band(7.4),
    why.wage(12_000, 11_000),
    why.ordinance(["senior_expert", "local_graduate"], "partner"),
]
KOREAN = [
    "프로필 키워드 3개 일치",
    "필수 기술 보유: 지게차 운전, 재고 관리",
    "우대 기술 보유: 엑셀",
    "지게차운전기능사 자격 일치",
    "제조·생산 분야 자격증 보유",
    "희망 계열 일치: 제조·생산",
    "경력 20년 (요구 10년 이상)",
    "지게차 운전원 경력 2.5년",
    "경력을 살리는 전문 일자리: 경영·사무",
    "근무 조건 일치: 주 5일 전일제",
    "근무 조건 일치: 주 3일 오전·오후 시간제",
    "통근 3.2km",
    "통근 거리 5-10km",
    "시급 12,000원 (희망 11,000원 이상)",
    "조례 우선 채용 대상 (고졸 지역인재·신중년 전문인력, 지역인재 채용 협약 기업)",
]


def test_every_code_has_a_template_and_reads_as_before_in_korean() -> None:
    assert {reason.code for reason in EVERY_CODE} == set(why.TEMPLATES)
    with override("ko"):
        assert render_reasons(stored_reasons(EVERY_CODE)) == KOREAN


def test_the_stored_form_is_json_codes_and_values() -> None:
    stored = stored_reasons([why.commute(3.16), why.schedule(3, "part_time", ["morning"])])
    assert stored == [
        {"code": "commute", "params": {"km": 3.2}},
        {
            "code": "schedule_shifts",
            "params": {"days": 3, "employment": "part_time", "shifts": ["morning"]},
        },
    ]
    # Values only: no parameter holds a formatted sentence.
    for reason in EVERY_CODE:
        for value in reason.params.values():
            assert isinstance(value, int | float | str | list)


def test_english_follows_the_catalog_for_each_template() -> None:
    """The English sentence is the English catalog's template with the values (Korean until the
    integrator translates the new msgids, English after: the test holds either way)."""
    with override("en"):
        assert render_reasons([why.commute(3.16).as_json()]) == [
            gettext("통근 %(km).1fkm") % {"km": 3.2}
        ]
        assert render_reasons(
            [why.field_wanted("manufacturing", "제조·생산", "Manufacturing")]
        ) == [gettext("희망 계열 일치: %(field)s") % {"field": "Manufacturing"}]
        assert render_reasons([why.schedule(3, "part_time", ["morning", "night"])]) == [
            gettext("근무 조건 일치: 주 %(days)d일 %(shifts)s %(employment)s")
            % {
                "days": 3,
                "shifts": f"{gettext('오전')}·{gettext('야간')}",
                "employment": gettext("시간제"),
            }
        ]


def test_old_rows_stored_as_sentences_are_shown_as_they_are() -> None:
    old = ["지게차운전기능사 자격 일치", "통근 3.2km"]
    with override("en"):
        assert render_reasons(old) == old
        assert render_reasons([old[0], why.commute(1.0).as_json()])[0] == old[0]


def test_what_cannot_be_read_is_left_out_never_an_error() -> None:
    stored: list[Any] = [
        {"code": "no_such_code", "params": {}},
        {"code": "commute", "params": {}},  # its value is missing
        {"code": "commute", "params": {"km": "far"}},
        {"params": {"km": 1}},
        42,
        None,
        why.commute(2.0).as_json(),
    ]
    assert render_reasons(stored) == ["통근 2.0km"]
    assert render_reasons(None) == []
    assert render_reasons("통근 2.0km") == []  # not a list


class _BadEnglish:
    """A template whose English translation names a placeholder the params lack."""

    def __str__(self) -> str:
        return "Commute %(distance)s" if get_language() == "en" else "통근 %(km).1fkm"


def test_a_translation_that_does_not_fit_falls_back_to_korean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(why.TEMPLATES, why.COMMUTE, _BadEnglish())
    with override("en"):
        assert render_reasons([why.commute(3.0)]) == ["통근 3.0km"]


def test_unassigned_reasons_are_codes_rendered_when_read() -> None:
    assert set(why.UNASSIGNED) == {assignment.NO_CANDIDATES, assignment.OUTCOMPETED}
    with override("ko"):
        assert render_unassigned("no_candidates") == "조건에 맞는 모집 중 공고가 없음"
    assert render_unassigned("") == ""
    old = "조건에 맞는 모집 중 공고가 없음 (no open posting in scope passes the hard filters)"
    assert render_unassigned(old) == old


# --- over HTTP ------------------------------------------------------------------------------
RECOMMENDATIONS = "/api/v1/me/recommendations/"


@pytest.fixture
def recommended(db: Any, open_posting: Callable[..., Posting]) -> SeekerProfile:
    profile = graduate_profile()
    Recommendation.objects.create(
        seeker=profile,
        posting=open_posting(title="지게차 운전원"),
        rank=1,
        score=0.8,
        components=dict.fromkeys(
            (
                "text",
                "skills",
                "certificates",
                "field",
                "experience",
                "schedule",
                "commute",
                "wage",
                "ordinance",
            ),
            0.5,
        ),
        reasons=stored_reasons(
            [
                why.certificates_required(["지게차운전기능사"]),
                why.field_wanted("manufacturing", "제조·생산", "Manufacturing"),
                why.commute(3.16),
            ]
        ),
        policy_version=1,
        computed_at=timezone.now(),
    )
    return profile


@pytest.mark.django_db
@pytest.mark.embedded
def test_the_same_recommendation_reads_in_korean_and_in_english(
    client_for: ClientFor, recommended: SeekerProfile
) -> None:
    client = client_for(recommended.user)
    korean = client.get(RECOMMENDATIONS, HTTP_ACCEPT_LANGUAGE="ko")
    assert_status(korean, 200)
    assert korean.json()["results"][0]["reasons"] == [
        "지게차운전기능사 자격 일치",
        "희망 계열 일치: 제조·생산",
        "통근 3.2km",
    ]
    english = client.get(RECOMMENDATIONS, HTTP_ACCEPT_LANGUAGE="en")
    assert_status(english, 200)
    reasons = english.json()["results"][0]["reasons"]
    assert all(isinstance(text, str) for text in reasons)  # API.md: a list of sentences
    with override("en"):
        assert reasons == [
            gettext("%(certificates)s 자격 일치") % {"certificates": "지게차운전기능사"},
            gettext("희망 계열 일치: %(field)s") % {"field": "Manufacturing"},
            gettext("통근 %(km).1fkm") % {"km": 3.2},
        ]
        if gettext("통근 %(km).1fkm") != "통근 %(km).1fkm":  # once the catalog translates it
            assert not HANGUL.search(reasons[2])
    assert "Manufacturing" in reasons[1]  # the request's language reached the renderer
