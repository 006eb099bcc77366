use kernelize::prange;

pub fn find_first_negative(a: &[f64]) -> Option<usize> {
    for i in prange(0..a.len()) {
        if a[i] < 0.0 {
            return Some(i);
        }
    }
    None
}

pub fn all_finite(a: &[f64]) -> bool {
    for i in prange(0..a.len()) {
        if !a[i].is_finite() {
            break;
        }
    }
    true
}
