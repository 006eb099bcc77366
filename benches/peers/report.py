"""The report of the peer comparison (`bash benches/peers/run.sh`; see its header).

Reads $PEERS_OUT/run.json (every contestant's timed calls and result checksums, per row and
round, written by numba_kernels.py) and the Mandelbrot counts, checks that every contestant
computed what Numba's matching variant computed, and writes one markdown document
(benches/peers/results.md, also printed), a chart (benches/peers/speedup.svg), and the generated
part of the README's "Against Numba" section (between its `peers:begin` and `peers:end`
markers; PEERS_README=0 leaves the README alone). Exits with status 1, writing nothing, when the
results disagree.

Statistics: a contestant's time in a row is the median of all its timed calls of all rounds;
its spread is the interquartile range of those calls (25th to 75th percentile, linear
interpolation). Two contestants differ "beyond the spread" when their interquartile ranges do
not overlap.
"""

import datetime
import json
import math
import os
import re
import subprocess
import sys
from xml.sax.saxutils import escape

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(HERE, "..", "..", "README.md")

VARIANTS = ["serial", "parallel", "fastmath", "parallel_fastmath"]
OURS = VARIANTS + ["dispatch"]
PEERS = ["taichi", "warp"]
PEER_NAME = {"taichi": "Taichi", "warp": "Warp"}
NUMBA_NAME = {
    "serial": "`@njit`",
    "parallel": "`@njit(parallel=True)`",
    "fastmath": "`@njit(fastmath=True)`",
    "parallel_fastmath": "`@njit(parallel=True, fastmath=True)`",
}
NUMBA_SHORT = {"serial": "`@njit`", "parallel": "`parallel=True`", "fastmath": "`fastmath=True`",
               "parallel_fastmath": "`parallel=True, fastmath=True`"}
# Variants on all threads; the others are compared with the one-thread triad.
THREADED = {"parallel", "parallel_fastmath"}

# Relative tolerances of the result checks (inputs must agree exactly).
# f64: a sum of n terms of one sign, added in any order (chunks, lanes, FMA, or the arbitrary order
# of Taichi's and Warp's atomic adds), is within (n - 1) * 2^-53 relative of the exact sum, and so of
# any other order's: 1.1e-10 at n = 1e6, 8.9e-10 at n = 8e6. The inputs are chosen so that the
# reductions over the whole input do not cancel (tanh of positives, products of positives,
# softplus > 0, absolute values), so 1e-9 holds for every order up to 9 million terms, and still
# catches any real mistake. The sampled elements that are sums with cancellation (a row of matvec,
# one body's acceleration) are bound by n * 2^-53 * sum|t| / |sum t|: at most 4.4e-11 on the
# default inputs (matvec 4096, row 4095). Per-term differences (another tanh or exp,
# log(1 + exp(x)) for log1p, contraction into FMA) are a few units in the last place, far below.
RTOL_F64 = 1e-9
# f32 (saxpy): one rounding of 2^-24 per element, FMA or not.
RTOL_F32 = 1e-5
# Escape counts: a point next to the set's boundary may escape one iteration earlier or later when
# FMA contracts `x * x - y * y + x0`.
MANDEL_MAX_MISMATCH = 1e-3

TARGET_SEED_1M = 5.0
TARGET_SEED_10K = 2.5
TARGET_TRIAD = 0.85
TARGET_REAL_EACH = 1.0
TARGET_REAL_GEOMEAN = 1.5
DISPATCH_SLACK = 1.10


def reference(contestant):
    """The Numba variant whose results a contestant must match."""
    if contestant.startswith("kernelize-") and contestant != "kernelize-dispatch":
        return "numba-" + contestant[len("kernelize-"):]
    return "numba-parallel_fastmath"


def footprint(kernel, n):
    """Bytes a call must move (each array once: reads and writes, STREAM's count), or None for
    kernels that are not memory-bound."""
    return {
        "go_fast": lambda: 8 * n * 3,  # a read by both loops, out written
        "saxpy": lambda: 4 * n * 3,  # x, y read; y written
        "dot": lambda: 8 * n * 2,
        "jacobi": lambda: 8 * n * n + 8 * (n - 2) * (n - 2),
        "matvec": lambda: 8 * n * n + 8 * n * 2,
    }.get(kernel, lambda: None)()


def resident(kernel, n):
    """Distinct bytes a call touches: the working set that must fit the last-level cache."""
    return {
        "go_fast": 16 * n, "saxpy": 8 * n, "dot": 16 * n, "jacobi": 16 * n * n, "matvec": 8 * n * n + 16 * n,
    }.get(kernel)


def short(v):
    """10000 -> 10k, 1000000 -> 1M, 16777216 -> 16Mi."""
    if v and v % 1_000_000 == 0:
        return f"{v // 1_000_000}M"
    if v and v % 1000 == 0:
        return f"{v // 1000}k"
    if v and v % (1 << 20) == 0:
        return f"{v >> 20}Mi"
    return str(v)


def size_label(suite, kernel, n, iters):
    if suite != "kernels":
        return short(n)
    if kernel in ("jacobi", "matvec"):
        return f"{n}x{n}"
    if kernel == "nbody":
        return f"{n} bodies"
    if kernel == "mandelbrot":
        return f"{short(n)} points, {iters} it."
    return short(n)


def fmt_time(s):
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def fmt_spread(st):
    """`1.23 ms (1.20–1.27)`: the median, then the interquartile range in the median's unit."""
    m, lo, hi = st["median"], st["p25"], st["p75"]
    scale, unit = (1e6, "µs") if m < 1e-3 else (1e3, "ms") if m < 1 else (1, "s")
    digits = 1 if scale == 1e6 else 2
    return f"{m * scale:.{digits}f} {unit} ({lo * scale:.{digits}f}–{hi * scale:.{digits}f})"


def median(xs):
    return float(np.median(xs))


def llc_bytes():
    override = os.environ.get("PEERS_LLC_BYTES")
    if override:
        return int(override)
    try:
        with open("/sys/devices/system/cpu/cpu0/cache/index3/size") as f:
            text = f.read().strip()
        mult = {"K": 1 << 10, "M": 1 << 20}.get(text[-1], 1)
        return int(text.rstrip("KM")) * mult
    except (OSError, ValueError):
        return 32 << 20


# ---------------------------------------------------------------------------------------------
# Loading, statistics


def load(out):
    path = os.path.join(out, "run.json")
    if not os.path.exists(path):
        sys.exit(f"no results in {out}: run benches/peers/run.sh")
    with open(path) as f:
        return json.load(f)


def stats(entry):
    """Median and interquartile range of all timed calls of all rounds, and the rounds' medians."""
    times = [t for r in entry["rounds"] for t in r["times_s"]]
    if not times:
        return None
    p25, med, p75 = (float(v) for v in np.percentile(times, [25, 50, 75]))
    return {"median": med, "p25": p25, "p75": p75, "n": len(times),
            "round_medians": [median(r["times_s"]) for r in entry["rounds"] if r["times_s"]]}


def beyond(slow, fast):
    """`slow` is slower than `fast` beyond the spread: the interquartile ranges do not overlap."""
    return slow["p25"] > fast["p75"]


class Row:
    def __init__(self, raw, iters):
        self.suite, self.kernel, self.n = raw["suite"], raw["kernel"], int(raw["size"])
        self.size = size_label(self.suite, self.kernel, self.n, iters)
        self.raw = raw["contestants"]
        self.st = {name: stats(e) for name, e in self.raw.items() if e["rounds"]}
        self.na = {name: e["na"] for name, e in self.raw.items() if e["na"] and not e["rounds"]}

    def t(self, name):
        return self.st.get(name)

    def ours(self, v):
        return self.st.get("kernelize-" + v)

    def numba(self, v):
        return self.st.get("numba-" + v)

    def ratio(self, slow_name, fast_name):
        """Time of `slow_name` over time of `fast_name` (above 1: `fast_name` is faster)."""
        a, b = self.st.get(slow_name), self.st.get(fast_name)
        return None if a is None or b is None else a["median"] / b["median"]

    def label(self):
        return f"{self.kernel} {self.size}" + (" (real)" if self.suite == "real" else "")


# ---------------------------------------------------------------------------------------------
# Correctness


def check_results(doc):
    """Every checksum of every contestant, round by round, against its Numba reference."""
    problems = []
    for raw in doc["rows"]:
        suite, kernel, n = raw["suite"], raw["kernel"], int(raw["size"])
        rtols = doc["suites"].get(suite, {}).get("rtol", {})
        cs = raw["contestants"]
        for name, entry in cs.items():
            if name.startswith("numba-") or not entry["rounds"]:
                continue
            ref_name = reference(name)
            ref = cs.get(ref_name)
            where = f"{suite} {kernel} {n} {name}"
            if ref is None or len(ref["rounds"]) != len(entry["rounds"]):
                problems.append(f"{where}: no {ref_name} result to compare with")
                continue
            if kernel == "saxpy" and suite == "kernels":
                rtol = RTOL_F32
            else:
                rtol = float(rtols.get(kernel, RTOL_F64))
            for r, (mine_r, ref_r) in enumerate(zip(entry["rounds"], ref["rounds"]), 1):
                for key, mine in mine_r["checks"].items():
                    if key not in ref_r["checks"]:
                        problems.append(f"round {r}: {where} {key}: missing on the {ref_name} side")
                        continue
                    other = ref_r["checks"][key]
                    if key.startswith("in."):
                        if mine != other:
                            problems.append(f"round {r}: {where} {key}: inputs differ ({mine!r} vs {other!r})")
                        continue
                    if kernel == "mandelbrot" and suite == "kernels":
                        continue  # compared point by point in check_mandelbrot
                    if abs(mine - other) > rtol * max(abs(mine), abs(other)):
                        rel = abs(mine - other) / max(abs(mine), abs(other))
                        problems.append(f"round {r}: {where} {key}: {mine!r}, {ref_name} {other!r} "
                                        f"(relative {rel:.1e} > {rtol:g})")
    return problems


def check_mandelbrot(doc, out):
    """Escape counts point by point (the last round's dumps); returns (problems, note)."""
    problems, notes = [], []
    for raw in doc["rows"]:
        if raw["suite"] != "kernels" or raw["kernel"] != "mandelbrot":
            continue
        n = int(raw["size"])
        counts = []
        for name, entry in raw["contestants"].items():
            if name.startswith("numba-") or not entry["rounds"]:
                continue
            a = np.fromfile(os.path.join(out, f"mandelbrot-{n}-{name}.u32"), dtype="<u4")
            b = np.fromfile(os.path.join(out, f"mandelbrot-{n}-{reference(name)}.u32"), dtype="<u4")
            bad = int(np.count_nonzero(a != b)) if len(a) == len(b) == n else n
            counts.append(f"{display(name)} {bad}")
            if bad > MANDEL_MAX_MISMATCH * n:
                problems.append(f"mandelbrot {n} {name}: {bad} of {n} escape counts differ from "
                                f"{reference(name)} (allowed {MANDEL_MAX_MISMATCH:.1%})")
        notes.append(f"Mandelbrot escape counts that differ from the matching Numba variant's, of {n:,} "
                     f"points: " + ", ".join(counts))
    return problems, "; ".join(notes)


def display(name):
    """numba-parallel -> Numba `parallel`, kernelize-fastmath -> `fastmath`, taichi -> Taichi."""
    if name.startswith("kernelize-"):
        return f"`{name[len('kernelize-'):]}`"
    if name.startswith("numba-"):
        return "Numba " + NUMBA_SHORT[name[len("numba-"):]]
    return PEER_NAME.get(name, name)


# ---------------------------------------------------------------------------------------------
# The document


def machine(doc, out):
    km = doc["meta"]["kernelize"]
    cpu, cores = km["cpu"], int(km["cores"])
    try:
        rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rustc = "rustc ?"
    try:
        with open(os.path.join(out, "busy-before.txt")) as f:
            busy = f"; other processes used {int(f.read())}% of the CPUs when the run started"
    except (OSError, ValueError):
        busy = ""
    if doc.get("others_busy") is not None:
        busy += f"{', and' if busy else '; other processes used'} {doc['others_busy']:.0%} during the run"
        worst = max(((b, raw) for raw in doc["rows"] for b in raw.get("others_busy", []) if b is not None),
                    key=lambda t: t[0], default=None)
        if worst:
            b, raw = worst
            busy += f" (up to {b:.0%}, in a round of {raw['kernel']} {short(int(raw['size']))})"
    m = doc["meta"]["numba"]
    date = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    peers = []
    if "taichi" in doc["meta"]:
        t = doc["meta"]["taichi"]
        peers.append(f"Taichi {t['taichi']} (CPU, {t['threads']} threads, fast_math {t['fast_math']})")
    if "warp" in doc["meta"]:
        w = doc["meta"]["warp"]
        peers.append(f"Warp {w['warp']} (device `cpu`, which runs a launch on 1 thread)")
    text = (f"{cpu}, {cores} cores, L3 {llc_bytes() >> 20} MiB, SIMD {km['simd']}; {date}; "
            f"Numba {m['numba']} (numpy {m['numpy']}, Python {m['python']}, {m['threads']} threads, "
            f"threading layer `{m['threading_layer']}`); " + "".join(p + "; " for p in peers)
            + f"kernelize built by {rustc}, {int(km['threads'])} threads{busy}")
    return {"cpu": f"{cpu}, {cores} cores", "date": date, "text": text}


def triad_bw(doc):
    """The triad's bandwidth on 1 and on all threads: the round with the lowest median (the
    highest bandwidth, the strictest yardstick)."""
    t0 = doc["triad"][0]
    bw = {}
    for threaded, key in ((False, "serial_times_s"), (True, "parallel_times_s")):
        bw[threaded] = max(t0["bytes"] / median(t[key]) / 1e9 for t in doc["triad"])
    return bw, t0


def bandwidth(row, v, bw, llc):
    """(GB/s of ours, of Numba's, the triad's, in cache) for a memory-bound row, else None."""
    b = footprint(row.kernel, row.n) if row.suite == "kernels" else None
    if b is None or row.ours(v) is None or row.numba(v) is None:
        return None
    return {"ours": b / row.ours(v)["median"] / 1e9, "numba": b / row.numba(v)["median"] / 1e9,
            "triad": bw[v in THREADED], "in_cache": resident(row.kernel, row.n) <= llc}


def ratio_cell(row, slow, fast):
    """Speed-up of `fast` over `slow` (slow's time / fast's time); a loss within the spread is
    marked `~`; a side that does not have the kernel: n/a."""
    for name in (slow, fast):
        if name in row.na:
            return "n/a"
    r = row.ratio(slow, fast)
    if r is None:
        return ""
    mark = "~" if r < 1 and not beyond(row.t(fast), row.t(slow)) else ""
    return f"{r:.2f}x{mark}"


def speedup_table(rows):
    lines = ["| kernel | size | `serial` vs `@njit` | `parallel` vs `parallel=True` | `fastmath` vs `fastmath=True` "
             "| `parallel_fastmath` vs `parallel=True, fastmath=True` | dispatch vs `parallel=True, fastmath=True` "
             "| `parallel_fastmath` vs Taichi | `parallel_fastmath` vs Warp |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        cells = [ratio_cell(row, "numba-" + v, "kernelize-" + v) for v in VARIANTS]
        cells.append(ratio_cell(row, "numba-parallel_fastmath", "kernelize-dispatch"))
        cells += [ratio_cell(row, p, "kernelize-parallel_fastmath") for p in PEERS]
        lines.append(f"| {row.kernel} | {row.size} | " + " | ".join(cells) + " |")
    return lines


def times_table(rows):
    names = ["numba-" + v for v in VARIANTS] + ["kernelize-" + v for v in OURS] + PEERS
    heads = ["Numba `@njit`", "Numba `parallel`", "Numba `fastmath`", "Numba `parallel, fastmath`",
             "`serial`", "`parallel`", "`fastmath`", "`parallel_fastmath`", "dispatch", "Taichi", "Warp"]
    lines = ["| kernel | size | " + " | ".join(heads) + " |", "|---|---|" + "---|" * len(heads)]
    for row in rows:
        cells = []
        for name in names:
            st = row.t(name)
            cells.append(fmt_spread(st) if st else ("n/a" if name in row.na else ""))
        lines.append(f"| {row.kernel} | {row.size} | " + " | ".join(cells) + " |")
    return lines


def bandwidth_table(rows, bw, llc):
    lines = ["| kernel | size | variant | kernelize, of triad | Numba, of triad |", "|---|---|---|---|---|"]
    for row in rows:
        for v in VARIANTS:
            b = bandwidth(row, v, bw, llc)
            if b is None:
                continue
            if b["in_cache"]:
                cells = [f"{b['ours']:.1f} GB/s (in L3)", f"{b['numba']:.1f} GB/s (in L3)"]
            else:
                cells = [f"{b['ours']:.1f} GB/s, **{b['ours'] / b['triad']:.0%}**",
                         f"{b['numba']:.1f} GB/s, {b['numba'] / b['triad']:.0%}"]
            lines.append(f"| {row.kernel} | {row.size} | `{v}` | " + " | ".join(cells) + " |")
    return lines


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def real_table(rows, origin):
    lines = ["| program | size | origin | Numba `parallel=True, fastmath=True` | kernelize `parallel_fastmath` "
             "| speed-up |", "|---|---|---|---|---|---|"]
    ratios = []
    for row in rows:
        r = row.ratio("numba-parallel_fastmath", "kernelize-parallel_fastmath")
        nb, ours = row.numba("parallel_fastmath"), row.ours("parallel_fastmath")
        if r is not None:
            ratios.append(r)
        cell = lambda st: fmt_spread(st) if st else "n/a"  # noqa: E731
        lines.append(f"| {row.kernel} | {row.size} | {origin.get(row.kernel, '')} | {cell(nb)} | {cell(ours)} | "
                     + (f"**{ratio_cell(row, 'numba-parallel_fastmath', 'kernelize-parallel_fastmath')}**"
                        if r is not None else "n/a") + " |")
    g = geomean(ratios)
    if g is not None:
        lines.append(f"| **geomean** | | | | | **{g:.2f}x** |")
    return lines, g


def first_call_table(rows):
    names = ["numba-" + v for v in VARIANTS] + PEERS
    heads = [NUMBA_NAME[v] for v in VARIANTS] + ["Taichi", "Warp"]
    lines = ["| kernel | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
    seen, total = {}, {}
    for row in rows:
        key = (row.suite, row.kernel)
        for name in names:
            s = row.raw.get(name, {}).get("first_call_s")
            if s is not None and (key, name) not in seen:
                seen[(key, name)] = s
                total[name] = total.get(name, 0.0) + s
    for key in dict.fromkeys((r.suite, r.kernel) for r in rows):
        cells = [f"{seen[(key, n)]:.2f} s" if (key, n) in seen else "" for n in names]
        lines.append(f"| {key[1]} | " + " | ".join(cells) + " |")
    return lines, total


def noise(rows):
    """How far the rounds' medians of one contestant in one row lie apart."""
    sp = []
    for row in rows:
        for name, st in row.st.items():
            m = st["round_medians"]
            if len(m) > 1:
                sp.append((max(m) / min(m) - 1, name, row))
    if not sp:
        return None
    sp.sort(key=lambda t: t[0])
    typical = sp[len(sp) // 2][0]
    worst, name, row = sp[-1]
    return (f"Noise: the rounds' medians of one contestant in one row differ by {typical:.0%} typically and by "
            f"up to {worst:.0%} ({display(name)}, {row.label()}).")


def not_available(rows):
    out = {}
    for row in rows:
        for name, reason in row.na.items():
            out.setdefault((display(name), reason), []).append(row.label())
    return [f"- {who}: n/a for {', '.join(where)}: {reason}" for (who, reason), where in out.items()]


# ---------------------------------------------------------------------------------------------
# The checks


def in_order_reduction(row, v):
    """A reduction summed in IEEE order (the non-fastmath variants of dot and matvec): bound by the
    latency of one add per element on both sides, not by memory."""
    return row.kernel in ("dot", "matvec") and "fastmath" not in v


def fmt_loss(row, slow, fast):
    """`slow` takes longer than `fast`: by how much, and whether beyond the spread."""
    r = row.ratio(slow, fast)
    tag = "beyond the spread" if beyond(row.t(slow), row.t(fast)) else "within the spread"
    return f"{row.label()}: {display(slow)} takes {r:.2f}x the time of {display(fast)} ({tag})"


def checks(kernel_rows, real_rows, bw, llc):
    out = []
    # The seed kernel's headline targets.
    for n, goal in ((1_000_000, TARGET_SEED_1M), (10_000, TARGET_SEED_10K)):
        row = next((r for r in kernel_rows if r.kernel == "go_fast" and r.n == n), None)
        ratio = row.ratio("numba-parallel_fastmath", "kernelize-parallel_fastmath") if row else None
        if ratio is not None:
            out.append(f"- {'met' if ratio >= goal else '**missed**'}: seed kernel `parallel_fastmath` at {n:,} "
                       f"elements is {ratio:.2f}x Numba `parallel=True, fastmath=True` (target {goal}x)")

    # (a) Every variant at least as fast as its Numba counterpart, outside the spread.
    pairs = [(row, v) for row in kernel_rows for v in VARIANTS if row.ours(v) and row.numba(v)]
    slower = [(row, v) for row, v in pairs if row.ours(v)["median"] > row.numba(v)["median"]]
    far = [(row, v) for row, v in slower if beyond(row.ours(v), row.numba(v))]
    near = [(row, v) for row, v in slower if not beyond(row.ours(v), row.numba(v))]

    def ratio_text(row, v):
        return f"{row.label()} `{v}` {row.ratio('numba-' + v, 'kernelize-' + v):.2f}x"
    if far:
        out.append(f"- **missed** (a): every variant at least as fast as its Numba counterpart, outside the spread: "
                   f"{len(pairs) - len(far)} of {len(pairs)} rows are; slower beyond the spread: "
                   + ", ".join(ratio_text(*p) for p in far))
    elif pairs:
        out.append(f"- met (a): no variant slower than its Numba counterpart beyond the spread ({len(pairs)} rows)")
    if near:
        out.append("  - slower, but within the spread (not counted as missed): "
                   + ", ".join(ratio_text(*p) for p in near))

    # (b) Per kernel: fastmath >= serial; parallel_fastmath >= parallel and >= fastmath; dispatch
    # within 10% of the fastest variant.
    rows = kernel_rows + real_rows
    losses = {"fm": [], "pf": [], "dispatch": []}
    judged, skipped = 0, []
    for row in rows:
        if not all(row.ours(v) for v in OURS):
            skipped.append(row.label())
            continue
        judged += 1
        if row.ours("fastmath")["median"] > row.ours("serial")["median"]:
            losses["fm"].append(fmt_loss(row, "kernelize-fastmath", "kernelize-serial"))
        for other in ("parallel", "fastmath"):
            if row.ours("parallel_fastmath")["median"] > row.ours(other)["median"]:
                losses["pf"].append(fmt_loss(row, "kernelize-parallel_fastmath", "kernelize-" + other))
        best = min(VARIANTS, key=lambda v: row.ours(v)["median"])
        d = row.ours("dispatch")["median"] / row.ours(best)["median"]
        if d > DISPATCH_SLACK:
            losses["dispatch"].append(f"{row.label()} dispatch {d:.2f}x the time of `{best}`")
    what = {"fm": "`fastmath` at least as fast as `serial`",
            "pf": "`parallel_fastmath` at least as fast as `parallel` and `fastmath`",
            "dispatch": f"the dispatching call within {DISPATCH_SLACK - 1:.0%} of the fastest variant"}
    for key, text in what.items():
        if losses[key]:
            out.append(f"- **missed** (b): {text}, on every kernel of both suites ({judged} rows); "
                       f"not on: " + "; ".join(losses[key]))
        elif judged:
            out.append(f"- met (b): {text}, on every kernel of both suites ({judged} rows)")
    if skipped:
        out.append("  - not judged for (b), not every variant on the kernelize side: " + ", ".join(skipped))

    # (c) The real-program suite: every program at least 1.0x, and the geomean at least 1.5x; a
    # program that one side does not have cannot meet the first.
    ratios = [(row, row.ratio("numba-parallel_fastmath", "kernelize-parallel_fastmath")) for row in real_rows]
    missing = [row.label() for row, r in ratios if r is None]
    ratios = [(row, r) for row, r in ratios if r is not None]
    if not real_rows:
        out.append("- not judged (c): no real-program suite in this run (benches/peers/real_programs.py absent, "
                   "or PEERS_REAL_CASES empty)")
    else:
        low = [(row, r) for row, r in ratios if r < TARGET_REAL_EACH]
        goal = (f"`parallel_fastmath` at least {TARGET_REAL_EACH}x Numba `parallel=True, fastmath=True` on every "
                f"real program")
        if low or missing:
            spread_tag = lambda row: ("beyond" if beyond(row.ours("parallel_fastmath"),  # noqa: E731
                                                         row.numba("parallel_fastmath")) else "within")
            parts = []
            if low:
                parts.append("below: " + "; ".join(f"{row.label()} {r:.2f}x ({spread_tag(row)} the spread)"
                                                   for row, r in low))
            if missing:
                parts.append("not on both sides: " + ", ".join(missing))
            out.append(f"- **missed** (c): {goal}: {len(ratios) - len(low)} of {len(real_rows)} are; "
                       + "; ".join(parts))
        else:
            out.append(f"- met (c): {goal} ({len(ratios)} programs)")
        if ratios:
            g = geomean([r for _, r in ratios])
            out.append(f"- {'met' if g >= TARGET_REAL_GEOMEAN else '**missed**'} (c): real-suite geomean "
                       f"{g:.2f}x over {len(ratios)} program{'s' if len(ratios) != 1 else ''} (target {TARGET_REAL_GEOMEAN}x)")

    # (d) Memory-bound kernels out of cache at 85% of the triad or more.
    mem = [(row, v, bandwidth(row, v, bw, llc)) for row in kernel_rows for v in VARIANTS]
    mem = [(row, v, b) for row, v, b in mem if b is not None and not b["in_cache"]]
    latency = [(row, v, b) for row, v, b in mem if in_order_reduction(row, v)]
    judged = [(row, v, b) for row, v, b in mem if not in_order_reduction(row, v)]
    low = [(row, v, b) for row, v, b in judged if b["ours"] / b["triad"] < TARGET_TRIAD]

    def frac(row, v, b):
        return f"{row.label()} `{v}` {b['ours'] / b['triad']:.0%} (Numba {b['numba'] / b['triad']:.0%})"
    if low:
        out.append(f"- **missed** (d): memory-bound kernels out of cache at {TARGET_TRIAD:.0%} of the triad or "
                   f"more: {len(judged) - len(low)} of {len(judged)} rows are; below: "
                   + ", ".join(frac(*t) for t in low))
    elif judged:
        out.append(f"- met (d): all {len(judged)} memory-bound rows out of cache at {TARGET_TRIAD:.0%} of the triad "
                   f"or more (lowest {min(b['ours'] / b['triad'] for _, _, b in judged):.0%})")
    else:
        out.append(f"- not judged (d): no memory-bound row out of cache (every working set fits the "
                   f"{llc >> 20} MiB L3; PEERS_LLC_BYTES sets the size to judge by)")
    if latency:
        out.append("- not judged against the triad: reductions in IEEE order, one dependent add per element on "
                   "both sides: " + ", ".join(frac(*t) for t in latency))
    return out


# ---------------------------------------------------------------------------------------------
# The chart


BARS = [("numba-parallel_fastmath", "kernelize-parallel_fastmath", "parallel_fastmath vs Numba parallel=True, "
         "fastmath=True", "#2f6db5"),
        ("numba-serial", "kernelize-serial", "serial vs Numba @njit", "#a9c4e6"),
        ("taichi", "kernelize-parallel_fastmath", "parallel_fastmath vs Taichi", "#e08a2c"),
        ("warp", "kernelize-parallel_fastmath", "parallel_fastmath vs Warp", "#4c9a4c")]


def svg(rows, caption):
    """Horizontal bars of the speed-up per kernel and size, log scale, a line at 1x; the whisker
    spans the ratio of the two interquartile ranges (their slowest to fastest ends)."""
    groups = []
    for row in rows:
        bars = []
        for slow, fast, _, color in BARS:
            a, b = row.t(slow), row.t(fast)
            if a and b:
                bars.append((a["median"] / b["median"], a["p25"] / b["p75"], a["p75"] / b["p25"], color))
        if bars:
            label = (f"{row.kernel} {row.size}" if row.suite == "kernels" else f"{row.kernel} {row.size} (real)")
            groups.append((label, bars))
    lo, hi = 0.25, 2.0
    for _, bars in groups:
        for r, wlo, whi, _ in bars:
            while max(r, whi) > hi:
                hi *= 2
            while min(r, wlo) < lo:
                lo /= 2
    left, width, bar, gap, top = 250, 520, 11, 10, 116
    height = top + sum(len(b) * bar + gap for _, b in groups) + 52
    total_w = left + width + 40

    def x(v):
        return left + width * (math.log2(v) - math.log2(lo)) / (math.log2(hi) - math.log2(lo))

    e = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{height}" '
         f'viewBox="0 0 {total_w} {height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">',
         f'<rect width="{total_w}" height="{height}" fill="white"/>',
         '<text x="12" y="22" font-size="15" font-weight="bold">kernelize speed-up over Numba, Taichi and Warp, '
         'per kernel</text>',
         '<text x="12" y="40" fill="#444">their time / kernelize time, medians, log scale; right of 1x: kernelize '
         'is faster; whiskers: interquartile ranges</text>']
    for i, (_, _, label, color) in enumerate(BARS):
        ly = 52 + i * 15
        e.append(f'<rect x="{left}" y="{ly}" width="11" height="11" fill="{color}"/>')
        e.append(f'<text x="{left + 17}" y="{ly + 10}">{escape(label)}</text>')
    axis_y = height - 44
    tick = lo
    while tick <= hi * 1.0001:
        tx = x(tick)
        e.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e2e2e2"/>')
        e.append(f'<text x="{tx:.1f}" y="{axis_y + 15}" text-anchor="middle">{tick:g}x</text>')
        tick *= 2
    y0 = top
    for label, bars in groups:
        h = len(bars) * bar
        e.append(f'<text x="{left - 10}" y="{y0 + h / 2 + 4:.1f}" text-anchor="end">{escape(label)}</text>')
        for bi, (r, wlo, whi, color) in enumerate(bars):
            y = y0 + bi * bar
            end = x(r)
            x1, x2 = sorted((x(1.0), end))
            e.append(f'<rect x="{x1:.1f}" y="{y}" width="{max(x2 - x1, 1):.1f}" height="{bar - 1}" fill="{color}"/>')
            ym = y + (bar - 1) / 2
            e.append(f'<line x1="{x(wlo):.1f}" y1="{ym:.1f}" x2="{x(whi):.1f}" y2="{ym:.1f}" stroke="#222" '
                     'stroke-width="0.8"/>')
            tx, anchor = (max(end, x(whi)) + 4, "start") if r >= 1.0 else (min(end, x(wlo)) - 4, "end")
            e.append(f'<text x="{tx:.1f}" y="{y + bar - 2}" font-size="9" text-anchor="{anchor}">{r:.2f}x</text>')
        y0 += h + gap
    e.append(f'<line x1="{x(1.0):.1f}" y1="{top - 4}" x2="{x(1.0):.1f}" y2="{axis_y}" stroke="black" '
             'stroke-width="1.5"/>')
    e.append(f'<text x="12" y="{height - 10}" font-size="10" fill="#555">{escape(caption)}</text>')
    e.append("</svg>")
    return "\n".join(e) + "\n"


# ---------------------------------------------------------------------------------------------


def method(doc, bw, t0):
    s = doc["settings"]
    prime = (f", each right after {s['prime']} untimed call{'s' if s['prime'] != 1 else ''} of its own on the same "
             "data (so that it finds its data in cache and its threads awake, as in a loop of calls)"
             if s["prime"] else "")
    return (f"STREAM triad (`a = b + s*c`, 3 x {int(t0['n']):,} f64, 24 bytes per element, a median per round, "
            f"the best of {plural(len(doc['triad']), 'round')}): **{bw[False]:.1f} GB/s** on 1 thread, "
            f"**{bw[True]:.1f} GB/s** on {int(t0['threads'])} threads. The contestants of a row (a kernel and size) run interleaved: each turn "
            f"times one call of every contestant, in a fresh random order{prime}; {plural(s['warmup'], 'untimed turn')},"
            f" then {s['repeats']} timed, in each of {plural(s['rounds'], 'round')} (a round runs every row, on inputs made "
            f"afresh and checked). A time is the **median** of a contestant's {s['repeats'] * s['rounds']} timed "
            "calls, and its **spread** the interquartile range of those calls (25th–75th percentile), printed as "
            "`median (p25–p75)`. Speed-up is the other's median over ours (above 1: kernelize is faster); a loss "
            "marked `~` is within the spread (the two interquartile ranges overlap). What is timed: Numba, the "
            "call (`time.perf_counter` around it); kernelize, the call inside the Rust process (`Instant` around "
            "it); Taichi, the kernel call and `ti.sync()`; Warp, zeroing the reduction's 1-element array where "
            "there is one, `wp.launch` (both for go_fast) and `wp.synchronize()`, and reading the reduced value; "
            "the data already in each one's own arrays (copying NumPy in and out is not timed). The dispatching "
            "call is `name(...)`, which picks a variant at run time; it is checked against Numba "
            "`parallel=True, fastmath=True`, as are Taichi and Warp.")


def plural(n, what):
    return f"{n} {what}{'' if n == 1 else 's'}"


def update_readme(block):
    begin, end = "<!-- peers:begin", "<!-- peers:end -->"
    try:
        with open(README) as f:
            text = f.read()
    except OSError:
        return False
    m = re.search(re.escape(begin) + r".*?-->\n", text)
    if not m or end not in text[m.end():]:
        return False
    stop = text.index(end, m.end())
    with open(README, "w") as f:
        f.write(text[:m.end()] + "\n" + block + "\n" + text[stop:])
    return True


def main():
    out = os.environ.get("PEERS_OUT", os.path.join(HERE, "out"))
    doc = load(out)
    iters = int(doc["settings"]["mandel_iters"])
    problems = check_results(doc)
    mandel_problems, mandel_note = check_mandelbrot(doc, out)
    problems += mandel_problems
    if problems:
        print("RESULTS DISAGREE:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    rows = [Row(raw, iters) for raw in doc["rows"]]
    kernel_rows = [r for r in rows if r.suite == "kernels"]
    real_rows = [r for r in rows if r.suite == "real"]
    origin = doc["suites"].get("real", {}).get("origin", {})
    bw, t0 = triad_bw(doc)
    llc = llc_bytes()
    where = machine(doc, out)
    caption = f"{where['cpu']}; {where['date']}; bash benches/peers/run.sh"

    text = [f"Machine: {where['text']}.", "", method(doc, bw, t0), ""]
    summary = []
    if kernel_rows:
        summary += ["**Speed-up of kernelize** (the other's median time / ours; `~`: a loss within the spread):",
                    ""] + speedup_table(kernel_rows) + [""]
    g = None
    if real_rows:
        table, g = real_table(real_rows, origin)
        summary += ["**Real programs** (ported from public Numba code; `parallel_fastmath` against Numba "
                    "`parallel=True, fastmath=True`, `median (p25–p75)`):", ""] + table + [""]
    target_lines = checks(kernel_rows, real_rows, bw, llc)
    summary += ["**Targets of issue 12** (this run):", ""] + target_lines + [""]
    text += summary
    text += ["**All times**, `median (p25–p75)` of every timed call:", ""] + times_table(rows) + [""]
    na = not_available(rows)
    if na:
        text += ["Not available:", ""] + na + [""]
    bwt = bandwidth_table(kernel_rows, bw, llc)
    if len(bwt) > 2:
        text += ["**Bandwidth** of the memory-bound kernels: the bytes a call must move over its median time, and "
                 "its fraction of the triad's (one thread for `serial`/`fastmath`, all threads for the parallel "
                 "variants), out of cache:", ""] + bwt + [""]
    fct, total = first_call_table(rows)
    text += ["**First calls** (compilation included, once per kernel and process; kernelize compiles with the "
             "crate; Warp's first launch builds the kernel's module with a fresh kernel cache, and the first of all, "
             "go_fast's, also starts Warp's compiler):", ""] + fct + [""]
    text.append("In all: " + ", ".join(f"{display(n)} {s:.1f} s" for n, s in total.items()) + ".")
    text.append("")
    text.append(f"Results agree: inputs bit-identical on every side; every checksum (reductions, sums of outputs, "
                f"sampled elements) within {RTOL_F64:g} relative in f64 and {RTOL_F32:g} in f32 of the matching Numba "
                "variant's (ours against the same option set; the dispatching call, Taichi and Warp against "
                "`parallel=True, fastmath=True`), in every round; the f64 bound holds for sums in any order, the "
                "atomic adds of Taichi and Warp included (terms of one sign, at most 9 million of them). "
                + (mandel_note + "." if mandel_note else ""))
    nz = noise(rows)
    if nz:
        text += ["", nz]
    doc_text = "\n".join(text) + "\n"
    print(doc_text)
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write("<!-- written by `bash benches/peers/run.sh`; do not edit -->\n\n" + doc_text)
    with open(os.path.join(HERE, "speedup.svg"), "w") as f:
        f.write(svg(rows, caption))
    if os.environ.get("PEERS_README", "1") != "0":
        block = [f"Measured on {where['text']}. Each time is the median of "
                 f"{doc['settings']['repeats'] * doc['settings']['rounds']} timed calls, interleaved with the other "
                 "contestants' (method, all times with their spread, bandwidth and compile times: "
                 "[`benches/peers/results.md`](benches/peers/results.md)).", "",
                 "![kernelize's speed-up over Numba, Taichi and Warp per kernel](benches/peers/speedup.svg)", ""]
        block += summary
        if update_readme("\n".join(block).rstrip() + "\n"):
            print("README.md: the peers section updated", file=sys.stderr)


if __name__ == "__main__":
    main()
