"""Writes the kernels of the build-cost bench (see run.sh): `count` kernels of 3 to 6
statements each, with math functions, the same every time (a fixed seed)."""

import random
import sys

FUNCS = ["exp", "ln", "sin", "cos", "tanh", "sqrt", "atan", "exp_m1", "ln_1p", "cbrt"]
SAFE = {"ln": "({x}.abs() + 1.0)", "ln_1p": "{x}.abs()", "sqrt": "{x}.abs()"}


def kernel(rng, n, options):
    lines = [f"#[kernel({options})]",
             f"pub fn k{n}(a: &[f64], b: &[f64], out: &mut [f64]) -> f64 {{",
             "    let mut s = 0.0;",
             "    for i in prange(0..a.len()) {"]
    names = ["a[i]", "b[i]"]
    for t in range(rng.randint(3, 6) - 2):
        f = rng.choice(FUNCS)
        x = rng.choice(names)
        arg = SAFE.get(f, "{x}").format(x=x)
        other = rng.choice(names)
        op = rng.choice(["+", "-", "*"])
        lines.append(f"        let t{t} = {arg}.{f}() {op} {other};")
        names.append(f"t{t}")
    lines.append(f"        out[i] = {names[-1]} * {rng.choice(names)};")
    lines.append(f"        s += {rng.choice(names[2:])};")
    lines += ["    }", "    s", "}", ""]
    return "\n".join(lines)


def main():
    count, options = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(12)
    # A program that calls every variant of every kernel: the kernels' functions are
    # `#[inline]`, so a library alone would not compile them.
    out = ["//! Written by benches/build_cost/gen.py: the kernels whose build time run.sh measures.",
           "#![allow(clippy::all, unused_imports)]", "use kernelize::{kernel, prange};", ""]
    out += [kernel(rng, n, options) for n in range(count)]
    variants = ["serial", "parallel"] + (["fastmath", "parallel_fastmath"] if "fastmath" in options else [])
    calls = []
    for n in range(count):
        calls.append(f"    s += k{n}(&a, &b, &mut out);")
        calls += [f"    s += k{n}::{v}(&a, &b, &mut out);" for v in variants]
    out += ["fn main() {",
            "    let n = std::hint::black_box(1000usize);",
            "    let a: Vec<f64> = (0..n).map(|i| i as f64 * 0.001).collect();",
            "    let b: Vec<f64> = (0..n).map(|i| 1.0 - i as f64 * 0.001).collect();",
            "    let mut out = vec![0.0; n];",
            "    let mut s = 0.0;"] + calls + ["    println!(\"{s}\");", "}"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
