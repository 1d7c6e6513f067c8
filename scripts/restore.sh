#!/usr/bin/env bash
# Restore a Forløb backup into a FRESH, EMPTY PostgreSQL database: `make restore`
# (README "Backup and restore", runbook in docs/operations.md).
#
#   BACKUP_FILE=var/backups/forlob-….dump TARGET_DATABASE_URL=postgres://…/forlob_restored scripts/restore.sh
#
# TARGET_DATABASE_URL defaults to DATABASE_URL. The target database must exist (createdb) and
# be empty: a restore never mixes into live data, so any table, view, sequence or function in
# it makes this script refuse. Checks the archive (<file>.sha256 when present, and its table of
# contents), runs pg_restore --no-owner --no-privileges --exit-on-error --single-transaction
# (all or nothing), ANALYZEs, and prints the row count of every table.
#
# Optional: PG_BIN=/usr/lib/postgresql/15/bin to choose the client tools (default: on PATH,
# else the newest /usr/lib/postgresql/*/bin).
set -euo pipefail
umask 077

SCRIPT=restore
URL_LABEL="the target database URL"
# shellcheck source=scripts/pg_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg_common.sh"

usage="Usage: make restore BACKUP_FILE=var/backups/forlob-….dump [TARGET_DATABASE_URL=postgres://user:password@host:port/empty_db]"

cd "$(dirname "$0")/.."

file=${BACKUP_FILE:-}
[[ -n $file ]] || die "BACKUP_FILE is not set. $usage"
[[ -f $file && -r $file ]] || die "cannot read the backup file $file."
target=${TARGET_DATABASE_URL:-${DATABASE_URL:-}}
[[ -n $target ]] || die "neither TARGET_DATABASE_URL nor DATABASE_URL is set. $usage"
parse_database_url "$target"
PG_RESTORE=$(find_pg_tool pg_restore)
PSQL=$(find_pg_tool psql)
psql_target() { "$PSQL" --no-psqlrc --quiet --no-align --tuples-only --set=ON_ERROR_STOP=1 --dbname="$PG_URI" "$@"; }

# 1. The archive: unchanged since backup.sh wrote it, and readable by pg_restore.
if [[ -f $file.sha256 ]]; then
	expected=$(cut -d' ' -f1 "$file.sha256")
	actual=$(sha256sum "$file" | cut -d' ' -f1)
	[[ $expected == "$actual" ]] || die "$file does not match its checksum in $file.sha256; it is damaged or not the file that was backed up."
	echo "Checksum matches $file.sha256."
else
	echo "No $file.sha256 beside the backup; checking the archive only."
fi
"$PG_RESTORE" --list "$file" >/dev/null || die "$file is not a readable pg_dump custom-format archive."

# 2. The target: reachable, and empty.
database=$(psql_target --command="SELECT current_database()") ||
	die "cannot connect to the target database. It must exist and be empty: create it first (createdb, or CREATE DATABASE … OWNER …)."
objects=$(psql_target --command="
	SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
	           AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%')
	     + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))")
if [[ $objects != 0 ]]; then
	die "the target database '$database' is not empty ($objects tables, views, sequences or functions). A restore never mixes into live data: restore into a new, empty database (createdb) and point DATABASE_URL at it."
fi

# 3. All or nothing.
echo "Restoring $file into the empty database '$database'..."
start=$(date +%s.%N)
"$PG_RESTORE" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$PG_URI" "$file" ||
	die "pg_restore failed (see above); nothing was restored (single transaction)."
# Fresh statistics for the planner (pg_restore leaves none), for the restored tables only.
psql_target --command="DO \$\$ DECLARE t record; BEGIN
	FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') LOOP
		EXECUTE format('ANALYZE %I.%I', t.schemaname, t.tablename);
	END LOOP; END \$\$" >/dev/null
end=$(date +%s.%N)
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
echo "Restored in ${seconds}s (pg_restore and ANALYZE, $("$PG_RESTORE" --version))."

# 4. What is there now: the exact row count of every table.
echo
echo "Rows per table in '$database':"
psql_target --field-separator=$'\t' --command="
	SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END,
	       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
	                                            false, true, '')))[1]::text::bigint
	  FROM information_schema.tables
	 WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
	 ORDER BY table_schema, table_name" |
	awk -F'\t' '{ printf "  %-50s %12d\n", $1, $2; tables++; rows += $2 }
		END { printf "  %-50s %12d\n", tables " tables, rows in all", rows }'
