//! What the GPU would run: the SASS `ptxas` makes of our PTX for sm_90 (an H100), read with
//! `nvdisasm`, counted instruction by instruction, against CUDA's libdevice.
//!
//! libdevice's counts were measured once with `nvcc` 13.5 from PyPI (`bash benches/gpu/sass.sh`
//! measures them again, and prints ours beside them); the test below counts ours at every run,
//! so that a change to the math library or to the loop's code that costs instructions shows.
//! `nvdisasm` comes from the `nvidia-cuda-nvdisasm` wheel (`.ci/run` installs it into
//! `.tools/`; `KERNELIZE_NVDISASM` names another); without it the test skips, unless `CI`.

use super::tests::{module_of, ptxas};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// `nvdisasm`, or why there is none.
fn nvdisasm() -> Result<PathBuf, String> {
    let path = std::env::var_os("KERNELIZE_NVDISASM")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/nvdisasm"), PathBuf::from);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "no nvdisasm at {} (`bash .ci/run` installs it from the nvidia-cuda-nvdisasm wheel)",
            path.display()
        ))
    }
}

/// The SASS instructions of each entry of `ptx` for `arch`, `NOP`s not counted (padding).
pub fn counts(ptx: &str, arch: &str) -> Result<BTreeMap<String, usize>, String> {
    Ok(count_listing(&listing(ptx, arch)?))
}

/// The `nvdisasm -c` listing of what `ptxas` makes of `ptx` for `arch`.
fn listing(ptx: &str, arch: &str) -> Result<String, String> {
    let (ptxas, nvdisasm) = (ptxas()?, nvdisasm()?);
    let dir = std::env::temp_dir().join(format!("kernelize-sass-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let name = format!("{:x}", fxhash(ptx));
    let (src, cubin) = (dir.join(format!("{name}.ptx")), dir.join(format!("{name}.cubin")));
    std::fs::write(&src, ptx).map_err(|e| e.to_string())?;
    let run = Command::new(&ptxas).arg(format!("-arch={arch}")).arg(&src).arg("-o").arg(&cubin).output();
    let run = run.map_err(|e| e.to_string())?;
    if !run.status.success() {
        return Err(format!("ptxas: {}", String::from_utf8_lossy(&run.stderr)));
    }
    let listing = Command::new(&nvdisasm).arg("-c").arg(&cubin).output().map_err(|e| e.to_string())?;
    let _ = (std::fs::remove_file(&src), std::fs::remove_file(&cubin));
    Ok(String::from_utf8_lossy(&listing.stdout).into_owned())
}

/// Instructions per `.text.NAME` section of an `nvdisasm -c` listing.
fn count_listing(listing: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in listing.lines() {
        if let Some(rest) = line.strip_prefix("//--------------------- .text.") {
            let name = rest.split_whitespace().next().unwrap_or_default().to_owned();
            out.insert(name.clone(), 0);
            current = Some(name);
            continue;
        }
        let t = line.trim_start();
        let Some(body) = t.strip_prefix("/*").and_then(|r| r.split_once("*/")).map(|(addr, rest)| (addr, rest.trim()))
        else {
            continue;
        };
        let (addr, ins) = body;
        if !addr.chars().all(|c| c.is_ascii_hexdigit()) || ins.is_empty() {
            continue;
        }
        let mut words = ins.split_whitespace();
        let first = words.next();
        let op = if first.is_some_and(|w| w.starts_with('@')) { words.next() } else { first };
        if op.is_some_and(|o| o.starts_with("NOP")) {
            continue;
        }
        if let Some(n) = current.as_ref().and_then(|c| out.get_mut(c)) {
            *n += 1;
        }
    }
    out
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// The `f64` functions the issue measures, their expression in a kernel, and libdevice's SASS
/// instructions per call for sm_90: each `out[i] = f(a[i]) + b[i] * 0.0` kernel of
/// `benches/gpu/libdevice.cu` less the one without the function (28 instructions), with nvcc
/// 13.5 (`bash benches/gpu/sass.sh`).
const FUNCTIONS: [(&str, &str, usize); 6] = [
    ("exp", "a[i].exp()", 87 - 28),
    ("ln", "a[i].ln()", 111 - 28),
    ("sin", "a[i].sin()", 233 - 28),
    ("cos", "a[i].cos()", 234 - 28),
    ("tanh", "a[i].tanh()", 128 - 28),
    ("powf", "a[i].powf(b[i])", 279 - 28),
];

/// The same for `f32`, against libdevice's `f32` functions (`expf` ...: the kernels `k_expf` ...
/// less `k_copyf`). libdevice's `expf` and `tanhf` are built on the special-function unit's
/// approximate `ex2` (MUFU); ours are polynomials, so these are far apart.
const FUNCTIONS_F32: [(&str, &str, usize); 6] = [
    ("exp", "a[i].exp()", 38 - 28),
    ("ln", "a[i].ln()", 54 - 28),
    ("sin", "a[i].sin()", 143 - 28),
    ("cos", "a[i].cos()", 144 - 28),
    ("tanh", "a[i].tanh()", 45 - 28),
    ("powf", "a[i].powf(b[i])", 121 - 28),
];

/// Our SASS instructions per call of each function for sm_90: the entry of
/// `out[[i, j]] = f(a[[i, j]]) + b[[i, j]] * 0.0` less the one without `f`. Printed, with
/// libdevice's, by `cargo test -p kernelize-macros sass -- --nocapture`.
pub fn per_call() -> Result<Vec<(&'static str, usize, usize)>, String> {
    per_call_of("f64", &FUNCTIONS)
}

/// [`per_call`] for the `f32` functions.
pub fn per_call_f32() -> Result<Vec<(&'static str, usize, usize)>, String> {
    per_call_of("f32", &FUNCTIONS_F32)
}

fn per_call_of(
    t: &str,
    functions: &[(&'static str, &str, usize)],
) -> Result<Vec<(&'static str, usize, usize)>, String> {
    // A 2-D loop, which runs one iteration per trip (1-D element-wise loops are unrolled, and
    // the base would then count four copies of the loop's own code): each function is then
    // inlined once, as libdevice's are.
    let kernel = |expr: &str| -> Result<String, String> {
        let expr = expr.replace("[i]", "[[i, j]]");
        let src = format!(
            "fn k(a: ArrayView2<{t}>, b: ArrayView2<{t}>, mut out: ArrayViewMut2<{t}>) {{ \
             for i in prange(0..a.nrows()) {{ for j in prange(0..a.ncols()) {{ out[[i, j]] = {expr}; }} }} }}"
        );
        module_of(&src, false)
    };
    let entry = |ptx: &str| -> Result<usize, String> {
        counts(ptx, "sm_90")?.get("k_loop0").copied().ok_or_else(|| "no entry k_loop0".to_owned())
    };
    let base = entry(&kernel("a[i] + b[i] * 0.0")?)?;
    let mut out = Vec::new();
    for &(name, expr, libdevice) in functions {
        let n = entry(&kernel(&format!("{expr} + b[i] * 0.0"))?)?;
        out.push((name, n.saturating_sub(base), libdevice));
    }
    Ok(out)
}

#[test]
fn the_listing_is_counted_per_function() {
    let listing = "//--------------------- .text.k_loop0  ---\n        /*0000*/                   LDC R1, c[0x0][0x28] ;\n\
                   /*0010*/              @P0 EXIT ;\n        /*0020*/                   NOP;\n\
                   //--------------------- .text.other ---\n        /*0000*/   BRA `(.L_x_1) ;\n";
    let c = count_listing(listing);
    assert_eq!(c.get("k_loop0"), Some(&2));
    assert_eq!(c.get("other"), Some(&1));
}

/// Ours against libdevice's, per call, for sm_90; and no function above the instruction
/// count it had when this test was written (a regression shows here first).
#[test]
fn sass_instructions_per_call_against_libdevice() {
    let per_call = match per_call() {
        Ok(p) => p,
        Err(why) if std::env::var_os("CI").is_some() => panic!("CI needs ptxas and nvdisasm: {why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    for (name, ours, libdevice) in &per_call {
        eprintln!(
            "{name}: {ours} SASS instructions per call, libdevice {libdevice} ({:.2}x)",
            *ours as f64 / *libdevice as f64
        );
    }
    // Measured (ptxas 12.9, sm_90, in the 2-D kernel above); the goal is 1.5x
    // libdevice, met by exp (1.46x), ln (1.17x: 202 before its division became Newton steps),
    // tanh (1.08x: 208 before the same), powf (1.42x), sin and cos (1.41x: 430 before
    // Payne-Hanek's 38-way match became a `.const` table, 326 before its window's table index
    // and shift were computed once, as 32 bits; both kernels are still evaluated). Lower these
    // as the library gets faster; a rise is a regression.
    let recorded = [("exp", 86), ("ln", 97), ("sin", 289), ("cos", 288), ("tanh", 108), ("powf", 357)];
    for ((name, ours, _), (rname, most)) in per_call.iter().zip(recorded) {
        assert_eq!(*name, rname);
        assert!(*ours <= most, "{name}: {ours} SASS instructions per call, more than the {most} recorded");
    }
}

/// The `f32` functions: printed against libdevice's, and none above its recorded count.
#[test]
fn sass_instructions_per_call_of_the_f32_functions() {
    let per_call = match per_call_f32() {
        Ok(p) => p,
        Err(why) if std::env::var_os("CI").is_some() => panic!("CI needs ptxas and nvdisasm: {why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    for (name, ours, libdevice) in &per_call {
        eprintln!(
            "{name} (f32): {ours} SASS instructions per call, libdevice {libdevice} ({:.2}x)",
            *ours as f64 / *libdevice as f64
        );
    }
    // Measured (ptxas 12.9, sm_90): powf 365 when it went through the f64 function.
    let recorded = [("exp", 41), ("ln", 48), ("sin", 132), ("cos", 134), ("tanh", 65), ("powf", 170)];
    for ((name, ours, _), (rname, most)) in per_call.iter().zip(recorded) {
        assert_eq!(*name, rname);
        assert!(*ours <= most, "{name} (f32): {ours} SASS instructions per call, more than the {most} recorded");
    }
}

/// Global loads the sm_90 SASS issues before its first floating-point instruction: in the
/// kernels below, the unrolled loop's, which comes first.
fn loads_before_use(body: &str) -> Result<usize, String> {
    let src = format!("fn k(a: &[f64], b: &[f64], out: &mut [f64]) {{ for i in prange(0..a.len()) {{ {body} }} }}");
    let ptx = module_of(&src, false)?;
    let text = listing(&ptx, "sm_90")?;
    let ops = text.lines().filter_map(|l| l.trim_start().strip_prefix("/*")?.split_once("*/").map(|(_, r)| r.trim()));
    let mut loads = 0;
    for ins in ops {
        let op = ins.split_whitespace().find(|w| !w.starts_with('@')).unwrap_or_default();
        if op.starts_with("LDG") {
            loads += 1;
        } else if ["DMUL", "DADD", "DFMA"].iter().any(|d| op.starts_with(d)) {
            break;
        }
    }
    Ok(loads)
}

/// The element-wise loop runs four iterations per trip, and all four load before any computes:
/// in place (`a[i] *= 2`, whose stores would otherwise wait for each load), from a read-only
/// array, and from two (saxpy: 5 of its 8 loads come before the first use, sm_90, ptxas 12.9).
#[test]
fn four_loads_in_flight_in_element_wise_loops() {
    for (body, at_least) in
        [("out[i] = out[i] * 2.0;", 4), ("out[i] = a[i] * 2.0;", 4), ("out[i] = 2.0 * a[i] + b[i];", 4)]
    {
        match loads_before_use(body) {
            Ok(n) => assert!(n >= at_least, "`{body}`: {n} loads before the first use, want {at_least}"),
            Err(why) if std::env::var_os("CI").is_some() => panic!("CI needs ptxas and nvdisasm: {why}"),
            Err(why) => {
                eprintln!("skipped: {why}");
                return;
            }
        }
    }
}
