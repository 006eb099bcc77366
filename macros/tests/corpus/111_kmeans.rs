use kernelize::prange;
use ndarray::{Array2, ArrayView2};

/// One Lloyd iteration. Returns the number of points that changed cluster.
pub fn kmeans_step(x: ArrayView2<f64>, centers: &mut Array2<f64>, labels: &mut [usize]) -> usize {
    let (n, d) = x.dim();
    let k = centers.nrows();
    let mut changed = 0;
    for i in prange(0..n) {
        let mut best = 0;
        let mut best_d = f64::INFINITY;
        for c in 0..k {
            let mut s = 0.0;
            for t in 0..d {
                let diff = x[[i, t]] - centers[[c, t]];
                s += diff * diff;
            }
            if s < best_d {
                best_d = s;
                best = c;
            }
        }
        if labels[i] != best {
            changed += 1;
            labels[i] = best;
        }
    }
    let mut sums = Array2::<f64>::zeros((k, d));
    let mut counts = vec![0usize; k];
    for i in 0..n {
        let c = labels[i];
        counts[c] += 1;
        for t in 0..d {
            sums[[c, t]] += x[[i, t]];
        }
    }
    for c in 0..k {
        if counts[c] == 0 {
            continue;
        }
        for t in 0..d {
            centers[[c, t]] = sums[[c, t]] / counts[c] as f64;
        }
    }
    changed
}
