"""A synthetic, deterministic corpus of Siheung job postings for the search benchmarks.

Each posting is built from one of the demo templates (`backend.taxonomy.posting_templates`: title,
duties, skills, certificates, career field, employment type, shifts, wage range, cohorts) plus
about 1,500 characters of varied Korean sentences about the work conditions, benefits,
location (the 19 administrative dongs of Siheung, with their centroids), schedule and
requirements. Posting `i` depends only on (`seed`, `i`), so the corpus of n postings is the
first n postings of any larger corpus with the same seed.

Tokenizing is the expensive part (Kiwi, ~200k chars/s on 2 cores), so a corpus is analysed
once (`search.analysis.analyze_many`, title and body as `search.indexing.posting_terms` does)
and cached with its terms outside the repository, in
`/var/tmp/sjl-cache/bench-corpus-<n>-<seed>.jsonl.gz` (`SJL_BENCH_CACHE` moves it). A cached
corpus of n' ≥ n postings with the same seed and `CORPUS_VERSION` serves a request for n.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# A fixed, shared cache outside the repository (the brief: reused across runs and trees).
CACHE_DIR = Path(os.environ.get("SJL_BENCH_CACHE", "/var/tmp/sjl-cache"))  # noqa: S108
CORPUS_VERSION = 1  # bump when the generator changes: old cache files are then ignored
TARGET_CHARS = 1500
TOKENIZE_CHUNK = 2000  # postings per `analyze_many` call while building the cache

EMPLOYER_WORDS = (
    "한빛", "대성", "세진", "동양", "우리", "태양", "새한", "미래", "서해", "시화",
    "정밀", "바다", "청솔", "하나", "금강", "다온", "늘봄", "푸른", "성원", "진흥",
)  # fmt: skip
EMPLOYER_KINDS = (
    "산업", "정밀", "물류", "테크", "전자", "금속", "식품", "케어", "유통", "기공",
    "요양원", "어린이집", "푸드", "화학", "플라스틱", "디자인", "소프트", "의원",
)  # fmt: skip
TITLE_TAGS = ("", "", "", "[급구] ", "[신입 환영] ", "[경력 우대] ", "[주5일] ", "[장기 근무] ")
TITLE_SUFFIXES = ("", "", " 모집", " 채용", " 구인", " (초보 가능)", " (정규직 전환)")

CONDITIONS = (
    "근무 시간은 {start}시부터 {end}시까지이며 휴게 시간 {rest}분이 포함되어 있습니다.",
    "시급은 {wage}원이고 주휴수당과 연장 근로 수당을 법정 기준에 따라 별도로 지급합니다.",
    "급여는 매월 {payday}일에 본인 명의 통장으로 입금되며 급여 명세서를 제공합니다.",
    "수습 기간은 {probation}개월이며 수습 기간에도 급여를 100% 지급합니다.",
    "4대 보험에 가입하며 근로계약서는 첫 출근 전에 작성합니다.",
    "주 {days}일 근무이고 주말 근무는 월 {weekend}회 이내로 조정합니다.",
    "작업장은 냉난방이 되어 여름과 겨울에도 쾌적하게 일할 수 있습니다.",
    "무거운 물건은 리프트와 대차를 사용하여 운반하므로 체력 부담이 크지 않습니다.",
    "입사 후 {training}일 동안 선임 직원과 함께 일하며 업무를 배웁니다.",
    "연장 근무는 사전에 동의를 받아 진행하며 강제로 시키지 않습니다.",
    "작업 공정은 {product} 생산과 관련되어 있으며 표준 작업 지침서가 마련되어 있습니다.",
    "계약 기간은 {months}개월이며 근무 평가에 따라 정규직으로 전환할 수 있습니다.",
    "야간 근무에는 야간 수당이 붙고 야식이 제공됩니다.",
    "안전화와 작업복, 장갑 등 보호구를 회사에서 지급합니다.",
)
BENEFITS = (
    "점심과 저녁 식사를 구내식당에서 무료로 제공합니다.",
    "{station}역과 {dong} 일대를 오가는 통근 버스를 운행합니다.",
    "기숙사를 제공하며 {room}인 1실로 관리비는 회사가 부담합니다.",
    "명절 상여금과 여름 휴가비, 생일 선물을 지급합니다.",
    "장기 근속자에게는 근속 수당과 포상 휴가가 있습니다.",
    "자녀 학자금과 경조사비를 지원하며 사내 동호회 활동비도 드립니다.",
    "건강 검진을 매년 실시하고 독감 예방 접종 비용을 지원합니다.",
    "연차 휴가는 근로기준법에 따라 부여하며 반차 사용도 자유롭습니다.",
    "{certificate} 자격증 취득 시 응시료와 교육비를 지원하고 자격 수당을 드립니다.",
    "주차 공간이 넉넉하여 자가용 출퇴근이 편리합니다.",
    "휴게실에 커피와 간식이 준비되어 있고 샤워실과 탈의실이 있습니다.",
    "우수 사원은 매 분기 포상하며 성과급을 지급합니다.",
    "시흥시 청년 일자리 지원 사업과 연계하여 교통비를 지원받을 수 있습니다.",
)
LOCATIONS = (
    "근무지는 시흥시 {dong}에 있으며 {station}역에서 버스로 {minutes}분 거리입니다.",
    "시화국가산업단지 {block}블록에 위치하고 있어 주변에 협력 업체가 많습니다.",
    "{dong} 행정복지센터 근처이며 마을버스 정류장이 회사 앞에 있습니다.",
    "{dong} 주민이라면 자전거로 출퇴근할 수 있는 거리입니다.",
    "서해안로와 가까워 안산, 인천 방면에서도 출퇴근이 편리합니다.",
    "배곧신도시와 오이도 방면에서 오는 버스 노선이 여러 개 있습니다.",
    "{station}역 {exit}번 출구에서 도보로 {walk}분이면 도착합니다.",
    "시흥 {dong} 물류단지 안에 있으며 대형 화물차 출입이 잦습니다.",
    "목감지구와 장곡동을 지나는 광역 버스를 이용할 수 있습니다.",
    "정왕동 원룸 밀집 지역과 가까워 자취하는 분들이 많이 근무합니다.",
)
SCHEDULES = (
    "근무 형태는 {shift_text}이며 근무표는 한 달 단위로 미리 공지합니다.",
    "월요일부터 금요일까지 근무하고 공휴일은 쉽니다.",
    "2교대 근무이며 주간조와 야간조는 2주마다 바뀝니다.",
    "오전 근무만 가능한 분도 지원할 수 있어 육아와 병행하기 좋습니다.",
    "바쁜 시기인 {season}에는 토요일 특근이 있을 수 있습니다.",
    "출근 시간은 유연하게 조정할 수 있으며 하루 {hours}시간 근무합니다.",
    "방학 기간에만 일하는 단기 근무도 상담 후 가능합니다.",
    "교대 근무자는 교대 시간 10분 전에 인수인계를 합니다.",
    "점심시간은 {lunch}시부터 한 시간이며 오후에 15분 휴식이 있습니다.",
)
REQUIREMENTS = (
    "학력과 나이는 무관하며 성실하게 오래 일할 분을 찾습니다.",
    "경력은 {years}년 이상이면 우대하지만 초보자도 교육 후 배치합니다.",
    "{skill} 경험이 있는 분을 우대합니다.",
    "{certificate} 자격증 소지자는 채용 시 우대합니다.",
    "고등학교 졸업 예정자와 현장 실습생도 지원할 수 있습니다.",
    "경력 단절 여성과 중장년 구직자를 환영합니다.",
    "간단한 한국어 의사소통이 가능한 외국인 근로자도 지원 가능합니다.",
    "컴퓨터 활용 능력과 엑셀 기초가 있으면 좋습니다.",
    "운전면허 {license}종 보통 이상이 필요하며 자차 소지자를 우대합니다.",
    "지원 서류는 이력서와 자기소개서이며 면접은 {interview}회 진행합니다.",
    "서류 합격자에게는 개별적으로 연락드리며 면접 후 {notice}일 안에 결과를 알려 드립니다.",
    "시흥시 거주자와 인근 지역 거주자를 우대합니다.",
)
SECTIONS = (CONDITIONS, BENEFITS, LOCATIONS, SCHEDULES, REQUIREMENTS)
PRODUCTS = (
    "자동차 부품", "반도체 장비 부품", "식품 포장재", "화장품 용기", "금형", "전선",
    "가구", "도금 제품", "의료 기기", "냉동 식품", "플라스틱 사출품", "인쇄 회로 기판",
)  # fmt: skip
STATIONS = ("정왕", "오이도", "시흥시청", "신천", "월곶", "달월", "시흥능곡", "신현", "목감")
SEASONS = ("연말", "명절 전", "여름 성수기", "신학기", "봄철")
SHIFT_TEXT = {
    "morning": "오전 근무",
    "afternoon": "오후 근무",
    "evening": "저녁 근무",
    "night": "야간 근무",
}
FALLBACK_CERTIFICATES = ("지게차운전기능사", "위험물산업기사", "요양보호사", "조리기능사")


@dataclass(frozen=True)
class Dong:
    code: str
    name: str
    lat: float
    lon: float


def siheung_dongs() -> list[Dong]:
    """The administrative dongs of Siheung with their centroids (the taxonomy's CSV)."""
    path = REPO / "backend" / "taxonomy" / "data" / "siheung_admin_dongs.csv"
    with open(path, encoding="utf-8") as handle:
        return [
            Dong(row["admin_code"], row["name"], float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(handle)
        ]


def _templates() -> Sequence[Any]:
    from backend.taxonomy.posting_templates import TEMPLATES

    return TEMPLATES


def _fill(sentence: str, rng: random.Random, values: dict[str, Any]) -> str:
    slots = {
        "start": rng.choice((6, 7, 8, 9, 13, 14, 18, 22)),
        "end": rng.choice((15, 16, 17, 18, 19, 22, 6, 7)),
        "rest": rng.choice((30, 60, 90)),
        "payday": rng.choice((5, 10, 15, 25)),
        "probation": rng.choice((1, 2, 3)),
        "weekend": rng.choice((1, 2)),
        "training": rng.choice((3, 5, 7, 10, 14)),
        "product": rng.choice(PRODUCTS),
        "months": rng.choice((3, 6, 12)),
        "room": rng.choice((2, 3, 4)),
        "station": rng.choice(STATIONS),
        "minutes": rng.randint(5, 30),
        "block": rng.randint(1, 4),
        "exit": rng.randint(1, 4),
        "walk": rng.randint(3, 20),
        "season": rng.choice(SEASONS),
        "hours": rng.choice((4, 5, 6, 8)),
        "lunch": rng.choice((11, 12)),
        "years": rng.choice((1, 2, 3, 5)),
        "license": rng.choice((1, 2)),
        "interview": rng.choice((1, 2)),
        "notice": rng.choice((3, 5, 7)),
        **values,
    }
    return sentence.format(**slots)


def make_posting(seed: int, index: int, dongs: Sequence[Dong] | None = None) -> dict[str, Any]:
    """Posting `index` (0-based) of the corpus `seed`: plain JSON-able data, no terms."""
    rng = random.Random(seed * 1_000_003 + index)
    dongs = dongs or siheung_dongs()
    template = rng.choice(_templates())
    dong = rng.choice(dongs)
    low, high = template.wage
    wage = rng.randrange(low, high + 1, 100)
    skills = [*template.skills_required, *template.skills_preferred]
    certificates = list(template.certificates_required) or [rng.choice(FALLBACK_CERTIFICATES)]
    values = {
        "wage": f"{wage:,}",
        "days": template.days_per_week,
        "dong": dong.name,
        "shift_text": ", ".join(SHIFT_TEXT.get(s, s) for s in template.shifts) or "주간 근무",
        "skill": rng.choice(skills) if skills else "현장 근무",
        "certificate": rng.choice(certificates),
    }
    paragraphs = [template.duties]
    length = len(template.duties)
    while length < TARGET_CHARS:
        section = SECTIONS[len(paragraphs) % len(SECTIONS)]
        sentences = [_fill(s, rng, values) for s in rng.sample(section, 2)]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    employer = f"{rng.choice(EMPLOYER_WORDS)}{rng.choice(EMPLOYER_KINDS)} (가상)"
    title = f"{rng.choice(TITLE_TAGS)}{template.title}{rng.choice(TITLE_SUFFIXES)}"
    return {
        "id": index + 1,
        "title": title,
        "description": "\n".join(paragraphs),
        "employer_name": employer,
        "career_field": template.career_field,
        "occupation": template.occupation,
        "skills": skills,
        "certificates": list(template.certificates_required),
        "employment_type": template.employment_type,
        "days_per_week": template.days_per_week,
        "shifts": list(template.shifts),
        "cohorts_welcome": list(template.cohorts),
        "area_code": dong.code,
        "area_name": dong.name,
        "lat": round(dong.lat + rng.uniform(-0.012, 0.012), 6),
        "lon": round(dong.lon + rng.uniform(-0.015, 0.015), 6),
        "hourly_wage": wage,
        "deadline_days": rng.randint(7, 60),  # from the day the documents are built
        "published_days_ago": rng.randint(0, 90),  # idem: freshness decay stays meaningful
        "min_experience_years": template.min_experience_years,
    }


def body_text(posting: dict[str, Any]) -> str:
    """The text behind `body_terms`, joined as `search.indexing.posting_terms` joins it."""
    return "\n".join(
        [
            posting["description"],
            posting["occupation"],
            *posting["skills"],
            *posting["certificates"],
        ]
    )


def texts_of(postings: Sequence[dict[str, Any]]) -> list[str]:
    """[title0, body0, title1, body1, …]: the texts one `analyze_many` call tokenizes."""
    texts: list[str] = []
    for posting in postings:
        texts.append(posting["title"])
        texts.append(body_text(posting))
    return texts


def with_terms(postings: Sequence[dict[str, Any]], terms: Sequence[Sequence[str]]) -> None:
    """Store the terms of `texts_of(postings)` on the postings (in place)."""
    for index, posting in enumerate(postings):
        posting["title_terms"] = list(terms[2 * index])
        posting["body_terms"] = list(terms[2 * index + 1])


def generate(seed: int, start: int, stop: int) -> list[dict[str, Any]]:
    dongs = siheung_dongs()
    return [make_posting(seed, index, dongs) for index in range(start, stop)]


def cache_path(n: int, seed: int) -> Path:
    return CACHE_DIR / f"bench-corpus-{n}-{seed}.jsonl.gz"


def _usable_cache(n: int, seed: int) -> Path | None:
    """The smallest cache file with at least n postings of this seed and generator version."""
    best: tuple[int, Path] | None = None
    pattern = re.compile(rf"bench-corpus-(\d+)-{seed}\.jsonl\.gz")
    for path in CACHE_DIR.glob(f"bench-corpus-*-{seed}.jsonl.gz"):
        match = pattern.fullmatch(path.name)
        if match is None or int(match.group(1)) < n:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline())
        if header.get("corpus_version") != CORPUS_VERSION or not header.get("complete"):
            continue
        size = int(match.group(1))
        if best is None or size < best[0]:
            best = (size, path)
    return best[1] if best else None


def _read(path: Path, n: int) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        handle.readline()  # header
        for count, line in enumerate(handle):
            if count >= n:
                return
            posting = json.loads(line)
            posting["title_terms"] = [sys.intern(t) for t in posting["title_terms"]]
            posting["body_terms"] = [sys.intern(t) for t in posting["body_terms"]]
            yield posting


def ensure_corpus(
    n: int, seed: int, log: Callable[[str], None] = print
) -> tuple[Path, dict[str, Any]]:
    """The cache file holding at least n tokenized postings of `seed`, built if missing.
    Returns (path, info) where info says whether it was built and how long that took."""
    found = _usable_cache(n, seed)
    if found is not None:
        return found, {"cache": str(found), "built": False}
    from search.analysis import analyze_many, get_analyzer

    get_analyzer()  # Kiwi's load time is not tokenizing time
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = cache_path(n, seed)
    partial = path.with_suffix(".partial")
    started = time.perf_counter()
    chars = 0
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=3) as handle:
        header = {"corpus_version": CORPUS_VERSION, "n": n, "seed": seed, "complete": True}
        handle.write(json.dumps(header) + "\n")
        for start in range(0, n, TOKENIZE_CHUNK):
            postings = generate(seed, start, min(n, start + TOKENIZE_CHUNK))
            texts = texts_of(postings)
            chars += sum(len(text) for text in texts)
            with_terms(postings, analyze_many(texts))
            for posting in postings:
                handle.write(json.dumps(posting, ensure_ascii=False) + "\n")
            done = start + len(postings)
            elapsed = time.perf_counter() - started
            log(f"corpus: {done:,}/{n:,} tokenized ({chars / elapsed:,.0f} chars/s)")
    partial.rename(path)
    elapsed = time.perf_counter() - started
    return path, {
        "cache": str(path),
        "built": True,
        "build_s": elapsed,
        "chars": chars,
        "chars_per_s": chars / elapsed,
    }


def load(n: int, seed: int, log: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """The first n tokenized postings of `seed` (from the cache, built if need be)."""
    path, _ = ensure_corpus(n, seed, log)
    return list(_read(path, n))


def read_chunks(path: Path, n: int, size: int) -> Iterator[list[dict[str, Any]]]:
    """The first n postings of a cache file, `size` at a time."""
    chunk: list[dict[str, Any]] = []
    for posting in _read(path, n):
        chunk.append(posting)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


EMPLOYERS = 300  # synthetic employers the corpus postings are spread over (matching facts)


@dataclass(frozen=True)
class EmployerFacts:
    city_funded: bool
    staff_count: int
    partner: bool


@lru_cache(maxsize=1)
def employer_facts() -> tuple[EmployerFacts, ...]:
    """Employers 1..EMPLOYERS (index 0 unused), fixed whatever the seed: 30% city-funded with
    30–400 staff (so covered by the ordinance), 20% pledged partners, the rest neither."""
    rng = random.Random(20_260_001)
    facts = [EmployerFacts(False, 0, False)]
    for _ in range(EMPLOYERS):
        city_funded = rng.random() < 0.30
        staff = rng.randint(30, 400) if city_funded else rng.choice((5, 8, 15, 25, 40, 60, 120))
        facts.append(EmployerFacts(city_funded, staff, rng.random() < 0.20))
    return tuple(facts)


@lru_cache(maxsize=1)
def _required_skill_counts() -> dict[str, int]:
    """occupation → how many of a template's skills are required (the rest are preferred); the
    corpus stores them as one list, required first, and each template has its own occupation."""
    return {t.occupation: len(t.skills_required) for t in _templates()}


def matching_facts(posting: dict[str, Any]) -> dict[str, Any]:
    """The `PostingDocument` matching facts of a corpus posting (search.documents): skills split
    as their template splits them, the template's certificates and minimum experience, and an
    employer and openings left derived from the posting id (deterministic, corpus unchanged)."""
    skills = posting["skills"]
    required = _required_skill_counts().get(posting["occupation"], (len(skills) + 1) // 2)
    employer_id = 1 + (posting["id"] * 7919) % EMPLOYERS
    employer = employer_facts()[employer_id]
    return {
        "employer_id": employer_id,
        "skills_required": tuple(skills[:required]),
        "skills_preferred": tuple(skills[required:]),
        "certificates_required": tuple(posting["certificates"]),
        "min_experience_years": posting["min_experience_years"],
        "days_per_week": posting["days_per_week"],
        "openings_left": 1 + (posting["id"] * 31) % 7,
        "employer_city_funded": employer.city_funded,
        "employer_staff_count": employer.staff_count,
        "employer_partner": employer.partner,
    }


def document(posting: dict[str, Any], now: datetime.datetime) -> Any:
    """The `PostingDocument` of a tokenized corpus posting (dates relative to `now`), with the
    matching facts of `matching_facts`."""
    from backend.taxonomy.reference import certificate_codes
    from search.analysis import suggest_inputs
    from search.documents import GeoPoint, PostingDocument

    return PostingDocument(
        id=posting["id"],
        version=1,
        title=posting["title"],
        description=posting["description"],
        employer_name=posting["employer_name"],
        title_terms=tuple(posting["title_terms"]),
        body_terms=tuple(posting["body_terms"]),
        career_field=posting["career_field"],
        occupation=posting["occupation"],
        employment_type=posting["employment_type"],
        shifts=tuple(posting["shifts"]),
        cohorts_welcome=tuple(posting["cohorts_welcome"]),
        area_code=posting["area_code"],
        area_name=posting["area_name"],
        location=GeoPoint(posting["lat"], posting["lon"]),
        hourly_wage=posting["hourly_wage"],
        deadline=now.date() + datetime.timedelta(days=posting["deadline_days"]),
        published_at=now - datetime.timedelta(days=posting["published_days_ago"]),
        suggest=suggest_inputs(posting["title"], posting["occupation"]),
        certificate_codes=certificate_codes(posting["certificates"]),
        **matching_facts(posting),
    )
