#[inline]
#[allow(unused_mut)]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[::kernelize::__private::runtime::Target::Serial],
    ) {
        _ => matvec::serial(a, x, y),
    }
}
/// Variants and compile-time report of the kernel [`matvec`](fn@matvec).
#[allow(non_camel_case_types, dead_code)]
pub struct matvec {}
#[allow(dead_code)]
impl matvec {
    /// The `serial` variant of [`matvec`](fn@matvec): one thread, IEEE arithmetic.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..a.nrows());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            let __kz_w_y = ::kernelize::__private::window_mut(
                &mut y[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "y",
                    index: "i",
                },
            );
            {
                for i in __kz_lo0..__kz_hi0 {
                    let mut s = 0.0;
                    for j in 0..a.ncols() {
                        s += a[[i, j]] * x[j];
                    }
                    __kz_w_y[i] = s;
                }
            }
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `matvec`: variants serial\nloop 1 (line 2): prange over i in 0..a.nrows()\n  reductions: none\n  writes: `y` (iteration's own element only)\n  reads: `a`, `x`\n  bounds checks hoisted before the loop: `y[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n";
}
