#!/usr/bin/env bash
# The files and functions of macros/src that one reduction passes through, measured with
# rustc's coverage instrumentation: the test `trace_one_reduction` expands
# `s += a[i].tanh()` with `parallel, fastmath, cuda`, and the same loop without the reduction
# (`out[i] = a[i].tanh()`); the functions entered only with the reduction are its trail.
# Needs `rustup component add llvm-tools-preview`.
#
#     bash .ci/trace-reduction.sh            # counts
#     bash .ci/trace-reduction.sh --list     # and each file of the trail with its functions
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
bin="$(rustc --print sysroot)/lib/rustlib/$host/bin"
dir=target/trace-reduction
export CARGO_TARGET_DIR="$dir/build" RUSTFLAGS="-C instrument-coverage"
test_bin=$(cargo test -q -p kernelize-macros --lib --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m.get("executable") and m["target"]["name"]=="kernelize_macros": print(m["executable"])' | tail -1)
for run in with without; do
    rm -rf "$dir/prof-$run" && mkdir -p "$dir/prof-$run"
    KERNELIZE_TRACE=$run LD_LIBRARY_PATH="$(rustc --print sysroot)/lib/rustlib/$host/lib" \
        LLVM_PROFILE_FILE="$dir/prof-$run/%p.profraw" "$test_bin" --ignored --exact tests::trace_one_reduction -q >/dev/null
    "$bin/llvm-profdata" merge -sparse "$dir/prof-$run"/*.profraw -o "$dir/$run.profdata"
    "$bin/llvm-cov" export "$test_bin" -instr-profile="$dir/$run.profdata" -format=text -skip-expansions >"$dir/$run.json"
done
python3 - "$dir" "$@" <<'PY'
import json, sys
def entered(path):
    out = {}
    for f in json.load(open(path))["data"][0]["functions"]:
        name = f["filenames"][0]
        if f["count"] == 0 or "/macros/src/" not in name:
            continue
        rel = name.split("/macros/src/")[-1]
        # Tests, and the GPU math library (compiled into the tests as Rust), are not the macro.
        if rel.endswith("tests.rs") or rel.startswith("back/ptx/libm"):
            continue
        out.setdefault(rel, set()).add(f["name"])
    return out
d = sys.argv[1]
w, wo = entered(f"{d}/with.json"), entered(f"{d}/without.json")
trail = {f: fs - wo.get(f, set()) for f, fs in w.items()}
trail = {f: fs for f, fs in trail.items() if fs}
count = lambda m: sum(len(v) for v in m.values())
print(f"the expansion with a reduction enters {len(w)} files and {count(w)} functions of macros/src")
print(f"one reduction passes through {len(trail)} files and {count(trail)} functions (entered only with it)")
if "--list" in sys.argv:
    for f in sorted(trail):
        print(f"  {f}: {len(trail[f])}")
PY
