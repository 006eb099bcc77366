//! k-nearest-neighbours classification: for every test point, the `k` nearest training points
//! by Euclidean distance (kept in a sorted queue by insertion), then a majority vote.
//!
//! Origin: IntelPython/dpbench, `dpbench/benchmarks/default/knn/knn_numba_npr.py`,
//! commit 0b59bd251543e0e3ab6dc53c07f694757d32f3b3 (Apache-2.0), function `knn`.
//!
//! Hot loop: `prange` over the test points; for each, a serial loop over the training points
//! with an innermost loop along the features (contiguous rows of both), then insertion into the
//! queue under a data-dependent `while`.
//!
//! Port: line for line, except the queue. The source allocates `queue_neighbors =
//! np.empty(shape=(k, 2))` inside the prange body; the kernel language has no arrays local to
//! an iteration, so the queue is row `i` of the output parameter `queue_neighbors`
//! (`test_size x 2k`): the source's `queue_neighbors[j, 0]` is `queue_neighbors[[i, 2 * j]]`
//! and `queue_neighbors[j, 1]` is `queue_neighbors[[i, 2 * j + 1]]`. The row views
//! `x1 = x_train[j]`, `x2 = x_test[i]` and `v_to_c_i = votes_to_classes[i]` are indexed
//! directly. Labels and predictions are `i64`, votes `f64`, as in dpbench's initializer.

use kernelize::ndarray::{ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};

#[allow(clippy::too_many_arguments)]
#[kernel(parallel, fastmath)]
pub fn knn(
    x_train: ArrayView2<f64>,
    y_train: &[i64],
    x_test: ArrayView2<f64>,
    k: usize,
    classes_num: usize,
    test_size: usize,
    train_size: usize,
    predictions: &mut [i64],
    mut votes_to_classes: ArrayViewMut2<f64>,
    data_dim: usize,
    mut queue_neighbors: ArrayViewMut2<f64>,
) {
    for i in prange(0..test_size) {
        for j in 0..k {
            let mut distance = 0.0;
            for jj in 0..data_dim {
                let diff = x_train[[j, jj]] - x_test[[i, jj]];
                distance += diff * diff;
            }
            let dist = distance.sqrt();

            queue_neighbors[[i, 2 * j]] = dist;
            queue_neighbors[[i, 2 * j + 1]] = y_train[j] as f64;
        }

        for j in 0..k {
            let new_distance = queue_neighbors[[i, 2 * j]];
            let new_neighbor_label = queue_neighbors[[i, 2 * j + 1]];
            let mut index = j;

            while index > 0 && new_distance < queue_neighbors[[i, 2 * (index - 1)]] {
                queue_neighbors[[i, 2 * index]] = queue_neighbors[[i, 2 * (index - 1)]];
                queue_neighbors[[i, 2 * index + 1]] = queue_neighbors[[i, 2 * (index - 1) + 1]];

                index -= 1;

                queue_neighbors[[i, 2 * index]] = new_distance;
                queue_neighbors[[i, 2 * index + 1]] = new_neighbor_label;
            }
        }

        for j in k..train_size {
            let mut distance = 0.0;
            for jj in 0..data_dim {
                let diff = x_train[[j, jj]] - x_test[[i, jj]];
                distance += diff * diff;
            }
            let dist = distance.sqrt();

            if dist < queue_neighbors[[i, 2 * (k - 1)]] {
                queue_neighbors[[i, 2 * (k - 1)]] = dist;
                queue_neighbors[[i, 2 * (k - 1) + 1]] = y_train[j] as f64;
                let new_distance = queue_neighbors[[i, 2 * (k - 1)]];
                let new_neighbor_label = queue_neighbors[[i, 2 * (k - 1) + 1]];
                let mut index = k - 1;

                while index > 0 && new_distance < queue_neighbors[[i, 2 * (index - 1)]] {
                    queue_neighbors[[i, 2 * index]] = queue_neighbors[[i, 2 * (index - 1)]];
                    queue_neighbors[[i, 2 * index + 1]] = queue_neighbors[[i, 2 * (index - 1) + 1]];

                    index -= 1;

                    queue_neighbors[[i, 2 * index]] = new_distance;
                    queue_neighbors[[i, 2 * index + 1]] = new_neighbor_label;
                }
            }
        }

        for j in 0..k {
            let label = queue_neighbors[[i, 2 * j + 1]] as usize;
            votes_to_classes[[i, label]] += 1.0;
        }

        let mut max_ind = 0;
        let mut max_value = 0.0;

        for j in 0..classes_num {
            if votes_to_classes[[i, j]] > max_value {
                max_value = votes_to_classes[[i, j]];
                max_ind = j;
            }
        }

        predictions[i] = max_ind as i64;
    }
}
