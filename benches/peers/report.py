"""The report of the Numba comparison (`bash benches/peers/run.sh`; see its header).

Reads $PEERS_OUT/kernelize.json and $PEERS_OUT/numba.json, checks that both sides computed the
same results, and prints one markdown table (also written to benches/peers/results.md) and a
chart of our speed-up over Numba (benches/peers/speedup.svg). Exits with status 1, writing
nothing, when the results disagree.
"""

import datetime
import json
import os
import subprocess
import sys

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
RTOL_F64 = 1e-9  # f64 sums over n terms in another order or with FMA: error ~ n * eps, far below
RTOL_F32 = 1e-5  # saxpy in f32 (FMA or not: one rounding of 2^-24 on each element)
MANDEL_MAX_MISMATCH = 1e-3  # escape counts: points on the set's boundary may flip with FMA

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
    with open(os.path.join(out, "kernelize.json")) as f:
        ours = json.load(f)
    with open(os.path.join(out, "numba.json")) as f:
        numba = json.load(f)
    return ours, numba


def check_results(ours, numba, out):
    """Every check of every case against Numba's matching variant; returns (problems, notes)."""
    theirs = {(c["kernel"], c["size"], c["variant"]): c for c in numba["cases"]}
    problems, notes = [], []
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
                continue  # compared point by point below
            rtol = RTOL_F32 if c["kernel"] == "saxpy" else RTOL_F64
            if abs(mine - ref) > rtol * max(abs(mine), abs(ref)):
                rel = abs(mine - ref) / max(abs(mine), abs(ref))
                problems.append(f"{key} {name}: ours {mine!r}, Numba {ref!r} (relative {rel:.1e} > {rtol:g})")
        if c["kernel"] == "mandelbrot":
            n = key[1]
            a = np.fromfile(os.path.join(out, f"mandelbrot-{n}-kernelize-{key[2]}.u32"), dtype="<u4")
            b = np.fromfile(os.path.join(out, f"mandelbrot-{n}-numba-{key[2]}.u32"), dtype="<u4")
            bad = int(np.count_nonzero(a != b)) if len(a) == len(b) == n else n
            notes.append(f"mandelbrot {key[2]}: {bad} of {n} escape counts differ from Numba's")
            if bad > MANDEL_MAX_MISMATCH * n:
                problems.append(f"{key}: {bad} of {n} escape counts differ (allowed {MANDEL_MAX_MISMATCH:.1%})")
    return problems, notes


def machine(ours, numba):
    cpu, cores = ours["meta"]["cpu"], ours["meta"]["cores"]
    try:
        with open("/sys/devices/system/cpu/cpu0/cache/index3/size") as f:
            llc = f.read().strip()
    except OSError:
        llc = "?"
    try:
        rustc = subprocess.run(["rustc", "-V"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rustc = "rustc ?"
    m = numba["meta"]
    return (f"{cpu}, {cores} cores, L3 {llc}, SIMD {ours['meta']['simd']}; "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
            f"Numba {m['numba']} (numpy {m['numpy']}, Python {m['python']}, {m['threads']} threads, "
            f"threading layer `{m['threading_layer']}`); kernelize with {rustc}, "
            f"{ours['meta']['threads']} threads")


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


def tables(rows, bw, numba, ours, notes, repeats):
    lines = []
    t = ours["triad"]
    lines.append(f"STREAM triad (`a = b + s*c`, 3 x {t['n']:,} f64, 24 bytes per element, median of "
                 f"{len(t['serial_times_s'])}): **{bw[False]:.1f} GB/s** on 1 thread, **{bw[True]:.1f} GB/s** "
                 f"on {t['threads']} threads. Times are medians of {repeats} warm calls; speed-up is Numba's time "
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
    lines.append(f"In all, {total:.1f} s of first calls. Results checked against Numba's matching variant "
                 f"(inputs bit-identical; f64 results within {RTOL_F64:g} relative, f32 within {RTOL_F32:g}; "
                 + "; ".join(notes) + ").")
    return lines


def targets(rows):
    out, misses = [], []
    seed = {(r["n"], r["variant"]): r["ratio"] for r in rows if r["kernel"] == "go_fast"}
    for n, goal in ((1_000_000, TARGET_SEED_1M), (10_000, TARGET_SEED_10K)):
        ratio = seed.get((n, "parallel_fastmath"))
        if ratio is None:
            continue
        ok = ratio >= goal
        out.append(f"- {'met' if ok else '**missed**'}: seed kernel `parallel_fastmath` at {n:,} is {ratio:.2f}x "
                   f"Numba `parallel=True, fastmath=True` (target {goal}x)")
    slow = [r for r in rows if r["ratio"] < 1.0]
    if slow:
        out.append("- **missed**: at least as fast as Numba's matching variant everywhere; slower in "
                   + ", ".join(f"{r['kernel']} {r['size']} `{r['variant']}` ({r['ratio']:.2f}x)" for r in slow))
    else:
        out.append(f"- met: every one of the {len(rows)} rows at least as fast as Numba's matching variant")
    mem = [r for r in rows if r["bytes"] is not None and not r["in_cache"]]
    low = [r for r in mem if r["gbs_ours"] / r["triad"] < TARGET_TRIAD]
    if low:
        out.append(f"- **missed**: memory-bound kernels out of cache at {TARGET_TRIAD:.0%} of the triad or more; "
                   "below in " + ", ".join(f"{r['kernel']} {r['size']} `{r['variant']}` "
                                           f"({r['gbs_ours'] / r['triad']:.0%})" for r in low))
    elif mem:
        out.append(f"- met: all {len(mem)} memory-bound rows out of cache at {TARGET_TRIAD:.0%} of the triad or more "
                   f"(lowest {min(r['gbs_ours'] / r['triad'] for r in mem):.0%})")
    return out


def svg(rows):
    """Horizontal bars of the speed-up per kernel and size, log scale, a line at 1x."""
    pairs = [("parallel_fastmath", "parallel_fastmath vs @njit(parallel=True, fastmath=True)", "#2f6db5"),
             ("serial", "serial vs @njit", "#9bbbe0")]
    groups = list(dict.fromkeys((r["kernel"], r["n"]) for r in rows))
    ratio = {(r["kernel"], r["n"], r["variant"]): r for r in rows}
    lo, hi = 0.25, 2.0
    for r in rows:
        if r["variant"] in ("parallel_fastmath", "serial"):
            while r["ratio"] > hi:
                hi *= 2
            while r["ratio"] < lo:
                lo /= 2
    left, width, bar, gap, top = 230, 480, 12, 12, 56
    height = top + len(groups) * (2 * bar + gap) + 40
    total_w = left + width + 70

    def x(v):
        return left + width * (np.log2(v) - np.log2(lo)) / (np.log2(hi) - np.log2(lo))

    e = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{height}" '
         f'viewBox="0 0 {total_w} {height}" font-family="sans-serif" font-size="12">',
         f'<rect width="{total_w}" height="{height}" fill="white"/>',
         f'<text x="{left}" y="18" font-size="14" font-weight="bold">kernelize speed-up over Numba '
         f'(Numba time / kernelize time, log scale)</text>']
    for i, (_, label, color) in enumerate(pairs):
        lx = left + i * 300
        e.append(f'<rect x="{lx}" y="28" width="12" height="12" fill="{color}"/>')
        e.append(f'<text x="{lx + 16}" y="38">{label}</text>')
    axis_y = height - 30
    tick = lo
    while tick <= hi * 1.0001:
        tx = x(tick)
        e.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{axis_y}" stroke="#ddd"/>')
        e.append(f'<text x="{tx:.1f}" y="{axis_y + 14}" text-anchor="middle">{tick:g}x</text>')
        tick *= 2
    for gi, (k, n) in enumerate(groups):
        y0 = top + gi * (2 * bar + gap)
        size = ratio.get((k, n, "serial"), next(r for r in rows if (r["kernel"], r["n"]) == (k, n)))["size"]
        e.append(f'<text x="{left - 8}" y="{y0 + bar + 4}" text-anchor="end">{k} {size}</text>')
        for pi, (v, _, color) in enumerate(pairs):
            r = ratio.get((k, n, v))
            if r is None:
                continue
            y = y0 + pi * bar
            x1, x2 = sorted((x(1.0), x(r["ratio"])))
            e.append(f'<rect x="{x1:.1f}" y="{y}" width="{max(x2 - x1, 1):.1f}" height="{bar - 1}" fill="{color}"/>')
            e.append(f'<text x="{max(x(r["ratio"]), x(1.0)) + 4:.1f}" y="{y + bar - 2}" font-size="10">'
                     f'{r["ratio"]:.2f}x</text>')
    e.append(f'<line x1="{x(1.0):.1f}" y1="{top - 4}" x2="{x(1.0):.1f}" y2="{axis_y}" stroke="black" '
             'stroke-width="1.5"/>')
    e.append("</svg>")
    return "\n".join(e) + "\n"


def main():
    out = os.environ.get("PEERS_OUT", os.path.join(HERE, "out"))
    iters = int(os.environ.get("PEERS_MANDEL_ITERS", "200"))
    ours, numba = load(out)
    repeats = len(ours["cases"][0]["times_s"]) if ours["cases"] else 0
    problems, notes = check_results(ours, numba, out)
    if problems:
        print("RESULTS DISAGREE between kernelize and Numba:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    rows, bw = build(ours, numba, iters, repeats)
    text = [f"Machine: {machine(ours, numba)}.", ""]
    text += tables(rows, bw, numba, ours, notes, repeats)
    text += ["", "**Targets** (one run):", ""] + targets(rows)
    doc = "\n".join(text) + "\n"
    print(doc)
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write("<!-- written by `bash benches/peers/run.sh`; do not edit -->\n\n" + doc)
    with open(os.path.join(HERE, "speedup.svg"), "w") as f:
        f.write(svg(rows))


if __name__ == "__main__":
    main()
