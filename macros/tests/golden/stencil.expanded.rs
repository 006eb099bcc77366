#[inline]
#[allow(unused_mut)]
fn stencil(a: &[f32], out: &mut [f32], w: f32) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Parallel,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Parallel => stencil::parallel(a, out, w),
        _ => stencil::serial(a, out, w),
    }
}
/// Variants and compile-time report of the kernel [`stencil`](fn@stencil).
#[allow(non_camel_case_types, dead_code)]
struct stencil {}
#[allow(dead_code)]
impl stencil {
    /// The `serial` variant of [`stencil`](fn@stencil): one thread, IEEE arithmetic: the reference every other variant is tested against.
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
                    axis: ::core::option::Option::None,
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
                    axis: ::core::option::Option::None,
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
    /// The `parallel` variant of [`stencil`](fn@stencil): prange loops split into chunks run on all cores; reductions combined in chunk order, so results are the same for every thread count.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    fn parallel(a: &[f32], out: &mut [f32], w: f32) {
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
                    axis: ::core::option::Option::None,
                },
            );
            let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                __kz_lo0,
                __kz_hi0,
            );
            let __kz_work: u64 = 16u64;
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
                |__kz_from: usize, __kz_to: usize, __kz_piece0: &mut [f32]| {
                    let a = a;
                    let w = w;
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
                        - __kz_lo0)..(__kz_end - __kz_lo0 + 2)];
                    let __kz_piece0 = &mut __kz_piece0[..(__kz_end - __kz_start)];
                    {
                        let mut out = ::kernelize::__private::runtime::parallel::SliceChunk::new(
                            __kz_piece0,
                            __kz_start,
                        );
                        {
                            for i in __kz_start..__kz_end {
                                let s = __kz_w_a_chunk[i - __kz_start]
                                    + __kz_w_a_chunk[i - __kz_start + 1] * w
                                    + __kz_w_a_chunk[i - __kz_start + 2];
                                out[i] = if s > 0.0 { s.sqrt() } else { 0.0 };
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
    const REPORT: &'static str = "kernel `stencil`: variants serial, parallel\nloop 1 (line 3): prange over i in 1..n - 1\n  reductions: none\n  writes: `out` (iteration's own element only)\n  reads: `a`\n  bounds checked before the loop: `a[i - 1..=i + 1]`, `out[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the i range is cut into chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work (kernelize::parallel::chunk_len_for), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 16 per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\n";
}
