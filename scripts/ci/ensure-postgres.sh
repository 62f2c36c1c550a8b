#!/usr/bin/env bash
# The machine starts PostgreSQL before CI; start it again if it has stopped. Idempotent.
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "postgres: running"
  exit 0
fi
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
