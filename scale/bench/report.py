"""Turning the per-size measurements into the bench's tables and ``BENCH`` lines (pure)."""

from collections.abc import Mapping, Sequence

from . import stats


def size_table(size: int, measures: Sequence[Mapping], counts: Mapping[str, int] | None = None) -> list[str]:
    """One size's measurements as an aligned text table."""
    lines = [f"== {stats.size_label(size)} citizens" + (f" ({_counts(counts)})" if counts else "")]
    lines.append(f"{'page':<18} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'queries':>8} {'KB':>8}  n")
    for m in measures:
        if m.get("skipped"):
            lines.append(f"{m['name']:<18} skipped: {m['skipped']}")
            continue
        lines.append(
            f"{m['name']:<18} {m['p50_ms']:>9.1f} {m['p95_ms']:>9.1f} {m['max_ms']:>9.1f} {m['queries']:>8} "
            f"{m['bytes'] / 1024:>8.1f}  {m['count']}"
        )
    return lines


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {value:,}" for name, value in counts.items())


def summary(by_size: Mapping[int, Sequence[Mapping]]) -> tuple[list[str], list[str], bool]:
    """The comparison across sizes: table lines, ``BENCH`` lines and whether everything passed.

    Each measure is judged at the largest size: its p95 against its target, the ratio of its p95
    at the largest size to the smallest, and its queries per request at every size.
    """
    sizes = sorted(by_size)
    small, large = sizes[0], sizes[-1]
    ratio_name = f"ratio_{stats.size_label(large)}_{stats.size_label(small)}"
    names: list[str] = []
    for size in sizes:
        for m in by_size[size]:
            if m["name"] not in names:
                names.append(m["name"])
    header = f"{'page':<18} " + " ".join(f"{'p95 ' + stats.size_label(s):>10}" for s in sizes)
    header += f" {'queries':>16} {ratio_name:>14}"
    table, bench, passed = [header], [], True
    for name in names:
        found = {size: _find(by_size[size], name) for size in sizes}
        measured = {size: m for size, m in found.items() if m and not m.get("skipped")}
        if large not in measured:
            why = (found.get(large) or {}).get("skipped") or "not measured"
            table.append(f"{name:<18} skipped: {why}")
            bench.append(f"BENCH {name} skipped ({why})")
            continue
        top = measured[large]
        base = measured.get(small) if small != large else None
        ratio_value = stats.ratio(top["p95_ms"], base["p95_ms"]) if base else None
        queries = {size: m["queries"] for size, m in measured.items()}
        result = stats.verdict(kind=top["kind"], p95_ms=top["p95_ms"], ratio_value=ratio_value, queries_by_size=queries)
        passed = passed and result.passed
        cells = " ".join(f"{measured[s]['p95_ms']:>10.1f}" if s in measured else f"{'-':>10}" for s in sizes)
        query_text = "/".join(str(queries.get(s, "-")) for s in sizes)
        table.append(f"{name:<18} {cells} {query_text:>16} {stats.format_number(ratio_value, 2):>14}")
        line = stats.bench_line(
            name, p95_ms=top["p95_ms"], queries=top["queries"], ratio_value=ratio_value, result=result
        )
        if ratio_name != "ratio_100k_1k":
            line = line.replace("ratio_100k_1k=", f"{ratio_name}=")
        bench.append(line)
    return table, bench, passed


def _find(measures: Sequence[Mapping], name: str) -> Mapping | None:
    return next((m for m in measures if m["name"] == name), None)
