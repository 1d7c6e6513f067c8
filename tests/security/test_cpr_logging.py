"""No CPR number in a server log: the configured handlers mask digit runs (forlob/logging.py)."""

import io
import logging
from contextlib import contextmanager

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import RequestFactory

from forlob.logging import MaskDigitRuns, mask_digit_runs

CPR = "150685-9900"


@contextmanager
def written_by_configured_handlers():
    """What the handlers of ``settings.LOGGING`` write (root's console and django.server's)."""
    handlers = [*logging.getLogger().handlers, *logging.getLogger("django.server").handlers]
    handlers = [h for h in handlers if isinstance(h, logging.StreamHandler) and not type(h).__module__.startswith("_")]
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


def test_every_configured_handler_masks():
    handlers = [*logging.getLogger().handlers, *logging.getLogger("django.server").handlers]
    configured = [h for h in handlers if type(h) is logging.StreamHandler]
    assert len(configured) == 2
    for handler in configured:
        assert any(isinstance(f, MaskDigitRuns) for f in handler.filters)
    # Django's own loggers write through them, not through handlers of their own.
    assert logging.getLogger("django").handlers == [] and logging.getLogger("django").propagate
    assert logging.getLogger("django.request").propagate


@pytest.mark.parametrize(
    "path",
    [
        f"/borgere/?q={CPR}",
        "/borgere/?q=1506859900",
        "/borgere/?q=150685+9900",
        "/borgere/?q=150685%209900",
        "/borgere/?q=150685%2D9900",
        "/borgere/?q=Alma+15068599000",
    ],
)
def test_runservers_request_line_comes_out_masked(path):
    """A request line (django.server) with a CPR number in its query string, as runserver logs it."""
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = RequestFactory().get("/")
    with written_by_configured_handlers() as written:
        handler.log_message('"%s" %s %s', f"GET {path} HTTP/1.1", "200", "1234")
    line = written.getvalue()
    assert "/borgere/?q=" in line and '" 200 1234' in line  # the rest of the line is kept
    assert "150685" not in line and "9900" not in line, line


def test_a_not_found_warning_with_a_cpr_comes_out_masked(client):
    with written_by_configured_handlers() as written:
        client.get(f"/borgere/{CPR.replace('-', '')}/ikke-her/")  # django.request: "Not Found: <path>"
    assert "Not Found" in written.getvalue()
    assert "1506859900" not in written.getvalue() and "150685" not in written.getvalue()


def test_an_exception_and_the_arguments_of_a_log_call_come_out_masked():
    logger = logging.getLogger("citizens")
    with written_by_configured_handlers() as written:
        try:
            raise ValueError(f"bad number {CPR}")
        except ValueError:
            logger.exception("Search for %s failed", "1506859900")
    text = written.getvalue()
    assert "Search for XXXXXX-XXXX failed" in text
    assert "ValueError: bad number XXXXXX-XXXX" in text
    assert "150685" not in text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("GET /borgere/?q=1506859900 HTTP/1.1", "GET /borgere/?q=XXXXXX-XXXX HTTP/1.1"),
        ("cpr 150685-9900.", "cpr XXXXXX-XXXX."),
        ("cpr 150685 9900", "cpr XXXXXX-XXXX"),
        ("birth date 150685 only", "birth date XXXXXX only"),
        ("eleven 15068599001", "eleven XXXXXXXXXXX"),
        ('"GET /borgere/123/ HTTP/1.1" 200 51234', '"GET /borgere/123/ HTTP/1.1" 200 51234'),  # ids, sizes
        ("[16/Mar/2026 10:00:00]", "[16/Mar/2026 10:00:00]"),
    ],
)
def test_what_is_masked_and_what_is_left(text, masked):
    assert mask_digit_runs(text) == masked


def test_the_filter_never_drops_a_record_and_leaves_no_arguments():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "number %s and %d", ("1506859900", 7), None)
    assert MaskDigitRuns().filter(record) is True
    assert record.getMessage() == "number XXXXXX-XXXX and 7" and record.args is None
    broken = logging.LogRecord("x", logging.INFO, __file__, 1, "two %s %s", ("1506859900",), None)
    assert MaskDigitRuns().filter(broken) is True and "1506859900" not in broken.getMessage()
