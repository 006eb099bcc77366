#[inline]
#[allow(unused_mut)]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Fastmath,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Fastmath => go_fast::fastmath(a, out),
        _ => go_fast::serial(a, out),
    }
}
/// Variants and compile-time report of the kernel [`go_fast`](fn@go_fast).
#[allow(non_camel_case_types, dead_code)]
pub struct go_fast {}
#[allow(dead_code)]
impl go_fast {
    /// The `serial` variant of [`go_fast`](fn@go_fast): one thread, IEEE arithmetic: the reference every other variant is tested against.
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
                    axis: ::core::option::Option::None,
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
                    axis: ::core::option::Option::None,
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
                    axis: ::core::option::Option::None,
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
    /// The `fastmath` variant of [`go_fast`](fn@go_fast): one thread, prange loops run in SIMD lanes with relaxed floating point (re-association, contraction into FMA, kernelize's math library); the instruction set is chosen at run time (`KERNELIZE_ISA` forces one).
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn fastmath(a: &[f64], out: &mut [f64]) -> f64 {
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
                    axis: ::core::option::Option::None,
                },
            );
            let (__kz_partial0, __kz_next) = match ::kernelize::__private::runtime::simd::level() {
                ::kernelize::__private::runtime::SimdLevel::Avx512 => {
                    ::kernelize::__private::runtime::simd::avx512(
                        #[inline(always)]
                        || {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Lanes as __KzLanes, Rows as _, RowsMut as _,
                            };
                            const __KZ_W: usize = 8;
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = true;
                            let a = a;
                            let __kz_w_a = __kz_w_a;
                            let __kz_id1: f64 = <f64 as ::kernelize::__private::runtime::parallel::Identity>::sum_identity(
                                &trace,
                            );
                            let mut trace = __KzLanes::<f64, __KZ_W>::splat(__kz_id1);
                            let __kz_vn: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                                __kz_lo0,
                                __kz_hi0,
                            );
                            let mut __kz_k0: usize = 0;
                            while __kz_vn - __kz_k0 >= __KZ_W {
                                let __kz_i0: usize = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                    __kz_lo0,
                                    __kz_k0,
                                );
                                let i = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                {
                                    trace = (trace
                                        + __KzLanes(
                                            ::kernelize::__private::runtime::math::f64::tanh::<
                                                __KZ_FMA,
                                                __KZ_W,
                                            >(__KzLanes::<f64, __KZ_W>::load(&__kz_w_a[..], __kz_k0).0),
                                        ));
                                }
                                __kz_k0 += __KZ_W;
                            }
                            (
                                trace
                                    .fold_tree::<
                                        8,
                                    >(|mut __kz_acc, __kz_lane| {
                                        __kz_acc += __kz_lane;
                                        __kz_acc
                                    }),
                                ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                    __kz_lo0,
                                    __kz_k0,
                                ),
                            )
                        },
                    )
                }
                ::kernelize::__private::runtime::SimdLevel::Avx2Fma => {
                    ::kernelize::__private::runtime::simd::avx2(
                        #[inline(always)]
                        || {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Lanes as __KzLanes, Rows as _, RowsMut as _,
                            };
                            const __KZ_W: usize = 4;
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = true;
                            let a = a;
                            let __kz_w_a = __kz_w_a;
                            let __kz_id1: f64 = <f64 as ::kernelize::__private::runtime::parallel::Identity>::sum_identity(
                                &trace,
                            );
                            let mut trace = __KzLanes::<f64, __KZ_W>::splat(__kz_id1);
                            let __kz_vn: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                                __kz_lo0,
                                __kz_hi0,
                            );
                            let mut __kz_k0: usize = 0;
                            while __kz_vn - __kz_k0 >= __KZ_W {
                                let __kz_i0: usize = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                    __kz_lo0,
                                    __kz_k0,
                                );
                                let i = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                {
                                    trace = (trace
                                        + __KzLanes(
                                            ::kernelize::__private::runtime::math::f64::tanh::<
                                                __KZ_FMA,
                                                __KZ_W,
                                            >(__KzLanes::<f64, __KZ_W>::load(&__kz_w_a[..], __kz_k0).0),
                                        ));
                                }
                                __kz_k0 += __KZ_W;
                            }
                            (
                                trace
                                    .fold_tree::<
                                        4,
                                    >(|mut __kz_acc, __kz_lane| {
                                        __kz_acc += __kz_lane;
                                        __kz_acc
                                    }),
                                ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                    __kz_lo0,
                                    __kz_k0,
                                ),
                            )
                        },
                    )
                }
                #[cfg(target_arch = "x86_64")]
                _ => {
                    (
                        <_ as ::kernelize::__private::runtime::parallel::Identity>::sum_identity(
                            &trace,
                        ),
                        __kz_lo0,
                    )
                }
                #[cfg(not(target_arch = "x86_64"))]
                _ => {
                    ::kernelize::__private::runtime::simd::baseline(
                        #[inline(always)]
                        || {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Lanes as __KzLanes, Rows as _, RowsMut as _,
                            };
                            const __KZ_W: usize = 2;
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = false;
                            let a = a;
                            let __kz_w_a = __kz_w_a;
                            let __kz_id1: f64 = <f64 as ::kernelize::__private::runtime::parallel::Identity>::sum_identity(
                                &trace,
                            );
                            let mut trace = __KzLanes::<f64, __KZ_W>::splat(__kz_id1);
                            let __kz_vn: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                                __kz_lo0,
                                __kz_hi0,
                            );
                            let mut __kz_k0: usize = 0;
                            while __kz_vn - __kz_k0 >= __KZ_W {
                                let __kz_i0: usize = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                    __kz_lo0,
                                    __kz_k0,
                                );
                                let i = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                {
                                    trace = (trace
                                        + __KzLanes(
                                            ::kernelize::__private::runtime::math::f64::tanh::<
                                                __KZ_FMA,
                                                __KZ_W,
                                            >(__KzLanes::<f64, __KZ_W>::load(&__kz_w_a[..], __kz_k0).0),
                                        ));
                                }
                                __kz_k0 += __KZ_W;
                            }
                            (
                                trace
                                    .fold_tree::<
                                        2,
                                    >(|mut __kz_acc, __kz_lane| {
                                        __kz_acc += __kz_lane;
                                        __kz_acc
                                    }),
                                ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                    __kz_lo0,
                                    __kz_k0,
                                ),
                            )
                        },
                    )
                }
            };
            trace += __kz_partial0;
            {
                #[allow(dead_code)]
                const __KZ_FMA: bool = false;
                for i in __kz_next..__kz_hi0 {
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
                    axis: ::core::option::Option::None,
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
                    axis: ::core::option::Option::None,
                },
            );
            let (__kz_next) = match ::kernelize::__private::runtime::simd::level() {
                ::kernelize::__private::runtime::SimdLevel::Avx512
                | ::kernelize::__private::runtime::SimdLevel::Avx2Fma => {
                    ::kernelize::__private::runtime::simd::avx2(
                        #[inline(always)]
                        || {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Lanes as __KzLanes, Rows as _, RowsMut as _,
                            };
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = true;
                            let a = a;
                            let trace = trace;
                            let __kz_w_a = __kz_w_a;
                            let __kz_w_out = &mut *__kz_w_out;
                            ::kernelize::__private::noalias(
                                &mut *__kz_w_out,
                                #[inline(always)]
                                |__kz_w_out| {
                                    {
                                        for i in __kz_lo0..__kz_hi0 {
                                            __kz_w_out[i] = __kz_w_a[i] + trace;
                                        }
                                    }
                                    (__kz_hi0)
                                },
                            )
                        },
                    )
                }
                #[cfg(target_arch = "x86_64")]
                _ => (__kz_lo0),
                #[cfg(not(target_arch = "x86_64"))]
                _ => {
                    ::kernelize::__private::runtime::simd::baseline(
                        #[inline(always)]
                        || {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Lanes as __KzLanes, Rows as _, RowsMut as _,
                            };
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = false;
                            let a = a;
                            let trace = trace;
                            let __kz_w_a = __kz_w_a;
                            let __kz_w_out = &mut *__kz_w_out;
                            ::kernelize::__private::noalias(
                                &mut *__kz_w_out,
                                #[inline(always)]
                                |__kz_w_out| {
                                    {
                                        for i in __kz_lo0..__kz_hi0 {
                                            __kz_w_out[i] = __kz_w_a[i] + trace;
                                        }
                                    }
                                    (__kz_hi0)
                                },
                            )
                        },
                    )
                }
            };
            {
                #[allow(dead_code)]
                const __KZ_FMA: bool = false;
                for i in __kz_next..__kz_hi0 {
                    __kz_w_out[i] = __kz_w_a[i] + trace;
                }
            }
        }
        trace
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `go_fast`: variants serial, fastmath\nloop 1 (line 3): prange over i in 0..a.len()\n  reductions: `trace` (+=, f64, identity -0.0f64, line 4)\n  writes: none\n  reads: `a`\n  bounds checked before the loop: `a[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  fastmath: AVX-512: lanes across i, 8 lanes; AVX2+FMA: lanes across i, 4 lanes; baseline: lanes across i, 2 lanes (on x86-64 the scalar code: no SSE2 clone is compiled)\n    estimated cost per iteration (AVX-512): lanes across i 3.2, scalar code 42.0; chosen: lanes across i\n    masks for none; gather required for none; scatter required for none; reductions keep partial lanes, folded pairwise in a fixed order\nloop 2 (line 6): prange over i in 0..a.len()\n  reductions: none\n  writes: `out` (iteration's own element only)\n  reads: `a`\n  bounds checked before the loop: `out[i]`, `a[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  fastmath: AVX-512: scalar code (the AVX2 clone's); AVX2+FMA: scalar code; baseline: scalar code\n    estimated cost per iteration (AVX-512): lanes across i 0.8, scalar code 0.4; chosen: scalar code (no lanes: none is estimated below 80% of the scalar code)\n";
}
