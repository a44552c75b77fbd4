"""`make run`'s steps on embedded defaults: migrate a fresh SQLite file, serve, answer /readyz."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request

from tests.conftest import PYTHON, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_make_run_steps_serve_a_ready_demo(django_subprocess_env: dict[str, str]) -> None:
    env = dict(django_subprocess_env, DEBUG="true")
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS"):
        env.pop(name)  # the demo needs no secrets
    migrate = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--no-input"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    seed = subprocess.run(
        [PYTHON, "manage.py", "seed_demo", "--if-empty"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert seed.returncode == 0, seed.stderr
    assert "graduate@demo.example" in seed.stdout
    assert "seekers 2000, employers 150, postings 800" in seed.stdout
    assert "open postings (embedded)" in seed.stdout  # the demo is searchable at once
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as resp:
                    assert resp.status == 200
                    body = json.load(resp)
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                time.sleep(0.3)
        assert body is not None, "the demo server did not answer /readyz within 60 s"
        assert body["status"] == "ok"
        assert body["parts"]["database"] == {**body["parts"]["database"], "backend": "sqlite"}
        assert body["parts"]["search"]["backend"] == "embedded"
        assert body["parts"]["search"]["postings"] > 0
        assert body["parts"]["jobs"]["engine"] == "inline"
    finally:
        server.terminate()
        server.wait(timeout=10)
