use kernelize::prange;

pub fn count_above(a: &[f64], threshold: f64) -> usize {
    let mut count = 0;
    for i in prange(0..a.len()) {
        if a[i] > threshold {
            count += 1;
        }
    }
    count
}

pub fn count_nan(a: &[f32]) -> u64 {
    let mut count: u64 = 0;
    for i in prange(0..a.len()) {
        if a[i].is_nan() {
            count += 1;
        } else if a[i].is_infinite() {
            count += 0;
        }
    }
    count
}
