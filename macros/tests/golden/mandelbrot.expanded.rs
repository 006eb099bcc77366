#[inline]
#[allow(unused_mut)]
pub fn mandelbrot(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Parallel,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Parallel => {
            mandelbrot::parallel(re, im, iters, max_iter)
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
    /// The `parallel` variant of [`mandelbrot`](fn@mandelbrot): prange loops split into chunks run on all cores; reductions combined in chunk order, so results are the same for every thread count.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn parallel(re: &[f64], im: &[f64], iters: &mut [u32], max_iter: u32) {
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
            let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                __kz_lo0,
                __kz_hi0,
            );
            let __kz_work: u64 = 180u64;
            let __kz_c: usize = ::kernelize::__private::runtime::parallel::chunk_len_for(
                __kz_n,
                __kz_work,
            );
            let __kz_part0 = ::kernelize::__private::runtime::parallel::split_slice(
                &mut iters[..],
                __kz_lo0,
                __kz_hi0,
                "iters",
            );
            let __kz_chunk = ::kernelize::__private::runtime::parallel::closure(
                #[inline(never)]
                |__kz_from: usize, __kz_to: usize, __kz_piece0: &mut [u32]| {
                    let re = re;
                    let im = im;
                    let max_iter = max_iter;
                    let __kz_start = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_from,
                    );
                    let __kz_end = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_to,
                    );
                    let __kz_w_re = __kz_w_re;
                    let __kz_w_im = __kz_w_im;
                    let __kz_w_re_chunk = &__kz_w_re[(__kz_start
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 0)];
                    let __kz_w_im_chunk = &__kz_w_im[(__kz_start
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 0)];
                    let __kz_piece0 = &mut __kz_piece0[..(__kz_end - __kz_start)];
                    {
                        let mut iters = ::kernelize::__private::runtime::parallel::SliceChunk::new(
                            __kz_piece0,
                            __kz_start,
                        );
                        {
                            for p in __kz_start..__kz_end {
                                let cr = __kz_w_re_chunk[p - __kz_start];
                                let ci = __kz_w_im_chunk[p - __kz_start];
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
                                    n if n == max_iter => ::core::primitive::u32::MAX,
                                    n => n,
                                };
                            }
                        }
                        ()
                    }
                },
            );
            let __kz_partials: ::std::vec::Vec<_> = if ::kernelize::__private::runtime::parallel::go_parallel(
                __kz_n,
                __kz_work,
            ) {
                ::kernelize::__private::runtime::parallel::run_chunks(
                    <[_]>::chunks_mut(__kz_part0, __kz_c),
                    |__kz_k, __kz_piece| __kz_chunk(
                        __kz_k * __kz_c,
                        ::core::cmp::min((__kz_k + 1) * __kz_c, __kz_n),
                        __kz_piece,
                    ),
                )
            } else {
                {
                    let mut __kz_partials = ::std::vec::Vec::new();
                    if __kz_n > 0 {
                        __kz_partials.push(__kz_chunk(0, __kz_n, __kz_part0));
                    }
                    __kz_partials
                }
            };
            for __kz_p in __kz_partials {
                let _ = &__kz_p;
            }
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `mandelbrot`: variants serial, parallel\nloop 1 (line 2): prange over p in 0..re.len()\n  reductions: none\n  writes: `iters` (iteration's own element only)\n  reads: `re`, `im`\n  bounds checked before the loop: `re[p]`, `im[p]`, `iters[p]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the p range is cut into chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work (kernelize::parallel::chunk_len_for), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 180 per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\n";
}
