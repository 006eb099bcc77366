#!/usr/bin/env bash
# The peer comparison: kernelize against Numba on the same kernels and the same inputs.
#
#     bash benches/peers/run.sh
#
# from the repository root (or anywhere: it finds the root itself). It
#
#  1. creates benches/peers/.venv once (Python 3 from `$PEERS_PYTHON`, default `python3`) and
#     installs the pinned Numba from benches/peers/requirements.txt; later runs reuse it and
#     reinstall only when requirements.txt changes;
#  2. builds the Rust side, `cargo bench --bench peers` (benches/peers/kernelize.rs, in the
#     normal target/ folder);
#  3. runs the kernels of benches/kernels/mod.rs (go_fast, saxpy, dot, softplus_sum, mandelbrot,
#     jacobi, nbody, matvec) written line for line for Numba in numba_kernels.py, each as
#     `@njit`, `@njit(parallel=True)`, `@njit(fastmath=True)` and
#     `@njit(parallel=True, fastmath=True)`; Numba's first call of each (compilation included)
#     is timed apart, then every variant is called PEERS_WARMUP times and timed PEERS_REPEATS
#     times (time.perf_counter around the call only), median kept;
#  4. runs ours the same way (`serial`, `parallel`, `fastmath`, `parallel_fastmath`;
#     std::time::Instant around the call), and measures the STREAM triad `a = b + s*c` on one
#     thread and on all threads (3 arrays of PEERS_TRIAD_N f64);
#  5. report.py checks that both sides computed the same results (inputs bit-identical, f64
#     results within 1e-9 relative, f32 within 1e-5, Mandelbrot counts differing at no more
#     than 0.1% of points) and fails, writing nothing, if not; then prints one markdown table:
#     median times, speed-up (Numba time / ours, above 1 means kernelize is faster), bandwidth of
#     the memory-bound kernels as a fraction of the triad's, Numba's first-call times, the
#     machine and the date, and the targets met or missed. The same text goes to
#     benches/peers/results.md and the chart to benches/peers/speedup.svg (both committed: the
#     README's "Performance" section shows them).
#
# Settings (environment, with the defaults used for the README):
#
#   PEERS_CASES         kernel:size pairs, space-separated; the size of jacobi and matvec is the
#                       side of the square matrix, of nbody the number of bodies
#                       (default: "go_fast:10000 go_fast:1000000 saxpy:1000000 saxpy:16777216
#                       dot:1000000 dot:8388608 softplus_sum:1000000 mandelbrot:200000
#                       jacobi:2048 nbody:2000 matvec:4096"; the memory-bound kernels also run at
#                       a size well beyond the 32 MiB L3, where the triad comparison means
#                       something)
#   PEERS_REPEATS       timed calls per kernel and variant (default 25)
#   PEERS_WARMUP        untimed calls before them (default 3)
#   PEERS_MANDEL_ITERS  Mandelbrot's iteration limit (default 200)
#   PEERS_TRIAD_N       elements per triad array (default 16777216: 3 x 128 MiB)
#   PEERS_PYTHON        the Python that creates the venv (default python3)
#   NUMBA_NUM_THREADS, KERNELIZE_NUM_THREADS   threads of each side (default: all cores)
#
# Raw results (JSON, Mandelbrot counts) go to benches/peers/out/ (git-ignored). About 3 minutes
# on the 2-core machine the README names, plus a first build and the venv's install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
start=$(date +%s)
here=benches/peers

export PEERS_CASES="${PEERS_CASES:-go_fast:10000 go_fast:1000000 saxpy:1000000 saxpy:16777216 dot:1000000 dot:8388608 softplus_sum:1000000 mandelbrot:200000 jacobi:2048 nbody:2000 matvec:4096}"
export PEERS_REPEATS="${PEERS_REPEATS:-25}"
export PEERS_WARMUP="${PEERS_WARMUP:-3}"
export PEERS_MANDEL_ITERS="${PEERS_MANDEL_ITERS:-200}"
export PEERS_TRIAD_N="${PEERS_TRIAD_N:-16777216}"
export PEERS_OUT="$PWD/$here/out"
venv="$here/.venv"
python="$venv/bin/python"

# 1. The virtual environment, made once; remade when requirements.txt changes.
if [[ ! -x "$python" ]] || ! cmp -s "$here/requirements.txt" "$venv/requirements.installed"; then
    echo "== creating $venv with $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')" >&2
    rm -rf "$venv"
    "${PEERS_PYTHON:-python3}" -m venv "$venv"
    "$python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$venv/requirements.installed"
fi

# 2. The Rust side, built before anything is timed.
echo "== building the kernelize side (cargo bench --bench peers)" >&2
cargo bench --quiet --bench peers --no-run

rm -rf "$PEERS_OUT"
mkdir -p "$PEERS_OUT"

# 3. Numba.
echo "== Numba $("$python" -c 'import numba; print(numba.__version__)')" >&2
"$python" "$here/numba_kernels.py"

# 4. kernelize (cargo passes --bench; the binary reads its settings from the environment).
echo "== kernelize" >&2
cargo bench --quiet --bench peers

# 5. The check and the table.
echo "== report" >&2
"$python" "$here/report.py"
echo "== done in $(($(date +%s) - start)) s; table in $here/results.md, chart in $here/speedup.svg" >&2
