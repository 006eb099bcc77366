// `if`/`else` as statements and as expressions, `else if` chains, nesting, `continue`.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn classify(a: &[f64], out: &mut [f64], count: &mut [u32]) {
    for i in prange(0..a.len()) {
        let x = a[i];
        let sign = if x > 0.0 {
            1.0
        } else if x < 0.0 {
            -1.0
        } else {
            0.0
        };
        if x.abs() > 10.0 {
            out[i] = 100.0 * sign;
        } else {
            out[i] = if x > 1.0 { x * x } else { x };
        }
        let mut c = 0;
        if x > 0.0 {
            c += 1;
            if x > 5.0 {
                c += 1;
            }
        }
        count[i] = c;
        if x == 0.0 {
            continue;
        }
        out[i] += 0.5;
    }
}

fn main() {
    let a = [-20.0, -2.0, 0.0, 0.5, 3.0, 6.0, 50.0];
    let mut out = [0.0; 7];
    let mut count = [0_u32; 7];
    classify(&a, &mut out, &mut count);
    assert_eq!(out, [-99.5, -1.5, 0.0, 1.0, 9.5, 36.5, 100.5]);
    assert_eq!(count, [0, 0, 0, 1, 1, 2, 2]);
}
