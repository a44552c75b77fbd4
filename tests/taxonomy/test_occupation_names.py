"""Occupation names reach the catalogs: every name of the data is a msgid (matching's reasons
show occupations by name, translated; never by code)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.translation import gettext, override

from backend.matching import reasons as why
from backend.matching.reasons import render_reasons
from backend.taxonomy.occupation_names import OCCUPATION_NAMES

DATA = Path(__file__).resolve().parents[2] / "backend" / "taxonomy" / "data" / "occupations.csv"


def test_every_occupation_of_the_data_is_marked_for_the_catalogs() -> None:
    with DATA.open(encoding="utf-8") as rows:
        names = [row["name"] for row in csv.DictReader(rows)]
    assert sorted(names) == sorted(OCCUPATION_NAMES)


def test_an_occupation_reason_reads_in_the_catalogs_language() -> None:
    stored = [why.experience_occupation("간호조무사", 2).as_json()]
    with override("ko"):
        assert render_reasons(stored) == ["간호조무사 경력 2년"]
    with override("en"):
        expected = gettext("%(occupation)s 경력 %(years)g년") % {
            "occupation": gettext("간호조무사"),
            "years": 2,
        }
        assert render_reasons(stored) == [expected]
