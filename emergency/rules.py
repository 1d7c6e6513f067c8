"""Break-the-glass rules: pure. Plain values in, plain values out; no ORM, no request.

Why these rules exist: break-the-glass opens a record the user's own centres do not hold. The
access is only defensible afterwards if (1) the reason can be judged by the manager of the
citizen's centre, who reviews every access (``emergency.services.emergency_access_review``), and
by the citizen, who sees it in their own copy of the data with the access log (GDPR art. 15,
``exports.collect``); and (2) it cannot be renewed quietly, day after day, on the user's own word.
The reason is free text, and a CPR number typed into it is masked before it is stored: a mistyped
number is as personal as a right one (databeskyttelsesloven § 11, ``citizens.rules.mask_cpr_like``).
The thresholds below are the project's own choice (no source prescribes a number); they are set
so that a plain Danish sentence always passes and a token, a keyboard run or a repetition fails.
"""

import re
from collections import Counter
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

MIN_REASON_LENGTH = 20
MIN_REASON_WORDS = 4
# A reason where one character or one word makes up more than this share is filler.
MAX_SHARE_OF_ONE = 0.5
# Once a day per citizen on the user's own word; within this time after the last access ended, a
# new one needs the approval of a manager of the citizen's centre.
RENEWAL_WINDOW = timedelta(hours=24)

VOWELS = frozenset("aeiouyæøåéèêáàíìóòúùüäö")
# Rows of a Danish keyboard: a run of 3+ letters from one row ("asdf", "qwer") is not a word.
KEYBOARD_ROWS = ("qwertyuiopå", "asdfghjklæø", "zxcvbnm")
LETTER_RUN = re.compile(r"[^\W\d_]+")

TOO_SHORT, TOO_FEW_WORDS, REPETITIVE = "too_short", "too_few_words", "repetitive"
REASON_MESSAGES = {
    TOO_SHORT: _("Describe the urgent need in a sentence (at least 20 characters)."),
    TOO_FEW_WORDS: _(
        "Describe the urgent need in at least four real words: who needs the record, for what, and why now."
    ),
    REPETITIVE: _("Write the reason in your own words: repeated characters or words cannot be judged afterwards."),
}


def expires_at(granted_at: datetime, minutes: int) -> datetime:
    """Access ends ``minutes`` after it is granted; a new need needs a new reason."""
    return granted_at + timedelta(minutes=minutes)


def is_real_word(token: str) -> bool:
    """Two or more letters with a vowel (æ, ø, å and y count), and not a run along one keyboard row."""
    word = token.casefold()
    if len(word) < 2 or not VOWELS & set(word):
        return False
    return not (len(word) >= 3 and any(word in row for row in KEYBOARD_ROWS))


def reason_problem(reason: str) -> str | None:
    """Why ``reason`` cannot be judged afterwards (``TOO_SHORT``, ``TOO_FEW_WORDS``, ``REPETITIVE``), or None.

    1. At least ``MIN_REASON_LENGTH`` characters once runs of whitespace count as one.
    2. Not dominated by one character: no character (spaces aside) is more than half of the text.
    3. At least ``MIN_REASON_WORDS`` different real words (``is_real_word``).
    4. Not dominated by one word: no real word is more than half of the real words.
    """
    text = " ".join(reason.split())
    if len(text) < MIN_REASON_LENGTH:
        return TOO_SHORT
    characters = Counter(text.casefold().replace(" ", ""))
    if characters.most_common(1)[0][1] > MAX_SHARE_OF_ONE * characters.total():
        return REPETITIVE
    words = [token.casefold() for token in LETTER_RUN.findall(text) if is_real_word(token)]
    counts = Counter(words)
    if len(counts) < MIN_REASON_WORDS:
        return REPETITIVE if words and counts.most_common(1)[0][1] > 1 else TOO_FEW_WORDS
    if counts.most_common(1)[0][1] > MAX_SHARE_OF_ONE * len(words):
        return REPETITIVE
    return None


def reason_is_sufficient(reason: str) -> bool:
    """A reason is a sentence that a reviewer can judge, not a token ("akut", "x", "test test test")."""
    return reason_problem(reason) is None


def renewal_needs_approval(*, last_ended: datetime | None, now: datetime) -> bool:
    """A new access within ``RENEWAL_WINDOW`` after the same user's last access to the citizen ended
    waits for a manager of the citizen's centre: one access a day on the user's own word, so that
    break-the-glass cannot become a standing, unreviewed way into another centre's record."""
    return last_ended is not None and now < last_ended + RENEWAL_WINDOW
