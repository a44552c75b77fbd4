"""`scipy.optimize.milp` with a time limit that holds: the call runs in a child process that is
killed when it overruns.

HiGHS checks its `time_limit` between steps, not inside all of them: a root heuristic can run
past it (upstream issues #885 and #2226). B8's scarce scenario (1M edges) was still inside one,
in its first sample, 28 minutes into a 300 s limit (bench/README, B8). A nightly assignment run
must not hang there, so a large model (`CHILD_COLUMNS` columns or more) is solved by a fresh
Python process (`python -I bounded_milp.py`, the model and options pickled on its stdin, the
result on its stdout), ended `KILL_GRACE_S` after its limit. The child imports scipy only,
never Django, and shares no thread, lock or connection with the caller (a spawn, not a fork:
worker processes have threads, and Celery's prefork children are daemonic). The child also
ends itself a few seconds after the parent's deadline (SIGALRM with no handler, which the
kernel acts on even inside HiGHS's C code), so it does not outlive a parent that was killed
first (a job's hard time limit, a worker shut down). Small models are solved in process:
spawning costs 0.5–0.9 s, and they end long before any limit.
"""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CHILD_COLUMNS = 20_000  # models with at least this many columns are solved in a child process
KILL_GRACE_S = 30.0  # how long past its time limit a child runs before it is killed
SELF_KILL_AFTER_S = 5.0  # the child's own alarm, this long after the parent's deadline


class MilpOverrun(RuntimeError):
    """The solver ran past its time limit and its process was killed: no solution."""


def solve(model: dict[str, Any], options: dict[str, Any], *, in_child: bool | None = None) -> Any:
    """`milp(**model, options=options)`'s result (an `OptimizeResult`). `in_child` forces the
    choice (default: a child process from `CHILD_COLUMNS` columns, when the options set a
    `time_limit`). Raises `MilpOverrun` when
    the child is still running `KILL_GRACE_S` after `options["time_limit"]`, and
    `RuntimeError` when it fails otherwise."""
    limit = float(options.get("time_limit", math.inf))
    if in_child is None:
        in_child = len(model["c"]) >= CHILD_COLUMNS
    if not in_child or not math.isfinite(limit):  # without a limit there is nothing to hold
        return _milp(model, options)
    return solve_in_child(model, options, kill_after=limit + KILL_GRACE_S)


def solve_in_child(model: dict[str, Any], options: dict[str, Any], *, kill_after: float) -> Any:
    """The same solve in a child process killed after `kill_after` seconds (`MilpOverrun`)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        # -I: isolated, so this file's folder (whose selectors.py would shadow the standard
        # library's) is not on the child's path
        [sys.executable, "-I", str(Path(__file__).resolve())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    alarm = kill_after + SELF_KILL_AFTER_S
    payload = pickle.dumps((model, options, alarm), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        out, err = child.communicate(payload, timeout=kill_after)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        elapsed = time.perf_counter() - started
        limit = options.get("time_limit", math.inf)
        raise MilpOverrun(
            f"HiGHS was still running after {elapsed:.0f} s (its time limit {limit:.0f} s) "
            "and was stopped"
        ) from None
    if child.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"the solver's process failed ({child.returncode}): {tail[0]}")
    return pickle.loads(out)  # noqa: S301 - written by the child this call started


def _milp(model: dict[str, Any], options: dict[str, Any]) -> Any:
    import warnings

    from scipy.optimize import milp

    with warnings.catch_warnings():  # scipy warns that it passes mip_detect_symmetry verbatim
        warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
        return milp(**model, options=options)


def _child() -> None:
    import signal

    model, options, alarm = pickle.load(sys.stdin.buffer)  # noqa: S301 - from the parent
    signal.alarm(max(1, math.ceil(alarm)))  # no handler: the kernel ends the process
    result = _milp(model, options)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child()
