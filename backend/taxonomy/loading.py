"""Load the reference CSVs (shipped in `data/`) into the tables; used by data migrations.

Idempotent: existing codes are updated, nothing is deleted (a code may be in use).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(apps: Any, schema_editor: Any = None) -> None:
    """Insert or update areas, career fields, occupations and certificates from the CSVs."""
    area = apps.get_model("taxonomy", "Area")
    career_field = apps.get_model("taxonomy", "CareerField")
    occupation = apps.get_model("taxonomy", "Occupation")
    certificate = apps.get_model("taxonomy", "Certificate")
    for row in _rows("siheung_admin_dongs.csv"):
        area.objects.update_or_create(
            code=row["admin_code"],
            defaults={
                "name": row["name"],
                "legal_dongs": row["legal_dongs"].replace(";", ", "),
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "approximate": row["approximate"].strip().lower() == "yes",
            },
        )
    for row in _rows("career_fields.csv"):
        career_field.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "name_en": row["name_en"], "examples": row["examples"]},
        )
    for row in _rows("occupations.csv"):
        occupation.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "career_field_id": row["career_field"]},
        )
    for row in _rows("certificates.csv"):
        certificate.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "career_field_id": row["career_field"] or None,
                "aliases": [alias for alias in row["aliases"].split("|") if alias.strip()],
            },
        )
