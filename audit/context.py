"""The current request's id and client address, for audit events written deep in services."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_address: str | None = None


current: ContextVar[RequestContext] = ContextVar("forlob_request_context", default=RequestContext())  # noqa: B039 (frozen)
