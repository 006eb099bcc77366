#[inline]
#[allow(unused_mut)]
pub fn go_fast(a: &[f64], out: &mut [f64]) -> f64 {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Parallel,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Parallel => go_fast::parallel(a, out),
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
    /// The `parallel` variant of [`go_fast`](fn@go_fast): prange loops split into chunks run on all cores; reductions combined in chunk order, so results are the same for every thread count.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn parallel(a: &[f64], out: &mut [f64]) -> f64 {
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
            let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                __kz_lo0,
                __kz_hi0,
            );
            let __kz_work: u64 = 42u64;
            let __kz_c: usize = ::kernelize::__private::runtime::parallel::chunk_len_for(
                __kz_n,
                __kz_work,
            );
            let __kz_chunk = ::kernelize::__private::runtime::parallel::closure(
                #[inline(never)]
                |__kz_from: usize, __kz_to: usize, _: ()| {
                    let a = a;
                    let __kz_start = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_from,
                    );
                    let __kz_end = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_to,
                    );
                    let __kz_w_a = __kz_w_a;
                    let __kz_w_a_chunk = &__kz_w_a[(__kz_start
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 0)];
                    {
                        let mut trace = <_ as ::kernelize::__private::runtime::parallel::Identity>::sum_identity(
                            &trace,
                        );
                        {
                            for i in __kz_start..__kz_end {
                                trace += __kz_w_a_chunk[i - __kz_start].tanh();
                            }
                        }
                        (trace,)
                    }
                },
            );
            let __kz_partials: ::std::vec::Vec<_> = if ::kernelize::__private::runtime::parallel::go_parallel(
                __kz_n,
                __kz_work,
            ) {
                ::kernelize::__private::runtime::parallel::run_chunks(
                    ::core::iter::Iterator::map(0..__kz_n.div_ceil(__kz_c), |_| ()),
                    |__kz_k, __kz_piece| __kz_chunk(
                        __kz_k * __kz_c,
                        ::core::cmp::min((__kz_k + 1) * __kz_c, __kz_n),
                        __kz_piece,
                    ),
                )
            } else {
                if ::kernelize::__private::runtime::parallel::below_threshold(
                    __kz_n,
                    __kz_work,
                ) {
                    {
                        let mut __kz_partials = ::std::vec::Vec::new();
                        if __kz_n > 0 {
                            __kz_partials.push(__kz_chunk(0, __kz_n, ()));
                        }
                        __kz_partials
                    }
                } else {
                    ::core::iter::Iterator::collect(
                        ::core::iter::Iterator::map(
                            ::core::iter::Iterator::enumerate(
                                ::core::iter::Iterator::map(
                                    0..__kz_n.div_ceil(__kz_c),
                                    |_| (),
                                ),
                            ),
                            |(__kz_k, __kz_piece)| __kz_chunk(
                                __kz_k * __kz_c,
                                ::core::cmp::min((__kz_k + 1) * __kz_c, __kz_n),
                                __kz_piece,
                            ),
                        ),
                    )
                }
            };
            for __kz_p in __kz_partials {
                let _ = &__kz_p;
                trace += __kz_p.0;
            }
        }
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
            let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                __kz_lo0,
                __kz_hi0,
            );
            let __kz_work: u64 = 3u64;
            let __kz_c: usize = ::kernelize::__private::runtime::parallel::chunk_len_for(
                __kz_n,
                __kz_work,
            );
            let __kz_part0 = ::kernelize::__private::runtime::parallel::split_slice(
                &mut out[..],
                __kz_lo0,
                __kz_hi0,
                "out",
            );
            let __kz_chunk = ::kernelize::__private::runtime::parallel::closure(
                #[inline(never)]
                |__kz_from: usize, __kz_to: usize, __kz_piece0: &mut [f64]| {
                    let a = a;
                    let trace = trace;
                    let __kz_start = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_from,
                    );
                    let __kz_end = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_to,
                    );
                    let __kz_w_a = __kz_w_a;
                    let __kz_w_a_chunk = &__kz_w_a[(__kz_start
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 0)];
                    let __kz_piece0 = &mut __kz_piece0[..(__kz_end - __kz_start)];
                    {
                        let mut out = ::kernelize::__private::runtime::parallel::SliceChunk::new(
                            __kz_piece0,
                            __kz_start,
                        );
                        {
                            for i in __kz_start..__kz_end {
                                out[i] = __kz_w_a_chunk[i - __kz_start] + trace;
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
        trace
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `go_fast`: variants serial, parallel\nloop 1 (line 3): prange over i in 0..a.len()\n  reductions: `trace` (+=, f64, identity -0.0f64, line 4)\n  writes: none\n  reads: `a`\n  bounds checked before the loop: `a[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the i range is cut into chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work (kernelize::parallel::chunk_len_for), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 42 per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\nloop 2 (line 6): prange over i in 0..a.len()\n  reductions: none\n  writes: `out` (iteration's own element only)\n  reads: `a`\n  bounds checked before the loop: `out[i]`, `a[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the i range is cut into chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work (kernelize::parallel::chunk_len_for), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 3 per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\n";
}
