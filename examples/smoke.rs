use kernelize::{kernel, prange};

#[kernel]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    let mut trace = 0.0;
    for i in prange(0..a.len()) {
        trace += a[i].tanh();
    }
    for i in prange(0..a.len()) {
        out[i] = a[i] + trace;
    }
    trace
}

#[kernel]
fn stencil(a: &[f32], out: &mut [f32], w: f32) {
    let n = a.len();
    for i in prange(1..n - 1) {
        let s = a[i - 1] + a[i] * w + a[i + 1];
        if s > 0.0 {
            out[i] = s.sqrt();
        } else {
            out[i] = 0.0;
        }
    }
}

fn main() {
    let a: Vec<f64> = (0..10).map(|x| x as f64 * 0.1).collect();
    let mut out = vec![0.0; 10];
    println!("{}", go_fast(&a, &mut out));
    println!("{}", go_fast::REPORT);
    let a: Vec<f32> = (0..10).map(|x| x as f32).collect();
    let mut o = vec![0.0; 10];
    stencil(&a, &mut o, 2.0);
    println!("{o:?}\n{}", stencil::REPORT);
}
