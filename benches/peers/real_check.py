"""Checks that kernelize's ports of the real-program suite compute what Numba's sources compute.

    benches/peers/.venv/bin/python benches/peers/real_check.py [--defaults | NAME:SIZE ...]

(the venv: `python3 -m venv benches/peers/.venv && benches/peers/.venv/bin/pip install -r
benches/peers/requirements.txt`; from the repository root). For every program of
real_programs.py at a small size (the sizes below; `--defaults`: the suite's own sizes,
real_programs.DEFAULT_CASES; or the NAME:SIZE arguments), it runs Numba's
source under its four option sets (@njit, parallel=True, fastmath=True, both) and kernelize's
five variants (serial, parallel, fastmath, parallel_fastmath, and the dispatching call), each once
on fresh, bit-identical inputs, and compares every checksum with Numba's @njit result:

- the input checksums ("in." names) must be equal: both sides built the same inputs;
- every result checksum within RTOL (1e-9) relative: each is a sum or an element of results of
  at most about 10^7 rounded operations, which differing evaluation orders (chunks, lanes, BLAS),
  FMA contraction and the two math libraries (each within 4 ulp) move by about 1e-12 at most
  on these inputs, chosen without cancellation; integers (labels, counts) are compared the same
  way, so exactly. One exception, `tolerance`: lennard_jones' energy, a sum of P = N(N-1)/2
  terms that one close pair dominates.

The kernelize side is `cargo bench --quiet --bench peers` (built first if needed) started with
PEERS_SERVE=1, as numba_kernels.py's Kernelize class starts it, with one repeat and no warm-up,
and with KERNELIZE_MIN_WORK=0 so that the parallel variants split every loop across the pool
even at these small sizes. It prints one table and exits with status 1 on any disagreement.
"""

import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
from numba import njit  # noqa: E402
from numba.core.errors import NumbaPerformanceWarning  # noqa: E402

import real_programs  # noqa: E402

RTOL = 1e-9

NUMBA_VARIANTS = {
    "@njit": {},
    "parallel": {"parallel": True},
    "fastmath": {"fastmath": True},
    "parallel_fastmath": {"parallel": True, "fastmath": True},
}
KERNELIZE_VARIANTS = ["serial", "parallel", "fastmath", "parallel_fastmath", "dispatch"]

# Small, odd sizes: every tail of every lane count, a few chunks of the pool.
SMALL_CASES = [
    "pairwise_distance:97",
    "l2_norm:1003",
    "kmeans:1001",
    "knn:67",
    "gpairs:61",
    "kde:103",
    "lennard_jones:101",
    "black_scholes:1009",
    "azimint_naive:2003",
    "spmv:1001",
    "trmm:37",
    "symm:33",
    "syrk:41",
    "jacobi_2d:37",
    "fdtd_2d:31",
    "arc_distance:1001",
    "ident_loops:1001",
    "do_sum_parallel_fast:10007",
    "heavy:67",
    "rows2d:1001",
    "powi2:1001",
    "uniform_j:257",
    "pairwise_dist_d3:67",
    "pairwise_dist_d16:67",
]


class Kernelize:
    """The Rust side: benches/peers/kernelize.rs in serve mode, one request per line."""

    def __init__(self, out):
        env = dict(os.environ, PEERS_SERVE="1", PEERS_REPEATS="1", PEERS_WARMUP="0", PEERS_MANDEL_ITERS="200",
                   PEERS_TRIAD_N="1000", PEERS_OUT=out, KERNELIZE_MIN_WORK=os.environ.get("KERNELIZE_MIN_WORK", "0"))
        root = os.path.dirname(os.path.dirname(HERE))
        self.child = subprocess.Popen(shlex.split("cargo bench --quiet --bench peers"), cwd=root, env=env,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def case(self, kernel, size, variant):
        request = f"case {kernel} {size} {variant}"
        self.child.stdin.write(request + "\n")
        self.child.stdin.flush()
        reply = self.child.stdout.readline()
        if not reply:
            sys.exit(f"the kernelize side stopped while answering `{request}` (status {self.child.wait()})")
        return json.loads(reply)["checks"]

    def close(self):
        self.child.stdin.close()
        self.child.wait()


def tolerance(kernel, size, name, want):
    """The relative tolerance of result `name` of `kernel` at `size` (numba @njit's value `want`).

    lennard_jones' energy E is a sum of P = N(N-1)/2 pair terms e (each within a few ulp on every
    side). One close pair's term dominates it (3.4e9 of 3.6e9 at N = 2000), so every addition
    after it rounds at that term's ulp, and sums in other orders (chunks, lanes) differ by up to
    the classical bound of two summation orders, 2 P eps sum|e| (Higham, eq. 4.4; tests/common's
    assert_sum_close). Every term is at least -1 (the potential's minimum), so
    sum|e| <= E + 2 P: the tolerance is 2 P eps (1 + 2 P / |E|), 8.9e-10 at N = 2000 (where
    8.5e-12 was measured) and 4e-9 at N = 101, where E is small; RTOL when larger."""
    if kernel == "lennard_jones" and name == "energy" and want != 0.0:
        p = size * (size - 1) / 2
        return max(RTOL, 2.0 * p * np.finfo(np.float64).eps * (1.0 + 2.0 * p / abs(want)))
    return RTOL


def numba_checks(kernel, size, opts):
    disp = njit(**opts)(real_programs.KERNELS[kernel])
    bench = real_programs.BENCHES[kernel](size, {"repeats": 1, "warmup": 0, "mandel_iters": 200, "out": "",
                                                 "variant": "check"})
    ret = disp(*bench.args)
    return {k: float(v) for k, v in dict(bench.input_checks, **bench.checks(ret)).items()}


def rel(a, b):
    """|a - b| relative to the larger magnitude; 0 for equal values (NaN equals NaN)."""
    if a == b or (math.isnan(a) and math.isnan(b)):
        return 0.0
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.inf
    return abs(a - b) / max(abs(a), abs(b))


def main():
    args = sys.argv[1:]
    chosen = real_programs.DEFAULT_CASES if args == ["--defaults"] else args or SMALL_CASES
    cases = [(k, int(n)) for k, n in (c.split(":") for c in chosen)]
    for k, _ in cases:
        if k not in real_programs.KERNELS:
            sys.exit(f"unknown program `{k}`; expected one of {sorted(real_programs.KERNELS)}")
    warnings.simplefilter("ignore", NumbaPerformanceWarning)
    failures = []
    rows = []
    with tempfile.TemporaryDirectory() as out:
        ours = Kernelize(out)
        for kernel, size in cases:
            t0 = time.perf_counter()
            results = {f"numba {v}": numba_checks(kernel, size, o) for v, o in NUMBA_VARIANTS.items()}
            results.update({f"kernelize {v}": ours.case(kernel, size, v) for v in KERNELIZE_VARIANTS})
            reference = results["numba @njit"]
            for name in reference:
                want = reference[name]
                tol = tolerance(kernel, size, name, want)
                worst, who = 0.0, "-"
                for side, checks in results.items():
                    got = checks.get(name)
                    if got is None:
                        failures.append(f"{kernel}:{size} {side}: no check `{name}`")
                        continue
                    d = rel(got, want)
                    if d > worst:
                        worst, who = d, side
                    exact = name.startswith("in.")
                    if (exact and d != 0.0) or d > tol:
                        failures.append(f"{kernel}:{size} {name}: {side} {got!r}, numba @njit {want!r} "
                                        f"(relative {d:.2e}, tolerance {0.0 if exact else tol:.1e})")
                extra = set(results["kernelize serial"]) - set(reference)
                if extra:
                    failures.append(f"{kernel}:{size}: kernelize checks Numba lacks: {sorted(extra)}")
                rows.append((kernel, size, name, want, worst, who, 0.0 if name.startswith("in.") else tol))
            print(f"{kernel}:{size} checked in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        ours.close()
    print("| program | size | check | numba @njit | largest relative difference | where | tolerance |")
    print("|---|---|---|---|---|---|---|")
    for kernel, size, name, want, worst, who, tol in rows:
        print(f"| {kernel} | {size} | {name} | {want:.17g} | {worst:.1e} | {who} | {tol:.1e} |")
    if failures:
        print(f"\n{len(failures)} disagreements (tolerance: inputs exact, results {RTOL:g} relative):")
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print(f"\nall {len(cases)} programs agree: 4 Numba option sets and 5 kernelize variants, inputs exact, "
          f"results within {RTOL:g} relative (lennard_jones' energy: see `tolerance`)")


if __name__ == "__main__":
    main()
