"""`manage.py enqueue_job NAME [--arguments JSON]`: enqueue a registered job from a shell."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workers.dispatch import JobArgumentsError, enqueue
from workers.registry import UnknownJobError


class Command(BaseCommand):
    help = "Enqueue a registered background job (see workers/jobs.py) and print its run id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", help="job name, e.g. sweep_stale_runs")
        parser.add_argument(
            "--arguments", default="{}", help='job arguments as a JSON object, e.g. {"id": 3}'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            arguments = json.loads(options["arguments"])
        except json.JSONDecodeError as error:
            raise CommandError(f"--arguments is not JSON: {error}") from None
        if not isinstance(arguments, dict):
            raise CommandError("--arguments must be a JSON object")
        try:
            run = enqueue(options["job"], **arguments)
        except (UnknownJobError, JobArgumentsError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(run.pk))
