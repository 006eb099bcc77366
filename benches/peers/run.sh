#!/usr/bin/env bash
# The peer comparison: kernelize against Numba, Taichi and NVIDIA Warp, same kernels, same
# inputs, one run, one table.
#
#     bash benches/peers/run.sh
#
# (from anywhere; it works from the repository root). What it does:
#
#  1. Makes benches/peers/.venv once, with `$PEERS_PYTHON` (default `python3`, 3.11 here), and
#     installs the pinned packages of requirements.txt from PyPI (numba 0.68.1, taichi 1.7.4,
#     warp-lang 1.19.0, and what they resolved to). Later runs reuse it; a changed
#     requirements.txt remakes it.
#  2. Builds the Rust side: `cargo bench --bench peers --no-run` (benches/peers/kernelize.rs).
#  3. Runs every contestant, driven by numba_kernels.py, which starts the Rust side as a child
#     process (one request per line: `prepare KERNEL SIZE VARIANT`, then `time ID` for one call
#     timed inside the Rust process; see kernelize.rs). The contestants of a row (a kernel and a
#     size):
#     - Numba: the kernels written line for line like the Rust ones (prange where Rust has
#       prange, the same reductions) as `@njit`, `@njit(parallel=True)`, `@njit(fastmath=True)`
#       and `@njit(parallel=True, fastmath=True)`;
#     - kernelize: `serial`, `parallel`, `fastmath`, `parallel_fastmath` and the dispatching call
#       `name(...)` (`dispatch`), std::time::Instant around the call;
#     - Taichi (taichi_kernels.py: `@ti.kernel`, `ti.init(arch=ti.cpu)`, ndarrays, `+=`
#       reductions), timed with `ti.sync()`;
#     - Warp (warp_kernels.py: `@wp.kernel`, `wp.launch(dim=n)` on device "cpu", reductions with
#       `wp.atomic_add`), timed with `wp.synchronize()`.
#     All on inputs computed bit-identically, each in its own arrays before anything is timed.
#     Per row: every contestant's first call (compilation included for Numba, Taichi and Warp,
#     timed on its own; the results give the checksums), then PEERS_WARMUP untimed turns and
#     PEERS_REPEATS timed turns; a turn times one call of every contestant, in a fresh random
#     order, each right after PEERS_PRIME untimed calls of its own (so that it finds its data in
#     cache, as in a loop of calls, not where the other contestants left it). PEERS_ROUNDS
#     rounds, each running every row on fresh inputs, and, once per round, the STREAM triad
#     `a = b + s*c` (3 arrays of PEERS_TRIAD_N f64) on one and on all threads.
#     Two suites: the eight kernels of benches/kernels/mod.rs (PEERS_CASES), and the real
#     programs of benches/peers/real_programs.py when that file exists (PEERS_REAL_CASES;
#     Taichi and Warp only where they have the kernel; kernelize where kernelize.rs has it).
#     Times and checksums go to benches/peers/out/run.json (git-ignored).
#  4. report.py checks that every contestant computed what Numba's matching variant computed
#     (ours against the same option set; the dispatching call, Taichi and Warp against
#     `parallel=True, fastmath=True`): inputs bit-identical; f64 results within 1e-9 relative
#     (sums in any order, atomic adds included); saxpy's f32 within 1e-5; Mandelbrot escape
#     counts differing at no more than 0.1% of the points; and stops with status 1, writing
#     nothing, if they do not. Then it writes benches/peers/results.md (also printed): the
#     speed-ups, every contestant's median time and spread (the interquartile range of all its
#     timed calls), the real-program table with its geomean, the bandwidth of the memory-bound
#     kernels as a fraction of the triad's, the first-call (compile) times, and issue 12's
#     targets computed from this run with every miss listed; a chart, benches/peers/speedup.svg;
#     and the generated part of the README's "Against Numba" section (between its
#     `<!-- peers:begin -->` and `<!-- peers:end -->` lines).
#
# Both Numba and kernelize use every core unless NUMBA_NUM_THREADS / KERNELIZE_NUM_THREADS say
# otherwise; Taichi uses every core; Warp's CPU back end runs a launch on one thread.
#
# Settings (environment variables; the defaults are what the README's table used):
#
#   PEERS_CASES         kernel:size pairs of the kernel suite, space-separated (empty: none);
#                       jacobi's and matvec's size is the side of the square matrix, nbody's the
#                       number of bodies. Default:
#                       go_fast:10000 go_fast:1000000 (the seed kernel; the headline targets)
#                       saxpy:1000000 saxpy:16000000 dot:1000000 dot:8000000 (in cache, and
#                       beyond it, where the triad comparison means something)
#                       softplus_sum:1000000 mandelbrot:200000 jacobi:2048 nbody:2000 matvec:4096
#   PEERS_REAL_CASES    the same for the real-program suite (default: its DEFAULT_CASES; empty:
#                       none)
#   PEERS_PEERS         the peers besides Numba (default "taichi warp"; empty: none)
#   PEERS_REPEATS       timed turns per row and round (default 25)
#   PEERS_WARMUP        untimed turns before them (default 3)
#   PEERS_PRIME         untimed calls of a contestant right before each of its timed calls
#                       (default 1; 0: plain A B C D ... turns)
#   PEERS_ROUNDS        rounds (default 3)
#   PEERS_SEED          seed of the turns' random order (default 1)
#   PEERS_MANDEL_ITERS  Mandelbrot's iteration limit (default 200)
#   PEERS_TRIAD_N       elements per triad array (default 16777216: 3 x 128 MiB)
#   PEERS_LLC_BYTES     the last-level cache size that decides "in cache" (default: what
#                       /sys says for cpu0's L3; a VM may report the whole host's)
#   PEERS_README        0: leave README.md alone
#   PEERS_PYTHON        the Python that makes the venv (default python3)
#
# The full run takes about 8 minutes on the 2-core machine of the README (11 rows of 11
# contestants, 2 x 28 calls each per round, 3 rounds; first calls, which compile, about 20 s),
# plus the first build (about 1 minute) and the first venv install (under a minute). A quick
# smoke run: PEERS_ROUNDS=1 PEERS_REPEATS=3 bash benches/peers/run.sh (about 2 minutes once
# built). Other work on the machine skews the numbers: the script measures the CPU use of other
# processes before it starts and warns above 10%, the driver measures it per row and over the
# run, and the report states it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
start=$(date +%s)
here=benches/peers

export PEERS_CASES="${PEERS_CASES-go_fast:10000 go_fast:1000000 saxpy:1000000 saxpy:16000000 dot:1000000 dot:8000000 softplus_sum:1000000 mandelbrot:200000 jacobi:2048 nbody:2000 matvec:4096}"
export PEERS_REPEATS="${PEERS_REPEATS:-25}"
export PEERS_WARMUP="${PEERS_WARMUP:-3}"
export PEERS_PRIME="${PEERS_PRIME:-1}"
export PEERS_PEERS="${PEERS_PEERS-taichi warp}"
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

# 3. The measurement: numba_kernels.py times Numba, Taichi and Warp and drives the kernelize
#    side, row by row, the contestants of a row interleaved.
export PEERS_KERNELIZE="cargo bench --quiet --bench peers"
"$python" "$here/numba_kernels.py"

# 4. The check and the table.
echo "== report" >&2
"$python" "$here/report.py"
echo "== done in $(($(date +%s) - start)) s; table in $here/results.md, chart in $here/speedup.svg" >&2
