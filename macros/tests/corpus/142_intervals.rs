pub fn merge_intervals(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.sort_unstable_by_key(|&(s, _)| s);
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        if let Some(last) = out.last_mut() && s <= last.1 {
            last.1 = last.1.max(e);
            continue;
        }
        out.push((s, e));
    }
    out
}

pub fn overlap((a0, a1): (f64, f64), (b0, b1): (f64, f64)) -> f64 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}
