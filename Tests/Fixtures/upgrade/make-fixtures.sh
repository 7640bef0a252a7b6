#!/usr/bin/env bash
# Writes the upgrade fixtures of one release (README.md beside this script): the database that release's `fazhi`
# makes, on SQLite and on PostgreSQL, dumped as plain SQL and gzipped, named release-<commit>.<database>.sql.gz.
#   Tests/Fixtures/upgrade/make-fixtures.sh BINARY COMMIT POSTGRES_ADMIN_URL
# e.g.  make-fixtures.sh /work/build-release/release/fazhi 8e82786 "postgres://postgres@127.0.0.1:55433/postgres?sslmode=disable"
# BINARY is `swift build -c release` of COMMIT; the cluster behind POSTGRES_ADMIN_URL gets a database
# fazhi_fixture_<commit> for the while. Needs sqlite3, psql and pg_dump on PATH (or in /usr/lib/postgresql/*/bin).
set -euo pipefail
[ $# = 3 ] || { sed -n 2,7p "$0" >&2; exit 2; }
BIN=$(realpath "$1"); COMMIT=$2; ADMIN_URL=$3
HERE=$(cd "$(dirname "$0")" && pwd)
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_dump" ] && PATH="$dir:$PATH"; done
# The test key (demo data only): every fixture is encrypted with it, so the test can decrypt after the upgrade.
export FAZHI_DATA_KEY=$(cat "$HERE/data-key.txt")
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

# The smallest realistic bureau the binary makes (the whole demo is over 200 MB): the demo bureau's orgs and accounts,
# 40 reconsideration cases of 2026 through the case workflow (parties with encrypted ID numbers, events, deadlines,
# rollups, audit rows), 40 normative documents, and the import templates' sample rows of a ledger, two registers and
# two more lines' cases (through the import's real write path, audited).
fill() {
  "$BIN" demo --text-logs --scale 40 --year 2026
  "$BIN" demo --text-logs --scale 40 --year 2026 --story normativeDocument
  for kind in mediation.screening publicity.event lawFirm lawyer legalAid:120102-FY notary:120102-GZ; do
    "$BIN" import --template "${kind%%:*}" --out "$WORK/template.xlsx" >/dev/null
    if [ "$kind" = "${kind%%:*}" ]; then "$BIN" import --text-logs --kind "$kind" "$WORK/template.xlsx"
    else "$BIN" import --text-logs --kind "${kind%%:*}" --org "${kind#*:}" "$WORK/template.xlsx"; fi
  done
}

mkdir "$WORK/sqlite"
(cd "$WORK/sqlite" && unset DATABASE_URL && fill)
sqlite3 "$WORK/sqlite/fazhi.sqlite" .dump | gzip -9n > "$HERE/release-$COMMIT.sqlite.sql.gz"

NAME="fazhi_fixture_$COMMIT"
URL=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$ADMIN_URL" "$NAME")
psql -v ON_ERROR_STOP=1 -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $NAME" -c "CREATE DATABASE $NAME"
(cd "$WORK" && DATABASE_URL=$URL fill)
# pg_dump 15.14 and later fence the dump with \restrict … \unrestrict, which older psql refuses; our own file needs no fence.
pg_dump --no-owner --no-privileges "$URL" | sed -e '/^\\restrict /d' -e '/^\\unrestrict /d' | gzip -9n > "$HERE/release-$COMMIT.postgres.sql.gz"
psql -q "$ADMIN_URL" -c "DROP DATABASE $NAME"
du -h "$HERE"/release-"$COMMIT".*.sql.gz
