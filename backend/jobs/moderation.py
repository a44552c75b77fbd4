"""Moderation of published postings (게시 후 검토): revisions of open postings waiting for
staff, and reports (신고) of postings by anyone.

Models of the jobs app, in their own module to keep `models.py` one idea; `models.py`
imports them, so Django finds them there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.core.validators import reject_resident_number
from backend.jobs.models import Posting


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("검토 대기")
    APPROVED = "approved", _("승인됨")
    REJECTED = "rejected", _("반려됨")
    CANCELLED = "cancelled", _("취소됨")


class PostingRevision(models.Model):
    """A material edit of an open posting, waiting for staff (`pending_revision`).

    The posting row stays the approved version — search, recommendations, applications and
    its public page read only that — and `proposed` holds the edited fields in their API form
    (`area` and `career_field` as codes, `location` as `{lat, lon}` or null), only those that
    differ from the approved version. At most one revision per posting is pending: a further
    edit merges into it, and an edit back to the approved values cancels it. Staff approve it
    (the fields are written onto the posting, which is re-indexed) or reject it with a reason
    (the approved version stays). Rows are kept as the record of what was asked and decided.
    """

    posting = models.ForeignKey(
        Posting, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("채용공고")
    )
    proposed = models.JSONField(_("수정 제안 내용"), default=dict)
    status = models.CharField(
        _("상태"), max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    created_at = models.DateTimeField(_("제안 시각"), default=timezone.now)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("검토한 담당자"),
    )
    reviewed_at = models.DateTimeField(_("검토 시각"), null=True, blank=True)
    rejection_reason = models.TextField(
        _("반려 사유"), blank=True, validators=[reject_resident_number]
    )

    class Meta:
        verbose_name = _("공고 수정 제안")
        verbose_name_plural = _("공고 수정 제안")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["posting"],
                condition=Q(status="pending"),
                name="posting_one_pending_revision",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RevisionStatus.values), name="posting_revision_status"
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="posting_revision_queue")]

    def __str__(self) -> str:
        return f"#{self.posting_id} ({self.status})"


class ReportReason(models.TextChoices):
    """Why someone reports a posting (신고 사유)."""

    SCAM = "scam", _("사기·금전 요구 (보증금, 신분증·통장 사본 요구 등)")
    FALSE_INFO = "false_info", _("거짓 정보 (기업, 임금, 근무 조건이 다름)")
    ILLEGAL = "illegal", _("불법·차별 (최저임금 미달, 나이·성별 차별 등)")
    IMPERSONATION = "impersonation", _("기관 사칭 (시청, 공공기관인 척)")
    OTHER = "other", _("기타")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("처리 대기")
    DISMISSED = "dismissed", _("문제 없음")
    ACTED = "acted", _("조치함 (공고 마감)")


class PostingReport(models.Model):
    """A report of a published posting by anyone (signed in or not): the reason chosen, the
    reporter's words, and staff's decision. Anonymous reports keep no account and no IP
    address; the rate limit counts them in the cache, not here."""

    posting = models.ForeignKey(
        Posting, on_delete=models.CASCADE, related_name="reports", verbose_name=_("채용공고")
    )
    reason = models.CharField(_("신고 사유"), max_length=32, choices=ReportReason.choices)
    text = models.TextField(_("신고 내용"), blank=True, validators=[reject_resident_number])
    # The reporter, when signed in (SET_NULL: a deleted account's reports stay the record).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("신고한 사용자"),
    )
    status = models.CharField(
        _("처리 상태"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("신고 시각"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("처리한 담당자"),
    )
    decided_at = models.DateTimeField(_("처리 시각"), null=True, blank=True)
    decision_note = models.TextField(
        _("처리 메모"), blank=True, validators=[reject_resident_number]
    )

    class Meta:
        verbose_name = _("공고 신고")
        verbose_name_plural = _("공고 신고")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=ReportReason.values), name="posting_report_reason"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="posting_report_status"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="posting_report_queue")]

    def __str__(self) -> str:
        return f"#{self.posting_id} {self.reason} ({self.status})"
