"""Fictional CPR numbers for demo and test data.

Following the convention of the national test CPR numbers (MedCom, on CPR-kontoret's advice):
a real birth date, a very high serial number (99xx) and *no* modulus 11. Real numbers with such
serials are issued last of all for a birth date, and numbers failing modulus 11 were not issued
before 1 October 2007. Only ever used with fictional names, and never in production.
"""

from datetime import date

WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def _modulus_11(number: str) -> int:
    return sum(w * int(d) for w, d in zip(WEIGHTS, number, strict=True)) % 11


def fictional_cpr(born: date, n: int = 0) -> str:
    """The ``n``-th fictional CPR number for ``born`` (1937–2036): 7th digit 9, serial 99xx."""
    if not 1937 <= born.year <= 2036:
        raise ValueError("fictional CPR numbers are made for birth years 1937–2036")
    stem = f"{born:%d%m%y}99"
    for tail in range(n * 7, 100):
        candidate = f"{stem}{tail:02d}"
        if _modulus_11(candidate) != 0:
            return candidate
    raise ValueError("no fictional CPR number left for that date")
