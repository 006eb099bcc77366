use kernelize::prange;
use ndarray::{ArrayView2, ArrayViewMut2};

pub fn gamma_correct(mut img: ArrayViewMut2<f32>, gamma: f32) {
    let inv = 1.0 / gamma;
    for y in prange(0..img.nrows()) {
        for x in 0..img.ncols() {
            img[[y, x]] = img[[y, x]].clamp(0.0, 1.0).powf(inv);
        }
    }
}

pub fn threshold(src: ArrayView2<u8>, mut dst: ArrayViewMut2<u8>, t: u8) {
    for y in prange(0..src.nrows()) {
        for x in prange(0..src.ncols()) {
            dst[[y, x]] = if src[[y, x]] >= t { 0xFF } else { 0x00 };
        }
    }
}

pub fn flip_horizontal(mut img: ArrayViewMut2<f32>) {
    let w = img.ncols();
    for y in prange(0..img.nrows()) {
        for x in 0..w / 2 {
            let t = img[[y, x]];
            img[[y, x]] = img[[y, w - 1 - x]];
            img[[y, w - 1 - x]] = t;
        }
    }
}

pub fn rgb_to_gray(r: ArrayView2<u8>, g: ArrayView2<u8>, b: ArrayView2<u8>, mut out: ArrayViewMut2<f32>) {
    for y in prange(0..out.nrows()) {
        for x in 0..out.ncols() {
            out[[y, x]] = 0.299 * r[[y, x]] as f32 + 0.587 * g[[y, x]] as f32 + 0.114 * b[[y, x]] as f32;
        }
    }
}
