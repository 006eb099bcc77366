use kernelize::prange;
use ndarray::{Array2, ArrayView2};

pub fn sobel(img: ArrayView2<f32>, out: &mut Array2<f32>) {
    const GX: [[f32; 3]; 3] = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]];
    const GY: [[f32; 3]; 3] = [[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]];
    for y in prange(1..img.nrows() - 1) {
        for x in prange(1..img.ncols() - 1) {
            let (mut gx, mut gy) = (0.0f32, 0.0f32);
            for ky in 0..3 {
                for kx in 0..3 {
                    let p = img[[y + ky - 1, x + kx - 1]];
                    gx += GX[ky][kx] * p;
                    gy += GY[ky][kx] * p;
                }
            }
            out[[y, x]] = gx.hypot(gy);
        }
    }
}
