// Host code around and between prange loops: a time-step loop containing prange loops,
// host variables read in the loops, a host `Vec` written at the iteration's own element,
// and a result computed after the loops.
use kernelize::{kernel, prange};

#[kernel(parallel)]
pub fn heat(u: &mut [f64], steps: usize, alpha: f64) -> f64 {
    let n = u.len();
    let mut next = vec![0.0; n];
    for _step in 0..steps {
        for i in prange(1..n - 1) {
            next[i] = u[i] + alpha * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        next[0] = u[0];
        next[n - 1] = u[n - 1];
        for i in prange(0..n) {
            u[i] = next[i];
        }
    }
    let mut total = 0.0;
    for i in prange(0..n) {
        total += u[i];
    }
    if total > 1e300 {
        return f64::INFINITY;
    }
    total
}

/// Host control flow around prange loops: an `if`, a `while`, and a host scalar computed
/// between two loops and read by the second.
#[kernel(parallel)]
fn normalize(a: &mut [f64], enabled: bool) -> usize {
    let mut rounds = 0;
    if enabled {
        let mut max: f64 = 0.0;
        for i in prange(0..a.len()) {
            max = max.max(a[i].abs());
        }
        let scale = if max > 0.0 { 1.0 / max } else { 1.0 };
        for i in prange(0..a.len()) {
            a[i] *= scale;
        }
        while rounds < 3 {
            rounds += 1;
            for i in prange(0..a.len()) {
                a[i] = a[i] * 0.5 + 0.5;
            }
        }
    }
    rounds
}

fn heat_reference(u: &mut [f64], steps: usize, alpha: f64) -> f64 {
    let n = u.len();
    let mut next = vec![0.0; n];
    for _ in 0..steps {
        for i in 1..n - 1 {
            next[i] = u[i] + alpha * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        next[0] = u[0];
        next[n - 1] = u[n - 1];
        u.copy_from_slice(&next);
    }
    u.iter().sum()
}

fn main() {
    let start: Vec<f64> = (0..16).map(|k| if k == 8 { 100.0 } else { 0.0 }).collect();
    let mut u = start.clone();
    let mut v = start.clone();
    let total = heat(&mut u, 10, 0.25);
    let want = heat_reference(&mut v, 10, 0.25);
    assert_eq!(u, v);
    assert_eq!(total, want);

    let mut w = start.clone();
    assert_eq!(heat::serial(&mut w, 10, 0.25), want);
    assert!(heat::REPORT.contains("reduction"), "{}", heat::REPORT);

    let mut a = [-4.0, 2.0, 1.0];
    assert_eq!(normalize(&mut a, false), 0);
    assert_eq!(a, [-4.0, 2.0, 1.0]);
    assert_eq!(normalize(&mut a, true), 3);
    let f = |x: f64| ((x * 0.5 + 0.5) * 0.5 + 0.5) * 0.5 + 0.5;
    assert_eq!(a, [f(-1.0), f(0.5), f(0.25)]);
}
