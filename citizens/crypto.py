"""CPR numbers at rest: AES-GCM encryption and a keyed HMAC blind index for lookup.

The keys come from settings (the environment in production), never from the database, so a
database dump holds no readable CPR number. A plain hash would not do: the whole CPR space is
small enough to hash in seconds, so the index is keyed (HMAC-SHA256).
"""

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

VERSION = "v1"
ASSOCIATED_DATA = b"forlob.cpr"


def _key(setting: str) -> bytes:
    key = base64.b64decode(getattr(settings, setting))
    if len(key) != 32:
        raise ValueError(f"{setting} must be 32 bytes, base64-encoded")
    return key


def encrypt_cpr(cpr: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_key("FORLOB_CPR_KEY")).encrypt(nonce, cpr.encode(), ASSOCIATED_DATA)
    return f"{VERSION}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt_cpr(token: str) -> str:
    version, payload = token.split(":", 1)
    if version != VERSION:
        raise ValueError("unknown CPR encryption version")
    raw = base64.b64decode(payload)
    return AESGCM(_key("FORLOB_CPR_KEY")).decrypt(raw[:12], raw[12:], ASSOCIATED_DATA).decode()


def cpr_index(cpr: str) -> str:
    return hmac.new(_key("FORLOB_CPR_INDEX_KEY"), cpr.encode(), hashlib.sha256).hexdigest()
