#!/usr/bin/env bash
# SASS instructions per call of the f64 math functions for sm_90: CUDA's libdevice (nvcc from
# PyPI, on benches/gpu/libdevice.cu) against kernelize's (the PTX the macro writes, through
# ptxas), both counted with nvdisasm. The libdevice figures are the constants of
# macros/src/back/ptx/sass.rs; ours are printed by its test. No GPU is needed.
#
#   bash benches/gpu/sass.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tools=.tools/nvcc
if [ ! -x "$tools/nvidia/cu13/bin/nvcc" ]; then
    mkdir -p "$tools/wheels"
    python3 -m pip download --quiet --no-deps --dest "$tools/wheels" \
        nvidia-cuda-nvcc==13.5.37 nvidia-nvvm==13.5.37 nvidia-cuda-crt==13.5.37 nvidia-cuda-runtime==13.5.37
    for w in "$tools"/wheels/*.whl; do
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$w" "$tools"
    done
    chmod +x "$tools"/nvidia/cu13/bin/* "$tools"/nvidia/cu13/nvvm/bin/*
    rm -rf "$tools/wheels"
fi
[ -x .tools/nvdisasm ] || { echo "no .tools/nvdisasm: run the nvdisasm step of .ci/run first"; exit 1; }
out=$(mktemp -d)
PATH="$PWD/$tools/nvidia/cu13/bin:$PATH" nvcc -arch=sm_90 -cubin -O3 -o "$out/libdevice.cubin" benches/gpu/libdevice.cu
.tools/nvdisasm -c "$out/libdevice.cubin" 2>/dev/null | python3 -c '
import re, sys
counts, cur = {}, None
for line in sys.stdin:
    m = re.match(r"^//-+ \.text\.(\S+)", line)
    if m:
        cur = m.group(1); counts[cur] = 0; continue
    m = re.match(r"^\s+/\*[0-9a-f]{4,}\*/\s+(.*?);", line)
    if m and cur and not re.sub(r"^@!?U?P\w+\s+", "", m.group(1).strip()).startswith("NOP"):
        counts[cur] += 1
base, basef = counts.pop("k_copy"), counts.pop("k_copyf")
for k, v in counts.items():
    b = basef if k.endswith("f") else base
    name = k[2:-1] + " (f32)" if k.endswith("f") else k[2:]
    print(f"libdevice {name}: {v - b} SASS instructions per call (kernel {v}, copy {b})")
'
cargo test -q -p kernelize-macros sass_instructions_per_call -- --nocapture 2>&1 | grep "SASS instructions per call"
