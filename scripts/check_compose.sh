#!/usr/bin/env bash
# Validate compose.yaml (part of `make lint`): `docker compose config` where Docker Compose
# is installed, else the compose-spec JSON schema that check-jsonschema ships
# (`vendor.compose-spec`, no network needed). Placeholder secrets stand in for .env.
set -euo pipefail
cd "$(dirname "$0")/.."
export SECRET_KEY=check FIELD_ENCRYPTION_KEY=check POSTGRES_PASSWORD=check EMAIL_URL=smtp://check
if docker compose version >/dev/null 2>&1; then
  docker compose -f compose.yaml config --quiet
  echo "compose.yaml: valid (docker compose config)"
else
  .venv/bin/check-jsonschema --builtin-schema vendor.compose-spec compose.yaml
fi
