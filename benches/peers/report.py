"""The report of the Numba comparison (`bash benches/peers/run.sh`; see its header).

Reads each round's $PEERS_OUT/kernelize-N.json and numba-N.json (and the Mandelbrot counts),
checks that both sides computed the same results, and prints one markdown document (also
written to benches/peers/results.md) and a chart of our speed-up over Numba
(benches/peers/speedup.svg). Exits with status 1, writing nothing, when the results disagree.
"""

import datetime
import json
import math
import os
import subprocess
import sys
from xml.sax.saxutils import escape

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

VARIANTS = ["serial", "parallel", "fastmath", "parallel_fastmath"]
NUMBA_NAME = {
    "serial": "`@njit`",
    "parallel": "`@njit(parallel=True)`",
    "fastmath": "`@njit(fastmath=True)`",
    "parallel_fastmath": "`@njit(parallel=True, fastmath=True)`",
}
# Variants on all threads; the others are compared with the one-thread triad.
THREADED = {"parallel", "parallel_fastmath"}

# Relative tolerances of the result checks (inputs must agree exactly).
# f64: a sum of n terms added in another order (chunks, lanes) or with FMA moves by at most about
# n * eps relative when the terms do not cancel (the inputs are chosen so); 1e-9 covers n = 1e6
# at 2.2e-16 with room, and still catches any real mistake.
RTOL_F64 = 1e-9
# f32 (saxpy): one rounding of 2^-24 per element, FMA or not.
RTOL_F32 = 1e-5
# Escape counts: a point next to the set's boundary may escape one iteration earlier or later when
# FMA contracts `x * x - y * y + x0`.
MANDEL_MAX_MISMATCH = 1e-3

TARGET_SEED_1M = 5.0
TARGET_SEED_10K = 2.5
TARGET_TRIAD = 0.85


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


def size_label(kernel, n, iters):
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


def median(xs):
    return sorted(xs)[len(xs) // 2]


def load(out):
    """Each side's rounds, in order: [(kernelize doc, numba doc), ...]."""
    rounds = []
    r = 1
    while os.path.exists(os.path.join(out, f"kernelize-{r}.json")):
        with open(os.path.join(out, f"kernelize-{r}.json")) as f:
            ours = json.load(f)
        with open(os.path.join(out, f"numba-{r}.json")) as f:
            numba = json.load(f)
        rounds.append((ours, numba))
        r += 1
    if not rounds:
        sys.exit(f"no results in {out}: run benches/peers/run.sh")
    return rounds


def best_of_rounds(docs):
    """One document whose median per case is the lowest of the rounds' medians (each side's
    quietest minute; both sides get the same rule), with every round's median kept."""
    best = json.loads(json.dumps(docs[0]))
    for i, c in enumerate(best["cases"]):
        medians = [d["cases"][i]["median_s"] for d in docs]
        c["median_s"], c["round_medians_s"] = min(medians), medians
    if "triad" in best:
        t = best["triad"]
        for key in ("serial_times_s", "parallel_times_s"):
            t[key] = min((d["triad"][key] for d in docs), key=median)
    return best


def check_results(ours, numba):
    """Every checksum of every case against Numba's matching variant; returns the problems."""
    theirs = {(c["kernel"], c["size"], c["variant"]): c for c in numba["cases"]}
    problems = []
    for c in ours["cases"]:
        key = (c["kernel"], int(c["size"]), c["variant"])
        other = theirs.get(key)
        if other is None:
            problems.append(f"{key}: no Numba result")
            continue
        for name, mine in c["checks"].items():
            if name not in other["checks"]:
                problems.append(f"{key} {name}: missing on the Numba side")
                continue
            ref = other["checks"][name]
            if name.startswith("in."):
                if mine != ref:
                    problems.append(f"{key} {name}: inputs differ ({mine!r} vs {ref!r})")
                continue
            if c["kernel"] == "mandelbrot":
                continue  # compared point by point in check_mandelbrot
            rtol = RTOL_F32 if c["kernel"] == "saxpy" else RTOL_F64
            if abs(mine - ref) > rtol * max(abs(mine), abs(ref)):
                rel = abs(mine - ref) / max(abs(mine), abs(ref))
                problems.append(f"{key} {name}: ours {mine!r}, Numba {ref!r} (relative {rel:.1e} > {rtol:g})")
    return problems


def check_mandelbrot(ours, out):
    """Escape counts point by point (the last round's dumps); returns (problems, note)."""
    problems, counts = [], []
    for c in ours["cases"]:
        if c["kernel"] != "mandelbrot":
            continue
        n, v = int(c["size"]), c["variant"]
        a = np.fromfile(os.path.join(out, f"mandelbrot-{n}-kernelize-{v}.u32"), dtype="<u4")
        b = np.fromfile(os.path.join(out, f"mandelbrot-{n}-numba-{v}.u32"), dtype="<u4")
        bad = int(np.count_nonzero(a != b)) if len(a) == len(b) == n else n
        counts.append(f"`{v}` {bad}")
        if bad > MANDEL_MAX_MISMATCH * n:
            problems.append(f"mandelbrot {n} {v}: {bad} of {n} escape counts differ (allowed {MANDEL_MAX_MISMATCH:.1%})")
    note = f"Mandelbrot escape counts that differ from Numba's, of {n:,} points: " + ", ".join(counts) if counts else ""
    return problems, note


def machine(ours, numba, out):
    cpu, cores = ours["meta"]["cpu"], int(ours["meta"]["cores"])
    try:
        rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rustc = "rustc ?"
    try:
        with open(os.path.join(out, "busy-before.txt")) as f:
            busy = f"; other processes used {int(f.read())}% of the CPUs when the run started"
    except (OSError, ValueError):
        busy = ""
    m = numba["meta"]
    date = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    text = (f"{cpu}, {cores} cores, L3 {llc_bytes() >> 20} MiB, SIMD {ours['meta']['simd']}; {date}; "
            f"Numba {m['numba']} (numpy {m['numpy']}, Python {m['python']}, {m['threads']} threads, "
            f"threading layer `{m['threading_layer']}`); kernelize built by {rustc}, "
            f"{int(ours['meta']['threads'])} threads{busy}")
    return {"cpu": f"{cpu}, {cores} cores", "date": date, "text": text}


def llc_bytes():
    try:
        with open("/sys/devices/system/cpu/cpu0/cache/index3/size") as f:
            text = f.read().strip()
        mult = {"K": 1 << 10, "M": 1 << 20}.get(text[-1], 1)
        return int(text.rstrip("KM")) * mult
    except (OSError, ValueError):
        return 32 << 20


def build(ours, numba, iters, repeats):
    triad = ours["triad"]
    bw = {False: triad["bytes"] / median(triad["serial_times_s"]) / 1e9,
          True: triad["bytes"] / median(triad["parallel_times_s"]) / 1e9}
    llc = llc_bytes()
    theirs = {(c["kernel"], c["size"], c["variant"]): c for c in numba["cases"]}
    rows = []
    for c in ours["cases"]:
        k, n, v = c["kernel"], int(c["size"]), c["variant"]
        t_ours, t_numba = c["median_s"], theirs[(k, n, v)]["median_s"]
        row = {"kernel": k, "n": n, "variant": v, "size": size_label(k, n, iters), "ours": t_ours,
               "numba": t_numba, "ratio": t_numba / t_ours, "bytes": footprint(k, n)}
        if row["bytes"] is not None:
            row["in_cache"] = resident(k, n) <= llc
            row["gbs_ours"] = row["bytes"] / t_ours / 1e9
            row["gbs_numba"] = row["bytes"] / t_numba / 1e9
            row["triad"] = bw[v in THREADED]
        rows.append(row)
    return rows, bw


def bandwidth_cell(row, which):
    if row["bytes"] is None:
        return ""
    gbs = row["gbs_" + which]
    if row["in_cache"]:
        return f"{gbs:.1f} GB/s (in L3)"
    return f"{gbs:.1f} GB/s, **{gbs / row['triad']:.0%}**" if which == "ours" else f"{gbs:.1f} GB/s, {gbs / row['triad']:.0%}"


def tables(rows, bw, numba, ours, mandel_note, repeats, rounds):
    lines = []
    t = ours["triad"]
    lines.append(f"STREAM triad (`a = b + s*c`, 3 x {int(t['n']):,} f64, 24 bytes per element, median of "
                 f"{len(t['serial_times_s'])}): **{bw[False]:.1f} GB/s** on 1 thread, **{bw[True]:.1f} GB/s** "
                 f"on {int(t['threads'])} threads. Times are medians of {repeats} warm calls, each side's lowest such "
                 f"median of {rounds} rounds (in each round, a kernel and size runs on both sides back to back, "
                 "in alternating order); speed-up is Numba's time "
                 "over ours (above 1: kernelize is faster); bandwidth is the bytes a call must move over its "
                 "time, and its fraction of the triad's (one thread for `serial`/`fastmath`, all threads for "
                 "the parallel variants), for the memory-bound kernels out of cache.")
    lines.append("")
    lines.append("**Speed-up over Numba** (Numba time / kernelize time, each variant against its match):")
    lines.append("")
    lines.append("| kernel | size | `serial` vs `@njit` | `parallel` vs `parallel=True` | `fastmath` vs "
                 "`fastmath=True` | `parallel_fastmath` vs `parallel=True, fastmath=True` |")
    lines.append("|---|---|---|---|---|---|")
    for key in dict.fromkeys((r["kernel"], r["n"]) for r in rows):
        by_v = {r["variant"]: r for r in rows if (r["kernel"], r["n"]) == key}
        cells = [f"{by_v[v]['ratio']:.2f}x" if v in by_v else "" for v in VARIANTS]
        lines.append(f"| {key[0]} | {by_v[VARIANTS[0]]['size']} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("**All times:**")
    lines.append("")
    lines.append("| kernel | size | kernelize | Numba | Numba median | kernelize median | speed-up | "
                 "kernelize bandwidth, of triad | Numba bandwidth, of triad |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        lines.append(f"| {r['kernel']} | {r['size']} | `{r['variant']}` | {NUMBA_NAME[r['variant']]} | "
                     f"{fmt_time(r['numba'])} | {fmt_time(r['ours'])} | **{r['ratio']:.2f}x** | "
                     f"{bandwidth_cell(r, 'ours')} | {bandwidth_cell(r, 'numba')} |")
    lines.append("")
    lines.append("**Numba's first call** (compilation included, once per kernel and variant; kernelize "
                 "compiles with the crate):")
    lines.append("")
    lines.append("| kernel | " + " | ".join(NUMBA_NAME[v] for v in VARIANTS) + " |")
    lines.append("|---|" + "---|" * len(VARIANTS))
    firsts = {(f["kernel"], f["variant"]): f["first_call_s"] for f in numba["first_calls"]}
    total = 0.0
    for k in dict.fromkeys(r["kernel"] for r in rows):
        cells = []
        for v in VARIANTS:
            s = firsts.get((k, v))
            total += s or 0.0
            cells.append(f"{s:.2f} s" if s is not None else "")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"In all, {total:.1f} s of first calls (once per kernel, variant and process).")
    lines.append("")
    lines.append(f"Results agree: inputs bit-identical on both sides; every checksum (reductions, sums of outputs, "
                 f"sampled elements) within {RTOL_F64:g} relative in f64 and {RTOL_F32:g} in f32 of Numba's matching "
                 f"variant, in every round. {mandel_note}.")
    if rounds > 1:
        lines.append("")
        lines.append(spread(ours, numba, rows, rounds))
    return lines


def spread(ours, numba, rows, rounds):
    """How far the rounds' medians of one row lie apart: the noise the table carries."""
    sp = []
    for side, doc in (("kernelize", ours), ("Numba", numba)):
        for c in doc["cases"]:
            m = c["round_medians_s"]
            sp.append((max(m) / min(m) - 1, side, c))
    sp.sort(key=lambda t: t[0])
    typical = sp[len(sp) // 2][0]
    worst, side, c = sp[-1]
    label = size_label(c["kernel"], int(c["size"]), 0).replace(", 0 it.", "")
    return (f"Noise: the {rounds} rounds' medians of one row differ by {typical:.0%} typically and by up to "
            f"{worst:.0%} ({side}, {c['kernel']} {label} `{c['variant']}`); each side keeps its lowest.")


def in_order_reduction(row):
    """A reduction summed in IEEE order (the non-fastmath variants of dot and matvec): bound by the
    latency of one add per element on both sides, not by memory."""
    return row["kernel"] in ("dot", "matvec") and "fastmath" not in row["variant"]


def targets(rows):
    out = []
    seed = {(r["n"], r["variant"]): r["ratio"] for r in rows if r["kernel"] == "go_fast"}
    for n, goal in ((1_000_000, TARGET_SEED_1M), (10_000, TARGET_SEED_10K)):
        ratio = seed.get((n, "parallel_fastmath"))
        if ratio is not None:
            out.append(f"- {'met' if ratio >= goal else '**missed**'}: seed kernel `parallel_fastmath` at {n:,} "
                       f"elements is {ratio:.2f}x Numba `parallel=True, fastmath=True` (target {goal}x)")
    slow = [r for r in rows if r["ratio"] < 0.995]  # 1.00x as printed counts as as fast
    if slow:
        near = [r for r in slow if r["ratio"] >= 0.95]
        far = [r for r in slow if r["ratio"] < 0.95]
        out.append(f"- **missed**: at least as fast as Numba's matching variant: {len(rows) - len(slow)} of "
                   f"{len(rows)} rows are; slower: "
                   + ", ".join(f"{r['kernel']} {r['size']} `{r['variant']}` {r['ratio']:.2f}x" for r in far)
                   + (("; within 5% (run-to-run noise on this machine): "
                       + ", ".join(f"{r['kernel']} {r['size']} `{r['variant']}` {r['ratio']:.2f}x" for r in near))
                      if near else ""))
    else:
        out.append(f"- met: every one of the {len(rows)} rows at least as fast as Numba's matching variant")
    mem = [r for r in rows if r["bytes"] is not None and not r["in_cache"]]
    latency = [r for r in mem if in_order_reduction(r)]
    judged = [r for r in mem if not in_order_reduction(r)]
    low = [r for r in judged if r["gbs_ours"] / r["triad"] < TARGET_TRIAD]

    def frac(r):
        return f"{r['kernel']} {r['size']} `{r['variant']}` {r['gbs_ours'] / r['triad']:.0%} (Numba {r['gbs_numba'] / r['triad']:.0%})"
    if low:
        out.append(f"- **missed**: memory-bound kernels out of cache at {TARGET_TRIAD:.0%} of the triad or more: "
                   f"{len(judged) - len(low)} of {len(judged)} rows are; below: " + ", ".join(frac(r) for r in low))
    elif judged:
        out.append(f"- met: all {len(judged)} memory-bound rows out of cache at {TARGET_TRIAD:.0%} of the triad "
                   f"or more (lowest {min(r['gbs_ours'] / r['triad'] for r in judged):.0%})")
    if latency:
        out.append("- not judged against the triad: reductions in IEEE order, one dependent add per element on "
                   "both sides: " + ", ".join(frac(r) for r in latency))
    return out


def svg(rows, caption):
    """Horizontal bars of the speed-up per kernel and size, log scale, a line at 1x."""
    pairs = [("parallel_fastmath", "parallel_fastmath vs @njit(parallel=True, fastmath=True)", "#2f6db5"),
             ("serial", "serial vs @njit", "#a9c4e6")]
    groups = list(dict.fromkeys((r["kernel"], r["n"]) for r in rows))
    by_key = {(r["kernel"], r["n"], r["variant"]): r for r in rows}
    lo, hi = 0.25, 2.0
    for r in rows:
        if r["variant"] in ("parallel_fastmath", "serial"):
            while r["ratio"] > hi:
                hi *= 2
            while r["ratio"] < lo:
                lo /= 2
    left, width, bar, gap, top = 250, 500, 13, 12, 84
    height = top + len(groups) * (2 * bar + gap) + 52
    total_w = left + width + 40

    def x(v):
        return left + width * (math.log2(v) - math.log2(lo)) / (math.log2(hi) - math.log2(lo))

    e = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{height}" '
         f'viewBox="0 0 {total_w} {height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">',
         f'<rect width="{total_w}" height="{height}" fill="white"/>',
         '<text x="12" y="22" font-size="15" font-weight="bold">kernelize speed-up over Numba, per kernel</text>',
         '<text x="12" y="40" fill="#444">Numba time / kernelize time, medians, log scale; right of 1x: '
         'kernelize is faster</text>']
    for i, (_, label, color) in enumerate(pairs):
        ly = 54 + i * 16
        e.append(f'<rect x="{left}" y="{ly}" width="12" height="12" fill="{color}"/>')
        e.append(f'<text x="{left + 18}" y="{ly + 10}">{escape(label)}</text>')
    axis_y = height - 44
    tick = lo
    while tick <= hi * 1.0001:
        tx = x(tick)
        e.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e2e2e2"/>')
        e.append(f'<text x="{tx:.1f}" y="{axis_y + 15}" text-anchor="middle">{tick:g}x</text>')
        tick *= 2
    for gi, (k, n) in enumerate(groups):
        y0 = top + gi * (2 * bar + gap)
        size = next(r for r in rows if (r["kernel"], r["n"]) == (k, n))["size"]
        e.append(f'<text x="{left - 10}" y="{y0 + bar + 4}" text-anchor="end">{escape(k)} {escape(size)}</text>')
        for pi, (v, _, color) in enumerate(pairs):
            r = by_key.get((k, n, v))
            if r is None:
                continue
            y = y0 + pi * bar
            end = x(r["ratio"])
            x1, x2 = sorted((x(1.0), end))
            e.append(f'<rect x="{x1:.1f}" y="{y}" width="{max(x2 - x1, 1):.1f}" height="{bar - 1}" fill="{color}"/>')
            if r["ratio"] >= 1.0:
                e.append(f'<text x="{end + 4:.1f}" y="{y + bar - 3}" font-size="10">{r["ratio"]:.2f}x</text>')
            else:
                e.append(f'<text x="{end - 4:.1f}" y="{y + bar - 3}" font-size="10" text-anchor="end">'
                         f'{r["ratio"]:.2f}x</text>')
    e.append(f'<line x1="{x(1.0):.1f}" y1="{top - 4}" x2="{x(1.0):.1f}" y2="{axis_y}" stroke="black" '
             'stroke-width="1.5"/>')
    e.append(f'<text x="12" y="{height - 10}" font-size="10" fill="#555">{escape(caption)}</text>')
    e.append("</svg>")
    return "\n".join(e) + "\n"


def main():
    out = os.environ.get("PEERS_OUT", os.path.join(HERE, "out"))
    iters = int(os.environ.get("PEERS_MANDEL_ITERS", "200"))
    rounds = load(out)
    problems = []
    for r, (ours, numba) in enumerate(rounds, 1):
        problems += [f"round {r}: {line}" for line in check_results(ours, numba)]
    mandel_problems, mandel_note = check_mandelbrot(rounds[-1][0], out)
    problems += mandel_problems
    if problems:
        print("RESULTS DISAGREE between kernelize and Numba:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    ours = best_of_rounds([o for o, _ in rounds])
    numba = best_of_rounds([n for _, n in rounds])
    repeats = len(ours["cases"][0]["times_s"]) if ours["cases"] else 0
    rows, bw = build(ours, numba, iters, repeats)
    where = machine(ours, numba, out)
    caption = f"{where['cpu']}; {where['date']}; Numba {numba['meta']['numba']}; bash benches/peers/run.sh"
    text = [f"Machine: {where['text']}.", ""]
    text += tables(rows, bw, numba, ours, mandel_note, repeats, len(rounds))
    text += ["", "**Targets** (this run):", ""] + targets(rows)
    doc = "\n".join(text) + "\n"
    print(doc)
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write("<!-- written by `bash benches/peers/run.sh`; do not edit -->\n\n" + doc)
    with open(os.path.join(HERE, "speedup.svg"), "w") as f:
        f.write(svg(rows, caption))


if __name__ == "__main__":
    main()
