"""The Numba side of the comparison (`bash benches/peers/run.sh`; see its header).

The kernels are written line for line like `benches/kernels/mod.rs`: the same loops, `prange`
where Rust has `prange`, the same reductions. Each is compiled four ways, matched to ours:

    @njit                              <->  name::serial
    @njit(parallel=True)               <->  name::parallel
    @njit(fastmath=True)               <->  name::fastmath
    @njit(parallel=True, fastmath=True) <-> name::parallel_fastmath

Run as a script (by run.sh), it drives the whole measurement: it starts the kernelize side
($PEERS_KERNELIZE, benches/peers/kernelize.rs) as a child process and, for each kernel and size,
times Numba's four variants here and asks the child for its four, back to back, in
PEERS_ROUNDS rounds that alternate which side goes first. Numba's side: the inputs Rust computes
bit-identically, the first call of each variant timed on its own (compilation included), then
PEERS_WARMUP untimed calls and the median of PEERS_REPEATS calls, time.perf_counter around the
call only. Each round's results go to $PEERS_OUT/numba-N.json and kernelize-N.json (Mandelbrot's
counts also raw), for report.py.
"""

import json
import math
import os
import platform
import shlex
import subprocess
import sys
import time

import numba
import numpy as np
from numba import njit, prange

# ---------------------------------------------------------------------------------------------
# The kernels (benches/kernels/mod.rs)


def go_fast(a, out):
    trace = 0.0
    for i in prange(a.shape[0]):
        trace += np.tanh(a[i])
    for i in prange(a.shape[0]):
        out[i] = a[i] + trace
    return trace


def saxpy(alpha, x, y):
    for i in prange(x.shape[0]):
        y[i] = alpha * x[i] + y[i]


def dot(x, y):
    s = 0.0
    for i in prange(x.shape[0]):
        s += x[i] * y[i]
    return s


def softplus_sum(x):
    s = 0.0
    for i in prange(x.shape[0]):
        s += math.log1p(math.exp(x[i]))
    return s


def mandelbrot(cr, ci, out, max_iter):
    for i in prange(cr.shape[0]):
        x0 = cr[i]
        y0 = ci[i]
        x = 0.0
        y = 0.0
        k = 0
        while k < max_iter and x * x + y * y <= 4.0:
            t = x * x - y * y + x0
            y = 2.0 * x * y + y0
            x = t
            k += 1
        out[i] = k


def jacobi(u, out):
    for i in prange(1, u.shape[0] - 1):
        for j in prange(1, u.shape[1] - 1):
            out[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])


def nbody(x, y, z, m, ax, ay, az):
    for i in prange(x.shape[0]):
        sx = 0.0
        sy = 0.0
        sz = 0.0
        for j in range(x.shape[0]):
            dx = x[j] - x[i]
            dy = y[j] - y[i]
            dz = z[j] - z[i]
            r2 = dx * dx + dy * dy + dz * dz + 1e-3
            inv = 1.0 / (r2 * math.sqrt(r2))
            sx += m[j] * dx * inv
            sy += m[j] * dy * inv
            sz += m[j] * dz * inv
        ax[i] = sx
        ay[i] = sy
        az[i] = sz


def matvec(a, x, y):
    for i in prange(a.shape[0]):
        s = 0.0
        for j in range(a.shape[1]):
            s += a[i, j] * x[j]
        y[i] = s


KERNELS = {f.__name__: f for f in [go_fast, saxpy, dot, softplus_sum, mandelbrot, jacobi, nbody, matvec]}

# Our variant name -> Numba's options.
VARIANTS = {
    "serial": {},
    "parallel": {"parallel": True},
    "fastmath": {"fastmath": True},
    "parallel_fastmath": {"parallel": True, "fastmath": True},
}

# ---------------------------------------------------------------------------------------------
# Inputs, bit-identical to `unit`, `inputs` and `matrix` in benches/kernels/mod.rs


def unit(n, seed):
    """`unit` of benches/kernels/mod.rs: SplitMix64's finalizer of `k + seed * 2^32`, top 53
    bits over 2^53 (uint64 arithmetic wraps modulo 2^64, as Rust's wrapping operations)."""
    z = np.arange(n, dtype=np.uint64) + np.uint64((seed << 32) & 0xFFFFFFFFFFFFFFFF)
    z = z + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / 9007199254740992.0


def inputs(n, seed, lo, hi):
    return lo + (hi - lo) * unit(n, seed)


def matrix(rows, cols, seed, lo, hi):
    return inputs(rows * cols, seed, lo, hi).reshape(rows, cols)


@njit
def seq_sum(values):
    """The sum in index order, in f64: `seq_sum` on the Rust side."""
    s = 0.0
    for v in values.ravel():
        s += np.float64(v)
    return s


@njit
def seq_abs_sum(values):
    s = 0.0
    for v in values.ravel():
        s += abs(np.float64(v))
    return s


def samples(n):
    return [0, n // 2, max(n - 1, 0)]


# ---------------------------------------------------------------------------------------------
# One bench per kernel: fresh inputs, their checksums, the call, the checksums of its results


class Bench:
    def __init__(self, args, **input_checks):
        self.args = args
        self.input_checks = {"in." + k: v for k, v in input_checks.items()}


class GoFast(Bench):
    def __init__(self, n, cfg):
        a = inputs(n, 1, 0.0, 3.0)
        super().__init__((a, np.zeros(n)), a_sum=seq_sum(a))

    def checks(self, trace):
        a, out = self.args
        i, j, k = samples(len(a))
        return {"trace": trace, "out_sum": seq_sum(out), "out_first": out[i], "out_mid": out[j],
                "out_last": out[k]}


class Saxpy(Bench):
    def __init__(self, n, cfg):
        x = inputs(n, 2, -1.0, 1.0).astype(np.float32)
        y = inputs(n, 3, -1.0, 1.0).astype(np.float32)
        super().__init__((np.float32(0.5), x, y), x_sum=seq_sum(x), y_sum=seq_sum(y))

    def checks(self, _):
        _, x, y = self.args
        i, j, k = samples(len(x))
        return {"y_abs_sum": seq_abs_sum(y), "y_first": y[i], "y_mid": y[j], "y_last": y[k]}


class Dot(Bench):
    def __init__(self, n, cfg):
        x, y = inputs(n, 4, 0.0, 1.0), inputs(n, 5, 0.0, 1.0)
        super().__init__((x, y), x_sum=seq_sum(x), y_sum=seq_sum(y))

    def checks(self, s):
        return {"dot": s}


class Softplus(Bench):
    def __init__(self, n, cfg):
        x = inputs(n, 6, -10.0, 10.0)
        super().__init__((x,), x_sum=seq_sum(x))

    def checks(self, s):
        return {"sum": s}


class Mandelbrot(Bench):
    def __init__(self, n, cfg):
        cr, ci = inputs(n, 7, -2.0, 0.6), inputs(n, 8, -1.2, 1.2)
        out = np.zeros(n, dtype=np.uint32)
        super().__init__((cr, ci, out, np.uint32(cfg["mandel_iters"])), cr_sum=seq_sum(cr),
                         ci_sum=seq_sum(ci))
        self.dump = os.path.join(cfg["out"], f"mandelbrot-{n}-numba-{cfg['variant']}.u32")

    def checks(self, _):
        out = self.args[2]
        out.astype("<u4").tofile(self.dump)
        return {"count_sum": seq_sum(out)}


class Jacobi(Bench):
    def __init__(self, n, cfg):
        u = matrix(n, n, 9, 0.0, 1.0)
        super().__init__((u, np.zeros((n, n))), u_sum=seq_sum(u))

    def checks(self, _):
        u, out = self.args
        n = u.shape[0]
        return {"out_sum": seq_sum(out), "out_first": out[1, 1], "out_mid": out[n // 2, n // 3],
                "out_last": out[n - 2, n - 2]}


class Nbody(Bench):
    def __init__(self, n, cfg):
        x, y, z = inputs(n, 10, -1.0, 1.0), inputs(n, 11, -1.0, 1.0), inputs(n, 12, -1.0, 1.0)
        m = inputs(n, 13, 0.5, 1.5)
        super().__init__((x, y, z, m, np.zeros(n), np.zeros(n), np.zeros(n)), x_sum=seq_sum(x),
                         m_sum=seq_sum(m))

    def checks(self, _):
        ax, ay, az = self.args[4:]
        i, j, k = samples(len(ax))
        return {"acc_abs_sum": seq_abs_sum(np.concatenate([ax, ay, az])), "ax_first": ax[i],
                "ay_mid": ay[j], "az_last": az[k]}


class Matvec(Bench):
    def __init__(self, n, cfg):
        a = matrix(n, n, 14, -1.0, 1.0)
        super().__init__((a, inputs(n, 15, 0.0, 1.0), np.zeros(n)), a_sum=seq_sum(a))

    def checks(self, _):
        y = self.args[2]
        i, j, k = samples(len(y))
        return {"y_abs_sum": seq_abs_sum(y), "y_first": y[i], "y_mid": y[j], "y_last": y[k]}


BENCHES = {"go_fast": GoFast, "saxpy": Saxpy, "dot": Dot, "softplus_sum": Softplus,
           "mandelbrot": Mandelbrot, "jacobi": Jacobi, "nbody": Nbody, "matvec": Matvec}

# ---------------------------------------------------------------------------------------------
# The run


def env(name):
    value = os.environ.get(name)
    if value is None:
        sys.exit(f"{name} is not set: run this through benches/peers/run.sh")
    return value


def time_calls(f, args, warmup, repeats):
    """Seconds per call of `f(*args)`, after `warmup` untimed calls; the clock around the call only."""
    for _ in range(warmup):
        f(*args)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - t0)
    return times


class Numba:
    """This side: one dispatcher per kernel and variant, each compiled on its first call."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.dispatchers = {(k, v): njit(**opts)(f) for k, f in KERNELS.items() for v, opts in VARIANTS.items()}
        self.first_calls = []
        seq_sum(np.zeros(1)), seq_abs_sum(np.zeros(1))

    def case(self, kernel, size, variant):
        disp = self.dispatchers[(kernel, variant)]
        bench = BENCHES[kernel](size, dict(self.cfg, variant=variant))
        before = len(disp.signatures)
        t0 = time.perf_counter()
        ret = disp(*bench.args)
        first = time.perf_counter() - t0
        if len(disp.signatures) > before:
            self.first_calls.append({"kernel": kernel, "variant": variant, "size": size, "first_call_s": first})
        checks = dict(bench.input_checks, **bench.checks(ret))
        times = time_calls(disp, bench.args, self.cfg["warmup"], self.cfg["repeats"])
        median = sorted(times)[len(times) // 2]
        print(f"numba     {kernel:>12} {size:>9} {variant:<18} {median * 1e6:12.1f} µs"
              + (f"   (first call {first:.2f} s)" if len(disp.signatures) > before else ""), file=sys.stderr)
        return {"kernel": kernel, "size": size, "variant": variant, "median_s": median, "times_s": times,
                "checks": {k: float(v) for k, v in checks.items()}}

    def meta(self):
        return {"numba": numba.__version__, "numpy": np.__version__, "python": platform.python_version(),
                "threads": numba.config.NUMBA_NUM_THREADS, "threading_layer": numba.threading_layer()}


class Kernelize:
    """The other side: benches/peers/kernelize.rs in a child process, one request at a time."""

    def __init__(self, command):
        self.child = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      text=True, env=dict(os.environ, PEERS_SERVE="1"))

    def ask(self, request):
        self.child.stdin.write(request + "\n")
        self.child.stdin.flush()
        reply = self.child.stdout.readline()
        if not reply:
            sys.exit(f"the kernelize side stopped while answering `{request}` (status {self.child.wait()})")
        return json.loads(reply)

    def close(self):
        self.child.stdin.close()
        self.child.wait()


def main():
    cfg = {"repeats": int(env("PEERS_REPEATS")), "warmup": int(env("PEERS_WARMUP")),
           "mandel_iters": int(env("PEERS_MANDEL_ITERS")), "out": env("PEERS_OUT")}
    cases = [(k, int(n)) for k, n in (c.split(":") for c in env("PEERS_CASES").split())]
    rounds = int(env("PEERS_ROUNDS"))
    ours, theirs = Kernelize(env("PEERS_KERNELIZE")), Numba(cfg)
    meta = ours.ask("meta")
    docs = [({"side": "kernelize", "meta": meta, "cases": []}, {"side": "numba", "cases": []}) for _ in range(rounds)]
    # Round r measures every row; a row (one kernel and size, its four variants) runs on both sides
    # back to back, Numba first in odd rounds and kernelize first in even ones, so that the two
    # sides of a row are seconds apart whatever the shared machine does from minute to minute.
    for r, (mine, other) in enumerate(docs):
        print(f"== round {r + 1} of {rounds}", file=sys.stderr)
        mine["triad"] = ours.ask("triad")
        for kernel, size in cases:
            sides = [("numba", theirs), ("kernelize", ours)]
            for name, _ in sides if r % 2 == 0 else sides[::-1]:
                for variant in VARIANTS:
                    if name == "numba":
                        other["cases"].append(theirs.case(kernel, size, variant))
                    else:
                        mine["cases"].append(ours.ask(f"case {kernel} {size} {variant}"))
    ours.close()
    for r, (mine, other) in enumerate(docs, 1):
        other["meta"] = theirs.meta()
        other["first_calls"] = theirs.first_calls
        for side, doc in (("kernelize", mine), ("numba", other)):
            with open(os.path.join(cfg["out"], f"{side}-{r}.json"), "w") as f:
                json.dump(doc, f)


if __name__ == "__main__":
    main()
