"""The transactional outbox between the database and the search backend.

A write to a posting or profile adds an `OutboxEvent` in the same transaction, so the event
exists exactly when the write does. The sync job (`workers.jobs.sync_search`) claims pending
events, re-reads the rows as they are now, and indexes or removes them. Because the event only
says "entity N changed", replaying it, duplicating it or running it out of order ends in the
same index state; the row's `version` keeps an older document from replacing a newer one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entity(models.TextChoices):
    POSTING = "posting", _("채용 공고")
    PROFILE = "profile", _("구직자 프로필")


class OutboxEvent(models.Model):
    entity = models.CharField(_("대상"), max_length=16, choices=Entity.choices)
    entity_id = models.BigIntegerField(_("대상 ID"))
    version = models.PositiveIntegerField(_("버전"), default=0)
    created_at = models.DateTimeField(_("생성"), auto_now_add=True)
    processed_at = models.DateTimeField(_("처리"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("시도"), default=0)
    last_error = models.TextField(_("마지막 오류"), blank=True)
    # After a failed push the row backs off (`search.indexing.outbox_backoff`): the sync skips
    # it until then, so a row the backend keeps refusing does not hold up the rest.
    available_at = models.DateTimeField(_("재시도 가능 시각"), null=True, blank=True)

    class Meta:
        verbose_name = _("검색 동기화 이벤트")
        verbose_name_plural = _("검색 동기화 이벤트")
        indexes = [
            models.Index(
                fields=["id"],
                name="outbox_pending",
                condition=models.Q(processed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.entity}:{self.entity_id} v{self.version}"
