use kernelize::prange;
use ndarray::{ArrayView2, ArrayViewMut2};

pub fn box_blur3(src: ArrayView2<f32>, mut dst: ArrayViewMut2<f32>) {
    let h = src.nrows() as isize;
    let w = src.ncols() as isize;
    for y in prange(0..h) {
        for x in 0..w {
            let mut acc = 0.0f32;
            let mut n = 0u32;
            for dy in -1isize..=1 {
                for dx in -1isize..=1 {
                    let yy = y + dy;
                    let xx = x + dx;
                    if yy < 0 || xx < 0 || yy >= h || xx >= w {
                        continue;
                    }
                    acc += src[[yy as usize, xx as usize]];
                    n += 1;
                }
            }
            dst[[y as usize, x as usize]] = acc / n as f32;
        }
    }
}
