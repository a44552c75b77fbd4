"""The harness of the web benchmarks (B4 list API, W1 web under load).

`WebSite(...)`: a scratch database `sjl_bench_web` on the PostgreSQL server of DATABASE_URL
(created, migrated, dropped by `close()`), filled by `seed_demo` (the demo's people, postings,
applications; indexed into Elasticsearch under the prefix `benchweb-<pid>`, dropped at the end)
plus bulk postings up to `postings` rows; signed-in sessions made for the demo's staff and
graduate seeker. `site.serve()` runs gunicorn -w 2 (sync workers, loopback, a free port) with
`bench.web_settings` (the project's settings + the peer view of B4), DEBUG off, throttles
raised by env (API_THROTTLE_*=1000000/min); it is stopped (SIGTERM, then SIGKILL to its
process group) when the context ends, also on errors. `keep_db=True` (--keep-db) keeps the
database and its index (prefix `benchweb-kept`) at the end and reuses them on the next run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
BENCH_DB = "sjl_bench_web"
THROTTLES = ("ANON", "SEARCH", "SEEKER", "EMPLOYER", "MENTOR", "STAFF")
BENCH_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret",
    "FIELD_ENCRYPTION_KEY": "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE=",  # Fernet
    "EMAIL_URL": "memorymail://",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "WORKER_ENGINE": "inline",
    "MATCHING_REFRESH_ON_CHANGE": "false",
    "SEARCH_BACKEND": "elasticsearch",
    "ELASTICSEARCH_TIMEOUT": "30",
    # The staff session of B4 has no second factor (same for both sides: one setting read).
    "STAFF_MFA_REQUIRED": "false",
    **{f"API_THROTTLE_{name}": "1000000/min" for name in THROTTLES},
}


def _with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{path}"))


def _admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _http(base: str, method: str, path: str, timeout: float) -> int:
    """Status of one request to `base` (http://host:port), no body read beyond the answer."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebSite:
    def __init__(self, postings: int, log: Any = print, keep_db: bool = False) -> None:
        admin_url = os.environ.get("DATABASE_URL", "")
        es_url = os.environ.get("ELASTICSEARCH_URL", "")
        if not admin_url.startswith("postgres") or not es_url:
            raise SystemExit(
                "needs DATABASE_URL=postgres://… and ELASTICSEARCH_URL=… (. var/servers/env)"
            )
        self.admin_url, self.log, self.keep_db = admin_url, log, keep_db
        self.env = dict(os.environ)
        self.env.update(BENCH_ENV)
        self.env.update(
            DATABASE_URL=_with_path(admin_url, BENCH_DB),
            SEARCH_INDEX_PREFIX="benchweb-kept" if keep_db else f"benchweb-{os.getpid()}",
            VAR_DIR=str(REPO / "var" / "bench" / "web"),
            DJANGO_SETTINGS_MODULE="bench.web_settings",
        )
        Path(self.env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        os.environ.update(self.env)
        if not (keep_db and self._kept()):
            self._create()
        import django

        django.setup()
        self.rows = self._fill(postings)
        self.cookies = {
            "staff": self._session("staff@demo.example"),
            "seeker": self._session("graduate@demo.example"),
        }

    def _kept(self) -> bool:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            found = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (BENCH_DB,)
            ).fetchone()
        return found is not None

    def _create(self) -> None:
        _admin(
            self.admin_url,
            f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)',
            f'CREATE DATABASE "{BENCH_DB}"',
        )
        self.log(f"web bench: database {BENCH_DB}: migrate, seed_demo …")
        for command in (["migrate", "--no-input", "-v", "0"], ["seed_demo", "-v", "0"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=REPO,
                env=self.env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=REPO,
            env=self.env,
            check=True,
        )

    def _fill(self, target: int) -> int:
        """Bulk postings (not indexed: B4 lists rows) up to `target` rows in all."""
        from backend.employers.models import Employer
        from backend.jobs.models import Posting, PostingStatus

        have = Posting.objects.count()
        employers = list(Employer.objects.order_by("id"))
        template = Posting.objects.order_by("id").first()
        assert template is not None
        assert employers
        today = dt.date.today()
        now = dt.datetime.now(dt.UTC)
        statuses = [PostingStatus.OPEN, PostingStatus.PENDING, PostingStatus.CLOSED]
        Posting.objects.bulk_create(
            [
                Posting(
                    employer=employers[i % len(employers)],
                    title=f"{template.title} ({i})",
                    description=template.description,
                    career_field_id=template.career_field_id,
                    occupation=template.occupation,
                    skills_required=template.skills_required,
                    skills_preferred=template.skills_preferred,
                    certificates_required=template.certificates_required,
                    employment_type=template.employment_type,
                    days_per_week=template.days_per_week,
                    shifts=template.shifts,
                    hours_per_day=template.hours_per_day,
                    hourly_wage=template.hourly_wage + i % 500,
                    area_id=template.area_id,
                    lat=template.lat,
                    lon=template.lon,
                    address=template.address,
                    openings=1 + i % 7,
                    deadline=today + dt.timedelta(days=1 + i % 60),
                    cohorts_welcome=template.cohorts_welcome,
                    status=statuses[i % len(statuses)],
                    published_at=None if i % len(statuses) == 1 else now,
                )
                for i in range(max(0, target - have))
            ],
            batch_size=2000,
        )
        if target > have:
            # A table in its steady state, as autovacuum leaves it (visibility map set, so the
            # list's key reads are index-only; fresh statistics for the planner). Untimed.
            from django.db import connection

            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE jobs_posting")
        return int(Posting.objects.count())

    def _session(self, email: str) -> str:
        from django.contrib.auth import get_user_model
        from django.test import Client

        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        return f"sessionid={client.cookies['sessionid'].value}"

    @contextlib.contextmanager
    def serve(self, workers: int = 2) -> Iterator[str]:
        port = _free_port()
        log_dir = REPO / "var" / "bench" / "web"
        with open(log_dir / "gunicorn.log", "ab") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "-w",
                    str(workers),
                    "-b",
                    f"127.0.0.1:{port}",
                    "--access-logfile",
                    "/dev/null",
                ],
                cwd=REPO,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    if _http(base, "GET", "/healthz", 2) == 200:
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start; see {log_dir}/gunicorn.log")
                time.sleep(0.3)
            yield base
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def close(self) -> None:
        from django.db import connections

        connections.close_all()
        if self.keep_db:
            return
        _admin(self.admin_url, f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        prefix = self.env["SEARCH_INDEX_PREFIX"]
        with contextlib.suppress(OSError):
            _http(self.env["ELASTICSEARCH_URL"], "DELETE", f"/{prefix}*", 30)
