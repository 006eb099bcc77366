#[inline]
#[allow(unused_mut)]
pub fn stats(a: &[f64], flags: &[u32]) -> (usize, f64, f64, u32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Parallel,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Parallel => stats::parallel(a, flags),
        _ => stats::serial(a, flags),
    }
}
/// Variants and compile-time report of the kernel [`stats`](fn@stats).
#[allow(non_camel_case_types, dead_code)]
pub struct stats {}
#[allow(dead_code)]
impl stats {
    /// The `serial` variant of [`stats`](fn@stats): one thread, IEEE arithmetic: the reference every other variant is tested against.
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
                    axis: ::core::option::Option::None,
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
                    axis: ::core::option::Option::None,
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
    /// The `parallel` variant of [`stats`](fn@stats): prange loops split into chunks run on all cores; reductions combined in chunk order, so results are the same for every thread count.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn parallel(a: &[f64], flags: &[u32]) -> (usize, f64, f64, u32) {
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
                    axis: ::core::option::Option::None,
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
                    axis: ::core::option::Option::None,
                },
            );
            let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                __kz_lo0,
                __kz_hi0,
            );
            let __kz_work: u64 = 13u64;
            let __kz_c: usize = ::kernelize::__private::runtime::parallel::chunk_len_for(
                __kz_n,
                __kz_work,
            );
            let __kz_chunk = ::kernelize::__private::runtime::parallel::closure(
                #[inline(never)]
                |__kz_from: usize, __kz_to: usize, _: ()| {
                    let a = a;
                    let flags = flags;
                    let __kz_start = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_from,
                    );
                    let __kz_end = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_to,
                    );
                    let __kz_w_a = __kz_w_a;
                    let __kz_w_flags = __kz_w_flags;
                    let __kz_w_a_chunk = &__kz_w_a[(__kz_start
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 0)];
                    let __kz_w_flags_chunk = &__kz_w_flags[(__kz_start
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 0)];
                    {
                        let mut count = <_ as ::kernelize::__private::runtime::parallel::Identity>::sum_identity(
                            &count,
                        );
                        let mut hi = <_ as ::kernelize::__private::runtime::parallel::Identity>::max_identity(
                            &hi,
                        );
                        let mut prod = <_ as ::kernelize::__private::runtime::parallel::Identity>::product_identity(
                            &prod,
                        );
                        let mut bits = <_ as ::kernelize::__private::runtime::parallel::Identity>::or_identity(
                            &bits,
                        );
                        {
                            for i in __kz_start..__kz_end {
                                if __kz_w_a_chunk[i - __kz_start] > 0.5 {
                                    count += 1;
                                }
                                hi = hi.max(__kz_w_a_chunk[i - __kz_start]);
                                prod *= 1.0 + __kz_w_a_chunk[i - __kz_start] * 1e-3;
                                bits |= __kz_w_flags_chunk[i - __kz_start] & 0xF0;
                            }
                        }
                        (count, hi, prod, bits)
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
                count += __kz_p.0;
                hi = hi.max(__kz_p.1);
                prod *= __kz_p.2;
                bits |= __kz_p.3;
            }
        }
        (count, hi, prod, bits)
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `stats`: variants serial, parallel\nloop 1 (line 6): prange over i in 0..a.len()\n  reductions: `count` (+=, usize, identity 0usize, line 8), `hi` (max, f64, identity f64::NEG_INFINITY, line 10), `prod` (*=, f64, identity 1.0f64, line 11), `bits` (|=, u32, identity 0u32, line 12)\n  writes: none\n  reads: `a`, `flags`\n  bounds checked before the loop: `a[i]`, `flags[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the i range is cut into chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work (kernelize::parallel::chunk_len_for), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 13 per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\n";
}
