use kernelize::prange;
use ndarray::Array2;

/// Gauss-Seidel in place: inner prange reads values written by neighbours (a race).
pub fn gauss_seidel_bad(u: &mut Array2<f64>, f: &Array2<f64>, h2: f64, sweeps: usize) {
    let (ny, nx) = u.dim();
    for _ in 0..sweeps {
        for j in prange(1..ny - 1) {
            for i in prange(1..nx - 1) {
                u[[j, i]] = 0.25 * (u[[j - 1, i]] + u[[j + 1, i]] + u[[j, i - 1]] + u[[j, i + 1]] - h2 * f[[j, i]]);
            }
        }
    }
}

/// Red-black ordering makes the sweep safe.
pub fn red_black(u: &mut Array2<f64>, f: &Array2<f64>, h2: f64) {
    let (ny, nx) = u.dim();
    for color in 0..2usize {
        for j in prange(1..ny - 1) {
            let start = 1 + (j + color) % 2;
            let mut i = start;
            while i < nx - 1 {
                u[[j, i]] = 0.25 * (u[[j - 1, i]] + u[[j + 1, i]] + u[[j, i - 1]] + u[[j, i + 1]] - h2 * f[[j, i]]);
                i += 2;
            }
        }
    }
}
