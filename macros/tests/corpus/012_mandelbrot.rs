use kernelize::prange;
use ndarray::ArrayViewMut2;

pub fn mandelbrot(mut img: ArrayViewMut2<u32>, x0: f64, y0: f64, scale: f64, max_iter: u32) {
    let h = img.nrows();
    let w = img.ncols();
    for py in prange(0..h) {
        for px in 0..w {
            let cx = x0 + px as f64 * scale;
            let cy = y0 + py as f64 * scale;
            let (mut zx, mut zy) = (0.0f64, 0.0f64);
            let mut it = 0u32;
            while it < max_iter && zx * zx + zy * zy <= 4.0 {
                let t = zx * zx - zy * zy + cx;
                zy = 2.0 * zx * zy + cy;
                zx = t;
                it += 1;
            }
            img[[py, px]] = it;
        }
    }
}

fn escape_time(cx: f64, cy: f64, limit: u32) -> u32 {
    let mut z = (0.0, 0.0);
    let mut n = 0;
    loop {
        if n == limit {
            break n;
        }
        let (a, b) = z;
        if a * a + b * b > 4.0 {
            break n;
        }
        z = (a * a - b * b + cx, 2.0 * a * b + cy);
        n += 1;
    }
}
