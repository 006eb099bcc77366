//! A 2-D heat equation stepped 1,000 times, with the grid resident on the GPU.
//!
//! `cargo run --release --features cuda --example heat2d` uses the GPU when there is one:
//! both grids are uploaded once, each step is one launch of `heat_step::cuda_device` on device
//! arrays, and only the result comes back. Without a GPU (or without the `cuda` feature) it
//! runs the CPU variant and says why. Either way it prints which target ran.

use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use kernelize::{kernel, prange};
use std::time::Instant;

/// One explicit Euler step of `du/dt = alpha * laplacian(u)` on the interior points; the
/// boundary rows and columns of `next` keep their values.
#[kernel(parallel, cuda)]
pub fn heat_step(u: ArrayView2<f64>, mut next: ArrayViewMut2<f64>, alpha: f64) {
    for i in prange(1..u.nrows() - 1) {
        for j in prange(1..u.ncols() - 1) {
            next[[i, j]] =
                u[[i, j]] + alpha * (u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]] + u[[i, j + 1]] - 4.0 * u[[i, j]]);
        }
    }
}

const N: usize = 512;
const STEPS: usize = 1000;
const ALPHA: f64 = 0.2;

/// A cold plate whose top edge is held at 100 degrees.
fn initial() -> Array2<f64> {
    let mut grid = Array2::<f64>::zeros((N, N));
    grid.row_mut(0).fill(100.0);
    grid
}

fn on_gpu(grid: &Array2<f64>) -> Result<(Array2<f64>, String), kernelize::Error> {
    let dev = kernelize::cuda::device()?;
    let mut u = dev.upload_matrix(grid.view())?;
    let mut next = dev.upload_matrix(grid.view())?;
    for _ in 0..STEPS {
        heat_step::cuda_device(&u, &mut next, ALPHA)?;
        std::mem::swap(&mut u, &mut next);
    }
    Ok((u.to_array()?, dev.name()))
}

fn on_cpu(grid: &Array2<f64>) -> Array2<f64> {
    let (mut u, mut next) = (grid.clone(), grid.clone());
    for _ in 0..STEPS {
        heat_step(u.view(), next.view_mut(), ALPHA);
        std::mem::swap(&mut u, &mut next);
    }
    u
}

fn main() {
    let grid = initial();
    let start = Instant::now();
    let (result, target) = match on_gpu(&grid) {
        Ok((u, name)) => (u, format!("cuda on {name}, grid resident on the device")),
        Err(e) => {
            println!("GPU not used: {e}");
            let target = kernelize::Target::choose(&[kernelize::Target::Serial, kernelize::Target::Parallel]);
            (on_cpu(&grid), format!("{target} (CPU)"))
        }
    };
    let secs = start.elapsed().as_secs_f64();
    println!("target: {target}");
    println!("{STEPS} steps of a {N}x{N} grid in {:.3} s ({:.2} ms per step)", secs, 1e3 * secs / STEPS as f64);
    println!("temperature at the centre: {:.6}", result[[N / 2, N / 2]]);
    println!("temperature 8 rows below the hot edge: {:.6}", result[[8, N / 2]]);
}
