"""B6's peers: a bare Celery task and a bare Dramatiq actor, registered via `JOB_MODULES`.

What a user would write instead of our durable jobs: a plain task on the same app, broker,
worker command and settings, with no `JobRun` row. Both run the same body as B6's jobs
(`noop`: nothing; `db`: `bench.touch`'s one upsert through Django's connection). With `sent`
(the producer's wall clock just before publishing) the task pushes its start latency to a
Redis list, after taking its own start time, so the push is outside the figure.

Imported in every process by `WorkersConfig.ready()` (after django_dramatiq has set the broker).
"""

from __future__ import annotations

import time
from typing import Any

import dramatiq
from celery import shared_task
from django.conf import settings

from bench.jobs import touch

LATENCY_KEY = "b6:bare-latency"
DRAMATIQ_QUEUE = "b6bare"

_redis: Any = None


def _record(sent: float, started: float) -> None:
    global _redis
    if _redis is None:
        import redis

        _redis = redis.Redis.from_url(settings.BROKER_URL)
    _redis.rpush(LATENCY_KEY, f"{(started - sent) * 1000:.4f}")


def bare(key: int | None = None, sent: float | None = None) -> None:
    started = time.time()
    if key is not None:
        touch(key)
    if sent is not None:
        _record(sent, started)


@shared_task(name="bench.bare", ignore_result=True)
def bare_celery(key: int | None = None, sent: float | None = None) -> None:
    bare(key, sent)


@dramatiq.actor(actor_name="bench.bare", queue_name=DRAMATIQ_QUEUE, max_retries=0)
def bare_dramatiq(key: int | None = None, sent: float | None = None) -> None:
    bare(key, sent)
