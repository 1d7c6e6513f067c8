"""Sending reminders to citizens: a small backend interface, no real gateway.

``settings.FORLOB_REMINDER_BACKEND`` chooses the backend: ``"console"`` (logs that a reminder
went, never the address or the text), ``"file"`` (appends one JSON line per reminder to
``settings.FORLOB_REMINDER_FILE``, default ``<FORLOB_MEDIA_ROOT>/reminders.jsonl``, mode 0600,
for a gateway to pick up or for tests), or a dotted path to a class with ``send(to, channel,
text)``. A backend raises ``ReminderFailed`` when the message did not go.
"""

import json
import logging
import os
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("forlob.reminders")


class ReminderFailed(Exception):
    """The backend could not send the message."""


class ReminderBackend(Protocol):
    def send(self, to: str, channel: str, text: str) -> None: ...


class ConsoleBackend:
    """For development: logs that a reminder was sent (channel and length only)."""

    def send(self, to: str, channel: str, text: str) -> None:
        logger.warning("Reminder sent by %s (%d characters).", channel, len(text))


class FileBackend:
    """Appends ``{"at", "to", "channel", "text"}`` as one JSON line to a file only its owner can read."""

    def __init__(self, path: str | Path | None = None) -> None:
        configured = path or getattr(settings, "FORLOB_REMINDER_FILE", "") or ""
        self.path = Path(configured) if configured else Path(settings.MEDIA_ROOT) / "reminders.jsonl"

    def send(self, to: str, channel: str, text: str) -> None:
        line = json.dumps({"at": timezone.now().isoformat(), "to": to, "channel": channel, "text": text})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.chmod(self.path, 0o600)
            with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError as error:
            raise ReminderFailed(str(error)) from error


BACKENDS = {"console": ConsoleBackend, "file": FileBackend}


def get_backend() -> ReminderBackend:
    name = getattr(settings, "FORLOB_REMINDER_BACKEND", "console") or "console"
    return (BACKENDS.get(name) or import_string(name))()
