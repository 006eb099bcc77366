#[inline]
#[allow(unused_mut)]
pub fn mandelbrot(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[::kernelize::__private::runtime::Target::Serial],
    ) {
        _ => mandelbrot::serial(re, im, iters, max_iter),
    }
}
/// Variants and compile-time report of the kernel [`mandelbrot`](fn@mandelbrot).
#[allow(non_camel_case_types, dead_code)]
pub struct mandelbrot {}
#[allow(dead_code)]
impl mandelbrot {
    /// The `serial` variant of [`mandelbrot`](fn@mandelbrot): one thread, IEEE arithmetic.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..re.len());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<u32, _>(&max_iter);
            let __kz_w_iters = ::kernelize::__private::window_mut(
                &mut iters[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "iters",
                    index: "p",
                },
            );
            {
                for p in __kz_lo0..__kz_hi0 {
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
                    __kz_w_iters[p] = match k {
                        0 => 0,
                        n if n == max_iter => ::core::primitive::u32::MAX,
                        n => n,
                    };
                }
            }
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `mandelbrot`: variants serial\nloop 1 (line 2): prange over p in 0..re.len()\n  reductions: none\n  writes: `iters` (iteration's own element only)\n  reads: `re`, `im`\n  bounds checks hoisted before the loop: `iters[p]`\n  outside the kernel language (kept as written): a destructuring `let` (line 3)\n  serial: iterations in order on the calling thread\n";
}
