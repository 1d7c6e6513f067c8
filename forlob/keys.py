"""The encryption keys from the environment: each must be 32 random bytes, base64-encoded.

Checked when production settings load, so that a wrong key stops the start instead of failing
at the first CPR number, second factor or audit anchor. Messages name the variable, never its value.
"""

import base64
import binascii

# Every key Forløb takes from the environment (citizens.crypto, accounts.crypto, the audit anchor).
KEY_VARIABLES = ("FORLOB_CPR_KEY", "FORLOB_CPR_INDEX_KEY", "FORLOB_TOTP_KEY", "FORLOB_AUDIT_ANCHOR_KEY")
KEY_BYTES = 32


def key_problem(name: str, value: str | None) -> str | None:
    """What is wrong with the key ``value`` of variable ``name``, or None when it is a good key."""
    hint = f"{name} must be {KEY_BYTES} random bytes, base64-encoded (e.g. `openssl rand -base64 {KEY_BYTES}`)."
    if not value or not value.strip():
        return f"Set {name}. {hint}"
    try:
        key = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        return f"{name} is not valid base64. {hint}"
    if len(key) != KEY_BYTES:
        return f"{name} is {len(key)} bytes, not {KEY_BYTES}. {hint}"
    return None


def key_problems(environ) -> list[str]:
    """The problems of every key in ``KEY_VARIABLES`` as found in ``environ``."""
    return [problem for name in KEY_VARIABLES if (problem := key_problem(name, environ.get(name)))]
