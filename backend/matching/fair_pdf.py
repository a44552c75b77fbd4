"""A fair's printable interview schedule per employer, as PDF (WeasyPrint, as the council
report: `backend.reports.exports.to_pdf`; Korean set in Noto Sans CJK). The engine is imported
when a PDF is asked for, so a server without Pango still serves everything else
(`PdfUnavailable`, a 503)."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from backend.fairs.models import JobFair
from backend.matching.models import FairBooking

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(Exception):
    """The PDF engine cannot run on this machine (the message says why)."""


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except OSError as error:  # cffi could not dlopen Pango / GObject
        raise PdfUnavailable(
            f"PDF needs the Pango library ({error}); apt-get install {PANGO_PACKAGES}"
        ) from error
    except ImportError as error:
        raise PdfUnavailable(f"PDF needs WeasyPrint ({error})") from error


def schedule_rows(bookings: Iterable[FairBooking]) -> list[dict[str, Any]]:
    """Interviews grouped by posting, each by time: what the page and the PDF print."""
    postings: dict[int, dict[str, Any]] = {}
    for booking in bookings:
        posting = booking.slot.fair_posting.posting
        group = postings.setdefault(posting.pk, {"posting": posting, "interviews": []})
        group["interviews"].append(
            {
                "starts_at": timezone.localtime(booking.slot.starts_at),
                "ends_at": timezone.localtime(booking.slot.ends_at),
                "name": booking.seeker.display_name,
                "rank": booking.rank,
            }
        )
    return sorted(postings.values(), key=lambda g: (g["posting"].title, g["posting"].pk))


def schedule_html(fair: JobFair, employer_name: str, bookings: Iterable[FairBooking]) -> str:
    return render_to_string(
        "matching/fair_schedule_pdf.html",
        {"fair": fair, "employer_name": employer_name, "groups": schedule_rows(bookings)},
    )


def schedule_pdf(fair: JobFair, employer_name: str, bookings: Iterable[FairBooking]) -> bytes:
    """The PDF bytes; `PdfUnavailable` when the engine cannot run here."""
    pdf: bytes = _weasyprint().HTML(string=schedule_html(fair, employer_name, bookings)).write_pdf()
    return pdf
