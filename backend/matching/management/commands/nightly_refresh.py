"""`manage.py nightly_refresh`: staff's view of the nightly recommendation refresh (one JSON
line), and starting or resuming it by hand.

    manage.py nightly_refresh                      # the latest run's progress
    manage.py nightly_refresh --day 2026-12-01     # that night's run
    manage.py nightly_refresh --start [--chunk-size 500] [--no-assign] [--day …]
                                                   # enqueue the night's job on the fleet
                                                   # (a run that exists resumes: only the
                                                   # chunks not done are sent)
    manage.py nightly_refresh --start --here       # run it in this process (inline engine)

Exit status 0, or 2 when the run shown has a dead chunk job (its attempts are used up:
`--start` again gives it fresh ones). See `backend.matching.nightly`.
"""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import override_settings

from backend.matching.models import NightlyRefresh
from backend.matching.nightly import nightly_progress, nightly_start
from workers.dispatch import enqueue


class Command(BaseCommand):
    help = "The nightly recommendation refresh: progress as JSON, or --start / resume it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="the night's Seoul date, YYYY-MM-DD (default: latest)")
        parser.add_argument("--start", action="store_true", help="start or resume the run")
        parser.add_argument("--chunk-size", type=int, help="seekers per chunk (a new run only)")
        parser.add_argument(
            "--no-assign", action="store_true", help="no assignment run after (a new run only)"
        )
        parser.add_argument(
            "--here", action="store_true", help="with --start: run every chunk in this process"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options["day"]:
            try:
                day = datetime.date.fromisoformat(options["day"])
            except ValueError as error:
                raise CommandError(f"--day: {error}") from error
        if options["chunk_size"] is not None and options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1")
        if options["start"]:
            assign = False if options["no_assign"] else None
            if options["here"]:
                with override_settings(WORKER_ENGINE="inline"):
                    day = nightly_start(day, chunk_size=options["chunk_size"], assign=assign).day
            else:
                arguments: dict[str, Any] = {"day": day.isoformat() if day else None}
                if options["chunk_size"]:
                    arguments["chunk_size"] = options["chunk_size"]
                if assign is not None:
                    arguments["assign"] = assign
                run = enqueue("refresh_all_recommendations", **arguments)
                self.stdout.write(json.dumps({"enqueued": run.pk, "job": run.job}))
                return
        runs = NightlyRefresh.objects.all()
        shown = runs.filter(day=day).first() if day else runs.first()
        if shown is None:
            self.stdout.write(json.dumps({"nightly_refresh": None}))
            return
        progress = nightly_progress(shown)
        self.stdout.write(json.dumps(progress, ensure_ascii=False, default=str))
        if progress["chunk_jobs"].get("dead"):
            sys.exit(2)
