"""Job-domain synonym groups for `search.analysis`, as plain data.

Each group maps every *member* (a surface form) to one *canonical term sequence*. Members are
written as people write them; `search.analysis` compiles each one into term sequences three
ways — Kiwi's analysis of the member as written, of the member with its spaces removed (the
compound as it appears glued in postings: "포크리프트", "지게차운전기능사") and the member split
on spaces (the pieces Kiwi produces when context splits a compound: "생산직" → 생산/직) — so the
table does not depend on how Kiwi happens to segment a compound.

Replace, don't expand: a member is replaced by the canonical sequence, at index time and at
query time alike (the same `analyze`), so "포크리프트" and "지게차" become the same terms on both
sides and an AND match works in both directions. Keeping the original terms as well would
break that: a query "포크리프트" would then also require 포크/리프트 in the posting.

A canonical sequence may start with broader terms ("물류" before "상하차", "돌봄" before
"요양보호사"): a query for the broad word then finds the specific postings, while a query for
the specific word (which requires all of its canonical terms) does not find every posting
that only says the broad word. Where two words are true synonyms, both are members.

Canonical terms are lower-case, without spaces; the canonical sequence is never re-analysed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SynonymGroup:
    name: str  # for tests and reports only
    canonical: tuple[str, ...]  # the terms emitted for every member, in order
    members: tuple[str, ...]  # surface forms (see the module docstring for how they compile)
    # Term sequences matched verbatim: forms Kiwi produces only in some contexts.
    sequences: tuple[tuple[str, ...], ...] = ()


SYNONYM_GROUPS: tuple[SynonymGroup, ...] = (
    SynonymGroup(
        "지게차",
        ("지게차",),
        ("포크리프트", "포크 리프트", "forklift", "fork lift"),
    ),
    SynonymGroup(
        "용접",
        ("용접",),
        ("용접공", "용접 공", "용접사", "용접 사", "웰딩", "welding", "welder"),
    ),
    SynonymGroup(
        "생산직/제조",
        ("생산", "제조", "생산직"),
        (
            "생산직",
            "생산 직",
            "생산직원",
            "생산 직원",
            "생산 사원",
            "제조직",
            "제조 직",
            "제조 사원",
        ),
    ),
    SynonymGroup(
        "물류/상하차",
        ("물류", "상하차"),
        # "하차" alone is not a member: postings say "정왕역 하차 도보 5분".
        ("상하차", "상하 차", "상 하 차"),
    ),
    SynonymGroup(
        "사무보조/사무",
        ("사무", "사무보조"),
        (
            "사무보조",
            "사무 보조",
            "사무보조원",
            "사무 보조원",
            "사무 보조 원",
            "사무 어시스턴트",
            "오피스 어시스턴트",
        ),
    ),
    SynonymGroup(
        "사무직",
        ("사무", "사무직"),
        ("사무직", "사무 직", "사무원", "사무 원", "사무직원", "사무 직원"),
    ),
    SynonymGroup(
        "경리/회계사무",
        ("사무", "경리"),
        (
            "경리",
            "경리사무",
            "경리 사무",
            "경리 사무원",
            "회계사무",
            "회계 사무",
            "회계 사무원",
        ),
    ),
    SynonymGroup(
        "요양보호사/돌봄",
        ("돌봄", "요양", "요양보호사"),
        ("요양보호사", "요양 보호사", "요양 보호 사", "요양보호", "요양 보호"),
    ),
    SynonymGroup(
        "돌봄",
        ("돌봄",),
        ("돌봄",),
        # At the end of a phrase ("아이 돌봄") Kiwi reads 돌봄 as the verb 돌보 + ending ᆷ.
        (("돌보", "\u11b7"),),
    ),
    SynonymGroup(
        "간병/돌봄",
        ("돌봄", "간병"),
        ("간병", "간병인", "간병 인", "간병사"),
    ),
    SynonymGroup(
        "보육/어린이집",
        ("보육", "어린이집", "보육교사"),
        (
            "보육교사",
            "보육 교사",
            "어린이집 교사",
            "어린이집 선생님",
            "보육 선생님",
            "보육 교직원",
        ),
    ),
    SynonymGroup(
        "주방보조/조리보조",
        ("주방", "조리", "주방보조"),
        (
            "주방보조",
            "주방 보조",
            "주방보조원",
            "주방 보조원",
            "주방 도우미",
            "조리보조",
            "조리 보조",
            "조리보조원",
            "조리 보조원",
        ),
    ),
    SynonymGroup(
        "조리사/주방",
        ("주방", "조리", "조리사"),
        ("조리사", "조리 사", "요리사", "요리 사", "셰프", "쉐프", "주방장", "chef", "cook"),
    ),
    SynonymGroup(
        "서빙/홀",
        ("홀", "서빙"),
        ("서빙", "홀서빙", "홀 서빙", "홀서버", "홀 서버", "홀직원", "홀 직원"),
    ),
    SynonymGroup(
        "미용/헤어",
        ("미용", "헤어"),
        ("미용", "헤어", "미용사", "미용 사", "헤어디자이너", "헤어 디자이너", "hair"),
    ),
    SynonymGroup(
        "운전/기사",
        ("운전", "기사"),
        ("운전기사", "운전 기사", "운전원", "운전 원", "드라이버", "driver"),
    ),
    SynonymGroup(
        "배달/라이더",
        ("배달",),
        ("배달 라이더", "배달라이더", "라이더", "딜리버리", "delivery"),
    ),
    SynonymGroup(
        "청소/미화",
        ("청소", "미화"),
        (
            "청소",
            "미화",
            "미화원",
            "미화 원",
            "환경미화원",
            "환경 미화원",
            "청소원",
            "청소 원",
            "청소부",
        ),
    ),
    SynonymGroup(
        "경비/보안요원",
        ("경비",),
        # "보안" alone is not a member: it is also IT security (정보 보안).
        ("경비원", "경비 원", "경비 요원", "보안요원", "보안 요원"),
    ),
    SynonymGroup(
        "아르바이트/알바",
        ("아르바이트",),
        ("알바", "파트타임", "파트 타임", "파트타이머", "part time", "parttime"),
    ),
    SynonymGroup(
        "계산원/캐셔",
        ("계산원",),
        ("캐셔", "계산 원", "cashier"),
    ),
    # Office software as people name it in skills ("Excel", "엑셀", "MS 엑셀"): matching scores
    # skills through this table (`backend.matching.facts.skill_key`), so the forms must meet.
    SynonymGroup(
        "엑셀",
        ("엑셀",),
        ("excel", "ms excel", "ms엑셀", "ms 엑셀", "엑셀", "마이크로소프트 엑셀"),
    ),
)
