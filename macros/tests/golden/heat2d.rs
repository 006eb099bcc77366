// golden: ir expanded
pub fn heat(u: &mut Array2<f64>, tmp: &mut Array2<f64>, steps: usize, k: f64) {
    let (n, m) = (u.nrows(), u.ncols());
    for _ in 0..steps {
        for i in prange(1..n - 1) {
            for j in prange(1..m - 1) {
                let lap = u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]] + u[[i, j + 1]] - 4.0 * u[[i, j]];
                tmp[[i, j]] = u[[i, j]] + k * lap;
            }
        }
        std::mem::swap(u, tmp);
    }
}
