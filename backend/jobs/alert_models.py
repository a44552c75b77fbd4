"""Saved searches (저장한 검색) and the postings their alerts mailed (issue 16); re-exported by
`backend.jobs.models`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.validators import reject_resident_number


class AlertFrequency(models.TextChoices):
    """How often a saved search mails what is new."""

    DAILY = "daily", _("매일")
    WEEKLY = "weekly", _("매주")


class SavedSearch(models.Model):
    """A seeker's search of `/jobs/` kept with its parameters (`query`: the search API's
    names, validated by `backend.jobs.saved_searches`), mailed daily or weekly with the
    postings published since its last alert (`backend.jobs.saved_searches.alerts_send`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("구직자"),
    )
    name = models.CharField(_("이름"), max_length=100, validators=[reject_resident_number])
    query = models.JSONField(_("검색 조건"), default=dict, blank=True)
    frequency = models.CharField(
        _("알림 주기"), max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    created_at = models.DateTimeField(_("만든 시각"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 시각"), auto_now=True)
    # The last run of the alert job for this search (mail or not), and the last mail: new
    # postings are those published after `alerted_at` (or after `created_at` before the first).
    checked_at = models.DateTimeField(_("마지막 확인 시각"), null=True, blank=True)
    alerted_at = models.DateTimeField(_("마지막 알림 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("저장한 검색")
        verbose_name_plural = _("저장한 검색")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=AlertFrequency.values),
                name="saved_search_frequency_valid",
            ),
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="saved_search_user")]

    def __str__(self) -> str:
        return self.name


class SavedSearchHit(models.Model):
    """A posting one saved search's alert mailed: the unique pair is what keeps a posting
    from being mailed twice by the same search."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="hits", verbose_name=_("저장한 검색")
    )
    posting = models.ForeignKey(
        "jobs.Posting", on_delete=models.CASCADE, related_name="+", verbose_name=_("채용공고")
    )
    alert_key = models.CharField(_("알림 구분 키"), max_length=64)
    sent_at = models.DateTimeField(_("알린 시각"), auto_now_add=True)

    class Meta:
        verbose_name = _("알린 공고")
        verbose_name_plural = _("알린 공고")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "posting"], name="saved_search_hit_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} → {self.posting_id}"
