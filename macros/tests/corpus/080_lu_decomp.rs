use ndarray::Array2;

/// In-place Doolittle LU without pivoting. Returns false on a zero pivot.
pub fn lu_inplace(a: &mut Array2<f64>) -> bool {
    let n = a.nrows();
    for k in 0..n {
        let piv = a[[k, k]];
        if piv.abs() < 1e-300 {
            return false;
        }
        for i in (k + 1)..n {
            a[[i, k]] /= piv;
            let lik = a[[i, k]];
            for j in (k + 1)..n {
                a[[i, j]] -= lik * a[[k, j]];
            }
        }
    }
    true
}

pub fn lu_solve(lu: &Array2<f64>, b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut y = b.to_vec();
    for i in 0..n {
        for j in 0..i {
            y[i] -= lu[[i, j]] * y[j];
        }
    }
    for i in (0..n).rev() {
        for j in (i + 1)..n {
            y[i] -= lu[[i, j]] * y[j];
        }
        y[i] /= lu[[i, i]];
    }
    y
}
