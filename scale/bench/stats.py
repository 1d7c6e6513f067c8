"""The pure arithmetic of the bench: percentiles, ratios, targets and the ``BENCH`` line.

No Django, no database: ``tests/scale/test_bench.py`` checks every function here.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# The targets on a 2-core machine (issue 12, "Scale").
PAGE_P95_MS = 100.0  # worklists, lists and citizen pages
DASHBOARD_P95_MS = 500.0
EXPORT_P95_MS = 10_000.0
MAX_RATIO = 1.5  # the 100,000-citizen figure over the 1,000-citizen figure


def percentile(values: Iterable[float], p: float) -> float:
    """The ``p``-th percentile (0–100) by linear interpolation between closest ranks (numpy's
    default, "type 7"): p50 of [1, 2, 3, 4] is 2.5, p95 of 1..20 is 19.05. ``ValueError`` when empty."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ratio(large: float | None, small: float | None) -> float | None:
    """``large / small``; None when either is missing or ``small`` is not positive."""
    if large is None or small is None or small <= 0:
        return None
    return large / small


def target_ms(kind: str) -> float:
    """The p95 target of a measure by its kind: ``page``, ``dashboard`` or ``export``."""
    return {"page": PAGE_P95_MS, "dashboard": DASHBOARD_P95_MS, "export": EXPORT_P95_MS}[kind]


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: tuple[str, ...]  # what failed, empty when passed

    @property
    def word(self) -> str:
        return "PASS" if self.passed else "FAIL"


def verdict(
    *, kind: str, p95_ms: float, ratio_value: float | None, queries_by_size: Mapping[int, int] | None = None
) -> Verdict:
    """PASS when the p95 is under the kind's target, the ratio (if known) at most ``MAX_RATIO`` and the
    queries per request the same at every size measured."""
    reasons = []
    limit = target_ms(kind)
    if not p95_ms < limit:
        reasons.append(f"p95 {p95_ms:.1f} ms >= {limit:g} ms")
    if ratio_value is not None and ratio_value > MAX_RATIO:
        reasons.append(f"ratio {ratio_value:.2f} > {MAX_RATIO:g}")
    counts = set((queries_by_size or {}).values())
    if len(counts) > 1:
        reasons.append(
            "queries differ by size (" + ", ".join(f"{s}: {n}" for s, n in sorted(queries_by_size.items())) + ")"
        )
    return Verdict(passed=not reasons, reasons=tuple(reasons))


def format_number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def bench_line(
    name: str, *, p95_ms: float, queries: int, ratio_value: float | None, result: Verdict | None = None
) -> str:
    """``BENCH <name> p95_ms=<x> queries=<n> ratio_100k_1k=<r>`` (then PASS/FAIL and why, if judged)."""
    line = f"BENCH {name} p95_ms={p95_ms:.1f} queries={queries} ratio_100k_1k={format_number(ratio_value, 2)}"
    if result is not None:
        line += f" {result.word}"
        if result.reasons:
            line += " (" + "; ".join(result.reasons) + ")"
    return line


@dataclass(frozen=True)
class Summary:
    count: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def summarise(times_ms: Sequence[float]) -> Summary:
    return Summary(
        count=len(times_ms),
        p50_ms=percentile(times_ms, 50),
        p95_ms=percentile(times_ms, 95),
        max_ms=max(times_ms),
    )


def size_label(size: int) -> str:
    """1000 -> "1k", 100000 -> "100k", 2500 -> "2500"."""
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def parse_sizes(text: str | None, default: Sequence[int] = (1_000, 10_000, 100_000)) -> list[int]:
    """``BENCH_SIZES`` ("1000,10000" or "1k 10k 100k") as sorted distinct positive ints."""
    if not text or not text.strip():
        return sorted(set(default))
    sizes = set()
    for part in text.replace(",", " ").split():
        part = part.strip().lower()
        number = int(part[:-1]) * 1000 if part.endswith("k") else int(part)
        if number <= 0:
            raise ValueError(f"a size must be positive: {part!r}")
        sizes.add(number)
    return sorted(sizes)
