// golden: ir expanded fastmath ptx
pub fn mandelbrot(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
    for p in prange(0..re.len()) {
        let (cr, ci) = (re[p], im[p]);
        let mut zr = 0.0;
        let mut zi = 0.0;
        let mut k = 0;
        while k < max_iter && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr;
            zi = 2.0 * zr * zi + ci;
            zr = t;
            k += 1;
        }
        iters[p] = match k {
            0 => 0,
            n if n == max_iter => u32::MAX,
            n => n,
        };
    }
}
