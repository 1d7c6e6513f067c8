"""Throughput and p95 with concurrent users against a real gunicorn (``make bench``).

Runs in the bench's process for one database: starts gunicorn (``forlob/gunicorn.conf.py``) on a
free local port with the same settings and database, creates logged-in, second-factor-verified
sessions in the database (as ``force_login`` does, no login form), and lets ``users`` threads with
``http.client`` walk the daily pages for ``seconds``. Each user has its own sessions, as people do.
"""

import http.client
import os
import socket
import subprocess  # nosec B404  # starts gunicorn from this checkout, no shell
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string

from . import stats
from .pages import Page, Subjects, daily_pages, verified_client

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, *, workers: int | None = None, env: dict | None = None) -> subprocess.Popen:
    """gunicorn with the checkout's config on 127.0.0.1:``port``; returns once it answers."""
    environment = {**os.environ, **(env or {}), "HOST": "127.0.0.1", "PORT": str(port), "GUNICORN_LOG_LEVEL": "warning"}
    if workers:
        environment["WEB_CONCURRENCY"] = str(workers)
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "forlob" / "gunicorn.conf.py"), "forlob.wsgi"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment)  # noqa: S603  # nosec B603  # fixed command
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start (exit status {process.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            connection.close()
            return process
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(process)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def session_cookie(user) -> str:
    """A new verified session for ``user`` in the database, as its cookie value."""
    client = verified_client(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@dataclass
class LoadResult:
    users: int
    workers: int
    seconds: float
    requests: int
    per_second: float
    p50_ms: float
    p95_ms: float
    errors: int
    by_page: dict = field(default_factory=dict)  # name -> {"count", "p95_ms"}
    error_examples: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _request(connection: http.client.HTTPConnection, page: Page, cookies: dict, csrf: str) -> int:
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    headers = {"Cookie": cookie, "Host": f"127.0.0.1:{connection.port}", "Connection": "keep-alive"}
    if page.method == "post":
        body = urlencode({**page.data, "csrfmiddlewaretoken": csrf})
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request("POST", page.path, body=body, headers=headers)
    else:
        connection.request("GET", page.path, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def run(
    subjects: Subjects, *, users: int = 8, seconds: float = 30.0, workers: int | None = None, warmup: float = 3.0
) -> LoadResult:
    """``users`` concurrent users on the daily pages against a fresh gunicorn for ``seconds``."""
    from organisations.models import User

    pages = [page for page in daily_pages(subjects) if page.path and not page.command]
    worker = User.objects.get(pk=subjects.worker_id)
    manager = User.objects.get(pk=subjects.manager_id) if subjects.manager_id else None
    pages = [page for page in pages if page.who == "worker" or manager is not None]
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)  # the form's token equals the cookie's
    sessions = []
    for _ in range(users):
        sessions.append(
            {
                "worker": {settings.SESSION_COOKIE_NAME: session_cookie(worker), settings.CSRF_COOKIE_NAME: csrf},
                "manager": (
                    {settings.SESSION_COOKIE_NAME: session_cookie(manager), settings.CSRF_COOKIE_NAME: csrf}
                    if manager
                    else None
                ),
            }
        )
    port = free_port()
    process = start_gunicorn(port, workers=workers)
    times: list[list[tuple[str, float]]] = [[] for _ in range(users)]
    errors: list[list[str]] = [[] for _ in range(users)]
    start = threading.Barrier(users + 1)
    window = {"measure_from": 0.0, "stop_at": 0.0}

    def user(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        start.wait()
        step = number  # users start at different pages
        while time.perf_counter() < window["stop_at"]:
            page = pages[step % len(pages)]
            step += 1
            began = time.perf_counter()
            try:
                status = _request(connection, page, sessions[number][page.who], csrf)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                errors[number].append(f"{page.name}: {error!r}")
                continue
            if began < window["measure_from"]:
                continue
            if status != 200:
                errors[number].append(f"{page.name}: HTTP {status}")
                continue
            times[number].append((page.name, (time.perf_counter() - began) * 1000))
        connection.close()

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    try:
        for thread in threads:
            thread.start()
        now = time.perf_counter()
        window["measure_from"] = now + warmup
        window["stop_at"] = now + warmup + seconds
        start.wait()
        for thread in threads:
            thread.join()
    finally:
        stop_gunicorn(process)
    every = [t for per_user in times for _, t in per_user]
    by_page: dict[str, list[float]] = {}
    for per_user in times:
        for name, t in per_user:
            by_page.setdefault(name, []).append(t)
    failures = [e for per_user in errors for e in per_user]
    return LoadResult(
        users=users,
        workers=workers or int(os.environ.get("WEB_CONCURRENCY", "0")) or (os.cpu_count() or 1) * 2 + 1,
        seconds=seconds,
        requests=len(every),
        per_second=len(every) / seconds,
        p50_ms=stats.percentile(every, 50) if every else 0.0,
        p95_ms=stats.percentile(every, 95) if every else 0.0,
        errors=len(failures),
        by_page={name: {"count": len(v), "p95_ms": stats.percentile(v, 95)} for name, v in sorted(by_page.items())},
        error_examples=sorted(set(failures))[:5],
    )
