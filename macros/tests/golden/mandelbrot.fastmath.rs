#[inline]
#[allow(unused_mut)]
pub fn mandelbrot(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Fastmath,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Fastmath => {
            mandelbrot::fastmath(re, im, iters, max_iter)
        }
        _ => mandelbrot::serial(re, im, iters, max_iter),
    }
}
/// Variants and compile-time report of the kernel [`mandelbrot`](fn@mandelbrot).
#[allow(non_camel_case_types, dead_code)]
pub struct mandelbrot {}
#[allow(dead_code)]
impl mandelbrot {
    /// The `serial` variant of [`mandelbrot`](fn@mandelbrot): one thread, IEEE arithmetic: the reference every other variant is tested against.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..re.len());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<u32, _>(&max_iter);
            let __kz_w_re = ::kernelize::__private::window(
                &re[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "re",
                    index: "p",
                    axis: ::core::option::Option::None,
                },
            );
            let __kz_w_im = ::kernelize::__private::window(
                &im[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "im",
                    index: "p",
                    axis: ::core::option::Option::None,
                },
            );
            let __kz_w_iters = ::kernelize::__private::window_mut(
                &mut iters[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "iters",
                    index: "p",
                    axis: ::core::option::Option::None,
                },
            );
            {
                for p in __kz_lo0..__kz_hi0 {
                    let cr = __kz_w_re[p];
                    let ci = __kz_w_im[p];
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
    /// The `fastmath` variant of [`mandelbrot`](fn@mandelbrot): one thread, prange loops run in SIMD lanes with relaxed floating point (re-association, contraction into FMA, kernelize's math library); the instruction set is chosen at run time (`KERNELIZE_ISA` forces one).
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn fastmath(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..re.len());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            ::kernelize::__private::same_type::<u32, _>(&max_iter);
            let __kz_w_re = ::kernelize::__private::window(
                &re[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "re",
                    index: "p",
                    axis: ::core::option::Option::None,
                },
            );
            let __kz_w_im = ::kernelize::__private::window(
                &im[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "im",
                    index: "p",
                    axis: ::core::option::Option::None,
                },
            );
            let __kz_w_iters = ::kernelize::__private::window_mut(
                &mut iters[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "iters",
                    index: "p",
                    axis: ::core::option::Option::None,
                },
            );
            let () = match ::kernelize::__private::runtime::simd::level() {
                ::kernelize::__private::runtime::SimdLevel::Avx512 => {
                    ::kernelize::__private::runtime::simd::avx512(
                        #[inline(always)]
                        || {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Lanes as __KzLanes, Rows as _, RowsMut as _,
                            };
                            const __KZ_W: usize = 32;
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = true;
                            let re = re;
                            let im = im;
                            let max_iter = max_iter;
                            let __kz_w_re = __kz_w_re;
                            let __kz_w_im = __kz_w_im;
                            let __kz_w_iters = &mut *__kz_w_iters;
                            ::kernelize::__private::noalias(
                                &mut *__kz_w_iters,
                                #[inline(always)]
                                |__kz_w_iters| {
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
                                        let p = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                        {
                                            let mut cr = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load(&__kz_w_re[..], __kz_k0);
                                            let mut ci = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load(&__kz_w_im[..], __kz_k0);
                                            let mut zr = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut zi = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut k = __KzLanes::<u32, __KZ_W>::splat(0);
                                            {
                                                let mut __kz_lm1 = __KzLanes::<bool, __KZ_W>::splat(true);
                                                loop {
                                                    __kz_lm1 = __kz_lm1
                                                        & {
                                                            let __kz_c3 = k
                                                                .lt(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                            let __kz_m4 = __kz_lm1 & __kz_c3;
                                                            if __kz_m4.any() {
                                                                __kz_c3
                                                                    & zr
                                                                        .fmadd::<__KZ_FMA>(zr, (zi * zi))
                                                                        .le(__KzLanes::<f64, __KZ_W>::splat(4.0))
                                                            } else {
                                                                __kz_c3
                                                            }
                                                        };
                                                    if !__kz_lm1.any() {
                                                        break;
                                                    }
                                                    {
                                                        let mut t = (zr.fmadd::<__KZ_FMA>(zr, (-(zi * zi))) + cr);
                                                        zi = __KzLanes::select(
                                                            __kz_lm1,
                                                            (__KzLanes::<f64, __KZ_W>::splat(2.0) * zr)
                                                                .fmadd::<__KZ_FMA>(zi, ci),
                                                            zi,
                                                        );
                                                        zr = __KzLanes::select(__kz_lm1, t, zr);
                                                        k = __KzLanes::select(
                                                            __kz_lm1,
                                                            (k + __KzLanes::<u32, __KZ_W>::splat(1)),
                                                            k,
                                                        );
                                                    }
                                                }
                                            }
                                            __KzLanes::store(
                                                {
                                                    let __kz_s5 = k;
                                                    let mut __kz_rest6 = __KzLanes::<bool, __KZ_W>::splat(true);
                                                    let mut __kz_out7 = __KzLanes::<
                                                        u32,
                                                        __KZ_W,
                                                    >::splat(<u32 as ::core::default::Default>::default());
                                                    let mut __kz_m8 = __kz_rest6
                                                        & __kz_s5.eq(__KzLanes::<u32, __KZ_W>::splat(0));
                                                    __kz_rest6 = __kz_rest6 & !__kz_m8;
                                                    if __kz_m8.any() {
                                                        __kz_out7 = __KzLanes::select(
                                                            __kz_m8,
                                                            __KzLanes::<u32, __KZ_W>::splat(0),
                                                            __kz_out7,
                                                        );
                                                    }
                                                    let n = __kz_s5;
                                                    let mut __kz_m9 = __kz_rest6
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_m9 = __kz_m9
                                                        & n.eq(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                    __kz_rest6 = __kz_rest6 & !__kz_m9;
                                                    if __kz_m9.any() {
                                                        __kz_out7 = __KzLanes::select(
                                                            __kz_m9,
                                                            __KzLanes::<
                                                                u32,
                                                                __KZ_W,
                                                            >::splat(::core::primitive::u32::MAX),
                                                            __kz_out7,
                                                        );
                                                    }
                                                    let n = __kz_s5;
                                                    let mut __kz_m10 = __kz_rest6
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_rest6 = __kz_rest6 & !__kz_m10;
                                                    if __kz_m10.any() {
                                                        __kz_out7 = __KzLanes::select(__kz_m10, n, __kz_out7);
                                                    }
                                                    __kz_out7
                                                },
                                                &mut __kz_w_iters[..],
                                                __kz_k0,
                                            );
                                        }
                                        __kz_k0 += __KZ_W;
                                    }
                                    if __kz_k0 < __kz_vn {
                                        let __kz_tail = __KzLanes::<
                                            bool,
                                            __KZ_W,
                                        >::first(__kz_vn - __kz_k0);
                                        let __kz_i0: usize = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                            __kz_lo0,
                                            __kz_k0,
                                        );
                                        let p = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                        {
                                            let mut cr = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load_masked(
                                                &__kz_w_re[..],
                                                __kz_k0,
                                                __kz_tail,
                                                <f64 as ::core::default::Default>::default(),
                                            );
                                            let mut ci = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load_masked(
                                                &__kz_w_im[..],
                                                __kz_k0,
                                                __kz_tail,
                                                <f64 as ::core::default::Default>::default(),
                                            );
                                            let mut zr = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut zi = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut k = __KzLanes::<u32, __KZ_W>::splat(0);
                                            {
                                                let mut __kz_lm11 = __kz_tail;
                                                loop {
                                                    __kz_lm11 = __kz_lm11
                                                        & {
                                                            let __kz_c13 = k
                                                                .lt(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                            let __kz_m14 = __kz_lm11 & __kz_c13;
                                                            if __kz_m14.any() {
                                                                __kz_c13
                                                                    & zr
                                                                        .fmadd::<__KZ_FMA>(zr, (zi * zi))
                                                                        .le(__KzLanes::<f64, __KZ_W>::splat(4.0))
                                                            } else {
                                                                __kz_c13
                                                            }
                                                        };
                                                    if !__kz_lm11.any() {
                                                        break;
                                                    }
                                                    {
                                                        let mut t = (zr.fmadd::<__KZ_FMA>(zr, (-(zi * zi))) + cr);
                                                        zi = __KzLanes::select(
                                                            __kz_lm11,
                                                            (__KzLanes::<f64, __KZ_W>::splat(2.0) * zr)
                                                                .fmadd::<__KZ_FMA>(zi, ci),
                                                            zi,
                                                        );
                                                        zr = __KzLanes::select(__kz_lm11, t, zr);
                                                        k = __KzLanes::select(
                                                            __kz_lm11,
                                                            (k + __KzLanes::<u32, __KZ_W>::splat(1)),
                                                            k,
                                                        );
                                                    }
                                                }
                                            }
                                            __KzLanes::store_masked(
                                                {
                                                    let __kz_s15 = k;
                                                    let mut __kz_rest16 = __kz_tail;
                                                    let mut __kz_out17 = __KzLanes::<
                                                        u32,
                                                        __KZ_W,
                                                    >::splat(<u32 as ::core::default::Default>::default());
                                                    let mut __kz_m18 = __kz_rest16
                                                        & __kz_s15.eq(__KzLanes::<u32, __KZ_W>::splat(0));
                                                    __kz_rest16 = __kz_rest16 & !__kz_m18;
                                                    if __kz_m18.any() {
                                                        __kz_out17 = __KzLanes::select(
                                                            __kz_m18,
                                                            __KzLanes::<u32, __KZ_W>::splat(0),
                                                            __kz_out17,
                                                        );
                                                    }
                                                    let n = __kz_s15;
                                                    let mut __kz_m19 = __kz_rest16
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_m19 = __kz_m19
                                                        & n.eq(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                    __kz_rest16 = __kz_rest16 & !__kz_m19;
                                                    if __kz_m19.any() {
                                                        __kz_out17 = __KzLanes::select(
                                                            __kz_m19,
                                                            __KzLanes::<
                                                                u32,
                                                                __KZ_W,
                                                            >::splat(::core::primitive::u32::MAX),
                                                            __kz_out17,
                                                        );
                                                    }
                                                    let n = __kz_s15;
                                                    let mut __kz_m20 = __kz_rest16
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_rest16 = __kz_rest16 & !__kz_m20;
                                                    if __kz_m20.any() {
                                                        __kz_out17 = __KzLanes::select(__kz_m20, n, __kz_out17);
                                                    }
                                                    __kz_out17
                                                },
                                                &mut __kz_w_iters[..],
                                                __kz_k0,
                                                __kz_tail,
                                            );
                                        }
                                    }
                                    ()
                                },
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
                            const __KZ_W: usize = 16;
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = true;
                            let re = re;
                            let im = im;
                            let max_iter = max_iter;
                            let __kz_w_re = __kz_w_re;
                            let __kz_w_im = __kz_w_im;
                            let __kz_w_iters = &mut *__kz_w_iters;
                            ::kernelize::__private::noalias(
                                &mut *__kz_w_iters,
                                #[inline(always)]
                                |__kz_w_iters| {
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
                                        let p = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                        {
                                            let mut cr = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load(&__kz_w_re[..], __kz_k0);
                                            let mut ci = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load(&__kz_w_im[..], __kz_k0);
                                            let mut zr = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut zi = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut k = __KzLanes::<u32, __KZ_W>::splat(0);
                                            {
                                                let mut __kz_lm1 = __KzLanes::<bool, __KZ_W>::splat(true);
                                                loop {
                                                    __kz_lm1 = __kz_lm1
                                                        & {
                                                            let __kz_c3 = k
                                                                .lt(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                            let __kz_m4 = __kz_lm1 & __kz_c3;
                                                            if __kz_m4.any() {
                                                                __kz_c3
                                                                    & zr
                                                                        .fmadd::<__KZ_FMA>(zr, (zi * zi))
                                                                        .le(__KzLanes::<f64, __KZ_W>::splat(4.0))
                                                            } else {
                                                                __kz_c3
                                                            }
                                                        };
                                                    if !__kz_lm1.any() {
                                                        break;
                                                    }
                                                    {
                                                        let mut t = (zr.fmadd::<__KZ_FMA>(zr, (-(zi * zi))) + cr);
                                                        zi = __KzLanes::select(
                                                            __kz_lm1,
                                                            (__KzLanes::<f64, __KZ_W>::splat(2.0) * zr)
                                                                .fmadd::<__KZ_FMA>(zi, ci),
                                                            zi,
                                                        );
                                                        zr = __KzLanes::select(__kz_lm1, t, zr);
                                                        k = __KzLanes::select(
                                                            __kz_lm1,
                                                            (k + __KzLanes::<u32, __KZ_W>::splat(1)),
                                                            k,
                                                        );
                                                    }
                                                }
                                            }
                                            __KzLanes::store(
                                                {
                                                    let __kz_s5 = k;
                                                    let mut __kz_rest6 = __KzLanes::<bool, __KZ_W>::splat(true);
                                                    let mut __kz_out7 = __KzLanes::<
                                                        u32,
                                                        __KZ_W,
                                                    >::splat(<u32 as ::core::default::Default>::default());
                                                    let mut __kz_m8 = __kz_rest6
                                                        & __kz_s5.eq(__KzLanes::<u32, __KZ_W>::splat(0));
                                                    __kz_rest6 = __kz_rest6 & !__kz_m8;
                                                    if __kz_m8.any() {
                                                        __kz_out7 = __KzLanes::select(
                                                            __kz_m8,
                                                            __KzLanes::<u32, __KZ_W>::splat(0),
                                                            __kz_out7,
                                                        );
                                                    }
                                                    let n = __kz_s5;
                                                    let mut __kz_m9 = __kz_rest6
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_m9 = __kz_m9
                                                        & n.eq(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                    __kz_rest6 = __kz_rest6 & !__kz_m9;
                                                    if __kz_m9.any() {
                                                        __kz_out7 = __KzLanes::select(
                                                            __kz_m9,
                                                            __KzLanes::<
                                                                u32,
                                                                __KZ_W,
                                                            >::splat(::core::primitive::u32::MAX),
                                                            __kz_out7,
                                                        );
                                                    }
                                                    let n = __kz_s5;
                                                    let mut __kz_m10 = __kz_rest6
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_rest6 = __kz_rest6 & !__kz_m10;
                                                    if __kz_m10.any() {
                                                        __kz_out7 = __KzLanes::select(__kz_m10, n, __kz_out7);
                                                    }
                                                    __kz_out7
                                                },
                                                &mut __kz_w_iters[..],
                                                __kz_k0,
                                            );
                                        }
                                        __kz_k0 += __KZ_W;
                                    }
                                    if __kz_k0 < __kz_vn {
                                        let __kz_tail = __KzLanes::<
                                            bool,
                                            __KZ_W,
                                        >::first(__kz_vn - __kz_k0);
                                        let __kz_i0: usize = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                                            __kz_lo0,
                                            __kz_k0,
                                        );
                                        let p = __KzLanes::<usize, __KZ_W>::iota(__kz_i0);
                                        {
                                            let mut cr = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load_masked(
                                                &__kz_w_re[..],
                                                __kz_k0,
                                                __kz_tail,
                                                <f64 as ::core::default::Default>::default(),
                                            );
                                            let mut ci = __KzLanes::<
                                                f64,
                                                __KZ_W,
                                            >::load_masked(
                                                &__kz_w_im[..],
                                                __kz_k0,
                                                __kz_tail,
                                                <f64 as ::core::default::Default>::default(),
                                            );
                                            let mut zr = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut zi = __KzLanes::<f64, __KZ_W>::splat(0.0);
                                            let mut k = __KzLanes::<u32, __KZ_W>::splat(0);
                                            {
                                                let mut __kz_lm11 = __kz_tail;
                                                loop {
                                                    __kz_lm11 = __kz_lm11
                                                        & {
                                                            let __kz_c13 = k
                                                                .lt(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                            let __kz_m14 = __kz_lm11 & __kz_c13;
                                                            if __kz_m14.any() {
                                                                __kz_c13
                                                                    & zr
                                                                        .fmadd::<__KZ_FMA>(zr, (zi * zi))
                                                                        .le(__KzLanes::<f64, __KZ_W>::splat(4.0))
                                                            } else {
                                                                __kz_c13
                                                            }
                                                        };
                                                    if !__kz_lm11.any() {
                                                        break;
                                                    }
                                                    {
                                                        let mut t = (zr.fmadd::<__KZ_FMA>(zr, (-(zi * zi))) + cr);
                                                        zi = __KzLanes::select(
                                                            __kz_lm11,
                                                            (__KzLanes::<f64, __KZ_W>::splat(2.0) * zr)
                                                                .fmadd::<__KZ_FMA>(zi, ci),
                                                            zi,
                                                        );
                                                        zr = __KzLanes::select(__kz_lm11, t, zr);
                                                        k = __KzLanes::select(
                                                            __kz_lm11,
                                                            (k + __KzLanes::<u32, __KZ_W>::splat(1)),
                                                            k,
                                                        );
                                                    }
                                                }
                                            }
                                            __KzLanes::store_masked(
                                                {
                                                    let __kz_s15 = k;
                                                    let mut __kz_rest16 = __kz_tail;
                                                    let mut __kz_out17 = __KzLanes::<
                                                        u32,
                                                        __KZ_W,
                                                    >::splat(<u32 as ::core::default::Default>::default());
                                                    let mut __kz_m18 = __kz_rest16
                                                        & __kz_s15.eq(__KzLanes::<u32, __KZ_W>::splat(0));
                                                    __kz_rest16 = __kz_rest16 & !__kz_m18;
                                                    if __kz_m18.any() {
                                                        __kz_out17 = __KzLanes::select(
                                                            __kz_m18,
                                                            __KzLanes::<u32, __KZ_W>::splat(0),
                                                            __kz_out17,
                                                        );
                                                    }
                                                    let n = __kz_s15;
                                                    let mut __kz_m19 = __kz_rest16
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_m19 = __kz_m19
                                                        & n.eq(__KzLanes::<u32, __KZ_W>::splat(max_iter));
                                                    __kz_rest16 = __kz_rest16 & !__kz_m19;
                                                    if __kz_m19.any() {
                                                        __kz_out17 = __KzLanes::select(
                                                            __kz_m19,
                                                            __KzLanes::<
                                                                u32,
                                                                __KZ_W,
                                                            >::splat(::core::primitive::u32::MAX),
                                                            __kz_out17,
                                                        );
                                                    }
                                                    let n = __kz_s15;
                                                    let mut __kz_m20 = __kz_rest16
                                                        & __KzLanes::<bool, __KZ_W>::splat(true);
                                                    __kz_rest16 = __kz_rest16 & !__kz_m20;
                                                    if __kz_m20.any() {
                                                        __kz_out17 = __KzLanes::select(__kz_m20, n, __kz_out17);
                                                    }
                                                    __kz_out17
                                                },
                                                &mut __kz_w_iters[..],
                                                __kz_k0,
                                                __kz_tail,
                                            );
                                        }
                                    }
                                    ()
                                },
                            )
                        },
                    )
                }
                #[cfg(target_arch = "x86_64")]
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
                            let re = re;
                            let im = im;
                            let max_iter = max_iter;
                            let __kz_w_re = __kz_w_re;
                            let __kz_w_im = __kz_w_im;
                            let __kz_w_iters = &mut *__kz_w_iters;
                            ::kernelize::__private::noalias(
                                &mut *__kz_w_iters,
                                #[inline(always)]
                                |__kz_w_iters| {
                                    {
                                        for p in __kz_lo0..__kz_hi0 {
                                            let cr = __kz_w_re[p];
                                            let ci = __kz_w_im[p];
                                            let mut zr = 0.0;
                                            let mut zi = 0.0;
                                            let mut k = 0;
                                            while k < max_iter
                                                && ::kernelize::__private::runtime::math::fmadd_f64::<
                                                    __KZ_FMA,
                                                >(zr, zr, zi * zi) <= 4.0
                                            {
                                                let t = ::kernelize::__private::runtime::math::fmadd_f64::<
                                                    __KZ_FMA,
                                                >(zr, zr, -(zi * zi)) + cr;
                                                zi = ::kernelize::__private::runtime::math::fmadd_f64::<
                                                    __KZ_FMA,
                                                >(2.0 * zr, zi, ci);
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
                                    ()
                                },
                            )
                        },
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
                            #[allow(dead_code)]
                            const __KZ_FMA: bool = false;
                            let re = re;
                            let im = im;
                            let max_iter = max_iter;
                            let __kz_w_re = __kz_w_re;
                            let __kz_w_im = __kz_w_im;
                            let __kz_w_iters = &mut *__kz_w_iters;
                            ::kernelize::__private::noalias(
                                &mut *__kz_w_iters,
                                #[inline(always)]
                                |__kz_w_iters| {
                                    {
                                        for p in __kz_lo0..__kz_hi0 {
                                            let cr = __kz_w_re[p];
                                            let ci = __kz_w_im[p];
                                            let mut zr = 0.0;
                                            let mut zi = 0.0;
                                            let mut k = 0;
                                            while k < max_iter
                                                && ::kernelize::__private::runtime::math::fmadd_f64::<
                                                    __KZ_FMA,
                                                >(zr, zr, zi * zi) <= 4.0
                                            {
                                                let t = ::kernelize::__private::runtime::math::fmadd_f64::<
                                                    __KZ_FMA,
                                                >(zr, zr, -(zi * zi)) + cr;
                                                zi = ::kernelize::__private::runtime::math::fmadd_f64::<
                                                    __KZ_FMA,
                                                >(2.0 * zr, zi, ci);
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
                                    ()
                                },
                            )
                        },
                    )
                }
            };
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `mandelbrot`: variants serial, fastmath\nloop 1 (line 2): prange over p in 0..re.len()\n  reductions: none\n  writes: `iters` (iteration's own element only)\n  reads: `re`, `im`\n  bounds checked before the loop: `re[p]`, `im[p]`, `iters[p]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  fastmath: AVX-512: lanes across p, 32 lanes (4 vectors); AVX2+FMA: lanes across p, 16 lanes (4 vectors); baseline: scalar code\n    estimated cost per iteration (AVX-512): lanes across p 64.5, scalar code 244.0; chosen: lanes across p\n    masks for `while` (line 7), `match` (line 13); gather required for none; scatter required for none\n";
}
