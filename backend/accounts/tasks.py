"""The accounts app's background jobs, registered in `AccountsConfig.ready()`."""

from __future__ import annotations

from backend.accounts.models import AccessLog
from backend.core.retention import retention_cutoff
from workers.registry import register_job


def purge_access_log() -> dict[str, int]:
    """Delete access-log rows past the retention policy's `access_log` period (2 years,
    개인정보의 안전성 확보조치 기준 §8). Safe to run twice: a second run finds nothing."""
    deleted, _ = AccessLog.objects.filter(at__lt=retention_cutoff("access_log")).delete()
    return {"deleted": deleted}


def register() -> None:
    register_job("purge_access_log", purge_access_log)
