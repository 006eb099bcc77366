"""The Taichi side of the peer comparison (`bash benches/peers/run.sh`; see its header).

The eight kernels of `benches/kernels/mod.rs` as a Taichi user writes them: `@ti.kernel` with
`ti.types.ndarray` arguments, the outermost `for` of the kernel body parallel (Taichi runs every
top-level loop of a kernel across its CPU threads, one loop after the other; inner loops are
serial), and reductions as `+=` on a scalar outside the loop, which Taichi turns into a parallel
(atomic) reduction. `ti.init(arch=ti.cpu, default_fp=ti.f64)`: double precision for the float
literals, as the kernels are f64 (saxpy is f32 by its argument types); Taichi's own defaults
otherwise (`fast_math=True`, all cores), and no offline cache, so that the first call of each
kernel compiles it, as Numba's does.

Taichi has no `log1p`: softplus is written `log(1 + exp(x))`, as a Taichi user would (for the
inputs in [-10, 10] the difference is below 1e-16 per term, far inside the checks' tolerance).

The driver (numba_kernels.py) calls `setup()` once, then for a bench of numba_kernels.py (the
same inputs, built bit for bit as for Numba) `KERNELS[name](bench)`: that copies the NumPy
arrays of `bench.args` into Taichi ndarrays (not timed); calling it runs the kernel and
`ti.sync()` (what is timed); `download()` copies the results back into the NumPy arrays, so
that `bench.checks` computes the same checksums as for Numba.
"""

import contextlib
import os
import sys

import numpy as np

os.environ.setdefault("TI_LOG_LEVEL", "warn")
with contextlib.redirect_stdout(sys.stderr):  # Taichi prints its banner on stdout
    import taichi as ti

NAME = "taichi"

# Kernels of numba_kernels.py's suite that Taichi cannot express, with the reason (none).
UNSUPPORTED = {}


def setup():
    with contextlib.redirect_stdout(sys.stderr):
        ti.init(arch=ti.cpu, default_fp=ti.f64, offline_cache=False)


def meta():
    cfg = ti.lang.impl.current_cfg()
    return {"taichi": ".".join(map(str, ti.__version__)), "threads": int(cfg.cpu_max_num_threads),
            "fast_math": bool(cfg.fast_math), "arch": "cpu"}


f64 = ti.types.ndarray(dtype=ti.f64, ndim=1)
f32 = ti.types.ndarray(dtype=ti.f32, ndim=1)
u32 = ti.types.ndarray(dtype=ti.u32, ndim=1)
f64_2d = ti.types.ndarray(dtype=ti.f64, ndim=2)


@ti.kernel
def go_fast(a: f64, out: f64) -> ti.f64:
    trace = 0.0
    for i in range(a.shape[0]):
        trace += ti.tanh(a[i])
    for i in range(a.shape[0]):
        out[i] = a[i] + trace
    return trace


@ti.kernel
def saxpy(alpha: ti.f32, x: f32, y: f32):
    for i in range(x.shape[0]):
        y[i] = alpha * x[i] + y[i]


@ti.kernel
def dot(x: f64, y: f64) -> ti.f64:
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    return s


@ti.kernel
def softplus_sum(x: f64) -> ti.f64:
    s = 0.0
    for i in range(x.shape[0]):
        s += ti.log(1.0 + ti.exp(x[i]))
    return s


@ti.kernel
def mandelbrot(cr: f64, ci: f64, out: u32, max_iter: ti.u32):
    for i in range(cr.shape[0]):
        x0 = cr[i]
        y0 = ci[i]
        x = 0.0
        y = 0.0
        k = ti.u32(0)
        while k < max_iter and x * x + y * y <= 4.0:
            t = x * x - y * y + x0
            y = 2.0 * x * y + y0
            x = t
            k += 1
        out[i] = k


@ti.kernel
def jacobi(u: f64_2d, out: f64_2d):
    for i, j in ti.ndrange((1, u.shape[0] - 1), (1, u.shape[1] - 1)):
        out[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])


@ti.kernel
def nbody(x: f64, y: f64, z: f64, m: f64, ax: f64, ay: f64, az: f64):
    for i in range(x.shape[0]):
        sx = 0.0
        sy = 0.0
        sz = 0.0
        for j in range(x.shape[0]):
            dx = x[j] - x[i]
            dy = y[j] - y[i]
            dz = z[j] - z[i]
            r2 = dx * dx + dy * dy + dz * dz + 1e-3
            inv = 1.0 / (r2 * ti.sqrt(r2))
            sx += m[j] * dx * inv
            sy += m[j] * dy * inv
            sz += m[j] * dz * inv
        ax[i] = sx
        ay[i] = sy
        az[i] = sz


@ti.kernel
def matvec(a: f64_2d, x: f64, y: f64):
    for i in range(a.shape[0]):
        s = 0.0
        for j in range(a.shape[1]):
            s += a[i, j] * x[j]
        y[i] = s


DTYPES = {np.dtype(np.float64): ti.f64, np.dtype(np.float32): ti.f32, np.dtype(np.uint32): ti.u32}


class Call:
    """One kernel on a bench's arguments, its arrays copied into Taichi ndarrays."""

    def __init__(self, kernel, bench):
        self.kernel, self.bench = kernel, bench
        self.args = []
        for a in bench.args:
            if isinstance(a, np.ndarray):
                t = ti.ndarray(DTYPES[a.dtype], a.shape)
                t.from_numpy(a)
                if not np.array_equal(t.to_numpy(), a):
                    raise AssertionError("a Taichi ndarray does not hold its NumPy input exactly")
                self.args.append(t)
            else:
                self.args.append(a)

    def __call__(self):
        ret = self.kernel(*self.args)
        ti.sync()
        return ret

    def download(self):
        for a, t in zip(self.bench.args, self.args):
            if isinstance(a, np.ndarray):
                a[...] = t.to_numpy()


KERNELS = {k.__name__: (lambda bench, k=k: Call(k, bench))
           for k in [go_fast, saxpy, dot, softplus_sum, mandelbrot, jacobi, nbody, matvec]}

# Kernels of real_programs.py's suite written for Taichi (none yet).
REAL_KERNELS = {}
