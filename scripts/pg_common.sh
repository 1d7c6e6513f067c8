# Shared by backup.sh and restore.sh (sourced, not run). The caller sets SCRIPT (its name, for
# messages) and URL_LABEL (what the database URL is called in messages).
# shellcheck shell=bash

die() {
	echo "$SCRIPT: $*" >&2
	exit 1
}

# Turn a dj-database-url PostgreSQL URL into a libpq URI without the password (PG_URI) and the
# password itself (PGPASSWORD), so the password never shows in the process list.
parse_database_url() {
	local url=$1 scheme rest authority userinfo hostport user password=""
	[[ $url == *://* ]] || die "$URL_LABEL is not a URL (expected postgres://user:password@host:port/dbname)."
	scheme=${url%%://*}
	case $scheme in
	postgres | postgresql | pgsql | postgis) ;;
	*) die "$URL_LABEL is '$scheme://…', not PostgreSQL. Backups cover the PostgreSQL database only (the SQLite demo database is a plain file, var/forlob.sqlite3)." ;;
	esac
	rest=${url#*://}
	authority=${rest%%/*}
	if [[ $authority == *@* ]]; then
		userinfo=${authority%@*}
		hostport=${authority##*@}
		user=${userinfo%%:*}
		if [[ $userinfo == *:* ]]; then
			password=${userinfo#*:}
		fi
		PG_URI="postgresql://${user}@${hostport}${rest#"$authority"}"
	else
		PG_URI="postgresql://${rest}"
	fi
	if [[ -n $password ]]; then
		# Percent-decode, as dj-database-url does (a literal backslash stays one).
		password=${password//\\/\\\\}
		printf -v PGPASSWORD '%b' "${password//%/\\x}"
		export PGPASSWORD
	fi
}

find_pg_tool() {
	local tool=$1 dir
	if [[ -n ${PG_BIN:-} ]]; then
		[[ -x $PG_BIN/$tool ]] || die "$tool not found in PG_BIN=$PG_BIN."
		echo "$PG_BIN/$tool"
	elif command -v "$tool" >/dev/null 2>&1; then
		command -v "$tool"
	else
		dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
		[[ -n $dir && -x $dir/$tool ]] || die "$tool not found on PATH or in /usr/lib/postgresql/*/bin (install postgresql-client, or set PG_BIN)."
		echo "$dir/$tool"
	fi
}
