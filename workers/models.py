"""`JobRun`: the durable record of one background job, written in the caller's transaction.

The row, not the broker message, is the source of truth: a message only says "look at run
N". A worker claims the row with a conditional UPDATE before running it, so a message
delivered twice, or re-sent by the sweep, runs the job at most once at a time, and a run
whose worker died is taken over only after its lease has expired.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    RUNNING = "running", _("실행 중")
    DONE = "done", _("완료")
    FAILED = "failed", _("실패 (재시도 예정)")
    DEAD = "dead", _("중단 (재시도 소진)")


class JobRun(models.Model):
    """One requested execution of a registered job, with its attempts and outcome."""

    job = models.CharField(_("작업"), max_length=100)
    arguments = models.JSONField(_("인자"), default=dict, blank=True)
    # A caller-chosen key (e.g. "<schedule entry>:<slot>") that makes enqueueing idempotent.
    run_key = models.CharField(_("실행 키"), max_length=200, null=True, blank=True, unique=True)
    engine = models.CharField(_("엔진"), max_length=16)
    status = models.CharField(
        _("상태"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    attempt = models.PositiveIntegerField(_("시도 횟수"), default=0)
    max_attempts = models.PositiveIntegerField(_("최대 시도"))
    created_at = models.DateTimeField(_("생성"), auto_now_add=True)
    sent_at = models.DateTimeField(_("전송"), null=True, blank=True)
    sends = models.PositiveIntegerField(_("전송 횟수"), default=0)
    available_at = models.DateTimeField(_("재시도 가능 시각"), null=True, blank=True)
    started_at = models.DateTimeField(_("시작"), null=True, blank=True)
    lease_expires_at = models.DateTimeField(_("점유 만료"), null=True, blank=True)
    finished_at = models.DateTimeField(_("종료"), null=True, blank=True)
    duration_ms = models.FloatField(_("소요 (ms)"), null=True, blank=True)
    worker = models.CharField(_("작업자"), max_length=200, blank=True)
    error = models.TextField(_("오류"), blank=True)

    class Meta:
        verbose_name = _("작업 실행")
        verbose_name_plural = _("작업 실행")
        indexes = [
            models.Index(fields=["status", "sent_at"], name="jobrun_status_sent"),
            models.Index(fields=["status", "finished_at"], name="jobrun_status_finished"),
            models.Index(fields=["job", "status"], name="jobrun_job_status"),
        ]

    def __str__(self) -> str:
        return f"{self.job} #{self.pk} ({self.status})"
