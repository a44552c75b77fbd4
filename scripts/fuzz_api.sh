#!/usr/bin/env bash
# Schema fuzz of the REST API (schemathesis) as every role, against a real server.
#
#   make fuzz                      # EXAMPLES=25 per operation, every role, every phase
#   EXAMPLES=100 make fuzz
#   FUZZ_QUICK=1 bash scripts/fuzz_api.sh   # the bounded run of `make test` (scripts/test.sh):
#                                  # 3 examples, the examples and fuzzing phases (no coverage
#                                  # phase), one seeker persona: about a minute or two
#
# A throwaway SQLite database gets demo data; gunicorn (as in production) serves it on a free port;
# each demo login (and an anonymous caller) fuzzes every operation of /api/schema/.
# Checks: no server error, responses match the documented schema and content type.
# DELETE /api/v1/me/ is left out: it would delete the caller half-way through the run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${FUZZ_QUICK:-0}" == "1" ]]; then
  EXAMPLES="${EXAMPLES:-3}"
  PHASES="${PHASES:-examples,fuzzing}"
  ROLES="${ROLES:-anonymous staff employer mentor graduate}"
  SEED_SIZE=(--seekers 40 --employers 6 --postings 20)
else
  EXAMPLES="${EXAMPLES:-25}"
  PHASES="${PHASES:-examples,coverage,fuzzing,stateful}"
  ROLES="${ROLES:-anonymous staff employer mentor graduate returner senior}"
  SEED_SIZE=(--seekers 200 --employers 20 --postings 80)
fi
work="$(mktemp -d /tmp/sjl-fuzz-XXXXXX)"
export DEBUG=false SECRET_KEY=fuzz-only ALLOWED_HOSTS=127.0.0.1
export FIELD_ENCRYPTION_KEY=ZnV6ei1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXByZCE=  # a Fernet key, fuzz only
export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_SSL_REDIRECT=false
export EMAIL_URL=memorymail://
# The fuzz exercises the API, not the staff login: the demo staff has no authenticator app.
export STAFF_MFA_REQUIRED=false
export VAR_DIR="$work" DATABASE_URL="sqlite:///$work/fuzz.sqlite3"
# The embedded defaults, whatever servers `make test` exported (its pass 3 runs this script).
export SEARCH_BACKEND=embedded WORKER_ENGINE=inline CACHE_URL=locmemcache://
export LOGIN_FAILED_RATE_LIMIT="1000/m/key"
# The fuzzer is automation by design: raise the anti-automation budgets.
for scope in ANON SEARCH SEEKER EMPLOYER MENTOR STAFF; do export "API_THROTTLE_$scope=1000000/min"; done
export CANDIDATE_VIEWS_PER_DAY=1000000000
PY=.venv/bin/python

$PY manage.py migrate --no-input -v0
$PY manage.py seed_demo --seed 5 "${SEED_SIZE[@]}" >/dev/null
port="$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 60 \
  >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
# Warm each worker up (the Korean analyser loads on the first search, a few seconds), so the
# first fuzzed search does not run into the request timeout.
for _ in 1 2 3 4; do
  curl -fsS "http://127.0.0.1:$port/api/v1/postings/search/?q=%EC%A7%80%EA%B2%8C%EC%B0%A8" >/dev/null || true
done

token_for() {
  curl -fsS -X POST "http://127.0.0.1:$port/_allauth/app/v1/auth/login" \
    -H 'Content-Type: application/json' \
    -d "{\"email\": \"$1@demo.example\", \"password\": \"siheung-demo-2026\"}" |
    $PY -c 'import json, sys; print(json.load(sys.stdin)["meta"]["session_token"])'
}

status=0
for role in $ROLES; do
  headers=()
  if [[ $role != anonymous ]]; then
    headers=(-H "X-Session-Token: $(token_for "$role")")
  fi
  echo "== schemathesis as $role =="
  # One worker: with two threads, Python 3.11's ast (which hypothesis uses to describe its
  # strategies) can fail with "AST constructor recursion depth mismatch", a tool error.
  .venv/bin/schemathesis run "http://127.0.0.1:$port/api/schema/" "${headers[@]}" \
    --checks not_a_server_error,response_schema_conformance,content_type_conformance \
    --exclude-method DELETE --max-examples "$EXAMPLES" --seed 1 --workers 1 \
    --phases "$PHASES" --request-timeout 60 \
    --no-color --suppress-health-check all \
    --report junit --report-junit-path "var/fuzz/$role.xml" || status=$?
done
echo "server log: $work/server.log"
exit "$status"
