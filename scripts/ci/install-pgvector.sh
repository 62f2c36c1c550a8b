#!/usr/bin/env bash
# Makes sure the local PostgreSQL 15 can `CREATE EXTENSION vector`. Debian 12 packages no pgvector for
# PostgreSQL 15, but trixie ships its source: build that against postgresql-server-dev-15.
# Idempotent: does nothing when the extension is already available.
set -euo pipefail

PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -tAq)
if [ "$("${PSQL[@]}" -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")" = "1" ]; then
  echo "pgvector: already available"
  exit 0
fi

echo "pgvector: building from Debian trixie's source package"
export DEBIAN_FRONTEND=noninteractive
# The mirror apt already uses (deb822 "URIs:" lines or one-line "deb" entries), never a commented one.
mirror=$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -E '^URIs:' | awk '{print $2}';
            cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -E '^deb ' | awk '{print $2}'; } \
          | grep -E '/debian/?$' | head -1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
if ! grep -rqs "trixie" /etc/apt/sources.list.d/antonia-trixie-src.list 2>/dev/null; then
  echo "deb-src ${mirror} trixie main" > /etc/apt/sources.list.d/antonia-trixie-src.list
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql-server-dev-15 build-essential dpkg-dev >/dev/null
work=$(mktemp -d)
( cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1 )
src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
make -s -C "$src" PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config OPTFLAGS="" >/dev/null
make -s -C "$src" PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config install >/dev/null
rm -rf "$work"
echo "pgvector: installed ($("${PSQL[@]}" -c "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'"))"
