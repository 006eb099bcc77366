//! The PTX back end: the text it writes, and `ptxas` assembling every module of the project.
//!
//! `ptxas` comes from the `nvidia-cuda-nvcc-cu12` wheel on PyPI (`.ci/run` installs it into
//! `.tools/`); `KERNELIZE_PTXAS` names another one. Without it the assembling tests print why
//! they did nothing, and fail instead when `CI` is set.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The architectures every module is assembled for.
const ARCHS: [&str; 3] = ["sm_70", "sm_80", "sm_90"];

/// The PTX module of a kernel given as source, or the error messages.
pub fn module_of(src: &str, fastmath: bool) -> Result<String, String> {
    let item: TokenStream = src.parse().map_err(|e| format!("{e}"))?;
    crate::tests::ptx_module(item, fastmath)
}

fn module(item: TokenStream, fastmath: bool) -> String {
    crate::tests::ptx_module(item, fastmath).unwrap_or_else(|e| panic!("{e}"))
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `ptxas`, or why there is none.
pub fn ptxas() -> Result<PathBuf, String> {
    let path = std::env::var_os("KERNELIZE_PTXAS").map_or_else(|| workspace().join(".tools/ptxas"), PathBuf::from);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "no ptxas at {} (`bash .ci/run` installs it from the nvidia-cuda-nvcc-cu12 wheel; \
             KERNELIZE_PTXAS names another)",
            path.display()
        ))
    }
}

/// `Ok(None)` when the tests may skip for want of ptxas; `Err` when they must not (CI).
fn ptxas_or_skip() -> Option<PathBuf> {
    match ptxas() {
        Ok(p) => Some(p),
        Err(why) if std::env::var_os("CI").is_some() => panic!("CI needs ptxas: {why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            None
        }
    }
}

/// Assembles `text` for `arch`; any output from ptxas (a warning) counts as failure.
pub fn assemble(ptxas: &Path, text: &str, arch: &str, name: &str) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("kernelize-ptx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (src, out) = (dir.join(format!("{name}.ptx")), dir.join(format!("{name}-{arch}.cubin")));
    std::fs::write(&src, text).map_err(|e| e.to_string())?;
    let run = Command::new(ptxas)
        .arg(format!("-arch={arch}"))
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", ptxas.display()))?;
    let _ = std::fs::remove_file(&out);
    let said = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    if run.status.success() && said.trim().is_empty() {
        let _ = std::fs::remove_file(&src);
        Ok(())
    } else {
        Err(format!("ptxas -arch={arch} on `{name}` ({}): {said}", src.display()))
    }
}

const GO_FAST: &str = r#"
    fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
        let mut trace = 0.0;
        for i in prange(0..a.len()) {
            trace += a[i].tanh();
        }
        for i in prange(0..a.len()) {
            out[i] = a[i] + trace;
        }
        trace
    }
"#;

#[test]
fn one_entry_per_loop_with_the_documented_parameters() {
    let ptx = module_of(GO_FAST, false).unwrap();
    assert!(ptx.contains(&format!(".version {}\n.target {}\n.address_size 64", super::VERSION, super::TARGET)));
    let entry0 = &ptx[ptx.find(".visible .entry go_fast_loop0(").expect(&ptx)..];
    let params = &entry0[..entry0.find(')').unwrap()];
    // flag, start, count, a (address, length), partials of `trace`
    assert_eq!(params.matches(".param .u64").count(), 6, "{params}");
    assert!(ptx.contains(".visible .entry go_fast_loop1("), "{ptx}");
    assert!(ptx.contains("__kz_libm_tanh"), "tanh comes from the math library: {ptx}");
    assert!(ptx.contains("shfl.sync.down.b32"), "the reduction combines in warp shuffles");
    assert!(ptx.contains("bar.sync 0"));
    assert!(ptx.contains("ld.global.nc.f64"), "read-only arrays go through the read-only cache");
}

#[test]
fn without_fastmath_every_float_operation_is_rounded_alone() {
    let src = quote! {
        fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
            for i in prange(0..x.len()) {
                y[i] = a * x[i] + y[i];
            }
        }
    };
    let ieee = module(src.clone(), false);
    assert!(ieee.contains("mul.rn.f64") && ieee.contains("add.rn.f64"), "{ieee}");
    let fast = module(src, true);
    assert!(!fast.contains("mul.rn.f64") && fast.contains("mul.f64"), "fastmath lets ptxas contract: {fast}");
}

#[test]
fn fastmath_f32_uses_the_approximate_instructions() {
    let src = quote! {
        fn waves(x: &[f32], out: &mut [f32]) {
            for i in prange(0..x.len()) {
                out[i] = x[i].sin() + x[i].exp() + x[i].ln();
            }
        }
    };
    let fast = module(src.clone(), true);
    for ins in ["sin.approx.f32", "ex2.approx.f32", "lg2.approx.f32"] {
        assert!(fast.contains(ins), "{ins}: {fast}");
    }
    let ieee = module(src, false);
    assert!(!ieee.contains(".approx"), "{ieee}");
    for f in ["sin_f32", "exp_f32", "ln_f32"] {
        assert!(ieee.contains(&format!(".func (.param .f32 __kz_libm_{f}_ret)")), "{f}: {ieee}");
    }
    assert!(!ieee.contains(".f64"), "f32 functions of f32 algorithms, no f64 arithmetic: {ieee}");
}

#[test]
fn every_f32_math_function_has_an_f32_algorithm() {
    use crate::ir::MathFn;
    let library: Vec<MathFn> =
        MathFn::ALL.iter().copied().filter(|&f| super::math::library_name(f).is_some()).collect();
    assert!(library.len() >= 21, "{library:?}");
    for f in library {
        assert!(super::math::library_name_f32(f).is_some(), "`{}` of f32 would go through the f64 library", f.name());
    }
    let ieee = module(
        quote! {
            fn angles(x: &[f32], y: &[f32], out: &mut [f32]) {
                for i in prange(0..x.len()) {
                    out[i] = x[i].atan2(y[i]) + x[i].asin() + x[i].acos() + x[i].atan() + x[i].powi(3);
                }
            }
        },
        false,
    );
    assert!(!ieee.contains(".f64"), "{ieee}");
}

#[test]
fn a_2d_loop_is_flattened() {
    let ptx = module(
        quote! {
            fn scale(a: ArrayView2<f64>, mut b: ArrayViewMut2<f64>) {
                for i in prange(0..a.nrows()) {
                    for j in prange(0..a.ncols()) {
                        b[[i, j]] = 2.0 * a[[i, j]];
                    }
                }
            }
        },
        false,
    );
    assert!(ptx.contains("div.u64") && ptx.contains("rem.u64"), "{ptx}");
    let grid_loop = &ptx[ptx.find("$L_grid").unwrap()..];
    assert!(!grid_loop[..grid_loop.find("$L_stride").unwrap()].contains("div.u64"), "no division per iteration");
    assert_eq!(ptx.matches(".visible .entry").count(), 1);
}

#[test]
fn float_remainder_is_refused_with_a_way_out() {
    let func = quote! {
        fn wrap(x: &[f64], out: &mut [f64]) {
            for i in prange(0..x.len()) {
                out[i] = x[i] % 1.0;
            }
        }
    };
    let e = crate::tests::ptx_module(func, false).unwrap_err();
    assert!(e.contains("`cuda` does not support `%` on floats"), "{e}");
}

/// A test kernel: its name, the `fn` item (without `#[kernel]`), and whether `fastmath` is on.
type TestKernel = (String, TokenStream, bool);

/// Kernels covering each construct and type the back end writes.
fn coverage_kernels() -> Vec<TestKernel> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<TestKernel>, name: &str, f: TokenStream| {
        out.push((name.to_owned(), f.clone(), false));
        out.push((name.to_owned(), f, true));
    };
    push(&mut out, "go_fast", GO_FAST.parse().unwrap());
    for t in ["f32", "f64"] {
        let t = Ident::new(t, Span::call_site());
        let calls = crate::ir::MathFn::ALL.iter().map(|f| {
            let name = Ident::new(f.name(), Span::call_site());
            match (f.arity(), *f) {
                (_, crate::ir::MathFn::Powi) => quote!(s += x.powi(3);),
                (_, crate::ir::MathFn::Clamp) => quote!(s += x.clamp(-1.0, 1.0);),
                (1, _) => quote!(s += x.#name();),
                (2, _) => quote!(s += x.#name(y);),
                _ => quote!(s += x.#name(y, y);),
            }
        });
        push(
            &mut out,
            "every_math_fn",
            quote! {
                fn every_math_fn(a: &[#t], b: &[#t]) -> #t {
                    let mut s: #t = 0.0;
                    for i in prange(0..a.len()) {
                        let x = a[i];
                        let y = b[i];
                        #(#calls)*
                    }
                    s
                }
            },
        );
    }
    for t in ["i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize"] {
        let t = Ident::new(t, Span::call_site());
        push(
            &mut out,
            "ints",
            quote! {
                fn ints(a: &[#t], b: &[#t], out: &mut [#t], k: #t) -> (#t, #t, #t, #t) {
                    let mut s: #t = 0;
                    let mut lo: #t = #t::MAX;
                    let mut hi: #t = #t::MIN;
                    let mut bits: #t = 0;
                    for i in prange(0..a.len()) {
                        let x = a[i] / (b[i] | 1) + a[i] % (b[i] | 1) - (a[i] << 3) + (b[i] >> 1);
                        out[i] = x.max(k).min(#t::MAX - 1) ^ (x & k);
                        s += x;
                        lo = lo.min(x);
                        hi = hi.max(x);
                        bits |= x;
                    }
                    (s, lo, hi, bits)
                }
            },
        );
    }
    push(
        &mut out,
        "control",
        quote! {
            fn control(a: &[f64], flags: &[bool], out: &mut [f64], n: usize) -> (bool, f64) {
                let mut any = false;
                let mut p = 1.0;
                for i in prange(0..a.len()) {
                    let mut x = a[i];
                    let mut k = 0;
                    while x > 1.0 && k < 50 {
                        x = x / 2.0;
                        k += 1;
                    }
                    for j in (0..n).rev().step_by(3) {
                        if j % 2 == 0 { continue; }
                        x += j as f64;
                        if x > 1e6 { break; }
                    }
                    for j in (1..=n).step_by(2).rev() {
                        x -= (j as f64).sqrt();
                    }
                    let c = match k {
                        0 => 1.0,
                        1..=3 => 2.0,
                        n if n > 40 => 3.0,
                        _ => 4.0,
                    };
                    out[i] = if flags[i] && c > 1.0 || x < 0.0 { x * c } else { -x };
                    any |= flags[i];
                    p *= 1.0 + x.abs().min(1e-3);
                    let z = (x as i32) as u8 as f32 as f64 + (k as f64) + (flags[i] as u32 as f64);
                    out[i] += z;
                }
                (any, p)
            }
        },
    );
    out
}

#[test]
fn ptxas_assembles_every_construct_and_type() {
    let Some(ptxas) = ptxas_or_skip() else { return };
    let mut failures = Vec::new();
    for (n, (name, func, fastmath)) in coverage_kernels().into_iter().enumerate() {
        let name = format!("{name}_{n}");
        match crate::tests::ptx_module(func, fastmath) {
            Ok(text) => {
                for arch in ARCHS {
                    failures.extend(assemble(&ptxas, &text, arch, &name).err());
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `#[kernel(..cuda..)]` function in the project's examples, tests and benches, named
/// `path:function`.
fn project_kernels() -> Vec<TestKernel> {
    let has = |options: &TokenStream, name: &str| options.to_string().split(',').any(|o| o.trim() == name);
    (crate::tests::all_project_kernels().into_iter())
        .filter(|(_, options, _)| has(options, "cuda"))
        .map(|(name, options, func)| (name, func, has(&options, "fastmath")))
        .collect()
}

#[test]
fn ptxas_assembles_every_module_of_the_project() {
    let kernels = project_kernels();
    assert!(kernels.len() >= 3, "expected the project's cuda kernels, found {}", kernels.len());
    let Some(ptxas) = ptxas_or_skip() else { return };
    let mut failures = Vec::new();
    for (n, (name, func, fastmath)) in kernels.iter().enumerate() {
        match crate::tests::ptx_module(func.clone(), *fastmath) {
            Ok(text) => {
                let short = name.rsplit(':').next().unwrap_or_default();
                for arch in ARCHS {
                    failures.extend(assemble(&ptxas, &text, arch, &format!("{short}_{n}")).err());
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    eprintln!("ptxas: {} modules assembled for {}", kernels.len(), ARCHS.join(", "));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `KERNELIZE_PTX_DUMP=DIR cargo test -p kernelize-macros dump_modules` writes every module the
/// tests above assemble into `DIR` (for looking at, or feeding to `cuda_sim`); a no-op otherwise.
#[test]
fn dump_modules() {
    let Some(dir) = std::env::var_os("KERNELIZE_PTX_DUMP").map(PathBuf::from) else { return };
    std::fs::create_dir_all(&dir).unwrap();
    for (n, (name, func, fastmath)) in coverage_kernels().into_iter().chain(project_kernels()).enumerate() {
        if let Ok(text) = crate::tests::ptx_module(func, fastmath) {
            let fm = if fastmath { "_fastmath" } else { "" };
            let short = name.rsplit(':').next().unwrap_or_default();
            std::fs::write(dir.join(format!("{n:03}_{short}{fm}.ptx",)), text).unwrap();
        }
    }
}
