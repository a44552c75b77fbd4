"""The occupations' Korean names as msgids, so that the catalogs translate them where they are
shown (matching's reasons: "간호조무사 경력 1년" → "Nursing assistant, 1 year"). The names are
data (`data/occupations.csv`); this list only marks them for `makemessages` (a test keeps the two
in step). A name staff add in the admin shows in Korean until the catalogs have it.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

OCCUPATION_NAMES: tuple[str, ...] = (
    gettext_noop("사무보조원"),
    gettext_noop("경리 사무원"),
    gettext_noop("회계 사무원"),
    gettext_noop("영업원"),
    gettext_noop("매장 판매원"),
    gettext_noop("물류 상하차원"),
    gettext_noop("물류 관리원"),
    gettext_noop("지게차 운전원"),
    gettext_noop("생산직 사원"),
    gettext_noop("CNC 가공원"),
    gettext_noop("용접원"),
    gettext_noop("기계 조립원"),
    gettext_noop("금형원"),
    gettext_noop("전기 기사"),
    gettext_noop("전자 부품 조립원"),
    gettext_noop("품질 검사원"),
    gettext_noop("연구 보조원"),
    gettext_noop("생산 관리자"),
    gettext_noop("안전 관리자"),
    gettext_noop("설비 보전원"),
    gettext_noop("자동차 정비원"),
    gettext_noop("소프트웨어 개발자"),
    gettext_noop("웹 개발자"),
    gettext_noop("전산 운영원"),
    gettext_noop("데이터 입력원"),
    gettext_noop("시각 디자이너"),
    gettext_noop("영상 편집원"),
    gettext_noop("콘텐츠 기획자"),
    gettext_noop("조리사"),
    gettext_noop("제과제빵사"),
    gettext_noop("바리스타"),
    gettext_noop("홀 서빙원"),
    gettext_noop("미용사"),
    gettext_noop("호텔 객실 관리원"),
    gettext_noop("요양보호사"),
    gettext_noop("간호조무사"),
    gettext_noop("사회복지사"),
    gettext_noop("보육교사"),
    gettext_noop("방과후 강사"),
    gettext_noop("학원 강사"),
    gettext_noop("직업 상담사"),
    gettext_noop("행정 보조원"),
    gettext_noop("통번역가"),
    gettext_noop("편집원"),
    gettext_noop("조경원"),
    gettext_noop("환경 관리원"),
    gettext_noop("수산물 가공원"),
    gettext_noop("기술 자문 (전문가)"),
    gettext_noop("직업 훈련 강사"),
    gettext_noop("현장 멘토 (전문가)"),
)
