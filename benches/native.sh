#!/usr/bin/env bash
# Runs the `fastmath` benches twice, in a default build (what users get: no RUSTFLAGS, the
# instruction set chosen at run time) and with `-C target-cpu=native`, and prints the ratio of
# the medians per benchmark. Usage: bash benches/native.sh [criterion filter, default fm_]
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-fm_}"
default_dir="${CARGO_TARGET_DIR:-target}"
native_dir="$default_dir/native"
echo "== default build" >&2
cargo bench --bench fastmath -- "$filter" >&2
echo "== -C target-cpu=native" >&2
RUSTFLAGS="-C target-cpu=native" CARGO_TARGET_DIR="$native_dir" cargo bench --bench fastmath -- "$filter" >&2
python3 - "$default_dir/criterion" "$native_dir/criterion" "$filter" <<'PY'
import json, os, sys
default, native, prefix = sys.argv[1:4]
rows = []
for group in sorted(os.listdir(default)):
    if not group.startswith(prefix):
        continue
    for root, dirs, files in os.walk(os.path.join(default, group)):
        if os.path.basename(root) != "new" or "estimates.json" not in files:
            continue
        rel = os.path.relpath(os.path.dirname(root), default)
        other = os.path.join(native, rel, "new", "estimates.json")
        if not os.path.exists(other):
            continue
        d = json.load(open(os.path.join(root, "estimates.json")))["median"]["point_estimate"]
        n = json.load(open(other))["median"]["point_estimate"]
        rows.append((rel, d, n))
print(f"{'benchmark':<40} {'default':>12} {'native':>12} {'native/default':>15}")
for rel, d, n in rows:
    print(f"{rel:<40} {d/1e3:>10.1f}µs {n/1e3:>10.1f}µs {n/d:>14.2f}x")
PY
