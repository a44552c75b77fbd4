#!/usr/bin/env bash
# The body of `make test` after lint: make sure Chromium and the Korean fonts are there for the
# browser tests, bring up PostgreSQL, Redis and Elasticsearch (each one
# only when its URL is not already given by env), run pytest against them, stop what was
# started, and print a summary. Extra arguments go to pytest.
#
#   KEEP_SERVERS=1 make test    leave the servers running afterwards (make servers-down stops them)
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=var/servers
original_args=("$@")
started_at=$(date +%s)

# Chromium and Korean fonts from Debian for tests/browser (installed when missing).
python3 scripts/servers.py browser
python3 scripts/servers.py up --state-dir "$STATE"
if [[ "${KEEP_SERVERS:-0}" != "1" ]]; then
  trap 'python3 scripts/servers.py down --state-dir "$STATE" || true' EXIT
fi
# shellcheck disable=SC1091
source "$STATE/env"

# Tests run as production would: DEBUG off, with explicit (throwaway) secrets.
export DEBUG=false
export SECRET_KEY="${SECRET_KEY:-test-secret-key-not-for-production}"
# A real Fernet key (URL-safe base64 of 32 bytes), for tests only.
export FIELD_ENCRYPTION_KEY="${FIELD_ENCRYPTION_KEY:-c2psLXRlc3QtZmllbGQta2V5LW5vdC1mb3ItcHJvZCE=}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-testserver,127.0.0.1,localhost}"
export VAR_DIR="${VAR_DIR:-$PWD/var/test}"
# Anti-automation budgets raised: the suite (and the servers it starts) sends thousands of
# requests from one address (tests/conftest.py raises them in-process too).
for scope in ANON SEARCH SEEKER EMPLOYER MENTOR STAFF; do export "API_THROTTLE_$scope=${THROTTLE_RATE:-1000000/min}"; done
export CANDIDATE_VIEWS_PER_DAY="${CANDIDATE_VIEWS_PER_DAY:-1000000000}"

# Mail stays in memory (the console would print reset links), and the test servers speak
# plain http, so no redirect to https.
export EMAIL_URL="${EMAIL_URL:-memorymail://}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"

# The deployment checklist with a production environment (https, HSTS, secure cookies, a real
# mail transport, a proxy): every warning fails.
env DEBUG=false SECURE_SSL_REDIRECT=true SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto TRUSTED_PROXY_COUNT=1 \
  SECRET_KEY="deploy-check-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
  ALLOWED_HOSTS=jobs.siheung.example EMAIL_URL=smtp+tls://mailer:secret@mail.siheung.example:587 \
  .venv/bin/python manage.py check --deploy --fail-level WARNING

# Static files as production serves them: collected, hashed and compressed for WhiteNoise.
.venv/bin/python manage.py collectstatic --no-input -v 0

# Pass 2 selects `embedded`; a -m of PYTEST_ARGS narrows it ("embedded and (…)") instead of
# replacing it (pytest keeps only the last -m).
pass2_mark=embedded
pass2_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -m) pass2_mark="embedded and ($2)"; shift 2 || break ;;
    -m*) pass2_mark="embedded and (${1#-m})"; shift ;;
    *) pass2_args+=("$1"); shift ;;
  esac
done
set -- "${original_args[@]}"

status=0
echo "== pass 1: PostgreSQL, Redis, Elasticsearch =="
.venv/bin/pytest --durations=15 --junitxml=var/test-report.xml "$@" || status=$?

# Pass 2: the tests marked `embedded` again on the embedded defaults, as `make run` uses them.
if [[ $status -eq 0 ]]; then
  echo "== pass 2: embedded defaults (SQLite, embedded search, inline jobs) =="
  DATABASE_URL="sqlite:///${VAR_DIR}/embedded-test.sqlite3" SEARCH_BACKEND=embedded WORKER_ENGINE=inline \
    .venv/bin/pytest -m "$pass2_mark" --junitxml=var/test-report-embedded.xml "${pass2_args[@]}" || status=$?
  # A selection given in PYTEST_ARGS (e.g. tests/browser) may hold no embedded test at all.
  if [[ $status -eq 5 && $# -gt 0 ]]; then
    echo "== pass 2: none of the selected tests is marked embedded =="
    status=0
  fi
fi

# Pass 3: a bounded schemathesis run of the whole API as every role against gunicorn (no
# 5xx, responses as the OpenAPI schema says). It runs with the full suite (no PYTEST_ARGS) or
# when FUZZ=1; FUZZ=0 leaves it out. Deterministic (seed 1), a few examples per operation.
if [[ $status -eq 0 && "${FUZZ:-$([[ $# -eq 0 ]] && echo 1 || echo 0)}" == "1" ]]; then
  echo "== pass 3: schemathesis, every role (bounded: scripts/fuzz_api.sh FUZZ_QUICK=1) =="
  fuzz_started=$(date +%s)
  FUZZ_QUICK=1 bash scripts/fuzz_api.sh || status=$?
  echo "== pass 3 took $(( $(date +%s) - fuzz_started )) s =="
fi

elapsed=$(( $(date +%s) - started_at ))
echo "make test: pytest exit code ${status} after ${elapsed} s; server logs in ${STATE}/logs, reports var/test-report*.xml"
if [[ $status -eq 5 ]]; then
  echo "make test: no tests ran — that is a failure" >&2
fi
exit "$status"
