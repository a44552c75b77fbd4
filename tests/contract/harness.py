"""Real processes for the engine contract tests: a throwaway Redis, workers, schedulers.

Every process runs in its own session so that `kill -9` can take down a whole worker (its
pool children included), and logs to a file that a failing assertion prints.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import PYTHON, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(
    predicate: Callable[[], bool], timeout: float, what: str, logs: Callable[[], str]
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what}\n{logs()}")


@dataclass
class ThrowawayRedis:
    """A redis-server of this test alone, so that the test may wipe or restart it."""

    binary: str
    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 - owned by the process
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"throwaway redis on {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart_wiped(self) -> None:
        """Kill -9 and start again on the same port with no data: the broker lost everything."""
        self.stop()
        for dump in self.folder.glob("*.rdb"):
            dump.unlink()
        self.start()


def redis_binary() -> str:
    binary = os.environ.get("SJL_REDIS_SERVER") or shutil.which("redis-server")
    if not binary:
        pytest.fail("no redis-server binary: run the suite with `make test` (SJL_REDIS_SERVER)")
    return binary


def child_database_url() -> str:
    """The URL of pytest-django's test database, for child processes."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


# Short limits so that the fault tests finish in seconds; the system checks still hold
# (lease > time limit, visibility timeout > time limit).
FAST_JOB_SETTINGS = {
    "JOB_MODULES": "tests.contract.jobs",
    "JOB_MAX_ATTEMPTS": "3",
    "JOB_RETRY_BACKOFF_SECONDS": "0.2",
    "JOB_RETRY_BACKOFF_MAX_SECONDS": "1",
    "JOB_TIME_LIMIT_SECONDS": "4",
    "JOB_SOFT_TIME_LIMIT_SECONDS": "4",
    "JOB_LEASE_SECONDS": "5",
    "CELERY_VISIBILITY_TIMEOUT_SECONDS": "6",
    "DRAMATIQ_HEARTBEAT_TIMEOUT_MS": "1500",
    "DRAMATIQ_MAINTENANCE_CHANCE": "1000000",
    "JOB_STALE_AFTER_SECONDS": "2",
    "JOB_SWEEP_INTERVAL_SECONDS": "1",
}


@dataclass
class EngineProcesses:
    """Workers, schedulers and one-shot clients of one engine, on one Redis."""

    engine: str
    broker_url: str
    folder: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(FAST_JOB_SETTINGS)
        env.update(
            DATABASE_URL=child_database_url(),
            BROKER_URL=self.broker_url,
            WORKER_ENGINE=self.engine,
            VAR_DIR=str(self.folder / "var"),
            PYTHONPATH=str(REPO),
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        """Start `argv` (e.g. gunicorn) with this engine's environment, logged as `name`."""
        return self._spawn(name, argv)

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 - owned by the process
        process = subprocess.Popen(
            argv,
            cwd=REPO,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        return process

    def start_worker(self, name: str = "worker") -> subprocess.Popen[bytes]:
        if self.engine == "celery":
            argv = [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"{name}-{os.getpid()}@%h",
            ]
        else:
            argv = [PYTHON, "manage.py", "rundramatiq", "--processes", "1", "--threads", "1"]
        return self._spawn(name, argv)

    def start_scheduler(self, name: str = "scheduler") -> subprocess.Popen[bytes]:
        if self.engine == "celery":
            argv = [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel",
                "INFO",
                "-s",
                str(self.folder / f"{name}-celerybeat-schedule"),
            ]
        else:
            argv = [PYTHON, "manage.py", "run_scheduler"]
        return self._spawn(name, argv)

    def run_client(self, code: str) -> str:
        """Run Python `code` in a fresh Django process (the 'web' side) and return stdout."""
        result = subprocess.run(
            [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"client failed: {result.stderr}\n{self.logs()}")
        return result.stdout.strip()

    def enqueue(self, job: str, **arguments: object) -> int:
        code = (
            "from workers.dispatch import enqueue; import json; "
            f"print(enqueue({job!r}, **json.loads({json.dumps(json.dumps(arguments))})).pk)"
        )
        return int(self.run_client(code).splitlines()[-1])

    def kill9(self, process: subprocess.Popen[bytes]) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _, process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def logs(self) -> str:
        parts = []
        for path in sorted(self.folder.glob("*.log")):
            text = path.read_text(errors="replace")
            parts.append(f"--- {path.name} (last 3000 chars) ---\n{text[-3000:]}")
        return "\n".join(parts)
