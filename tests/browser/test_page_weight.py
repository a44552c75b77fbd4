"""The first view of `/` weighs at most 300 KB over the wire (issue: the web, part 1).

The browser decides what it downloads (which font slices its text needs, which icons the CSS
asks for); each static file is counted at the size WhiteNoise would send it — the Brotli file
`collectstatic` wrote beside it (else gzip, else the file) — and the page itself as sent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from playwright.sync_api import Page

from backend.jobs.models import Posting

BUDGET = 300 * 1024


def wire_size(static_path: str) -> int:
    """Bytes WhiteNoise sends for a static file to a browser accepting br and gzip."""
    file = Path(settings.STATIC_ROOT) / static_path
    for variant in (file.with_name(file.name + ".br"), file.with_name(file.name + ".gz"), file):
        if variant.exists():
            return variant.stat().st_size
    raise AssertionError(f"{file} is missing: run `manage.py collectstatic` (make test does)")


def test_first_view_of_home_is_within_budget(
    page: Page, open_posting: Callable[..., Posting], live_server: Any
) -> None:
    for number, title in enumerate(
        ["지게차 운전원", "사무 보조원", "요양보호사", "CNC 가공원", "전산 운영원", "품질 검사원"]
    ):
        open_posting(title=f"{title} ({number + 1})", description="시흥시 정왕동 근무. 오전 근무.")
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        path = urlsplit(response.url).path
        static = (
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else f"/{settings.STATIC_URL}"
        )
        if path.startswith(static):
            sizes[path] = wire_size(path[len(static) :])
        else:
            sizes[path] = len(response.body())

    page.on("response", record)
    page.goto("/", wait_until="networkidle")
    total = sum(sizes.values())
    breakdown = "\n".join(
        f"{size:>8} {path}" for path, size in sorted(sizes.items(), key=lambda kv: -kv[1])
    )
    print(f"first view of /: {total} bytes in {len(sizes)} requests\n{breakdown}")
    assert any(".woff2" in path for path in sizes), (
        "no font was downloaded: the check measures nothing"
    )
    assert total <= BUDGET, f"first view of / is {total} bytes (budget {BUDGET}):\n{breakdown}"
