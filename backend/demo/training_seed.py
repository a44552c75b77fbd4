"""Demo training courses (직업훈련 과정) of Siheung's partners, for the training suggestions,
and sessions on the demo's running and finished mentoring requests.

The providers are the kinds of places Siheung's seekers train at (시흥여성새로일하기센터 for
career-break women, 경기도일자리재단, 한국폴리텍대학, the city's 신중년 programmes); the courses,
dates and fees are invented for the demo, marked `is_demo` and with `DEMO_NOTE` — never
real announcements. Dates are relative to the seed's `today`, so the catalogue is always open.
"""

from __future__ import annotations

import datetime
import random

from backend.accounts.models import User
from backend.mentoring.models import MentoringRequest, MentoringSession, RequestStatus
from backend.reports.models import MentoringFact
from backend.training.models import TrainingCourse

DEMO_NOTE = "※ 시연용 가상 과정입니다. 실제 모집 공고가 아닙니다."

# (provider, title, certificates, skills, starts in days, weeks, fee KRW, 내일배움카드, place)
COURSES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], int, int, int, bool, str], ...] = (
    (
        "시흥여성새로일하기센터",
        "전산회계 2급 취득반 (경력단절여성)",
        ("전산회계 2급",),
        ("전표 입력", "회계", "엑셀"),
        12,
        8,
        0,
        False,
        "시흥시 대야동",
    ),
    (
        "시흥여성새로일하기센터",
        "사무행정 실무 (컴퓨터활용능력 2급 대비)",
        ("컴퓨터활용능력 2급",),
        ("엑셀", "문서 작성", "전산 입력"),
        20,
        6,
        0,
        False,
        "시흥시 대야동",
    ),
    (
        "시흥여성새로일하기센터",
        "요양보호사 양성 과정",
        ("요양보호사",),
        ("돌봄", "식사 보조"),
        30,
        10,
        450000,
        True,
        "시흥시 신천동",
    ),
    (
        "한국폴리텍대학 (협력 훈련기관)",
        "지게차운전기능사 단기 취득",
        ("지게차운전기능사",),
        ("지게차 운전", "상하차"),
        7,
        3,
        280000,
        True,
        "시흥시 정왕동",
    ),
    (
        "한국폴리텍대학 (협력 훈련기관)",
        "CNC 선반·밀링 기능사 과정",
        ("컴퓨터응용선반기능사",),
        ("CNC 가공", "도면 해독"),
        25,
        16,
        0,
        True,
        "시흥시 정왕동",
    ),
    (
        "한국폴리텍대학 (협력 훈련기관)",
        "특수용접(CO2·TIG) 실무",
        ("용접기능사",),
        ("CO2 용접", "TIG 용접", "용접"),
        14,
        12,
        0,
        True,
        "시흥시 정왕동",
    ),
    (
        "경기도일자리재단",
        "전기기능사 취득 과정 (시화산단 연계)",
        ("전기기능사",),
        ("전기 설비 점검", "PLC"),
        21,
        12,
        320000,
        True,
        "시흥시 정왕동",
    ),
    (
        "경기도일자리재단",
        "물류 재고관리·ERP 실무",
        (),
        ("재고 관리", "분류", "포장"),
        10,
        4,
        150000,
        True,
        "시흥시 정왕동",
    ),
    (
        "경기도일자리재단",
        "신중년 산업안전 전문가 양성 (산업안전기사 대비)",
        ("산업안전기사",),
        ("위험성 평가", "안전 교육"),
        35,
        10,
        0,
        True,
        "시흥시 장곡동",
    ),
    (
        "시흥시 일자리센터",
        "한식조리기능사 취득반",
        ("한식조리기능사",),
        ("한식 조리", "위생 관리"),
        18,
        8,
        200000,
        True,
        "시흥시 은행동",
    ),
    (
        "시흥시 일자리센터",
        "바리스타·카페 서비스",
        ("바리스타",),
        ("커피 추출", "고객 응대"),
        9,
        4,
        180000,
        True,
        "시흥시 배곧동",
    ),
    (
        "경기도일자리재단",
        "생산 조립·품질검사 기초 (시화산단 연계)",
        (),
        ("부품 조립", "육안 검사", "품질 검사", "검사 기록"),
        15,
        4,
        0,
        True,
        "시흥시 정왕동",
    ),
    (
        "시흥여성새로일하기센터",
        "고객상담·콜센터 실무",
        (),
        ("전화 응대", "고객 응대", "고객 관리"),
        24,
        5,
        0,
        False,
        "시흥시 대야동",
    ),
    (
        "경기도일자리재단",
        "디지털 디자인 기초 (웹디자인기능사 대비)",
        ("웹디자인기능사",),
        ("포토샵", "일러스트레이터", "HTML"),
        28,
        12,
        0,
        True,
        "시흥시 배곧동",
    ),
)


def seed_training(*, today: datetime.date, staff: User) -> int:
    """Create the demo catalogue; returns how many courses."""
    rows = []
    for provider, title, certificates, skills, start, weeks, fee, card, place in COURSES:
        starts_on = today + datetime.timedelta(days=start)
        rows.append(
            TrainingCourse(
                provider=provider,
                title=title,
                description=DEMO_NOTE,
                certificates=list(certificates),
                skills=list(skills),
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(weeks=weeks),
                cost_krw=fee,
                naeil_card=card,
                place=place,
                is_demo=True,
                created_by=staff,
            )
        )
    TrainingCourse.objects.bulk_create(rows)
    return len(rows)


SESSION_TOPICS = ("이력서 고치기", "면접 연습", "전공 선택", "자격증 공부 계획", "현장 이야기")


def seed_sessions(*, rng: random.Random, today: datetime.date) -> int:
    """One to three sessions on each accepted or completed demo request, held today (the demo
    requests are made today), and their counts on the statistical facts (which the backfill
    wrote before sessions existed)."""
    sessions = []
    totals: dict[int, tuple[int, int]] = {}
    requests = MentoringRequest.objects.filter(
        status__in=(RequestStatus.ACCEPTED, RequestStatus.COMPLETED), mentor__isnull=False
    ).select_related("mentor")
    for request in requests.order_by("pk"):
        for _ in range(rng.randint(1, 3)):
            minutes = rng.choice((30, 45, 60, 90))
            sessions.append(
                MentoringSession(
                    request=request,
                    recorded_by_id=rng.choice((request.seeker_id, request.mentor.user_id)),  # type: ignore[union-attr]
                    held_on=today,
                    minutes=minutes,
                    topic=rng.choice(SESSION_TOPICS),
                )
            )
            count, total = totals.get(request.pk, (0, 0))
            totals[request.pk] = (count + 1, total + minutes)
    MentoringSession.objects.bulk_create(sessions)
    for request_id, (count, total) in totals.items():
        MentoringFact.objects.filter(mentoring_request_id=request_id).update(
            sessions=count, session_minutes=total
        )
    return len(sessions)
