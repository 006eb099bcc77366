//! A 2-D heat equation stepped 1,000 times, with the grid resident on the GPU.
//!
//! `cargo run --release --features cuda --example heat2d` uses the GPU when there is one:
//! both grids are uploaded once, each step is one launch of `heat_step::cuda_device` on device
//! arrays, and only the result comes back. Without a GPU (or without the `cuda` feature) it
//! runs the CPU variant and says why. Either way it prints which target ran.
//!
//! `heat2d N STEPS` changes the grid size and the step count (default 512 and 1,000);
//! `KERNELIZE_TARGET=cuda_sim cargo run --features cuda_sim --example heat2d 64 20` runs the
//! same PTX on the simulator.

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

const ALPHA: f64 = 0.2;

/// A cold plate whose top edge is held at 100 degrees.
fn initial(n: usize) -> Array2<f64> {
    let mut grid = Array2::<f64>::zeros((n, n));
    grid.row_mut(0).fill(100.0);
    grid
}

fn on_gpu(grid: &Array2<f64>, steps: usize) -> Result<(Array2<f64>, String), kernelize::Error> {
    let dev = kernelize::cuda::device()?;
    let mut u = dev.upload_matrix(grid.view())?;
    let mut next = dev.upload_matrix(grid.view())?;
    for _ in 0..steps {
        heat_step::cuda_device(&u, &mut next, ALPHA)?;
        std::mem::swap(&mut u, &mut next);
    }
    Ok((u.to_array()?, dev.name()))
}

fn on_cpu(grid: &Array2<f64>, steps: usize) -> Array2<f64> {
    let (mut u, mut next) = (grid.clone(), grid.clone());
    for _ in 0..steps {
        heat_step::parallel(u.view(), next.view_mut(), ALPHA);
        std::mem::swap(&mut u, &mut next);
    }
    u
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let n = args.next().and_then(Result::ok).unwrap_or(512).max(3);
    let steps = args.next().and_then(Result::ok).unwrap_or(1000);
    let grid = initial(n);
    let start = Instant::now();
    let mut checked = None;
    let (result, target) = match on_gpu(&grid, steps) {
        Ok((u, name)) => {
            // The GPU computes what the CPU computes, operation for operation: check it where
            // the CPU run is quick.
            if n * n * steps <= 50_000_000 {
                checked = Some(on_cpu(&grid, steps) == u);
            }
            (u, format!("cuda on {name}, grid resident on the device"))
        }
        Err(e) => {
            println!("GPU not used: {e}");
            (on_cpu(&grid, steps), "parallel (CPU)".to_owned())
        }
    };
    let secs = start.elapsed().as_secs_f64();
    println!("target: {target}");
    println!("{steps} steps of a {n}x{n} grid in {:.3} s ({:.2} ms per step)", secs, 1e3 * secs / steps.max(1) as f64);
    println!("temperature at the centre: {:.6}", result[[n / 2, n / 2]]);
    println!("temperature 2 rows below the hot edge: {:.6}", result[[2, n / 2]]);
    match checked {
        Some(true) => println!("the GPU's grid equals the CPU variant's, bit for bit"),
        Some(false) => {
            println!("the GPU's grid DIFFERS from the CPU variant's");
            std::process::exit(1);
        }
        None => {}
    }
}
