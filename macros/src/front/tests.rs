use crate::ir::{ExprKind, JumpTarget, LoopKind, Origin, Scalar, StmtKind, Ty};
use crate::tests::{assert_one_error, errors, phases};

fn var_ty(k: &crate::ir::Kernel, name: &str) -> Ty {
    k.vars.iter().find(|v| v.name == name).unwrap_or_else(|| panic!("no variable {name}")).ty
}

#[test]
fn literals_take_the_type_rustc_gives_them() {
    let (k, _) = phases(
        "fn f(a: &[f32], out: &mut [f32]) {
            for i in prange(0..a.len()) {
                let x = 0.5;
                let y = x * a[i];
                let n = 3;
                let z = 1.0;
                out[i] = y + (n as f32) + z as f32;
            }
        }",
    )
    .unwrap();
    assert_eq!(var_ty(&k, "x"), Ty::Scalar(Scalar::F32), "0.5 next to an f32 is f32");
    assert_eq!(var_ty(&k, "n"), Ty::Scalar(Scalar::I32), "an unconstrained integer is i32");
    assert_eq!(var_ty(&k, "z"), Ty::Scalar(Scalar::F64), "an unconstrained float is f64");
    assert!(k.vars.iter().find(|v| v.name == "n").unwrap().defaulted);
    assert_eq!(var_ty(&k, "i"), Ty::Scalar(Scalar::Usize));
}

#[test]
fn host_variables_are_typed_from_the_loop_and_the_return_type() {
    let (k, _) = phases(
        "fn f(a: &[f64]) -> (usize, f32) {
            let mut count = 0;
            let mut s = 0.0;
            for i in prange(0..a.len()) {
                if a[i] > 0.0 { count += 1; }
                s += 1.0;
            }
            (count, s)
        }",
    )
    .unwrap();
    assert_eq!(var_ty(&k, "count"), Ty::Scalar(Scalar::Usize));
    assert_eq!(var_ty(&k, "s"), Ty::Scalar(Scalar::F32));
}

#[test]
fn host_code_keeps_a_slot_per_loop() {
    let (k, _) = phases(
        "fn f(a: &mut [f64], steps: usize) {
            for _ in 0..steps {
                for i in prange(0..a.len()) { a[i] *= 0.5; }
                println!(\"step\");
            }
            for i in prange(0..a.len()) { a[i] += 1.0; }
        }",
    )
    .unwrap();
    assert_eq!(k.loops.len(), 2);
    let host = k.host.tokens.to_string();
    assert_eq!(host.matches(crate::ir::SLOT).count(), 2, "{host}");
    assert!(host.contains("println"), "host code is kept: {host}");
}

#[test]
fn nested_prange_loops_collapse_into_two_dimensions() {
    let (k, _) = phases(
        "fn f(mut out: ArrayViewMut2<f64>) {
            for i in prange(0..out.nrows()) {
                for j in prange(0..out.ncols()) {
                    out[[i, j]] = (i + j) as f64;
                }
            }
        }",
    )
    .unwrap();
    assert_eq!(k.loops.len(), 1);
    assert_eq!(k.loops[0].dims.len(), 2);
    assert!(k.loops[0].dims.iter().all(|d| k.var(d.var).origin == Origin::Prange));
}

#[test]
fn jumps_know_which_loop_they_leave() {
    let (k, _) = phases(
        "fn f(a: &mut [f64]) {
            for i in prange(0..a.len()) {
                if a[i] < 0.0 { continue; }
                'inner: for j in 0..4 {
                    if j == 2 { break 'inner; }
                    while a[i] > 1.0 { a[i] -= 1.0; if a[i] > 5.0 { continue 'inner; } }
                }
            }
        }",
    )
    .unwrap();
    let body = &k.loops[0].body;
    let StmtKind::Expr(e) = &body.stmts[0].kind else { panic!() };
    let ExprKind::If { then, .. } = &e.kind else { panic!() };
    assert!(matches!(&then.stmts[0].kind, StmtKind::Continue(j) if j.target == JumpTarget::Prange));
    let StmtKind::Loop(inner) = &body.stmts[1].kind else { panic!() };
    assert!(matches!(inner.kind, LoopKind::For { .. }));
}

#[test]
fn code_outside_the_language_is_opaque_with_its_mentions() {
    let (k, a) = phases(
        "fn f(a: &[f64], out: &mut [f64]) {
            for i in prange(0..a.len()) {
                let y = helper(a[i]);
                println!(\"{}\", out[i]);
                out[i] = y;
            }
        }",
    )
    .unwrap();
    assert_eq!(a.loops[0].opaque.len(), 2, "{:?}", a.loops[0].opaque);
    assert!(a.loops[0].opaque.iter().any(|(_, what)| what == "a call to `helper`"));
    assert!(a.loops[0].opaque.iter().any(|(_, what)| what == "the macro `println!`"));
    assert_eq!(var_ty(&k, "y"), Ty::Unknown);
}

#[test]
fn errors_are_collected_not_fail_fast() {
    let e = errors(
        "fn f(a: &[f64], out: &mut [f64]) {
            for i in prange(0..a.len()) {
                let x = a[i] * 2;
                let z;
                unsafe { out[i] = x; }
            }
        }",
    );
    assert_eq!(e.len(), 3, "{e:#?}");
}

#[test]
fn rust_type_rules_give_clear_messages() {
    let k = |body: &str| {
        format!("fn f(a: &[f64], b: &[f32], out: &mut [f64], k: i32) {{ for i in prange(0..a.len()) {{ {body} }} }}")
    };
    assert_one_error(&k("out[i] = a[i] * 2;"), "write `2.0`");
    assert_one_error(&k("out[i] = a[i] + b[i];"), "convert one with `as`");
    assert_one_error(&k("if k { out[i] = 1.0; }"), "compare explicitly");
    assert_one_error(&k("out[i] = a[k];"), "a[k as usize]");
    assert_one_error(&k("out[i] = 2.0.sqrt();"), "whose type is not known yet");
    assert_one_error(&k("out[i] = (k.sqrt()) as f64;"), "is a float function");
    assert_one_error(&k("out[i] = a[i].powi();"), "takes 1 argument");
}

#[test]
fn signatures_that_cannot_be_kernels() {
    assert_one_error("fn f<T: Copy>(a: &[T]) {}", "cannot be generic");
    assert_one_error("async fn f(a: &[f64]) {}", "`async fn`");
    assert_one_error("fn f(a: Vec<f64>) {}", "`&[f64]` or `&mut [f64]`");
    assert_one_error("fn f((a, b): (f64, f64)) {}", "plain name");
}

#[test]
fn prange_headers() {
    assert_one_error("fn f(v: &[f64]) { for x in prange(v.iter()) {} }", "range of indices");
    assert_one_error("fn f(n: usize) { for i in prange(0..=n) {} }", "half-open");
    assert_one_error("fn f(n: usize) { for mut i in prange(0..n) {} }", "cannot be `mut`");
    assert_one_error(
        "fn f(mut o: ArrayViewMut2<f64>) { for i in prange(0..4) { for j in prange(0..i) { o[[i, j]] = 0.0; } } }",
        "uses `i`",
    );
    assert_one_error("fn f(n: usize) { let c = || { for i in prange(0..n) {} }; }", "inside a closure");
}
