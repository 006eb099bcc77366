use kernelize::ndarray::ArrayViewMut2;
use kernelize::{kernel, prange};

// Floyd-Warshall's relaxation with the rows in parallel: row `k` is read while another
// iteration may be writing it.
#[kernel(parallel)]
fn relax(mut path: ArrayViewMut2<f64>, k: usize) {
    for i in prange(0..path.nrows()) {
        for j in 0..path.ncols() {
            path[[i, j]] = path[[i, j]].min(path[[i, k]] + path[[k, j]]);
        }
    }
}

fn main() {}
