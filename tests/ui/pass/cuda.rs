// Every variant with `cuda`: host code with `return`, reductions, 2-D loops, device arrays.
use kernelize::ndarray::{Array2, ArrayView2};
use kernelize::{kernel, prange};

#[kernel(parallel, fastmath, cuda)]
fn norm(a: &[f32], out: &mut [f32]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    let mut s = 0.0f32;
    for i in prange(0..a.len()) {
        s += a[i] * a[i];
    }
    let r = s.sqrt();
    for i in prange(0..a.len()) {
        out[i] = a[i] / r;
    }
    r
}

#[kernel(cuda)]
fn transpose_add(a: ArrayView2<f64>, out: &mut Array2<f64>, k: f64) {
    for i in prange(0..a.nrows()) {
        for j in prange(0..a.ncols()) {
            out[[j, i]] = a[[i, j]] + k;
        }
    }
}

fn main() {
    let a = vec![3.0f32, 4.0];
    let mut out = vec![0.0f32; 2];
    let _ = norm(&a, &mut out);
    let r: Result<f32, kernelize::Error> = norm::cuda(&a, &mut out);
    if let Ok(dev) = kernelize::cuda::device() {
        let a = dev.upload(&a).unwrap();
        let mut out = dev.zeros::<f32>(2).unwrap();
        let _: f32 = norm::cuda_device(&a, &mut out).unwrap();
    }
    let _ = r;
    let m = Array2::<f64>::zeros((2, 3));
    let mut t = Array2::<f64>::zeros((3, 2));
    let _: Result<(), kernelize::Error> = transpose_add::cuda(m.view(), &mut t, 1.0);
    assert!(norm::PTX.contains(".entry norm_loop0"));
    assert!(norm::REPORT.contains("cuda: each call of `norm::cuda` copies each array at most once each way"));
}
