use kernelize::prange;
use ndarray::{ArrayView2, ArrayViewMut2};

pub fn heat_step(u: ArrayView2<f32>, mut next: ArrayViewMut2<f32>, alpha: f32) {
    let (ny, nx) = (u.nrows(), u.ncols());
    for j in prange(1..ny - 1) {
        for i in 1..nx - 1 {
            let lap = u[[j - 1, i]] + u[[j + 1, i]] + u[[j, i - 1]] + u[[j, i + 1]] - 4.0 * u[[j, i]];
            next[[j, i]] = u[[j, i]] + alpha * lap;
        }
    }
}
