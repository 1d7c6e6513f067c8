"""The client's address, and clean request headers: what the edge of the application may trust.

Behind a reverse proxy every request comes from the proxy's address, and the real client's
address is in ``X-Forwarded-For`` — a header anyone can also send themselves. Only the hops
named in ``FORLOB_TRUSTED_PROXIES`` (addresses or networks) are believed: the client is the
connecting address unless that is a trusted proxy, and then the right-most ``X-Forwarded-For``
entry that is not a trusted proxy (each proxy appends the address it saw; what a client wrote
itself is always further left). The audit log and the login lockout both use this address.
"""

import functools
import ipaddress
import re
import unicodedata

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Longest header value kept; longer values are cut (the cookie header may carry several cookies).
MAX_HEADER_LENGTH = 1024
MAX_COOKIE_LENGTH = 8192


def parse_address(text: str | None) -> Address | None:
    """An IP address from ``text``, or None when it is not one.

    Accepts the forms proxies write: ``1.2.3.4``, ``1.2.3.4:5678``, ``2001:db8::1``, ``[2001:db8::1]``
    and ``[2001:db8::1]:443``. An IPv4 address mapped into IPv6 (``::ffff:1.2.3.4``) is the IPv4
    address; a zone index (``fe80::1%eth0``) is dropped.
    """
    if not text:
        return None
    text = text.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    text = text.split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def parse_networks(text: str | list[str] | tuple[str, ...] | None) -> tuple[Network, ...]:
    """The trusted proxies from a comma-separated list of addresses and networks (CIDR).

    Entries that are neither are ignored (``accounts.checks`` warns about them), so a typo trusts
    less, never more.
    """
    entries = text.split(",") if isinstance(text, str) else list(text or ())
    networks = []
    for entry in (e.strip() for e in entries):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def invalid_network_entries(text: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """The entries of a trusted-proxy list that are not an address or a network."""
    entries = text.split(",") if isinstance(text, str) else list(text or ())
    invalid = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            invalid.append(entry)
    return invalid


def _trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str | None:
    """The client's address: ``remote_addr`` unless it is a trusted proxy (see the module).

    Walking ``forwarded_for`` from the right, trusted proxies are skipped and the first other
    address is the client. An entry that is not an address stops the walk at the last trusted hop
    (something a trusted proxy did not write cannot be believed, nor anything left of it); so does
    a list of trusted proxies only. None when ``remote_addr`` itself is not an address.
    """
    nearest = parse_address(remote_addr)
    if nearest is None:
        return None
    if not _trusted(nearest, trusted):
        return str(nearest)
    for entry in reversed((forwarded_for or "").split(",")):
        if not entry.strip():
            continue
        hop = parse_address(entry)
        if hop is None:
            break
        nearest = hop
        if not _trusted(hop, trusted):
            break
    return str(nearest)


@functools.lru_cache(maxsize=8)
def _configured(value: str | tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(value)


def trusted_proxies() -> tuple[Network, ...]:
    """``settings.FORLOB_TRUSTED_PROXIES`` parsed (a string or a list of strings)."""
    value = getattr(settings, "FORLOB_TRUSTED_PROXIES", "") or ""
    return _configured(value if isinstance(value, str) else tuple(value))


def request_client_address(request) -> str | None:
    """The client address of a Django request (django-axes' ``AXES_CLIENT_IP_CALLABLE``, the audit log)."""
    return client_address(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"), trusted_proxies())


# Control characters (C0, DEL, C1: Unicode category Cc), which no header value needs; NUL among
# them is refused by PostgreSQL text columns.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_header_value(value: str, max_length: int = MAX_HEADER_LENGTH) -> str:
    """A header value as a WSGI server hands it over (bytes decoded as latin-1), made harmless.

    Its bytes are read as UTF-8 (what is not valid UTF-8 becomes U+FFFD), control characters are
    removed, the text is cut to ``max_length`` characters, and it is handed back in the WSGI form,
    so that Django decodes it as before. Valid UTF-8 and plain ASCII values come back unchanged.
    """
    raw = value.encode("latin-1", errors="replace")
    text = raw.decode("utf-8", errors="replace")
    text = "".join(ch for ch in _CONTROL.sub("", text) if unicodedata.category(ch) not in ("Cs", "Co"))
    return text[:max_length].encode("utf-8").decode("latin-1")


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control character (never part of a real path of this application)."""
    return bool(_CONTROL.search(text))
