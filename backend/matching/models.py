"""The ordinance policy (지역인재 채용 촉진 정책) as versioned data.

A policy version is never overwritten: each staff edit inserts the next version, so a match run
can always say which rules it applied. Version 1 is `default_policy.yaml`, loaded by a data
migration so that every database has it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrdinancePolicy(models.Model):
    """One version of the policy document (the structure of `default_policy.yaml`)."""

    version = models.PositiveIntegerField(_("버전"), unique=True)
    document = models.JSONField(_("정책 문서"))
    created_at = models.DateTimeField(_("생성 시각"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    note = models.CharField(_("변경 메모"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("조례 정책")
        verbose_name_plural = _("조례 정책")
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="ordinance_policy_version_1")
        ]

    def __str__(self) -> str:
        return f"조례 정책 v{self.version}"
