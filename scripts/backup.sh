#!/usr/bin/env bash
# Back up Forløb's PostgreSQL database: `make backup` (README "Backup and restore",
# docs/operations.md).
#
#   DATABASE_URL=postgres://user:password@host:port/dbname scripts/backup.sh
#
# Writes a pg_dump custom-format archive (-Fc, --no-owner --no-privileges) to
# var/backups/forlob-YYYYMMDD-HHMMSS.dump, or to BACKUP_FILE when set, with mode 600, plus a
# SHA-256 sidecar (<file>.sha256) that restore.sh checks. Never overwrites an existing file.
# The archive holds encrypted CPR numbers and the audit log, but never the CPR keys
# (FORLOB_CPR_KEY, FORLOB_CPR_INDEX_KEY): those are kept, and backed up, apart from it.
#
# Optional: PG_BIN=/usr/lib/postgresql/15/bin to choose the client tools (default: pg_dump on
# PATH, else the newest /usr/lib/postgresql/*/bin).
set -euo pipefail
umask 077

SCRIPT=backup
URL_LABEL=DATABASE_URL
# shellcheck source=scripts/pg_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg_common.sh"

cd "$(dirname "$0")/.."

[[ -n ${DATABASE_URL:-} ]] || die "DATABASE_URL is not set. Usage: DATABASE_URL=postgres://user:password@host:port/dbname make backup [BACKUP_FILE=path]"
parse_database_url "$DATABASE_URL"
PG_DUMP=$(find_pg_tool pg_dump)
PG_RESTORE=$(find_pg_tool pg_restore)

file=${BACKUP_FILE:-var/backups/forlob-$(date +%Y%m%d-%H%M%S).dump}
[[ -e $file ]] && die "$file already exists; a backup is never overwritten (choose another BACKUP_FILE)."
dir=$(dirname "$file")
mkdir -p "$dir"
if [[ $dir == var/backups ]]; then
	chmod 700 "$dir"
fi

partial="$file.partial"
trap 'rm -f "$partial"' EXIT
start=$(date +%s.%N)
"$PG_DUMP" --format=custom --no-owner --no-privileges --lock-wait-timeout=120s \
	--file="$partial" --dbname="$PG_URI" ||
	die "pg_dump failed (see above); no backup was written."
# The archive's table of contents must read back before it counts as a backup.
"$PG_RESTORE" --list "$partial" >/dev/null || die "pg_restore cannot read the new archive; no backup was written."
chmod 600 "$partial"
mv "$partial" "$file"
trap - EXIT
end=$(date +%s.%N)

checksum=$(sha256sum "$file" | cut -d' ' -f1)
printf '%s  %s\n' "$checksum" "$(basename "$file")" >"$file.sha256"
chmod 600 "$file.sha256"

bytes=$(stat -c %s "$file")
human=$(numfmt --to=iec --suffix=B "$bytes" 2>/dev/null || echo "$bytes bytes")
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
echo "Backup written: $file"
echo "Size: $human ($bytes bytes), mode 600, dump and check took ${seconds}s ($("$PG_DUMP" --version))"
echo "SHA-256: $checksum (in $file.sha256)"
echo "Keep it encrypted, off-site and access-logged; the CPR keys are NOT in it and must be backed up apart (docs/operations.md)."
