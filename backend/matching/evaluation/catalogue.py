"""What the evaluation world is made of: reference data, kinds of job, ways people write things.

Pure data and pure functions (no ORM): the reference data is read from the CSVs the taxonomy
migration loads (`backend/taxonomy/data`), so a world can be generated without a database and
is the same wherever it is generated. The kinds of job are the demo's 40 posting templates
(`backend.taxonomy.posting_templates`) plus a few expert openings for retired experts (신중년
전문인력) in fields the demo has none, so that a senior from any common field has expert work
to find.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from backend.taxonomy.loading import DATA_DIR
from backend.taxonomy.normalize import normalize_term
from backend.taxonomy.posting_templates import TEMPLATES, PostingTemplate

EXPERT_MIN_YEARS = 10  # a posting asking this many years of experience is expert work


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class CertificateRef:
    code: str
    name: str
    aliases: tuple[str, ...]
    career_field: str


@dataclass(frozen=True)
class JobKind:
    """A kind of opening: a template with its certificate gate resolved to codes."""

    template: PostingTemplate
    occupation_name: str
    certificate_codes: tuple[str, ...]  # codes of `template.certificates_required`

    @property
    def code(self) -> str:
        return self.template.occupation

    @property
    def career_field(self) -> str:
        return self.template.career_field

    @property
    def expert(self) -> bool:
        return self.template.min_experience_years >= EXPERT_MIN_YEARS


@dataclass(frozen=True, eq=False)
class Reference:
    """Areas (행정동), certificates and the kinds of job, by code."""

    areas: tuple[AreaRef, ...]
    certificates: dict[str, CertificateRef]
    kinds: tuple[JobKind, ...]
    field_names: dict[str, str]

    def kind(self, code: str) -> JobKind:
        return next(k for k in self.kinds if k.code == code)

    def kinds_in(self, field: str) -> tuple[JobKind, ...]:
        return tuple(k for k in self.kinds if k.career_field == field)


T = PostingTemplate

# Expert work for retired experts in the fields where the demo templates have none (the demo
# has safety managers, technical advisers and vocational instructors in manufacturing only).
EXPERT_TEMPLATES: tuple[PostingTemplate, ...] = (
    T(
        "accounting_advisor",
        "business",
        "회계·세무 자문 (주 2일, 은퇴 전문가)",
        "중소기업의 결산과 세무 신고를 점검하고 경리 담당자에게 실무를 지도합니다.",
        ("회계", "세무 신고"),
        ("전표 입력",),
        (),
        "flexible",
        2,
        ("morning", "afternoon"),
        (18000, 26000),
        10,
        ("senior",),
    ),
    T(
        "logistics_mentor",
        "business",
        "물류 현장 멘토 (신중년 전문인력)",
        "물류센터 신입 직원에게 재고 관리와 안전한 상하차 요령을 지도합니다.",
        ("재고 관리", "안전 교육"),
        ("지게차 운전",),
        (),
        "part_time",
        3,
        ("morning",),
        (15000, 20000),
        10,
        ("senior",),
    ),
    T(
        "cooking_instructor",
        "service",
        "조리 실무 강사 (복지관, 신중년 우대)",
        "복지관 조리 교실에서 한식 조리와 위생 관리를 가르칩니다.",
        ("한식 조리", "실무 교육"),
        ("대량 조리",),
        ("한식조리기능사",),
        "contract",
        3,
        ("morning",),
        (16000, 22000),
        10,
        ("senior",),
    ),
    T(
        "care_trainer",
        "health_welfare",
        "요양보호사 교육원 실기 강사",
        "요양보호사 교육원에서 돌봄 실기와 현장 사례를 강의합니다.",
        ("돌봄", "실무 교육"),
        ("문서 작성",),
        ("요양보호사",),
        "part_time",
        3,
        ("afternoon",),
        (17000, 24000),
        10,
        ("senior",),
    ),
    T(
        "it_advisor",
        "it",
        "전산 자문 (스마트공장 도입 기업)",
        "중소 제조기업의 전산과 네트워크 운영을 점검하고 담당자를 지도합니다.",
        ("네트워크", "기술 지도"),
        ("SQL",),
        (),
        "flexible",
        2,
        ("morning", "afternoon"),
        (20000, 28000),
        10,
        ("senior",),
    ),
    T(
        "quality_advisor",
        "natural",
        "품질 관리 자문 (시화공단 협력사)",
        "협력사의 품질 검사 체계를 진단하고 검사원에게 측정과 기록 방법을 지도합니다.",
        ("품질 검사", "기술 지도"),
        ("엑셀",),
        (),
        "flexible",
        2,
        ("morning",),
        (19000, 27000),
        12,
        ("senior",),
    ),
    T(
        "environment_advisor",
        "agri_env",
        "환경 설비 점검 자문 (신중년)",
        "사업장의 폐수 처리 설비를 점검하고 수질 측정 기록을 검토합니다.",
        ("수질 측정", "기술 지도"),
        ("화학 분석",),
        (),
        "contract",
        3,
        ("morning",),
        (16000, 22000),
        10,
        ("senior",),
    ),
    T(
        "youth_mentor",
        "social",
        "청년 취업 현장 멘토 (일자리센터)",
        "청년 구직자에게 직무 경험을 나누고 면접 준비를 돕습니다.",
        ("직업 상담", "멘토링"),
        ("문서 작성",),
        (),
        "flexible",
        2,
        ("afternoon",),
        (15000, 20000),
        10,
        ("senior",),
    ),
)
EXPERT_OCCUPATION_NAMES = {
    "accounting_advisor": "회계 자문",
    "logistics_mentor": "물류 현장 멘토",
    "cooking_instructor": "조리 실무 강사",
    "care_trainer": "요양 실기 강사",
    "it_advisor": "전산 자문",
    "quality_advisor": "품질 관리 자문",
    "environment_advisor": "환경 설비 자문",
    "youth_mentor": "취업 멘토",
}

# How people write a skill when it is not the posting's wording. Some variants still contain
# the posting's word ("지게차" in "지게차운전"), some share no character with it ("Excel").
SKILL_VARIANTS: dict[str, tuple[str, ...]] = {
    "지게차 운전": ("지게차", "포크리프트 운전", "지게차운전"),
    "상하차": ("상하차 작업", "물류 상하차"),
    "재고 관리": ("재고관리", "입출고 관리"),
    "조립": ("조립 작업", "라인 조립"),
    "포장": ("포장 작업", "제품 포장"),
    "CNC 가공": ("CNC", "CNC선반 가공", "선반 가공"),
    "도면 해독": ("도면해독", "도면 보기"),
    "CO2 용접": ("CO2용접", "이산화탄소 용접"),
    "TIG 용접": ("TIG", "알곤 용접"),
    "전기 설비 점검": ("전기설비 점검", "전기 보수"),
    "엑셀": ("Excel", "MS 엑셀", "엑셀 활용"),
    "고객 응대": ("고객응대", "손님 응대", "서비스 응대"),
    "문서 작성": ("문서작성", "한글 문서 작성", "공문서 작성"),
    "전표 입력": ("전표입력", "회계 전표"),
    "파이썬": ("Python", "파이썬 프로그래밍"),
    "자바스크립트": ("JavaScript", "JS"),
    "돌봄": ("어르신 돌봄", "돌봄 서비스"),
    "보육": ("영유아 보육", "아이 돌보기"),
    "한식 조리": ("한식조리", "한식 요리"),
    "위생 관리": ("위생관리", "주방 위생"),
    "커피 추출": ("에스프레소 추출", "커피 제조"),
    "서빙": ("홀 서빙", "서빙 업무"),
    "품질 검사": ("품질검사", "제품 검사"),
    "기술 지도": ("기술지도", "후배 기술 지도"),
    "실무 교육": ("실무교육", "현장 교육"),
    "영업": ("영업 활동", "거래처 영업"),
    "회계": ("회계 업무", "결산"),
    "수질 측정": ("수질측정", "수질 분석"),
    "포토샵": ("Photoshop", "포토샵 편집"),
    "영상 편집": ("영상편집", "유튜브 영상 편집"),
}

ABOUT_OPENERS = (
    "성실하고 책임감 있게 일하겠습니다.",
    "배우는 것을 좋아하고 손이 빠른 편입니다.",
    "사람들과 어울려 일하는 것을 좋아합니다.",
    "꼼꼼하게 맡은 일을 끝내는 편입니다.",
)
BENEFITS = (
    "4대 보험 가입, 중식 제공.",
    "통근버스 운행, 주휴수당 지급.",
    "초보자도 교육 후 배치합니다.",
    "연차 사용 자유, 명절 상여금.",
    "경력 인정, 정규직 전환 가능.",
)
SYNTHETIC_NOTE = "※ 매칭 평가용 합성 데이터입니다."


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def reference_from_files() -> Reference:
    """The reference data as shipped (the rows the taxonomy migration loads), and the kinds of
    job: every demo template and every expert template, with certificates resolved to codes.
    Raises ValueError when a template names a certificate the taxonomy does not know."""
    areas = tuple(
        AreaRef(row["admin_code"], row["name"], float(row["lat"]), float(row["lon"]))
        for row in _rows("siheung_admin_dongs.csv")
    )
    certificates = {
        row["code"]: CertificateRef(
            code=row["code"],
            name=row["name"],
            aliases=tuple(a for a in row["aliases"].split("|") if a.strip()),
            career_field=row["career_field"],
        )
        for row in _rows("certificates.csv")
    }
    by_name = {normalize_term(c.name): c.code for c in certificates.values()}
    occupation_names = {row["code"]: row["name"] for row in _rows("occupations.csv")}
    occupation_names.update(EXPERT_OCCUPATION_NAMES)
    kinds = []
    for template in (*TEMPLATES, *EXPERT_TEMPLATES):
        codes = []
        for name in template.certificates_required:
            if normalize_term(name) not in by_name:
                raise ValueError(f"template {template.occupation}: unknown certificate {name!r}")
            codes.append(by_name[normalize_term(name)])
        kinds.append(
            JobKind(
                template=template,
                occupation_name=occupation_names.get(template.occupation, template.occupation),
                certificate_codes=tuple(codes),
            )
        )
    field_names = {row["code"]: row["name"] for row in _rows("career_fields.csv")}
    return Reference(
        areas=areas, certificates=certificates, kinds=tuple(kinds), field_names=field_names
    )
