"""``manage.py bench`` (``make bench``): page times, queries and sizes at 1,000 / 10,000 / 100,000
citizens on PostgreSQL, throughput under 8 concurrent users against gunicorn, and audited writes
per second. See docs/performance.md."""
