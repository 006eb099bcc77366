use super::RedOp;
use crate::tests::{assert_one_error, phases};

fn kernel(body: &str) -> String {
    format!(
        "fn f(a: &[f64], out: &mut [f64], idx: &[usize], flags: &[u32]) -> f64 {{
            let mut s = 0.0;
            let mut m = 0.0f64;
            let mut bits = 0u32;
            for i in prange(1..a.len() - 1) {{ {body} }}
            s + m + bits as f64
        }}"
    )
}

#[test]
fn reductions_are_found_with_their_operator() {
    let (k, a) = phases(&kernel("s += a[i]; m = m.max(a[i]); if a[i] > 0.5 { bits |= flags[i]; }")).unwrap();
    let found: Vec<(&str, RedOp)> = a.loops[0].reductions.iter().map(|r| (k.var(r.var).name.as_str(), r.op)).collect();
    assert_eq!(found, [("s", RedOp::Sum), ("m", RedOp::Max), ("bits", RedOp::BitOr)]);
    let (_, a) = phases(&kernel("s = s * a[i]; s *= 2.0; m = f64::min(a[i], m);")).unwrap();
    let ops: Vec<RedOp> = a.loops[0].reductions.iter().map(|r| r.op).collect();
    assert_eq!(ops, [RedOp::Product, RedOp::Min]);
}

#[test]
fn identities_are_the_neutral_elements() {
    use crate::ir::Scalar::*;
    assert_eq!(RedOp::Sum.identity(F64), "-0.0f64", "-0.0 + x == x for every x, -0.0 included");
    assert_eq!(RedOp::Max.identity(F32), "f32::NEG_INFINITY");
    assert_eq!(RedOp::Min.identity(I32), "i32::MAX");
    assert_eq!(RedOp::BitAnd.identity(U8), "!0u8");
    assert_eq!(RedOp::BitAnd.identity(Bool), "true");
}

#[test]
fn races_are_refused() {
    assert_one_error(&kernel("out[i + 1] = a[i];"), "data race: `out[i + 1]`");
    assert_one_error(&kernel("out[idx[i]] = a[i];"), "data race: `out[idx[i]]`");
    assert_one_error(&kernel("out[i] = out[i - 1] + a[i];"), "reading `out[i - 1]`");
    assert_one_error(&kernel("s = a[i];"), "assigning it from every iteration");
    assert_one_error(&kernel("s += a[i]; out[i] = s;"), "cannot be read here");
    assert_one_error(&kernel("s += a[i]; s *= 2.0;"), "one operator");
    assert_one_error(&kernel("s /= a[i];"), "`/=` on `s`");
    assert_one_error(&kernel("return;"), "`return` inside a prange loop");
    assert_one_error(&kernel("if a[i] > 0.0 { break; }"), "`break` out of a prange loop");
    assert_one_error(&kernel("helper(out);"), "may change `out`");
    assert_one_error(&kernel("out[i] = 1.0; helper(&out);"), "which this prange loop writes");
    assert_one_error("fn f(a: &[f64]) { for i in prange(0..a.len()) { a[i] = 0.0; } }", "read-only");
}

#[test]
fn own_element_accesses_are_accepted() {
    let (_, a) = phases(&kernel("out[i] = out[i] * a[i - 1]; if a[i] > 0.0 { out[i] += 1.0; }")).unwrap();
    assert_eq!(a.loops[0].writes.len(), 1);
    assert_eq!(a.loops[0].writes[0].own, [0]);
    let (_, a) = phases(
        "fn f(mut o: ArrayViewMut2<f64>, x: &[f64]) {
            for i in prange(0..o.nrows()) {
                for j in 0..o.ncols() { o[[i, j]] = x[j] + o[[i, j]]; }
            }
            for j in prange(0..o.ncols()) { o[[0, j]] = 1.0; }
        }",
    )
    .unwrap();
    assert_eq!(a.loops[0].writes[0].own, [0], "row-parallel");
    assert_eq!(a.loops[1].writes[0].own, [1], "column-parallel");
}

#[test]
fn bounds_checks_hoisted_only_for_accesses_every_iteration_makes() {
    let (k, a) = phases(&kernel("out[i] = a[i - 1] + a[i + 1]; if a[i] > 0.0 { s += flags[i + 7] as f64; }")).unwrap();
    let hoisted: Vec<(&str, i64, i64)> =
        a.loops[0].hoisted.iter().map(|h| (k.var(h.array).name.as_str(), h.first, h.last)).collect();
    assert_eq!(hoisted, [("out", 0, 0), ("a", -1, 1)], "flags[i + 7] is conditional");
    let (_, a) = phases(&kernel("if a[i] < 0.0 { continue; } out[i] = 1.0;")).unwrap();
    let names: Vec<i64> = a.loops[0].hoisted.iter().map(|h| h.last).collect();
    assert_eq!(names, [0], "only a[i], before the continue: out[i] is after it");
    assert_eq!(a.loops[0].hoisted.len(), 1);
    let (k, a) = phases(&kernel("out[i] = a[i]; helper(out[i]);")).unwrap();
    let names: Vec<&str> = a.loops[0].hoisted.iter().map(|h| k.var(h.array).name.as_str()).collect();
    assert_eq!(names, ["a"], "a window would keep `out` borrowed from the code kept as written");
}

#[test]
fn assignments_in_match_arms_are_statements() {
    let (k, a) = phases(&kernel("match idx[i] { 0 => s += a[i], 1 => out[i] = 1.0, _ => {} }")).unwrap();
    assert_eq!(a.loops[0].reductions.len(), 1);
    assert_eq!(k.var(a.loops[0].reductions[0].var).name, "s");
    assert_eq!(a.loops[0].writes.len(), 1);
}

/// The variables of the first prange loop that differ between its iterations.
fn varying_of(k: &crate::ir::Kernel) -> std::collections::BTreeSet<crate::ir::VarId> {
    let l = &k.loops[0];
    super::uniform::varying_from(l, l.dims.iter().map(|d| d.var).collect())
}

#[test]
fn varying_values_follow_data_and_control() {
    let (k, _) = phases(&kernel(
        "let u = 2.0 * a.len() as f64; let v = a[i] * u; let mut w = 1.0; if v > 0.0 { w = 2.0; } out[i] = w + u;",
    ))
    .unwrap();
    let varying = |name: &str| varying_of(&k).iter().any(|&v| k.var(v).name == name);
    assert!(!varying("u"), "computed from uniform values");
    assert!(varying("v"), "depends on a[i]");
    assert!(varying("w"), "assigned under a varying condition");
    assert!(varying("i"));
}

/// `k` below is declared under a varying `if` and changed at the top of a loop whose lanes leave
/// at different trips: every lane still in the loop holds the same `k`, so it stays uniform.
#[test]
fn a_counter_of_a_divergent_loop_is_uniform_among_the_lanes_that_read_it() {
    let body = |after: &str| {
        kernel(&format!(
            "let d = a[i]; if d > 0.0 {{ let mut k = a.len(); while k > 0 {{ k -= 1; if d > a[k] {{ s += 1.0; break; }} }} {after} }}"
        ))
    };
    let (k, _) = phases(&body("")).unwrap();
    let varying = |name: &str| varying_of(&k).iter().any(|&v| k.var(v).name == name);
    assert!(varying("d"));
    assert!(!varying("k"), "one value in every lane still in the loop");
    // Read after the loop, where lanes that left at different trips meet again: varying.
    let (k, _) = phases(&body("out[i] = k as f64;")).unwrap();
    assert!(varying_of(&k).iter().any(|&v| k.var(v).name == "k"), "read after the loop");
    // Changed under a varying `if` inside the loop: varying.
    let (k, _) = phases(&kernel(
        "let d = a[i]; let mut k = a.len(); while k > 0 { if d > 0.5 { k -= 1; } else { k -= 2; } if d > a[k] { break; } }",
    ))
    .unwrap();
    assert!(varying_of(&k).iter().any(|&v| k.var(v).name == "k"), "assigned under a varying if");
    // A lane's `continue` before the change skips it, and that lane runs the next trip: varying.
    let (k, _) = phases(&kernel(
        "let d = a[i]; let mut k = a.len(); while k > 1 { if d > a[k - 1] { continue; } k -= 1; s += a[k]; }",
    ))
    .unwrap();
    assert!(varying_of(&k).iter().any(|&v| k.var(v).name == "k"), "a continue before the change");
}

/// `(array, uploaded, downloaded, overwritten at line)` for each array parameter, as
/// `analyze::copies` plans the `cuda` call.
fn copies(src: &str) -> Vec<(String, bool, bool, Option<usize>)> {
    let (k, a) = phases(src).unwrap();
    let plan = super::copies::plan(&k, &a);
    plan.iter()
        .map(|c| (k.var(c.var).name.clone(), c.upload, c.download, c.overwritten.as_ref().map(|o| o.line)))
        .collect()
}

#[test]
fn an_array_the_first_loop_overwrites_is_not_copied_in() {
    let seed = "fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
        let mut trace = 0.0;
        for i in prange(0..a.len()) { trace += a[i].tanh(); }
        for i in prange(0..a.len()) { out[i] = a[i] + trace; }
        trace
    }";
    let s = |n: &str| n.to_owned();
    assert_eq!(copies(seed), [(s("a"), true, false, None), (s("out"), true, true, Some(4))]);
    let rows = "fn f(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>, unused: &[f32]) {
        for i in prange(0..a.nrows()) { let t = 2.0; for j in 0..a.ncols() { out[[i, j]] = a[[i, j]] * t; } }
    }";
    assert_eq!(
        copies(rows),
        [(s("a"), true, false, None), (s("out"), true, true, Some(2)), (s("unused"), false, false, None)]
    );
    let two_d = "fn f(n: usize, mut out: ArrayViewMut2<f64>) {
        for i in prange(0..n) { for j in prange(0..out.ncols()) { out[[i, j]] = 1.0; } }
    }";
    assert_eq!(copies(two_d)[0], (s("out"), true, true, Some(2)));
}

#[test]
fn an_array_a_loop_may_not_overwrite_is_copied_in() {
    let cases = [
        // read before written, in the same loop
        "for i in prange(0..out.len()) { out[i] += a[i]; }",
        "for i in prange(0..out.len()) { let t = out[i]; out[i] = t; }",
        // the range starts past 0, or its end is not known before the call
        "for i in prange(1..out.len()) { out[i] = a[i]; }",
        "let n = out.len(); for i in prange(0..n) { out[i] = a[i]; }",
        // the write can be skipped
        "for i in prange(0..out.len()) { if a[i] > 0.0 { out[i] = 1.0; } }",
        "for i in prange(0..out.len()) { if a[i] > 0.0 { continue; } out[i] = 1.0; }",
        // the loop may not run: under an `if`, or after a `return`
        "if a.len() > 3 { for i in prange(0..out.len()) { out[i] = 1.0; } }",
        "if a.is_empty() { return; } for i in prange(0..out.len()) { out[i] = 1.0; }",
        // an earlier loop reads it
        "for i in prange(0..a.len()) { let _t = out[i]; } for i in prange(0..out.len()) { out[i] = 1.0; }",
    ];
    for body in cases {
        let src = format!("fn f(a: &[f64], out: &mut [f64]) {{ {body} }}");
        let plan = copies(&src);
        assert!(plan[1].1, "{body}");
        assert_eq!(plan[1].3, None, "{body}");
    }
    let inner = "fn f(a: ArrayView2<f64>, mut out: ArrayViewMut2<f64>) {
        for i in prange(0..a.nrows()) { for j in 0..a.ncols() { if j == 2 { break; } out[[i, j]] = 1.0; } }
    }";
    assert_eq!(copies(inner)[1].3, None);
}
