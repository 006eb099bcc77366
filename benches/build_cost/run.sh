#!/usr/bin/env bash
# Build cost of kernels: the release build of a program of BUILD_COST_KERNELS
# generated kernels (3 to 6 statements with math functions; benches/build_cost/gen.py, fixed
# seed) under `#[kernel(parallel)]` and under `#[kernel(parallel, fastmath)]`, less the build of
# the same crate with no kernel, per kernel. Each is the median of BUILD_COST_REPEATS builds
# (the source touched before each). Run from anywhere:
#
#     bash benches/build_cost/run.sh
#
# The crate lives in target/build-cost/ (its own target folder; the first run builds the
# dependencies once, untimed). Takes a few minutes on the 2-core machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
count="${BUILD_COST_KERNELS:-20}"
repeats="${BUILD_COST_REPEATS:-3}"
dir=target/build-cost
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<TOML
[package]
name = "kernelize-build-cost"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
kernelize = { path = "$root" }

[profile.release]
incremental = false

[workspace]
TOML
export CARGO_TARGET_DIR="$PWD/$dir/target"

build() { # $1: kernels, $2: options; prints seconds (median of repeats)
    python3 benches/build_cost/gen.py "$1" "$2" > "$dir/src/main.rs"
    (cd "$dir" && cargo build --release --quiet) >&2 || { echo "the build failed" >&2; exit 1; } # the first build
    local times=()
    for _ in $(seq "$repeats"); do
        touch "$dir/src/main.rs"
        local t0 t1
        t0=$(date +%s.%N)
        (cd "$dir" && cargo build --release --quiet) >&2 || { echo "the build failed" >&2; exit 1; }
        t1=$(date +%s.%N)
        times+=("$(python3 -c "print($t1 - $t0)")")
    done
    printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((repeats + 1) / 2))p"
}

echo "== dependencies (untimed)" >&2
python3 benches/build_cost/gen.py 0 parallel > "$dir/src/main.rs"
(cd "$dir" && cargo build --release --quiet)
empty=$(build 0 "parallel") || exit 1
par=$(build "$count" "parallel") || exit 1
fm=$(build "$count" "parallel, fastmath") || exit 1
per() { python3 -c "print(($1 - $empty) / $count)"; }
printf 'build cost, %s kernels, median of %s release builds of the program (dependencies built) (rustc %s)\n' "$count" "$repeats" "$(rustc --version | cut -d' ' -f2)"
printf '  empty crate:                     %6.2f s\n' "$empty"
printf '  #[kernel(parallel)]:             %6.2f s   %5.2f s per kernel\n' "$par" "$(per "$par")"
printf '  #[kernel(parallel, fastmath)]:   %6.2f s   %5.2f s per kernel\n' "$fm" "$(per "$fm")"
printf '  ratio per kernel (fastmath / parallel): %.2f\n' "$(python3 -c "print(($fm - $empty) / ($par - $empty))")"
