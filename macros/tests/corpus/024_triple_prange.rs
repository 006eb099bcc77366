use kernelize::prange;
use ndarray::Array3;

pub fn fill3(a: &mut Array3<f64>) {
    let (nx, ny, nz) = a.dim();
    for i in prange(0..nx) {
        for j in prange(0..ny) {
            for k in prange(0..nz) {
                a[[i, j, k]] = (i + 2 * j + 3 * k) as f64;
            }
        }
    }
}
