#[allow(unused_variables)]
pub fn noop(a: &[f64], out: &mut [f64]) {}

pub fn unit() -> () {
    ()
}

pub fn just_prange(n: usize) {
    for _ in kernelize::prange(0..n) {}
}
