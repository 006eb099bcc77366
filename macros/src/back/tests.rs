use crate::tests::{assert_block, phases};

fn serial(src: &str) -> String {
    let (k, a) = phases(src).unwrap();
    let body = super::serial::write(&k, &a);
    assert_block(&body);
    body.to_string()
}

#[test]
fn hoisted_accesses_index_a_window() {
    let out = serial(
        "fn f(a: &[f64], out: &mut [f64]) { for i in prange(1..a.len() - 1) { out[i] = a[i - 1] + a[i + 1]; } }",
    );
    assert!(out.contains("window (& a [..] , __kz_lo0 , __kz_hi0 , - 1 , 1"), "{out}");
    assert!(out.contains("window_mut (& mut out [..]"), "{out}");
    assert!(out.contains("__kz_w_a [i - __kz_lo0 + 2]"), "{out}");
}

#[test]
fn precedence_survives_the_round_trip() {
    let out = serial(
        "fn f(a: &[f64], out: &mut [f64]) { for i in prange(0..a.len()) { out[i] = (a[i] + 1.0) * -(a[i] - 2.0) / (3.0 * a[i]).sqrt() - (a[i] as f32 as f64); } }",
    );
    assert!(out.contains("(__kz_w_a [i] + 1.0) * - (__kz_w_a [i] - 2.0) / (3.0 * __kz_w_a [i]) . sqrt ()"), "{out}");
}

#[test]
fn captured_scalars_are_checked_against_rustc() {
    let out = serial(
        "fn f(a: &[f64], k: f32) -> f64 { let mut s = 0.0; for i in prange(0..a.len()) { s += a[i] * k as f64; } s }",
    );
    assert!(out.contains("same_type :: < f32 , _ > (& k)"), "{out}");
    assert!(out.contains("same_type :: < f64 , _ > (& s)"), "{out}");
}

fn parallel(src: &str) -> String {
    let (k, a) = phases(src).unwrap();
    let body = super::rayon::write(&k, &a, false);
    assert_block(&body);
    body.to_string()
}

#[test]
fn parallel_splits_written_arrays_and_shadows_reductions() {
    let out = parallel(
        "fn f(a: &[f64], out: &mut [f64]) -> f64 { let mut s = 0.0; for i in prange(0..a.len()) { out[i] = a[i]; s += a[i]; } s }",
    );
    assert!(out.contains("split_slice (& mut out [..] , __kz_lo0 , __kz_hi0 , \"out\")"), "{out}");
    assert!(
        out.contains("let mut out = :: kernelize :: __private :: runtime :: parallel :: SliceChunk :: new"),
        "{out}"
    );
    assert!(
        out.contains(
            "let mut s = < _ as :: kernelize :: __private :: runtime :: parallel :: Identity > :: sum_identity (& s)"
        ),
        "{out}"
    );
    assert!(out.contains("s += __kz_p . 0"), "{out}");
    assert!(!out.contains("window_mut"), "written arrays are split, not windowed: {out}");
}

#[test]
fn parallel_two_dimensional_loops_chunk_rows() {
    let out = parallel(
        "fn f(mut o: ArrayViewMut2<f64>) { for i in prange(0..o.nrows()) { for j in prange(0..o.ncols()) { o[[j, i]] = 1.0; } } }",
    );
    assert!(out.contains("chunk_rows"), "{out}");
    assert!(out.contains("split_axis (o . view_mut () , 1"), "o[[j, i]] is split along axis 1: {out}");
}
