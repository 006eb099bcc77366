// Serial loops inside a prange body: `for` over `a..b`, `a..=b`, `.rev()`, `.step_by(k)`,
// `while`, `loop` with `break`/`continue`, and labels.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn loops(n: &[usize], out: &mut [u64]) {
    for i in prange(0..n.len()) {
        let m = n[i];
        let mut s: u64 = 0;
        for k in 0..m {
            s += k as u64;
        }
        for k in 1..=m {
            s += 10 * k as u64;
        }
        let mut last = 0;
        for k in (0..m).rev() {
            last = k;
        }
        s += 1000 * last as u64;
        for k in (0..m).step_by(3) {
            s += 100 * k as u64;
        }
        for k in (0..m).rev().step_by(2) {
            s += 7 * k as u64;
        }
        let mut w = m;
        while w > 1 {
            w /= 2;
            s += 1;
        }
        let mut j = 0;
        loop {
            j += 1;
            if j % 2 == 0 {
                continue;
            }
            if j > 5 {
                break;
            }
            s += 3;
        }
        'outer: for a in 0..4 {
            for b in 0..4 {
                if b > a {
                    continue 'outer;
                }
                if a == 3 {
                    break 'outer;
                }
                s += 5;
            }
        }
        for _ in 0..2 {
            s += 1;
        }
        out[i] = s;
    }
}

fn reference(m: usize) -> u64 {
    let mut s: u64 = 0;
    for k in 0..m {
        s += k as u64;
    }
    for k in 1..=m {
        s += 10 * k as u64;
    }
    let mut last = 0;
    for k in (0..m).rev() {
        last = k;
    }
    s += 1000 * last as u64;
    for k in (0..m).step_by(3) {
        s += 100 * k as u64;
    }
    for k in (0..m).rev().step_by(2) {
        s += 7 * k as u64;
    }
    let mut w = m;
    while w > 1 {
        w /= 2;
        s += 1;
    }
    s + 3 * 3 + 5 * 6 + 2
}

fn main() {
    let n = [0, 1, 2, 7, 20];
    let mut out = [0_u64; 5];
    loops(&n, &mut out);
    for k in 0..5 {
        assert_eq!(out[k], reference(n[k]), "n = {}", n[k]);
    }
}
