"""Logging that never writes a CPR number: every line is masked before a handler writes it.

``MaskDigitRuns`` sits on the handlers in ``settings.LOGGING`` (the console and runserver's
request log), so it covers every logger that reaches them: ``django.request`` ("Not Found: ..."),
``django.server`` (runserver's request lines, with their query strings), ``django.security`` and
the application's own. Searches are POSTed so a CPR number should never be in a request line;
this is the second line of defence for a number typed into a URL, a form error or an exception.
"""

import logging
import re

# A CPR number as people type it, also URL-encoded ("+", "%20", "%2D" between date and serial),
# and any other run of six or more digits (a CPR number without its last digits, a phone number
# with a CPR number glued on): masked whole, so not even the birth date is left in a log.
CPR_LIKE_IN_LOGS = re.compile(r"(?<!\d)\d{6}(?:[ \t\-./+]|%20|%2[dD])?\d{4}(?!\d)")
LONG_DIGIT_RUN = re.compile(r"\d{6,}")
MASK = "XXXXXX-XXXX"


def mask_digit_runs(text: str) -> str:
    """``text`` with every CPR-like number and every run of six or more digits masked."""
    text = CPR_LIKE_IN_LOGS.sub(MASK, text)
    return LONG_DIGIT_RUN.sub(lambda run: "X" * len(run.group()), text)


class MaskDigitRuns(logging.Filter):
    """Mask digit runs in the formatted message, the exception text and the stack of every record.

    The message is formatted here (``record.getMessage()``), masked, and stored back with no
    arguments left, so no formatter can bring the number back. Never drops a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log what there is rather than nothing
            message = f"{record.msg} {record.args}"
        record.msg = mask_digit_runs(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_digit_runs(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_digit_runs(record.stack_info)
        return True
