pub fn merge_sorted(a: &[i64], b: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x <= y => { out.push(x); i += 1; }
            (Some(_), Some(&y)) => { out.push(y); j += 1; }
            (Some(&x), None) => { out.push(x); i += 1; }
            (None, Some(&y)) => { out.push(y); j += 1; }
            (None, None) => break,
        }
    }
    out
}
