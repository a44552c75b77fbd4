#!/usr/bin/env bash
# The body of `make test` after lint: bring up PostgreSQL, Redis and Elasticsearch (each one
# only when its URL is not already given by env), run pytest against them, stop what was
# started, and print a summary. Extra arguments go to pytest.
#
#   KEEP_SERVERS=1 make test    leave the servers running afterwards (make servers-down stops them)
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=var/servers
started_at=$(date +%s)

python3 scripts/servers.py up --state-dir "$STATE"
if [[ "${KEEP_SERVERS:-0}" != "1" ]]; then
  trap 'python3 scripts/servers.py down --state-dir "$STATE" || true' EXIT
fi
# shellcheck disable=SC1091
source "$STATE/env"

# Tests run as production would: DEBUG off, with explicit (throwaway) secrets.
export DEBUG=false
export SECRET_KEY="${SECRET_KEY:-test-secret-key-not-for-production}"
export FIELD_ENCRYPTION_KEY="${FIELD_ENCRYPTION_KEY:-test-field-encryption-key}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-testserver,127.0.0.1,localhost}"
export VAR_DIR="${VAR_DIR:-$PWD/var/test}"

# Static files as production serves them: collected, hashed and compressed for WhiteNoise.
.venv/bin/python manage.py collectstatic --no-input -v 0

status=0
echo "== pass 1: PostgreSQL, Redis, Elasticsearch =="
.venv/bin/pytest --durations=15 --junitxml=var/test-report.xml "$@" || status=$?

# Pass 2: the tests marked `embedded` again on the embedded defaults, as `make run` uses them.
if [[ $status -eq 0 ]]; then
  echo "== pass 2: embedded defaults (SQLite, embedded search, inline jobs) =="
  DATABASE_URL="sqlite:///${VAR_DIR}/embedded-test.sqlite3" SEARCH_BACKEND=embedded WORKER_ENGINE=inline \
    .venv/bin/pytest -m embedded --junitxml=var/test-report-embedded.xml "$@" || status=$?
fi

elapsed=$(( $(date +%s) - started_at ))
echo "make test: pytest exit code ${status} after ${elapsed} s; server logs in ${STATE}/logs, reports var/test-report*.xml"
if [[ $status -eq 5 ]]; then
  echo "make test: no tests ran — that is a failure" >&2
fi
exit "$status"
