// Jumps a prange body may use: `continue` (ends this iteration), `continue 'p` to the prange
// loop's own label from a serial loop, `break`/`continue` of serial loops inside the body,
// and a `break` with a value out of a serial `loop`.
use kernelize::{kernel, prange};

#[kernel(parallel)]
fn first_divisor(n: &[u64], out: &mut [u64]) {
    'p: for i in prange(0..n.len()) {
        out[i] = 0;
        if n[i] < 2 {
            continue;
        }
        for d in 2..n[i] {
            if d * d > n[i] {
                break;
            }
            if n[i] % d == 0 {
                out[i] = d;
                continue 'p;
            }
        }
        out[i] = n[i];
    }
}

#[kernel(parallel)]
fn collatz(n: &[u64], steps: &mut [u32]) {
    for i in prange(0..n.len()) {
        let mut x = n[i];
        let mut k = 0;
        while x != 1 && x != 0 {
            x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
            k += 1;
        }
        steps[i] = k;
    }
}

fn main() {
    let n = [0, 1, 2, 9, 15, 49, 97];
    let mut out = [99; 7];
    first_divisor(&n, &mut out);
    assert_eq!(out, [0, 0, 2, 3, 3, 7, 97]);

    let n = [1, 6, 27];
    let mut steps = [0; 3];
    collatz(&n, &mut steps);
    assert_eq!(steps, [0, 8, 111]);
}
