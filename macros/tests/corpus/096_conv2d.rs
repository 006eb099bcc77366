use kernelize::prange;
use ndarray::{Array4, ArrayView4};

/// NCHW convolution, stride 1, no padding.
pub fn conv2d(input: ArrayView4<f32>, weight: ArrayView4<f32>, bias: &[f32]) -> Array4<f32> {
    let (n, c_in, h, w) = input.dim();
    let (c_out, _, kh, kw) = weight.dim();
    let (oh, ow) = (h - kh + 1, w - kw + 1);
    let mut out = Array4::<f32>::zeros((n, c_out, oh, ow));
    for b in 0..n {
        for co in prange(0..c_out) {
            for y in 0..oh {
                for x in 0..ow {
                    let mut acc = bias[co];
                    for ci in 0..c_in {
                        for dy in 0..kh {
                            for dx in 0..kw {
                                acc += input[[b, ci, y + dy, x + dx]] * weight[[co, ci, dy, dx]];
                            }
                        }
                    }
                    out[[b, co, y, x]] = acc;
                }
            }
        }
    }
    out
}
