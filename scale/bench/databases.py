"""The bench's databases: ``<name>_bench_<size>`` beside ``DATABASE_URL``'s, on the same PostgreSQL server."""

import re
from urllib.parse import urlsplit, urlunsplit

import dj_database_url


class NotPostgreSQL(Exception):
    """The bench measures PostgreSQL only."""


def server_config(url: str) -> dict:
    """Django's database settings for ``url``; ``NotPostgreSQL`` for anything else (SQLite)."""
    if not url:
        raise NotPostgreSQL(
            "make bench measures PostgreSQL only: set DATABASE_URL=postgres://user:password@host:port/name "
            "(the bench databases <name>_bench_<size> are made on the same server)."
        )
    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        raise NotPostgreSQL(
            f"make bench measures PostgreSQL only, and DATABASE_URL is {config['ENGINE'].rsplit('.', 1)[-1]}: "
            "set DATABASE_URL=postgres://user:password@host:port/name."
        )
    return config


def bench_name(base: str, size: int) -> str:
    name = f"{base}_bench_{size}"
    if not re.fullmatch(r"[A-Za-z0-9_]{1,63}", name):
        raise ValueError(f"unusable database name {name!r}")
    return name


def url_for(url: str, name: str) -> str:
    """``url`` with another database name (user, password, host, port and options kept)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _connect(url: str):
    import psycopg

    config = server_config(url)
    return psycopg.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def vacuum_analyze(url: str) -> None:
    """Fresh statistics and visibility map after a bulk load, as autovacuum leaves a live database."""
    with _connect(url) as connection:
        connection.execute("VACUUM (ANALYZE)")


def ensure_database(url: str, name: str) -> bool:
    """Create database ``name`` on ``url``'s server unless it exists; True when it was created."""
    from psycopg import sql

    with _connect(url) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True
