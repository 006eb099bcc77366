"""The Numba side of the comparison (`bash benches/peers/run.sh`; see its header).

The kernels are written line for line like `benches/kernels/mod.rs`: the same loops, `prange`
where Rust has `prange`, the same reductions. Each is compiled four ways, matched to ours:

    @njit                              <->  name::serial
    @njit(parallel=True)               <->  name::parallel
    @njit(fastmath=True)               <->  name::fastmath
    @njit(parallel=True, fastmath=True) <-> name::parallel_fastmath

Run as a script (by run.sh), it drives the whole measurement. It starts the kernelize side
($PEERS_KERNELIZE, benches/peers/kernelize.rs) as a child process, loads the peers named in
PEERS_PEERS (taichi_kernels.py, warp_kernels.py), and runs one or two suites: this module's
kernels (PEERS_CASES) and, when benches/peers/real_programs.py exists, its real programs
(PEERS_REAL_CASES, default its DEFAULT_CASES; same shapes as here: KERNELS, BENCHES,
DEFAULT_CASES, ORIGIN, and optionally RTOL). For each row (a kernel and size), in each of
PEERS_ROUNDS rounds, every contestant is prepared on fresh inputs (the same bits everywhere) and
called once, which compiles it where there is compiling (Numba, Taichi, Warp: that first call is
timed on its own) and gives the checksums of its results; then PEERS_WARMUP untimed and
PEERS_REPEATS timed turns, each turn one timed call of every contestant in a fresh random order,
each right after PEERS_PRIME untimed calls of its own. Numba is timed with time.perf_counter
around the call; kernelize inside its process (`time ID`); a contestant that does not have a
kernel is recorded as n/a with the reason. Everything goes to $PEERS_OUT/run.json (Mandelbrot's
counts also raw, one file per contestant), for report.py.
"""

import gc
import importlib
import importlib.util
import json
import math
import os
import platform
import random
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
        self.dump = os.path.join(cfg["out"], f"mandelbrot-{n}-{cfg['contestant']}.u32")

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


def parse_cases(text):
    return [(k, int(n)) for k, n in (c.split(":") for c in text.split())]


class Suite:
    """A set of kernels with their benches: this module's own (`kernels`, benches/kernels/mod.rs),
    or real_programs.py's (`real`), which has the same shapes: KERNELS (name -> undecorated
    function), BENCHES (name -> class(n, cfg) with .args, .input_checks, .checks(ret)),
    DEFAULT_CASES ("name:size"), ORIGIN (name -> text) and, optionally, RTOL (name -> relative
    tolerance of its checks, 1e-9 otherwise)."""

    def __init__(self, name, module, cases):
        self.name, self.cases = name, cases
        self.kernels, self.benches = module.KERNELS, module.BENCHES
        self.origin = dict(getattr(module, "ORIGIN", {}))
        self.rtol = dict(getattr(module, "RTOL", {}))


def load_suites():
    suites = [Suite("kernels", sys.modules[__name__], parse_cases(env("PEERS_CASES")))]
    if importlib.util.find_spec("real_programs") is not None:
        import real_programs
        cases = os.environ.get("PEERS_REAL_CASES")
        cases = " ".join(real_programs.DEFAULT_CASES) if cases is None else cases
        suites.append(Suite("real", real_programs, parse_cases(cases)))
    return [s for s in suites if s.cases]


class NotAvailable(Exception):
    """A contestant that does not have a kernel: the reason goes to the table as `n/a`."""


class NumbaVariant:
    """One of Numba's four option sets: one dispatcher per kernel, compiled on its first call."""

    def __init__(self, variant, cfg):
        self.name, self.variant, self.cfg = f"numba-{variant}", variant, cfg
        self.dispatchers = {}
        self.call = None

    def prepare(self, suite, kernel, size):
        key = (suite.name, kernel)
        if key not in self.dispatchers:
            self.dispatchers[key] = njit(**VARIANTS[self.variant])(suite.kernels[kernel])
        disp = self.dispatchers[key]
        bench = suite.benches[kernel](size, dict(self.cfg, variant=self.variant, contestant=self.name))
        before = len(disp.signatures)
        t0 = time.perf_counter()
        ret = disp(*bench.args)
        first = time.perf_counter() - t0
        self.call = (disp, bench.args)
        checks = dict(bench.input_checks, **bench.checks(ret))
        return checks, (first if len(disp.signatures) > before else None)

    def time(self):
        disp, args = self.call
        t0 = time.perf_counter()
        disp(*args)
        return time.perf_counter() - t0

    def release(self):
        self.call = None


class KernelizeVariant:
    """One of our variants (or the dispatching call), prepared and called in the child process."""

    def __init__(self, variant, child):
        self.name, self.variant, self.child = f"kernelize-{variant}", variant, child
        self.id = None

    def prepare(self, suite, kernel, size):
        reply = self.child.ask(f"prepare {kernel} {size} {self.variant}")
        if "error" in reply:
            raise NotAvailable(f"not in kernelize.rs: {reply['error']}")
        self.id = int(reply["id"])
        return reply["checks"], None

    def time(self):
        return float(self.child.ask(f"time {self.id}"))

    def release(self):
        self.id = None  # the child drops its cases on `clear`, once per row


class Peer:
    """Taichi or Warp (taichi_kernels.py, warp_kernels.py): the kernels it has, on the inputs of
    this module's benches, copied into its own arrays before anything is timed."""

    def __init__(self, module, cfg):
        self.module, self.name, self.cfg = module, module.NAME, cfg
        module.setup()
        self.compiled = set()
        self.call = None

    def prepare(self, suite, kernel, size):
        table = self.module.KERNELS if suite.name == "kernels" else self.module.REAL_KERNELS
        if kernel not in table:
            raise NotAvailable(self.module.UNSUPPORTED.get(kernel, f"not written for {self.name}"))
        bench = suite.benches[kernel](size, dict(self.cfg, variant=self.name, contestant=self.name))
        call = table[kernel](bench)
        t0 = time.perf_counter()
        ret = call()
        first = time.perf_counter() - t0
        call.download()
        self.call = call
        checks = dict(bench.input_checks, **bench.checks(ret))
        new = (suite.name, kernel) not in self.compiled
        self.compiled.add((suite.name, kernel))
        return checks, (first if new else None)

    def time(self):
        call = self.call
        t0 = time.perf_counter()
        call()
        return time.perf_counter() - t0

    def release(self):
        self.call = None


class Kernelize:
    """benches/peers/kernelize.rs in a child process, one request at a time."""

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


class Load:
    """How much of the CPUs other processes used: the machine's busy time (/proc/stat) less this
    process's and the kernelize side's own (/proc/PID/stat), over the machine's total."""

    def __init__(self, pids):
        self.pids = pids

    def snapshot(self):
        try:
            with open("/proc/stat") as f:
                cpu = [int(v) for v in f.readline().split()[1:9]]
            own = 0
            for pid in self.pids:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                own += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return None
        idle = cpu[3] + cpu[4]
        return sum(cpu) - idle, own, sum(cpu)

    @staticmethod
    def others(a, b):
        """The fraction of the CPUs that other processes used between two snapshots."""
        if a is None or b is None or b[2] - a[2] < 100:
            return None  # no snapshot, or under a second of CPU time (in 1/100 s ticks): too coarse
        return max(0.0, ((b[0] - a[0]) - (b[1] - a[1])) / (b[2] - a[2]))


def numba_meta():
    return {"numba": numba.__version__, "numpy": np.__version__, "python": platform.python_version(),
            "threads": numba.config.NUMBA_NUM_THREADS, "threading_layer": numba.threading_layer()}


def fmt_us(s):
    return f"{s * 1e3:.2f} ms" if s >= 1e-3 else f"{s * 1e6:.1f} µs"


def main():
    cfg = {"repeats": int(env("PEERS_REPEATS")), "warmup": int(env("PEERS_WARMUP")),
           "prime": int(env("PEERS_PRIME")), "mandel_iters": int(env("PEERS_MANDEL_ITERS")),
           "out": env("PEERS_OUT")}
    rounds = int(env("PEERS_ROUNDS"))
    rng = random.Random(int(os.environ.get("PEERS_SEED", "1")))
    suites = load_suites()
    child = Kernelize(env("PEERS_KERNELIZE"))
    contestants = [NumbaVariant(v, cfg) for v in VARIANTS]
    contestants += [KernelizeVariant(v, child) for v in [*VARIANTS, "dispatch"]]
    peers = {}
    for name in os.environ.get("PEERS_PEERS", "taichi warp").split():
        module = importlib.import_module(f"{name}_kernels")
        peers[name] = Peer(module, cfg)
        contestants.append(peers[name])
    doc = {"settings": dict(cfg, rounds=rounds, seed=int(os.environ.get("PEERS_SEED", "1"))),
           "meta": {"kernelize": child.ask("meta")}, "contestants": [c.name for c in contestants],
           "suites": {s.name: {"cases": [f"{k}:{n}" for k, n in s.cases], "origin": s.origin, "rtol": s.rtol}
                      for s in suites},
           "triad": [], "rows": []}
    rows = {}
    path = os.path.join(cfg["out"], "run.json")
    load = Load([os.getpid(), int(doc["meta"]["kernelize"].get("pid", child.child.pid))])
    run_start = load.snapshot()
    for r in range(rounds):
        print(f"== round {r + 1} of {rounds}", file=sys.stderr)
        doc["triad"].append(child.ask("triad"))
        for suite in suites:
            for kernel, size in suite.cases:
                key = (suite.name, kernel, size)
                if key not in rows:
                    rows[key] = {"suite": suite.name, "kernel": kernel, "size": size, "contestants": {}}
                    doc["rows"].append(rows[key])
                row = rows[key]["contestants"]
                before = load.snapshot()
                live = []
                for c in contestants:
                    entry = row.setdefault(c.name, {"na": None, "first_call_s": None, "rounds": []})
                    try:
                        checks, first = c.prepare(suite, kernel, size)
                    except NotAvailable as e:
                        entry["na"] = str(e)
                        continue
                    if first is not None:
                        entry["first_call_s"] = first
                    entry["rounds"].append({"checks": {k: float(v) for k, v in checks.items()}, "times_s": []})
                    live.append((c, entry["rounds"][-1]["times_s"]))
                # The interleaving: each turn times one call of every contestant, in a fresh random
                # order (so that none always follows the same other one), each right after
                # PEERS_PRIME untimed calls of its own on the same data (so that it finds its data
                # in cache and its threads awake, as in a loop of calls, rather than where the
                # contestant before left them); the first PEERS_WARMUP turns are not timed.
                for turn in range(cfg["warmup"] + cfg["repeats"]):
                    order = live[:]
                    rng.shuffle(order)
                    for c, times in order:
                        for _ in range(cfg["prime"]):
                            c.time()
                        t = c.time()
                        if turn >= cfg["warmup"]:
                            times.append(t)
                rows[key].setdefault("others_busy", []).append(Load.others(before, load.snapshot()))
                for c in contestants:
                    c.release()
                child.ask("clear")
                gc.collect()
                medians = " ".join(f"{c.name.replace('kernelize-', 'k:').replace('numba-', 'n:')} "
                                   f"{fmt_us(sorted(t)[len(t) // 2])}" for c, t in live if t)
                busy = rows[key]["others_busy"][-1]
                busy = f"  (others {busy:.0%})" if busy is not None else ""
                print(f"{suite.name:>7} {kernel:>14} {size:>9}  {medians}{busy}", file=sys.stderr)
        doc["others_busy"] = Load.others(run_start, load.snapshot())
        doc["meta"]["numba"] = numba_meta()
        doc["meta"].update({name: p.module.meta() for name, p in peers.items()})
        with open(path + ".tmp", "w") as f:
            json.dump(doc, f)
        os.replace(path + ".tmp", path)
    child.close()


if __name__ == "__main__":
    main()
