#[inline]
#[allow(unused_mut)]
pub fn heat(u: &mut Array2<f64>, tmp: &mut Array2<f64>, steps: usize, k: f64) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[::kernelize::__private::runtime::Target::Serial],
    ) {
        _ => heat::serial(u, tmp, steps, k),
    }
}
/// Variants and compile-time report of the kernel [`heat`](fn@heat).
#[allow(non_camel_case_types, dead_code)]
pub struct heat {}
#[allow(dead_code)]
impl heat {
    /// The `serial` variant of [`heat`](fn@heat): one thread, IEEE arithmetic.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(u: &mut Array2<f64>, tmp: &mut Array2<f64>, steps: usize, k: f64) {
        let (n, m) = (u.nrows(), u.ncols());
        for _ in 0..steps {
            {
                let (__kz_lo0, __kz_hi0) = {
                    let __kz_range = prange(1..n - 1);
                    (__kz_range.start, __kz_range.end)
                };
                ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
                let (__kz_lo1, __kz_hi1) = {
                    let __kz_range = prange(1..m - 1);
                    (__kz_range.start, __kz_range.end)
                };
                ::kernelize::__private::same_type::<usize, _>(&__kz_lo1);
                ::kernelize::__private::same_type::<f64, _>(&k);
                {
                    for i in __kz_lo0..__kz_hi0 {
                        for j in __kz_lo1..__kz_hi1 {
                            let lap = u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]]
                                + u[[i, j + 1]] - 4.0 * u[[i, j]];
                            tmp[[i, j]] = u[[i, j]] + k * lap;
                        }
                    }
                }
            }
            std::mem::swap(u, tmp);
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `heat`: variants serial\nloop 1 (line 4): 2-D prange over i in 1..n - 1, j in 1..m - 1\n  reductions: none\n  writes: `tmp` (iteration's 2-D element only)\n  reads: `u`\n  bounds checks: kept in the loop (no access every iteration makes at a fixed offset)\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n";
}
