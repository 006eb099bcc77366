#!/usr/bin/env bash
# The GPU run, in two halves: this script, on a machine with cargo, builds every binary the
# run needs into one self-contained folder (default target/gpu-kit) and prints the one command
# that runs them on a machine with an NVIDIA GPU and its driver, where no cargo is needed:
#
#   bash benches/gpu/run.sh [KIT]        # here: build the kit
#   bash KIT/run-on-gpu.sh               # there: tests, benches, heat2d, in under 10 minutes
#
# The kit holds the GPU tests (tests/cuda.rs, the runtime's cuda_host tests; run with
# KERNELIZE_REQUIRE_GPU=1, so that they fail rather than skip without a GPU), the bandwidth and
# launch-overhead bench (examples/gpu_bench.rs) and heat2d. Its output is what the README's
# GPU figures come from.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
kit="${1:-target/gpu-kit}"
rm -rf "$kit"
mkdir -p "$kit"

# The test executables cargo builds, from its JSON messages.
executables() {
    python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == sys.argv[1]:
        print(m["executable"])
' "$1"
}

cargo build --release --features cuda --example gpu_bench --example heat2d
cp target/release/examples/gpu_bench target/release/examples/heat2d "$kit/"
cp "$(cargo test --release --features cuda --test cuda --no-run --message-format=json | executables cuda | tail -n 1)" \
    "$kit/cuda-tests"
cp "$(cargo test --release -p kernelize-runtime --features cuda --test cuda_host --no-run --message-format=json \
    | executables cuda_host | tail -n 1)" "$kit/cuda-host-tests"

cat > "$kit/run-on-gpu.sh" <<'RUN'
#!/usr/bin/env bash
# Runs kernelize's GPU checks and benches (built by benches/gpu/run.sh); needs an NVIDIA GPU
# and driver, not cargo. Exits non-zero if a test fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export KERNELIZE_REQUIRE_GPU=1
status=0
step() { printf '\n=== %s ===\n' "$*"; }
step "the GPU"
nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv 2>/dev/null || echo "(no nvidia-smi)"
step "GPU tests (tests/cuda.rs)"
timeout 300 ./cuda-tests --test-threads=1 || status=1
step "GPU runtime tests (runtime/tests/cuda_host.rs)"
timeout 120 ./cuda-host-tests --test-threads=1 || status=1
step "bandwidth and launch overhead (examples/gpu_bench.rs)"
timeout 120 ./gpu_bench || status=1
step "heat2d: 512x512, 1,000 steps resident on the GPU, checked against the CPU"
timeout 120 ./heat2d 512 1000 || status=1
step "heat2d: 4096x4096, 200 steps"
timeout 60 ./heat2d 4096 200 || status=1
exit $status
RUN
chmod +x "$kit/run-on-gpu.sh"

du -sh "$kit"
echo
echo "On a machine with an NVIDIA GPU and its driver, copy $kit there and run:"
echo "    bash $kit/run-on-gpu.sh"
