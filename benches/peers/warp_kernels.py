"""The NVIDIA Warp side of the peer comparison (`bash benches/peers/run.sh`; see its header).

The eight kernels of `benches/kernels/mod.rs` as a Warp user writes them: `@wp.kernel`, one
thread per element (`i = wp.tid()`), launched with `wp.launch(kernel, dim=n)` on device `"cpu"`
(jacobi's stencil over the interior with a 2-D `dim`); reductions with `wp.atomic_add` into a
1-element array, zeroed before the launch. Float literals are written `wp.float64(...)`, as
Warp's are float32 otherwise. Warp's CPU back end runs a launch's threads one after the other
on one thread (its CPU code is a loop over the launch's indices), so Warp is, on this machine,
a single-threaded contestant; it compiles each kernel's C++ with its bundled Clang/LLVM
(`-march=native`). Each kernel is its own module (`module="unique"`), so that its first launch
compiles only it, and the kernel cache is a fresh folder per run (`$PEERS_OUT/warp-cache`), so
that first launches compile as Numba's first calls do.

Warp has no `log1p`: softplus is written `log(1 + exp(x))`, as a Warp user would (for the
inputs in [-10, 10] the difference is below 1e-16 per term, far inside the checks' tolerance).

The driver (numba_kernels.py) calls `setup()` once, then for a bench of numba_kernels.py (the
same inputs, built bit for bit as for Numba) `KERNELS[name](bench)`: that copies the NumPy
arrays of `bench.args` into Warp arrays on the CPU (not timed); calling it zeroes the
reduction's 1-element array where there is one, launches, calls `wp.synchronize()` and reads the
reduced value (what is timed); `download()` copies the results back into the NumPy arrays, so
that `bench.checks` computes the same checksums as for Numba.
"""

import os

import numpy as np
import warp as wp

NAME = "warp"
DEVICE = "cpu"

# Kernels of numba_kernels.py's suite that Warp cannot express, with the reason (none).
UNSUPPORTED = {}


def setup():
    wp.config.quiet = True
    wp.config.log_level = wp.LOG_WARNING
    out = os.environ.get("PEERS_OUT")
    if out:
        wp.config.kernel_cache_dir = os.path.join(out, "warp-cache")
    wp.init()


def meta():
    return {"warp": wp.__version__, "threads": 1, "device": DEVICE, "mode": wp.config.mode}


F64 = wp.float64


@wp.kernel(module="unique")
def go_fast_trace(a: wp.array(dtype=F64), trace: wp.array(dtype=F64)):
    i = wp.tid()
    wp.atomic_add(trace, 0, wp.tanh(a[i]))


@wp.kernel(module="unique")
def go_fast_out(a: wp.array(dtype=F64), trace: wp.array(dtype=F64), out: wp.array(dtype=F64)):
    i = wp.tid()
    out[i] = a[i] + trace[0]


@wp.kernel(module="unique")
def saxpy(alpha: wp.float32, x: wp.array(dtype=wp.float32), y: wp.array(dtype=wp.float32)):
    i = wp.tid()
    y[i] = alpha * x[i] + y[i]


@wp.kernel(module="unique")
def dot(x: wp.array(dtype=F64), y: wp.array(dtype=F64), s: wp.array(dtype=F64)):
    i = wp.tid()
    wp.atomic_add(s, 0, x[i] * y[i])


@wp.kernel(module="unique")
def softplus_sum(x: wp.array(dtype=F64), s: wp.array(dtype=F64)):
    i = wp.tid()
    wp.atomic_add(s, 0, wp.log(F64(1.0) + wp.exp(x[i])))


@wp.kernel(module="unique")
def mandelbrot(cr: wp.array(dtype=F64), ci: wp.array(dtype=F64), out: wp.array(dtype=wp.uint32),
               max_iter: wp.uint32):
    i = wp.tid()
    x0 = cr[i]
    y0 = ci[i]
    x = F64(0.0)
    y = F64(0.0)
    k = wp.uint32(0)
    while k < max_iter and x * x + y * y <= F64(4.0):
        t = x * x - y * y + x0
        y = F64(2.0) * x * y + y0
        x = t
        k += wp.uint32(1)
    out[i] = k


@wp.kernel(module="unique")
def jacobi(u: wp.array2d(dtype=F64), out: wp.array2d(dtype=F64)):
    i, j = wp.tid()
    i += 1
    j += 1
    out[i, j] = F64(0.25) * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])


@wp.kernel(module="unique")
def nbody(x: wp.array(dtype=F64), y: wp.array(dtype=F64), z: wp.array(dtype=F64), m: wp.array(dtype=F64),
          ax: wp.array(dtype=F64), ay: wp.array(dtype=F64), az: wp.array(dtype=F64)):
    i = wp.tid()
    sx = F64(0.0)
    sy = F64(0.0)
    sz = F64(0.0)
    for j in range(x.shape[0]):
        dx = x[j] - x[i]
        dy = y[j] - y[i]
        dz = z[j] - z[i]
        r2 = dx * dx + dy * dy + dz * dz + F64(1e-3)
        inv = F64(1.0) / (r2 * wp.sqrt(r2))
        sx += m[j] * dx * inv
        sy += m[j] * dy * inv
        sz += m[j] * dz * inv
    ax[i] = sx
    ay[i] = sy
    az[i] = sz


@wp.kernel(module="unique")
def matvec(a: wp.array2d(dtype=F64), x: wp.array(dtype=F64), y: wp.array(dtype=F64)):
    i = wp.tid()
    s = F64(0.0)
    for j in range(a.shape[1]):
        s += a[i, j] * x[j]
    y[i] = s


DTYPES = {np.dtype(np.float64): wp.float64, np.dtype(np.float32): wp.float32, np.dtype(np.uint32): wp.uint32}


class Call:
    """A kernel's launches on a bench's arguments, its arrays copied into Warp arrays."""

    def __init__(self, bench):
        self.bench = bench
        self.args = []
        for a in bench.args:
            if isinstance(a, np.ndarray):
                w = wp.array(a, dtype=DTYPES[a.dtype], device=DEVICE)
                if not np.array_equal(w.numpy(), a):
                    raise AssertionError("a Warp array does not hold its NumPy input exactly")
                self.args.append(w)
            else:
                self.args.append(a)
        self.acc = wp.zeros(1, dtype=F64, device=DEVICE)

    def download(self):
        for a, w in zip(self.bench.args, self.args):
            if isinstance(a, np.ndarray):
                a[...] = w.numpy()

    def reduced(self):
        wp.synchronize()
        return float(self.acc.numpy()[0])


class GoFast(Call):
    def __call__(self):
        a, out = self.args
        self.acc.zero_()
        wp.launch(go_fast_trace, dim=a.shape[0], inputs=[a, self.acc], device=DEVICE)
        wp.launch(go_fast_out, dim=a.shape[0], inputs=[a, self.acc, out], device=DEVICE)
        return self.reduced()


class Saxpy(Call):
    def __call__(self):
        alpha, x, y = self.args
        wp.launch(saxpy, dim=x.shape[0], inputs=[wp.float32(alpha), x, y], device=DEVICE)
        wp.synchronize()


class Dot(Call):
    def __call__(self):
        x, y = self.args
        self.acc.zero_()
        wp.launch(dot, dim=x.shape[0], inputs=[x, y, self.acc], device=DEVICE)
        return self.reduced()


class Softplus(Call):
    def __call__(self):
        (x,) = self.args
        self.acc.zero_()
        wp.launch(softplus_sum, dim=x.shape[0], inputs=[x, self.acc], device=DEVICE)
        return self.reduced()


class Mandelbrot(Call):
    def __call__(self):
        cr, ci, out, max_iter = self.args
        wp.launch(mandelbrot, dim=cr.shape[0], inputs=[cr, ci, out, wp.uint32(max_iter)], device=DEVICE)
        wp.synchronize()


class Jacobi(Call):
    def __call__(self):
        u, out = self.args
        wp.launch(jacobi, dim=(u.shape[0] - 2, u.shape[1] - 2), inputs=[u, out], device=DEVICE)
        wp.synchronize()


class Nbody(Call):
    def __call__(self):
        wp.launch(nbody, dim=self.args[0].shape[0], inputs=self.args, device=DEVICE)
        wp.synchronize()


class Matvec(Call):
    def __call__(self):
        a, x, y = self.args
        wp.launch(matvec, dim=a.shape[0], inputs=[a, x, y], device=DEVICE)
        wp.synchronize()


KERNELS = {"go_fast": GoFast, "saxpy": Saxpy, "dot": Dot, "softplus_sum": Softplus, "mandelbrot": Mandelbrot,
           "jacobi": Jacobi, "nbody": Nbody, "matvec": Matvec}

# Kernels of real_programs.py's suite written for Warp (none yet).
REAL_KERNELS = {}
