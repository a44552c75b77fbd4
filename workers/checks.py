"""System checks for the job settings (ids `sjl.E1xx`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def check_job_timing(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """A lease or visibility timeout shorter than the time limit would run a live job twice."""
    errors: list[CheckMessage] = []
    if settings.JOB_LEASE_SECONDS <= settings.JOB_TIME_LIMIT_SECONDS:
        errors.append(
            Error(
                "JOB_LEASE_SECONDS must be longer than JOB_TIME_LIMIT_SECONDS",
                hint="a job still inside its time limit would be taken over by another worker",
                id="sjl.E101",
            )
        )
    if settings.CELERY_VISIBILITY_TIMEOUT_SECONDS <= settings.JOB_TIME_LIMIT_SECONDS:
        errors.append(
            Error(
                "CELERY_VISIBILITY_TIMEOUT_SECONDS must be longer than JOB_TIME_LIMIT_SECONDS",
                hint="Redis would hand a running job's message to a second worker",
                id="sjl.E102",
            )
        )
    if settings.JOB_SOFT_TIME_LIMIT_SECONDS > settings.JOB_TIME_LIMIT_SECONDS:
        errors.append(
            Error(
                "JOB_SOFT_TIME_LIMIT_SECONDS must not exceed JOB_TIME_LIMIT_SECONDS",
                id="sjl.E103",
            )
        )
    return errors
