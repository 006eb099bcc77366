use kernelize::prange;

pub fn collect_evens(n: usize) -> Vec<usize> {
    let mut v = Vec::with_capacity(n / 2);
    for i in prange(0..n) {
        if i % 2 == 0 {
            v.push(i);
        }
    }
    v.sort_unstable();
    v
}
