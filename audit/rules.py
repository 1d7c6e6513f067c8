"""What the audit log may keep of text a person typed (pure functions)."""

import re

from citizens.rules import mask_cpr_like

# The alphabet of usernames (Django's username validator: letters, digits and @ . + - _).
USERNAME_CHARACTERS = re.compile(r"[\w.@+\-]+")
# Longer than any username we hand out, and than most e-mail addresses used as one.
USERNAME_MAX_LENGTH = 40
# Six or more digits in a row: part of a CPR number, a phone or account number, a one-time code.
DIGIT_RUN = re.compile(r"\d{6,}")
HIDDEN = "[skjult: {length} tegn]"


def typed_username_for_log(typed: str, *, known: bool) -> str:
    """The username of a failed login as the audit log keeps it.

    The log keeps what was typed, to show guessing ("admin", "root", a colleague's name), but
    people type the wrong thing into the username field: their password, or a citizen's CPR
    number copied a moment earlier. The audit log is kept for years and read by managers and
    auditors, so neither may end up there (databeskyttelsesloven § 11 for the CPR number; a
    password in a log is a password disclosed).

    - A ``known`` username (an account by that name exists) is kept as it is: it is no secret.
    - Otherwise the text is hidden as ``[skjult: N tegn]`` (only its length is kept) unless it
      looks like a username: at most 40 characters, only letters, digits and ``. _ - @ +``, and
      not upper case, lower case and digits all at once (the mark of a password policy, never of
      the usernames given out here).
    - In what is kept, CPR-like numbers become ``XXXXXX-XXXX`` and any other run of six or more
      digits becomes as many ``*``.
    """
    if known or not typed:
        return typed
    if not _looks_like_a_username(typed):
        return HIDDEN.format(length=len(typed))
    return DIGIT_RUN.sub(lambda run: "*" * len(run.group()), mask_cpr_like(typed))


def _looks_like_a_username(typed: str) -> bool:
    if not typed or len(typed) > USERNAME_MAX_LENGTH or not USERNAME_CHARACTERS.fullmatch(typed):
        return False
    has_upper = any(c.isupper() for c in typed)
    has_lower = any(c.islower() for c in typed)
    has_digit = any(c.isdigit() for c in typed)
    return not (has_upper and has_lower and has_digit)
