"""Plain words for what the employer console shows: posting and checkpoint statuses, what
each status means for the employer, and the review flags' checks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

POSTING_STATUS_ORDER = ("draft", "pending", "open", "closed", "filled", "expired")
POSTING_STATUS = {
    "draft": _("작성 중"),
    "pending": _("시 담당자 검토 중"),
    "open": _("모집 중"),
    "closed": _("마감"),
    "filled": _("채용 완료"),
    "expired": _("기한 지남"),
}
POSTING_STATUS_MEANING = {
    "draft": _("아직 구직자에게 보이지 않아요. 다 쓰면 검토를 요청해 주세요."),
    "pending": _("시 담당자가 조례에 맞는지 보고 있어요. 승인되면 바로 게시돼요."),
    "open": _("구직자가 보고 지원할 수 있어요."),
    "closed": _("지원을 더 받지 않아요. 지원자 채용은 계속할 수 있어요."),
    "filled": _("뽑으려던 인원을 모두 채용했어요."),
    "expired": _("마감일이 지나 자동으로 닫혔어요. 지원자 채용은 계속할 수 있어요."),
}

CHECKPOINT_STATUS = {
    "pending": _("아직 확인 전"),
    "retained": _("일하고 있어요"),
    "left": _("그만뒀어요"),
}

# The ordinance posting checks (the policy's codes) in words an employer can act on; a code
# not listed shows the clause the policy names.
FLAG_CHECKS = {
    "separate_job_group": (
        _("고졸 채용자를 따로 떼어 낮은 직군으로 뽑는 것처럼 읽혀요."),
        _("모든 채용자가 같은 직군·직급으로 일한다면 그 표현을 지우거나 고쳐 주세요."),
    ),
    "cohort_exclusion": (
        _("학력·나이·경력단절을 이유로 지원을 막는 것처럼 읽혀요."),
        _(
            "일에 꼭 필요한 조건이 아니면 지워 주세요. 꼭 필요하면 '직무상', '법령에 따라'처럼 "
            "그 이유를 공고에 적어 주세요."
        ),
    ),
}
