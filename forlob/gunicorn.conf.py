"""gunicorn settings for Forløb (``make serve``; production: ``gunicorn -c forlob/gunicorn.conf.py forlob.wsgi``).

Workers: sync workers, ``2 × cores + 1`` by default (5 on the 2-core reference machine),
``WEB_CONCURRENCY`` to override. A request spends a good part of its time waiting for PostgreSQL,
so a few more single-threaded workers than cores keep both cores busy; threads would gain little
(the GIL) and sync workers keep a slow request from holding up others in its process. Slow clients
do not tie workers up because Forløb runs behind a buffering TLS proxy (docs/operations.md,
"Reverse proxy"). Measured in docs/performance.md (``make bench``: 8 concurrent users).

The address is ``HOST``:``PORT`` (127.0.0.1:8000). No access log: the application logs what it
needs (audit log, masked request log); a URL never holds a CPR number, but the proxy's log is
where access is logged.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or multiprocessing.cpu_count() * 2 + 1
worker_class = "sync"
# The yearly register export takes seconds at scale; anything near a minute is a fault.
timeout = 60
graceful_timeout = 30
# Recycle workers now and then (a slow leak never grows without bound), not all at once.
max_requests = 2000
max_requests_jitter = 200
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No runtime control socket (gunicorn ≥ 25 makes one in the home directory): nothing uses it,
# and two instances on one host (the bench beside a server) would share its path.
control_socket_disable = True
