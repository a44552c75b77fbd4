"""Korean analysis: terms, synonyms, highlighting, typeahead inputs. No database needed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from search.analysis import analyze, analyze_many, get_analyzer, highlight, suggest_inputs
from search.synonyms import SYNONYM_GROUPS
from tests.conftest import REPO

PARTICLES_AND_ENDINGS = {"를", "을", "이", "가", "는", "은", "에", "ᆸ니다", "니다", "습니다"}


def finds(query: str, document: str) -> bool:
    """Whether a query matches a document when every query term must occur (AND)."""
    return set(analyze(query)) <= set(analyze(document))


# --- terms -------------------------------------------------------------------------------


def test_query_finds_the_certificate_compound() -> None:
    query, document = analyze("지게차 운전"), analyze("지게차운전기능사 우대")
    assert query
    assert set(query) & set(document) == set(query)


def test_stems_kept_particles_and_endings_dropped() -> None:
    terms = analyze("바리스타를 구합니다")
    assert "바리스타" in terms
    assert "구하" in terms
    assert not set(terms) & PARTICLES_AND_ENDINGS


def test_latin_lower_cased_and_numbers_kept() -> None:
    assert "python" in analyze("Python 개발자")
    assert "3" in analyze("주 3일")
    assert analyze("ＰＹＴＨＯＮ") == ("python",)  # NFKC first: fullwidth Latin


def test_order_and_duplicates_kept() -> None:
    assert analyze("용접 경력자, 용접 자격증") == ("용접", "경력자", "용접", "자격증")


def test_punctuation_symbols_contacts_dropped() -> None:
    terms = analyze("문의: 031-123-4567, hr@example.co.kr ★☆ 😀 http://example.com")
    assert terms == ("문의",)


def test_empty_and_blank_text() -> None:
    assert analyze("") == ()
    assert analyze("  \n\t ") == ()
    assert analyze_many([]) == []


def test_analyze_many_equals_analyze() -> None:
    texts = ["지게차 운전", "", "바리스타를 구합니다", "포크리프트 경험자", "Python 개발자"] * 5
    assert analyze_many(texts) == [analyze(text) for text in texts]
    assert analyze_many(["요양보호사"]) == [analyze("요양보호사")]


# --- synonyms ----------------------------------------------------------------------------


def test_forklift_and_jigecha_normalize_to_the_same_terms() -> None:
    assert analyze("포크리프트") == analyze("지게차") == ("지게차",)
    assert finds("포크리프트", "지게차 운전 가능자")
    assert finds("지게차", "포크리프트 경험자 우대")


# (query, posting): the query must find the posting. One or more rows per domain pair.
FINDS = [
    ("포크리프트", "지게차 운전"),
    ("지게차", "포크리프트 운전원"),
    ("용접", "용접공 모집"),
    ("용접사", "CO2 용접 가능자"),
    ("생산직", "[급구] 생산직 사원 모집"),
    ("생산직", "제조직 사원"),
    ("제조", "시화공단 생산직"),
    ("상하차", "택배 상·하차 아르바이트"),
    ("물류", "택배 상하차"),
    ("사무", "사무보조원 모집"),
    ("사무보조", "사무 보조 업무"),
    ("경리", "회계사무 경력자"),
    ("회계 사무", "경리 구함"),
    ("돌봄", "요양보호사 구함"),
    ("요양보호사", "요양 보호사를 모십니다"),
    ("돌봄", "아이 돌봄"),
    ("돌봄", "간병인 모집"),
    ("어린이집", "보육교사 채용"),
    ("보육교사", "어린이집 선생님 구함"),
    ("주방보조", "조리보조원"),
    ("주방", "조리사 모집"),
    ("조리", "주방보조 알바"),
    ("서빙", "홀서빙 직원"),
    ("홀서빙", "서빙 아르바이트"),
    ("헤어", "미용사 모집"),
    ("미용", "헤어디자이너"),
    ("운전기사", "드라이버 모집"),
    ("기사", "운전기사"),
    ("배달", "라이더 모집"),
    ("미화원", "건물 청소"),
    ("경비원", "보안요원 모집"),
    ("알바", "아르바이트"),
    ("캐셔", "편의점 계산원"),
]


@pytest.mark.parametrize(("query", "document"), FINDS)
def test_synonym_pairs(query: str, document: str) -> None:
    assert finds(query, document), (analyze(query), analyze(document))


# The specific word does not find every posting of the broad one, and ambiguous words stay out.
NOT_FINDS = [
    ("요양보호사", "아이 돌봄"),
    ("상하차", "정왕역 하차 도보 5분"),
    ("경비", "정보 보안 담당자"),
    ("생산직", "생산 관리"),
]


@pytest.mark.parametrize(("query", "document"), NOT_FINDS)
def test_synonyms_stay_narrow(query: str, document: str) -> None:
    assert not finds(query, document), (analyze(query), analyze(document))


@pytest.mark.parametrize("group", SYNONYM_GROUPS, ids=lambda group: group.name)
def test_every_member_analyzes_to_its_canonical_terms(group) -> None:
    for member in group.members:
        assert analyze(member) == group.canonical, member


def test_no_member_sequence_belongs_to_two_groups() -> None:
    analyzer = get_analyzer()
    owner: dict[tuple[str, ...], str] = {}
    for group in SYNONYM_GROUPS:
        sequences = {seq for member in group.members for seq in analyzer.member_sequences(member)}
        for sequence in sequences | set(group.sequences):
            assert owner.setdefault(sequence, group.name) == group.name, sequence


def test_canonical_terms_are_clean() -> None:
    assert 10 <= len(SYNONYM_GROUPS) <= 25
    for group in SYNONYM_GROUPS:
        assert group.canonical
        assert all(term and term == term.lower() and " " not in term for term in group.canonical)


# --- highlight ---------------------------------------------------------------------------


def test_highlight_marks_the_matched_span() -> None:
    assert highlight("지게차 가능자 우대", analyze("지게차")) == ["<mark>지게차</mark> 가능자 우대"]
    # Particles are not marked: the mark ends where the noun ends.
    assert highlight("바리스타를 구합니다", ["바리스타"]) == ["<mark>바리스타</mark>를 구합니다"]


def test_highlight_marks_synonyms_on_the_original_text() -> None:
    assert highlight("포크리프트 경험자", analyze("지게차")) == ["<mark>포크리프트</mark> 경험자"]
    # NFKC changed the text: the mark still lands on the original characters.
    assert highlight("ＰＹＴＨＯＮ 개발자", analyze("python")) == [
        "<mark>ＰＹＴＨＯＮ</mark> 개발자"
    ]


def test_highlight_escapes_the_original() -> None:
    snippets = highlight('<script>alert("x")</script> 지게차 & 용접', ["지게차"])
    assert snippets == [
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>지게차</mark> &amp; 용접"
    ]
    assert "<script>" not in snippets[0]


def test_highlight_merges_adjacent_marks() -> None:
    terms = analyze("지게차 운전")
    assert highlight("지게차운전기능사 우대", terms) == ["<mark>지게차운전</mark>기능사 우대"]
    assert highlight("지게차 운전 가능자", terms) == ["<mark>지게차 운전</mark> 가능자"]


def test_highlight_nothing_matches() -> None:
    assert highlight("바리스타를 구합니다", ["지게차"]) == []
    assert highlight("바리스타를 구합니다", []) == []
    assert highlight("", ["지게차"]) == []


def test_highlight_snippets_around_the_first_matches() -> None:
    filler = "근무 조건은 면접 시 협의합니다. " * 6
    text = "".join(f"{filler}지게차 {index}번 " for index in range(6))
    snippets = highlight(text, ["지게차"], max_snippets=3, width=40)
    assert len(snippets) == 3
    for index, snippet in enumerate(snippets):
        assert snippet.startswith("…")
        assert snippet.endswith("…")
        assert snippet.count("<mark>지게차</mark>") == 1
        assert f"{index}번" in snippet
        assert len(snippet) < 40 + 40  # about `width`, plus markup and ellipses
    assert highlight(text, ["지게차"], max_snippets=0) == []


def test_highlight_snippet_collapses_whitespace() -> None:
    assert highlight("용접\n\n  가능자", ["용접"]) == ["<mark>용접</mark> 가능자"]


# --- typeahead ---------------------------------------------------------------------------


def test_suggest_inputs() -> None:
    assert suggest_inputs("[급구] 생산직 사원 모집", "생산직") == (
        "[급구] 생산직 사원 모집",
        "생산직",
        "생산직 사원 모집",
    )
    assert suggest_inputs("【시흥】(급구) 지게차 기사", "지게차 운전원") == (
        "【시흥】(급구) 지게차 기사",
        "지게차 운전원",
        "지게차 기사",
    )
    assert suggest_inputs("바리스타", "바리스타") == ("바리스타",)
    assert suggest_inputs("  ", "") == ()


# --- loading -----------------------------------------------------------------------------


def test_analyzer_is_created_once() -> None:
    assert get_analyzer() is get_analyzer()
    assert get_analyzer().kiwi is get_analyzer().kiwi


def test_analyzer_is_not_created_at_import() -> None:
    code = (
        "import sys, search.analysis as a\n"
        "assert a._analyzer is None\n"
        "assert 'kiwipiepy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


# --- properties --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
@example("")
@example("😀👍🏽\u200d🔥 \x00\x01\x1b[0m")
@example("ㅋㅋㅋ ㄱㅏ ﾡ 각\u0301 ᄀ\u1161\u11a8")
@example("ℍ𝕖𝕝𝕝𝕠 ①② ㈜ ㎏ ﬁ İstanbul ẞ")
@example("지게\u200b차 a\u200bb \ufeff\u00ad")
def test_analyze_never_raises_and_terms_are_clean(text: str) -> None:
    terms = analyze(text)
    assert isinstance(terms, tuple)
    for term in terms:
        assert isinstance(term, str)
        assert term
        assert term == term.lower()
        assert not any(char.isspace() for char in term)
    # Highlighting the text's own terms never raises and never lets markup through.
    for snippet in highlight(text, terms):
        assert "<mark>" in snippet
        assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")
