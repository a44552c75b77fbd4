"""Charts of a report as SVG, rendered on the server with matplotlib (no JavaScript), shared
by the council PDF and the staff page. Text stays text (`svg.fonttype: none`) in the Korean
font, so it is selectable in the PDF. A chart is never the only way to read a figure: each
is shown with the data table it draws (the accessible alternative); suppressed values are
gaps, "<5" in the table.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from typing import Any, cast

from django.utils.translation import gettext
from matplotlib import rc_context
from matplotlib.figure import Figure

from backend.reports.models import RETENTION_MONTHS

# Debian's fonts-noto-cjk (the PDF's font too); matplotlib falls back to DejaVu Sans without it.
FONT_FAMILY = ["Noto Sans CJK KR", "DejaVu Sans"]
BAR_COLOUR = "#256ef4"  # KRDS primary
LINE_COLOUR = "#0b7a3b"
MAX_BARS = 20


@dataclass(frozen=True)
class Chart:
    """One chart: its title, the SVG markup (no XML prolog), and the (label, value text)
    pairs it draws, for the table beside it."""

    name: str
    title: str
    svg: str
    rows: list[tuple[str, str]]

    @property
    def data_uri(self) -> str:
        """The SVG as a `data:` URI, for an `<img>` (the PDF draws it with its SVG renderer)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _svg(figure: Figure, prefix: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    # Inline markup: drop the XML prolog, the DOCTYPE and matplotlib's metadata block, and
    # prefix every id (and reference to one) so that two charts on one page never share ids.
    text = re.sub(r"^.*?(<svg\b)", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    # matplotlib's <style> block (line joins only) would be inline CSS, which the pages'
    # Content-Security-Policy refuses; the shapes carry their own presentation attributes.
    text = re.sub(r"<style\b.*?</style>", "", text, flags=re.DOTALL)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', text)
    return re.sub(r"(url\(#|href=\"#)([^)\"]+)", rf"\1{prefix}-\2", text)


def _style() -> dict[str, Any]:
    return {
        "font.family": FONT_FAMILY,
        "font.size": 9,
        "svg.fonttype": "none",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _bar_chart(
    name: str,
    title: str,
    labels: list[str],
    values: list[float | None],
    texts: list[str],
    *,
    percent: bool,
) -> str:
    with rc_context(rc=cast(Any, _style())):
        figure = Figure(figsize=(6.4, 0.35 * max(3, len(labels)) + 0.8))
        axes = figure.subplots()
        positions = list(range(len(labels)))
        axes.barh(positions, [value or 0 for value in values], color=BAR_COLOUR)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_title(title, loc="left")
        for position, value, text in zip(positions, values, texts, strict=True):
            # The text the data table shows ("<5" suppressed, "-" not applicable).
            axes.annotate(
                text,
                (value or 0, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
        if percent:
            axes.set_xlim(0, 1.1)
            axes.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
        return _svg(figure, f"chart-{name}")


def _count_text(row: dict[str, Any], name: str) -> str:
    value = row[name]
    if name in row["suppressed"]:
        return "<5"
    return "" if value is None else f"{value:,}"


def _rate_text(row: dict[str, Any], month: int) -> str:
    if f"retention.{month}.rate" in row["suppressed"]:
        return "<5"
    rate = row["retention"][str(month)]["rate"]
    return "-" if rate is None else f"{rate * 100:.1f}%"


def report_charts(output: dict[str, Any]) -> list[Chart]:
    """The charts of a report output (suppressed values drawn as gaps)."""
    rows = output["rows"][:MAX_BARS]
    labels = [row["label"] for row in rows]
    if output["kind"] == "placements":
        placements = [row["placements"] for row in rows]
        title = gettext("구분별 취업 건수")
        charts = [
            Chart(
                "placements",
                title,
                _bar_chart(
                    "placements",
                    title,
                    labels,
                    placements,
                    [_count_text(row, "placements") for row in rows],
                    percent=False,
                ),
                [(row["label"], _count_text(row, "placements")) for row in rows],
            )
        ]
        total = output["total"]["retention"]
        months = [gettext("%(month)s개월") % {"month": month} for month in RETENTION_MONTHS]
        rates = [total[str(month)]["rate"] for month in RETENTION_MONTHS]
        title = gettext("개월별 고용유지율 (전체)")
        charts.append(
            Chart(
                "retention",
                title,
                _bar_chart(
                    "retention",
                    title,
                    months,
                    rates,
                    [_rate_text(output["total"], month) for month in RETENTION_MONTHS],
                    percent=True,
                ),
                [
                    (label, _rate_text(output["total"], month))
                    for label, month in zip(months, RETENTION_MONTHS, strict=True)
                ],
            )
        )
        return charts
    if output["kind"] == "ordinance":
        title = gettext("기관별 고졸 지역인재 채용 비율")
        shares = [row["share"] for row in rows]
        texts = ["-" if share is None else f"{share * 100:.1f}%" for share in shares]
        return [
            Chart(
                "share",
                title,
                _bar_chart("share", title, labels, shares, texts, percent=True),
                list(zip(labels, texts, strict=True)),
            )
        ]
    requests = [row["requests"] for row in rows]
    title = gettext("구분별 멘토링 요청")
    return [
        Chart(
            "requests",
            title,
            _bar_chart(
                "requests",
                title,
                labels,
                requests,
                [_count_text(row, "requests") for row in rows],
                percent=False,
            ),
            [(row["label"], _count_text(row, "requests")) for row in rows],
        )
    ]
