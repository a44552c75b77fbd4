"""The one table of job names → functions that every engine runs.

Jobs are plain typed functions taking ids and small JSON values. Each app declares its jobs
where it lives (`backend/jobs/tasks.py`, `search/tasks.py`, `backend/matching/tasks.py`) and
registers them in its `AppConfig.ready()`; `workers.jobs` holds the machinery's own jobs
(registered by `WorkersConfig.ready()`). Every process — web, Celery worker, Dramatiq worker,
scheduler — sets Django up before it runs a job, so every process sees the same table, and
`workers` never imports an app. The setting `JOB_MODULES` names extra modules (test and
benchmark jobs) that `WorkersConfig.ready()` imports once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    try:
        return _JOBS[name]
    except KeyError:
        raise UnknownJobError(f"unknown job {name!r}; known: {', '.join(sorted(_JOBS))}") from None


def job_names() -> list[str]:
    return sorted(_JOBS)
