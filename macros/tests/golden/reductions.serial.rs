#[inline]
#[allow(unused_mut)]
pub fn stats(a: &[f64], flags: &[u32]) -> (usize, f64, f64, u32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[::kernelize::__private::runtime::Target::Serial],
    ) {
        _ => stats::serial(a, flags),
    }
}
/// Variants and compile-time report of the kernel [`stats`](fn@stats).
#[allow(non_camel_case_types, dead_code)]
pub struct stats {}
#[allow(dead_code)]
impl stats {
    /// The `serial` variant of [`stats`](fn@stats): one thread, IEEE arithmetic.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(a: &[f64], flags: &[u32]) -> (usize, f64, f64, u32) {
        let mut count = 0;
        let mut hi = f64::NEG_INFINITY;
        let mut prod = 1.0;
        let mut bits = 0u32;
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..a.len());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<usize, _>(&count);
            ::kernelize::__private::same_type::<f64, _>(&hi);
            ::kernelize::__private::same_type::<f64, _>(&prod);
            ::kernelize::__private::same_type::<u32, _>(&bits);
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
            let __kz_w_flags = ::kernelize::__private::window(
                &flags[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "flags",
                    index: "i",
                },
            );
            {
                for i in __kz_lo0..__kz_hi0 {
                    if __kz_w_a[i] > 0.5 {
                        count += 1;
                    }
                    hi = hi.max(__kz_w_a[i]);
                    prod *= 1.0 + __kz_w_a[i] * 1e-3;
                    bits |= __kz_w_flags[i] & 0xF0;
                }
            }
        }
        (count, hi, prod, bits)
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `stats`: variants serial\nloop 1 (line 6): prange over i in 0..a.len()\n  reductions: `count` (+=, usize, identity 0usize, line 8), `hi` (max, f64, identity f64::NEG_INFINITY, line 10), `prod` (*=, f64, identity 1.0f64, line 11), `bits` (|=, u32, identity 0u32, line 12)\n  writes: none\n  reads: `a`, `flags`\n  bounds checks hoisted before the loop: `a[i]`, `flags[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n";
}
