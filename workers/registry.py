"""The one table of job names → functions that every engine runs.

Jobs are plain typed functions taking ids and small JSON values. `workers/jobs.py` registers
the product's jobs; the setting `JOB_MODULES` names extra modules to import (each registers
its own jobs when imported), so that every process — web, Celery worker, Dramatiq worker,
scheduler — sees the same table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

JobFunction = Callable[..., Any]


@dataclass(frozen=True)
class JobSpec:
    """A registered job: its name, function and how many attempts it gets before `dead`."""

    name: str
    function: JobFunction
    max_attempts: int | None = None


_JOBS: dict[str, JobSpec] = {}


class UnknownJobError(LookupError):
    """No job is registered under this name."""


def register_job(name: str, function: JobFunction, *, max_attempts: int | None = None) -> None:
    """Register `function` as job `name`; registering the same pair again is harmless."""
    existing = _JOBS.get(name)
    if existing is not None and existing.function is not function:
        raise ValueError(f"job {name!r} is already registered to {existing.function!r}")
    _JOBS[name] = JobSpec(name=name, function=function, max_attempts=max_attempts)


def get_job(name: str) -> JobSpec:
    """The job registered as `name`, or `UnknownJobError`."""
    load_job_modules()
    try:
        return _JOBS[name]
    except KeyError:
        raise UnknownJobError(f"unknown job {name!r}; known: {', '.join(sorted(_JOBS))}") from None


def job_names() -> list[str]:
    load_job_modules()
    return sorted(_JOBS)


def load_job_modules() -> None:
    """Import `workers.jobs` and the modules in `settings.JOB_MODULES` (idempotent)."""
    importlib.import_module("workers.jobs")
    for module in settings.JOB_MODULES:
        importlib.import_module(module)
