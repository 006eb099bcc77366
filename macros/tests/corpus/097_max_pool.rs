use kernelize::prange;
use ndarray::{Array2, ArrayView2};

pub fn max_pool2(x: ArrayView2<f32>) -> Array2<f32> {
    let (h, w) = (x.nrows() / 2, x.ncols() / 2);
    let mut y = Array2::from_elem((h, w), f32::MIN);
    for i in prange(0..h) {
        for j in 0..w {
            let mut m = f32::MIN;
            for a in 0..2 {
                for b in 0..2 {
                    m = m.max(x[[2 * i + a, 2 * j + b]]);
                }
            }
            y[[i, j]] = m;
        }
    }
    y
}
