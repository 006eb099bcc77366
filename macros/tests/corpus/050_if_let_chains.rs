pub fn pick(a: Option<i32>, b: Option<i32>) -> i32 {
    if let Some(x) = a
        && let Some(y) = b
        && x < y
    {
        y - x
    } else if let Some(x) = a && x > 0 {
        x
    } else {
        0
    }
}

pub fn both_positive(v: &[Option<f64>]) -> usize {
    let mut n = 0;
    for w in v.windows(2) {
        if let [Some(a), Some(b)] = w && *a > 0.0 && *b > 0.0 {
            n += 1;
        }
    }
    n
}
