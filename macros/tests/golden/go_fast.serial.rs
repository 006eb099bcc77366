#[inline]
#[allow(unused_mut)]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[::kernelize::__private::runtime::Target::Serial],
    ) {
        _ => go_fast::serial(a, out),
    }
}
/// Variants and compile-time report of the kernel [`go_fast`](fn@go_fast).
#[allow(non_camel_case_types, dead_code)]
pub struct go_fast {}
#[allow(dead_code)]
impl go_fast {
    /// The `serial` variant of [`go_fast`](fn@go_fast): one thread, IEEE arithmetic.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(a: &[f64], out: &mut [f64]) -> f64 {
        let mut trace = 0.0;
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..a.len());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<f64, _>(&trace);
            let __kz_w_a = ::kernelize::__private::window(
                &a[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "a",
                    index: "i",
                },
            );
            {
                for i in __kz_lo0..__kz_hi0 {
                    trace += __kz_w_a[i].tanh();
                }
            }
        }
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..a.len());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<f64, _>(&trace);
            let __kz_w_out = ::kernelize::__private::window_mut(
                &mut out[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "out",
                    index: "i",
                },
            );
            let __kz_w_a = ::kernelize::__private::window(
                &a[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "a",
                    index: "i",
                },
            );
            {
                for i in __kz_lo0..__kz_hi0 {
                    __kz_w_out[i] = __kz_w_a[i] + trace;
                }
            }
        }
        trace
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `go_fast`: variants serial\nloop 1 (line 3): prange over i in 0..a.len()\n  reductions: `trace` (+=, f64, identity 0.0f64, line 4)\n  writes: none\n  reads: `a`\n  bounds checks hoisted before the loop: `a[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\nloop 2 (line 6): prange over i in 0..a.len()\n  reductions: none\n  writes: `out` (iteration's own element only)\n  reads: `a`\n  bounds checks hoisted before the loop: `out[i]`, `a[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n";
}
