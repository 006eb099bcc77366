#!/usr/bin/env bash
# The peer comparison: kernelize against Numba, same kernels, same inputs, one table.
#
#     bash benches/peers/run.sh
#
# (from anywhere; it works from the repository root). What it does:
#
#  1. Makes benches/peers/.venv once, with `$PEERS_PYTHON` (default `python3`), and installs the
#     pinned Numba of requirements.txt from PyPI (numba 0.68.1 and the llvmlite and numpy it
#     resolved to). Later runs reuse it; a changed requirements.txt remakes it.
#  2. Builds the Rust side: `cargo bench --bench peers --no-run` (benches/peers/kernelize.rs, in
#     the normal target/ folder).
#  3. Runs both sides, driven by numba_kernels.py, which starts the Rust side as a child process
#     and, for each kernel and size, measures Numba's four variants and asks the child for its
#     four, back to back, so that the two sides of a row are seconds apart (this machine's
#     bandwidth and second core move from one minute to the next). PEERS_ROUNDS rounds, each
#     with the other side first:
#     - Numba: the kernels of benches/kernels/mod.rs written line for line (prange where Rust
#       has prange, the same reductions), each as `@njit`, `@njit(parallel=True)`,
#       `@njit(fastmath=True)` and `@njit(parallel=True, fastmath=True)`. The first call of
#       each (compilation included) is timed on its own; then PEERS_WARMUP untimed calls and
#       PEERS_REPEATS calls timed with time.perf_counter around the call.
#     - kernelize (benches/peers/kernelize.rs): `serial`, `parallel`, `fastmath` and
#       `parallel_fastmath` of the same kernels on the same inputs (computed bit-identically on
#       both sides), timed the same way with std::time::Instant; and, once per round, the
#       STREAM triad `a = b + s*c` (3 arrays of PEERS_TRIAD_N f64) on one and on all threads.
#     Times and result checksums go to benches/peers/out/ (git-ignored).
#  4. report.py checks that both sides computed the same thing (inputs bit-identical; f64
#     results within 1e-9 relative; saxpy's f32 within 1e-5; Mandelbrot escape counts differing
#     at no more than 0.1% of the points, the count reported) and stops with status 1, writing
#     nothing, if they do not. Then it prints one markdown document: the speed-up per kernel
#     and variant (Numba time / kernelize time: above 1, kernelize is faster), all median times
#     (each side's lowest median over the rounds), the bandwidth of the memory-bound kernels as
#     a fraction of the triad's (one thread for serial/fastmath, all threads for the parallel
#     variants; "in L3" where the data fits the cache), Numba's first-call times, the machine
#     and date, and the issue's targets met or missed. The same text goes to
#     benches/peers/results.md and a chart to benches/peers/speedup.svg; both are committed
#     and shown in the README's "Performance" section.
#
# Variants are matched as: serial <-> @njit, parallel <-> @njit(parallel=True),
# fastmath <-> @njit(fastmath=True), parallel_fastmath <-> @njit(parallel=True, fastmath=True).
# Both sides use every core unless NUMBA_NUM_THREADS / KERNELIZE_NUM_THREADS say otherwise.
#
# Settings (environment variables; the defaults are what the README's table used):
#
#   PEERS_CASES         kernel:size pairs, space-separated; jacobi's and matvec's size is the side
#                       of the square matrix, nbody's the number of bodies. Default:
#                       go_fast:10000 go_fast:1000000 (the seed kernel; the headline targets)
#                       saxpy:1000000 saxpy:16000000 dot:1000000 dot:8000000 (in L3, and well
#                       beyond its 32 MiB, where the triad comparison means something)
#                       softplus_sum:1000000 mandelbrot:200000 jacobi:2048 nbody:2000 matvec:4096
#   PEERS_REPEATS       timed calls per kernel, variant and round (default 25)
#   PEERS_WARMUP        untimed calls before them (default 3)
#   PEERS_ROUNDS        rounds (default 3); each side keeps its lowest median of a row, so a
#                       noisy moment on this shared machine rarely decides it
#   PEERS_MANDEL_ITERS  Mandelbrot's iteration limit (default 200)
#   PEERS_TRIAD_N       elements per triad array (default 16777216: 3 x 128 MiB)
#   PEERS_PYTHON        the Python that makes the venv (default python3)
#
# The full run takes about 1.5 minutes on the 2-core machine of the README, plus the first build
# (about 1 minute) and the first venv install (about 20 s). A quick smoke run:
# PEERS_ROUNDS=1 PEERS_REPEATS=3 bash benches/peers/run.sh (about 25 s once built). Other work on the machine skews the
# numbers: the script measures the CPU use of other processes before it starts, warns above
# 10%, and the report states it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
start=$(date +%s)
here=benches/peers

export PEERS_CASES="${PEERS_CASES:-go_fast:10000 go_fast:1000000 saxpy:1000000 saxpy:16000000 dot:1000000 dot:8000000 softplus_sum:1000000 mandelbrot:200000 jacobi:2048 nbody:2000 matvec:4096}"
export PEERS_REPEATS="${PEERS_REPEATS:-25}"
export PEERS_WARMUP="${PEERS_WARMUP:-3}"
export PEERS_ROUNDS="${PEERS_ROUNDS:-3}"
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

# Other work on the machine skews every number: say so before timing anything.
busy_percent() {
    local a b
    read -r -a a < /proc/stat
    sleep 2
    read -r -a b < /proc/stat
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    local idle=$((b[4] - a[4] + b[5] - a[5]))
    echo $((total > 0 ? 100 * (total - idle) / total : 0))
}
busy=$(busy_percent)
echo "$busy" > "$PEERS_OUT/busy-before.txt"
if ((busy > 10)); then
    echo "== warning: other processes use ${busy}% of the CPUs; the timings will be noisy" >&2
fi

# 3. The measurement: numba_kernels.py times Numba and drives the kernelize side, row by row.
export PEERS_KERNELIZE="cargo bench --quiet --bench peers"
"$python" "$here/numba_kernels.py"

# 4. The check and the table.
echo "== report" >&2
"$python" "$here/report.py"
echo "== done in $(($(date +%s) - start)) s; table in $here/results.md, chart in $here/speedup.svg" >&2
