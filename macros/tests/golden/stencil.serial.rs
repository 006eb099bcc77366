#[inline]
#[allow(unused_mut)]
fn stencil(a: &[f32], out: &mut [f32], w: f32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[::kernelize::__private::runtime::Target::Serial],
    ) {
        _ => stencil::serial(a, out, w),
    }
}
/// Variants and compile-time report of the kernel [`stencil`](fn@stencil).
#[allow(non_camel_case_types, dead_code)]
struct stencil {}
#[allow(dead_code)]
impl stencil {
    /// The `serial` variant of [`stencil`](fn@stencil): one thread, IEEE arithmetic.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    fn serial(a: &[f32], out: &mut [f32], w: f32) {
        let n = a.len();
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(1..n - 1);
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<f32, _>(&w);
            let __kz_w_a = ::kernelize::__private::window(
                &a[..],
                __kz_lo0,
                __kz_hi0,
                -1,
                1,
                &::kernelize::__private::Access {
                    array: "a",
                    index: "i",
                },
            );
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
            {
                for i in __kz_lo0..__kz_hi0 {
                    let s = __kz_w_a[i - __kz_lo0] + __kz_w_a[i - __kz_lo0 + 1] * w
                        + __kz_w_a[i - __kz_lo0 + 2];
                    __kz_w_out[i - __kz_lo0] = if s > 0.0 { s.sqrt() } else { 0.0 };
                }
            }
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    const REPORT: &'static str = "kernel `stencil`: variants serial\nloop 1 (line 3): prange over i in 1..n - 1\n  reductions: none\n  writes: `out` (iteration's own element only)\n  reads: `a`\n  bounds checks hoisted before the loop: `a[i - 1..=i + 1]`, `out[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n";
}
