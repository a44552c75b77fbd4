"""`manage.py search_index rebuild|reconcile|sync|status`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.backends import get_backend
from search.backends.base import SearchUnavailableError
from search.indexing import reconcile, sync_all_pending
from search.models import OutboxEvent
from search.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild, reconcile or drain the search index; or show its status."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "reconcile", "sync", "status"])
        parser.add_argument(
            "--min-ratio",
            type=float,
            default=1.0,
            help="rebuild: refuse the alias swap below this share of the expected documents",
        )
        parser.add_argument(
            "--retry-now",
            action="store_true",
            help="sync: clear the back-off of pending events first (after an outage is over)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "rebuild":
                result: Any = rebuild(min_ratio=options["min_ratio"])
            elif options["action"] == "reconcile":
                result = reconcile()
            elif options["action"] == "sync":
                if options["retry_now"]:
                    OutboxEvent.objects.filter(processed_at__isnull=True).update(available_at=None)
                result = sync_all_pending()
            else:
                result = get_backend().health()
        except SearchUnavailableError as error:
            raise CommandError(f"search backend unavailable: {error}") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
