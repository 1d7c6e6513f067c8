"""The public page's defences, without any outside service (no CAPTCHA, no tracking).

- A signed form token: when the form was rendered (the time-trap, ``rules.time_trap``) and a random
  nonce, whose SHA-256 is kept on the request (``ContactRequest.form_token_hash``) so that the same
  form sent twice gives one request.
- Rate limits in Django's cache, keyed by an HMAC of the client's address (``forlob.net``): the
  address itself is never stored, not even in the cache.
"""

import hashlib
import secrets

from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from forlob.net import request_client_address

from . import rules

TOKEN_SALT = "anonymous.public.form-token"  # noqa: S105  # nosec B105 (a signing salt, not a secret)
_RATE_SALT = "anonymous.public.rate-limit"


class BadToken(Exception):
    """The form token was missing, altered or not ours."""


def now_seconds() -> float:
    return timezone.now().timestamp()


def issue_token() -> str:
    """A fresh signed token for a form rendered now."""
    return signing.dumps({"t": int(now_seconds()), "n": secrets.token_urlsafe(24)}, salt=TOKEN_SALT, compress=False)


def read_token(token: str) -> tuple[float, str]:
    """(rendered at, SHA-256 of the nonce) of a token we issued; ``BadToken`` otherwise."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        rendered_at, nonce = float(data["t"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as bad:
        raise BadToken from bad
    return rendered_at, hashlib.sha256(nonce.encode()).hexdigest()


def _key(scope: str, value: str) -> str:
    return f"anon-rl:{scope}:{salted_hmac(_RATE_SALT, value).hexdigest()}"


def _count(key: str, limit: rules.Limit) -> int:
    cache.add(key, 0, timeout=limit.window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.window)
        return 1


def address_over_limit(request) -> bool:
    """Count one POST from the request's address; True when it is over ``rules.ADDRESS_LIMIT``."""
    address = request_client_address(request) or "unknown"
    return rules.over_limit(_count(_key("address", address), rules.ADDRESS_LIMIT), rules.ADDRESS_LIMIT)


def municipality_over_limit(code: str, *, count: bool) -> bool:
    """Whether the municipality's page has taken its hour's requests; ``count`` adds one."""
    key = _key("municipality", code)
    if count:
        return rules.over_limit(_count(key, rules.MUNICIPALITY_LIMIT), rules.MUNICIPALITY_LIMIT)
    return (cache.get(key) or 0) >= rules.MUNICIPALITY_LIMIT.limit


def body_too_large(request) -> bool:
    """Whether the declared body is over ``rules.MAX_BODY_BYTES``; read before ``request.POST``."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > rules.MAX_BODY_BYTES
