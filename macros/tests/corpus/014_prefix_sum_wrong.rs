use kernelize::prange;

// Loop-carried dependency: not parallelizable as written.
pub fn prefix_sum_bad(a: &mut [f64], b: &[f64]) {
    for i in prange(1..a.len()) {
        a[i] = a[i - 1] + b[i];
    }
}

pub fn prefix_sum_serial(a: &mut [i64]) {
    for i in 1..a.len() {
        a[i] += a[i - 1];
    }
}

pub fn exclusive_scan(input: &[u32], out: &mut [u32]) -> u32 {
    let mut running = 0u32;
    for (o, &v) in out.iter_mut().zip(input) {
        *o = running;
        running = running.wrapping_add(v);
    }
    running
}
