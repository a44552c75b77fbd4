"""The whole OpenAPI schema generates with no warning and validates (drf-spectacular)."""

from __future__ import annotations

import subprocess

from tests.conftest import PYTHON, REPO


def test_full_schema_has_no_warnings(django_subprocess_env: dict[str, str], tmp_path) -> None:
    out = tmp_path / "schema.yaml"
    result = subprocess.run(
        [PYTHON, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", str(out)],
        env=django_subprocess_env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    schema = out.read_text()
    for path in ("/api/v1/me/profile/", "/api/v1/postings/{id}/submit/", "/api/v1/areas/"):
        assert path in schema or path.replace("{id}", "{posting_id}") in schema
