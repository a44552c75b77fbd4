"""B8's store step on PostgreSQL: the match run service's `assignment_store` writing one
`Assignment` row per seeker of the graph (assigned with score and reasons, or unassigned with
its reason), as `kind=assign` runs do.

Setup (untimed): a fresh database `sjl_bench_assign` on the server of DATABASE_URL, migrated;
one user + seeker profile per graph seeker and one posting per graph posting (under a few
employers), with primary keys = graph id + 1; a `MatchRun`; and, as the run holds them, one
scored `Match` (with reasons) per candidate edge. The database is dropped by `close()`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from backend.matching import reasons as why
from backend.matching.assignment import AssignmentProblem, AssignmentResult, Edge

REPO = Path(__file__).resolve().parent.parent
BENCH_DB = "sjl_bench_assign"
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret",
    "FIELD_ENCRYPTION_KEY": "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE=",  # Fernet
    "EMAIL_URL": "memorymail://",
    "ALLOWED_HOSTS": "localhost",
    "WORKER_ENGINE": "inline",
    "MATCHING_REFRESH_ON_CHANGE": "false",
}
REASONS = (
    why.field_wanted("engineering", "공학·제조"),
    why.commute(3.2),
    why.schedule(5, "full_time", ["morning"]),
)


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{path}"))


def _admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


class DatabaseStore:
    """`store(result)` for `bench/b8_assignment.main`; call `close()` at the end."""

    __qualname__ = "DatabaseStore (runs.assignment_store on PostgreSQL)"

    def __init__(self, problem: AssignmentProblem, log: Callable[[str], None] = print) -> None:
        # The server's URL as given (a second scenario finds DATABASE_URL pointing at ours).
        admin_url = os.environ.setdefault(
            "SJL_B8_ADMIN_DATABASE_URL", os.environ.get("DATABASE_URL", "")
        )
        if not admin_url.startswith("postgres"):
            raise SystemExit("b8 --store db: needs DATABASE_URL=postgres://… (. var/servers/env)")
        self.admin_url = admin_url
        os.environ.update(BENCH_ENV)
        os.environ["DATABASE_URL"] = _with_path(admin_url, BENCH_DB)
        _admin(
            admin_url,
            f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
            f'CREATE DATABASE "{BENCH_DB}"',
        )
        log(f"b8: database {BENCH_DB} created; migrating …")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=dict(os.environ),
            check=True,
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        log("b8: rows for the graph's seekers and postings …")
        self._rows(problem)

    def _rows(self, problem: AssignmentProblem) -> None:
        from backend.accounts.models import Role, User
        from backend.employers.models import Employer
        from backend.jobs.models import Posting, PostingStatus
        from backend.matching.models import MatchRun
        from backend.matching.scoring import Match
        from backend.seekers.models import SeekerProfile
        from backend.taxonomy.models import Area, CareerField

        area = Area.objects.order_by("code").first()
        field = CareerField.objects.order_by("code").first()
        assert area is not None
        assert field is not None
        employer = Employer.objects.create(
            name="벤치 기업 (가상)", business_number="1234567891", area=area
        )
        today = dt.date.today()
        seeker_ids = sorted({e.seeker_id for e in problem.edges} | problem.seeker_ids)
        users = [
            User(pk=i + 1, email=f"b8-{i}@bench.example", role=Role.SEEKER) for i in seeker_ids
        ]
        for user in users:
            user.set_unusable_password()
        User.objects.bulk_create(users, batch_size=5000)
        SeekerProfile.objects.bulk_create(
            [
                SeekerProfile(
                    pk=i + 1,
                    user_id=i + 1,
                    cohort="graduate",
                    school_name="벤치고등학교",
                    graduation_year=today.year,
                    area=area,
                )
                for i in seeker_ids
            ],
            batch_size=5000,
        )
        Posting.objects.bulk_create(
            [
                Posting(
                    pk=p + 1,
                    employer=employer,
                    title=f"벤치 공고 {p}",
                    description="벤치마크용 가상 공고",
                    career_field=field,
                    employment_type="full_time",
                    days_per_week=5,
                    hourly_wage=11000,
                    area=area,
                    openings=max(1, c),
                    deadline=today + dt.timedelta(days=30),
                    status=PostingStatus.DRAFT,
                )
                for p, c in problem.capacities.items()
            ],
            batch_size=5000,
        )
        self.run = MatchRun.objects.create(kind="assign", policy_version=1, as_of=today)
        self.profiles = list(SeekerProfile.objects.only("pk").order_by("pk"))
        # What the run holds: the candidates of each seeker, scored with their reasons.
        self.found: dict[int, list[Any]] = {}
        for edge in problem.edges:
            self.found.setdefault(edge.seeker_id + 1, []).append(
                Match(edge.seeker_id + 1, edge.posting_id + 1, edge.score, {}, REASONS)
            )

    def __call__(self, result: AssignmentResult) -> None:
        from backend.matching.runs import assignment_store

        shifted = replace(
            result,
            pairs=tuple(Edge(e.seeker_id + 1, e.posting_id + 1, e.score) for e in result.pairs),
            unassigned={s + 1: code for s, code in result.unassigned.items()},
        )
        assignment_store(self.run, self.profiles, self.found, shifted)

    def close(self) -> None:
        from django.db import connections

        connections.close_all()
        _admin(self.admin_url, f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
