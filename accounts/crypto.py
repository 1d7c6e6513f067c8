"""TOTP secrets and enrolment codes at rest, under ``FORLOB_TOTP_KEY`` (never in the database).

The authenticator key is sealed with AES-GCM like the CPR numbers (citizens.crypto, whose key
loading this reuses). The user's id is the associated data, so a sealed key copied to another
user's row does not open. Enrolment codes are kept only as a keyed HMAC: eight characters are
few enough to guess offline from a plain hash, not without the key.
"""

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from citizens.crypto import _key as key_from_settings

SETTING = "FORLOB_TOTP_KEY"
VERSION = "v1"


def _associated_data(user_id: int) -> bytes:
    return f"forlob.totp:{user_id}".encode()


def seal_totp_key(key: bytes, *, user_id: int) -> str:
    """The authenticator key encrypted for the user's device row (``v1:<base64 nonce+ciphertext>``)."""
    nonce = os.urandom(12)
    sealed = AESGCM(key_from_settings(SETTING)).encrypt(nonce, key, _associated_data(user_id))
    return f"{VERSION}:{base64.b64encode(nonce + sealed).decode()}"


def open_totp_key(token: str, *, user_id: int) -> bytes:
    """The authenticator key; raises ``cryptography.exceptions.InvalidTag`` under a wrong key or user."""
    version, payload = token.split(":", 1)
    if version != VERSION:
        raise ValueError("unknown TOTP key encryption version")
    raw = base64.b64decode(payload)
    return AESGCM(key_from_settings(SETTING)).decrypt(raw[:12], raw[12:], _associated_data(user_id))


def enrolment_code_hash(code: str, *, user_id: int) -> str:
    """Keyed HMAC-SHA256 of a normalised enrolment code, bound to its user (a sub-key, not the AES key)."""
    subkey = hmac.new(key_from_settings(SETTING), b"forlob.enrolment-code", hashlib.sha256).digest()
    return hmac.new(subkey, f"{user_id}:{code}".encode(), hashlib.sha256).hexdigest()
