"""`manage.py seed_demo --seed 7 --seekers 2000 --employers 150 --postings 800`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.demo.seed import DEMO_DOMAIN, DEMO_PASSWORD, demo_data_exists, seed_demo
from search.backends.base import SearchUnavailableError
from search.rebuild import rebuild


class Command(BaseCommand):
    help = "Fill the database with deterministic synthetic demo data and print demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--seekers", type=int, default=2000)
        parser.add_argument("--employers", type=int, default=150)
        parser.add_argument("--postings", type=int, default=800)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (exit 0) when demo data is already there, as `make run` does",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_data_exists():
            message = f"demo data is already here (users @{DEMO_DOMAIN}); nothing to do"
            if options["if_empty"]:
                self.stdout.write(message)
                self._print_logins()
                return
            raise CommandError(message + " — use a fresh database")
        started = time.monotonic()
        try:
            result = seed_demo(
                seed=options["seed"],
                seekers=options["seekers"],
                employers=options["employers"],
                postings=options["postings"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        counts = ", ".join(f"{name} {count}" for name, count in result.counts.items())
        self.stdout.write(
            f"demo data (synthetic) made in {time.monotonic() - started:.1f} s: {counts}"
        )
        self._index()
        self._print_logins()

    def _index(self) -> None:
        try:
            result = rebuild()
        except SearchUnavailableError as error:
            self.stderr.write(f"search index not built ({error}); run `search_index rebuild`")
            return
        self.stdout.write(f"search index: {result['indexed']} open postings ({result['backend']})")

    def _print_logins(self) -> None:
        self.stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
        for label, email in (
            ("staff (시 담당자)", f"staff@{DEMO_DOMAIN}"),
            ("employer (기업)", f"employer@{DEMO_DOMAIN}"),
            ("mentor (멘토)", f"mentor@{DEMO_DOMAIN}"),
            ("seeker, graduate (특성화고 졸업생)", f"graduate@{DEMO_DOMAIN}"),
            ("seeker, returner (경력단절여성)", f"returner@{DEMO_DOMAIN}"),
            ("seeker, senior (신중년 전문인력)", f"senior@{DEMO_DOMAIN}"),
        ):
            self.stdout.write(f"  {label:<36} {email}")
