#[inline]
#[allow(unused_mut)]
pub fn matvec(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Parallel,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Parallel => matvec::parallel(a, x, y),
        _ => matvec::serial(a, x, y),
    }
}
/// Variants and compile-time report of the kernel [`matvec`](fn@matvec).
#[allow(non_camel_case_types, dead_code)]
pub struct matvec {}
#[allow(dead_code)]
impl matvec {
    /// The `serial` variant of [`matvec`](fn@matvec): one thread, IEEE arithmetic: the reference every other variant is tested against.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..a.nrows());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            #[allow(unused_variables)]
            let __kz_flat_a = ::kernelize::__private::FlatRows::new(
                a.as_slice(),
                a.nrows(),
                a.ncols(),
            );
            let __kz_w_y = ::kernelize::__private::window_mut(
                &mut y[..],
                __kz_lo0,
                __kz_hi0,
                0,
                0,
                &::kernelize::__private::Access {
                    array: "y",
                    index: "i",
                    axis: ::core::option::Option::None,
                },
            );
            {
                for i in __kz_lo0..__kz_hi0 {
                    let mut s = 0.0;
                    {
                        #[allow(unused_imports)]
                        use ::kernelize::__private::runtime::simd::{
                            Rows as _, RowsMut as _,
                        };
                        let __kz_rs_start: usize = 0;
                        let __kz_rs_end: usize = a.ncols();
                        let __kz_sr2 = ::kernelize::__private::row_in(
                            __kz_flat_a,
                            &a,
                            i,
                        );
                        let __kz_srw1 = ::kernelize::__private::row_window(
                            __kz_sr2,
                            __kz_rs_start,
                            __kz_rs_end,
                            0,
                            0,
                        );
                        match (__kz_srw1,) {
                            (::core::option::Option::Some(__kz_srw1),) => {
                                for j in __kz_rs_start..__kz_rs_end {
                                    s += __kz_srw1[j - __kz_rs_start + 0] * x[j];
                                }
                            }
                            _ => {
                                for j in __kz_rs_start..__kz_rs_end {
                                    s += a[[i, j]] * x[j];
                                }
                            }
                        }
                    }
                    __kz_w_y[i] = s;
                }
            }
        }
    }
    /// The `parallel` variant of [`matvec`](fn@matvec): prange loops split into chunks run on all cores; reductions combined in chunk order, so results are the same for every thread count.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn parallel(a: ArrayView2<f64>, x: &[f64], y: &mut [f64]) {
        {
            let (__kz_lo0, __kz_hi0) = {
                let __kz_range = prange(0..a.nrows());
                (__kz_range.start, __kz_range.end)
            };
            ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
            #[allow(unused_variables)]
            let __kz_flat_a = ::kernelize::__private::FlatRows::new(
                a.as_slice(),
                a.nrows(),
                a.ncols(),
            );
            let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                __kz_lo0,
                __kz_hi0,
            );
            let __kz_work: u64 = 1u64
                .saturating_add(
                    5u64
                        .saturating_mul(
                            (::kernelize::__private::runtime::parallel::LoopIndex::count(
                                0,
                                a.ncols(),
                            ) as u64)
                                .saturating_add(0u64),
                        ),
                );
            let __kz_c: usize = ::kernelize::__private::runtime::parallel::chunk_len_for(
                __kz_n,
                __kz_work,
            );
            let __kz_part0 = ::kernelize::__private::runtime::parallel::split_slice(
                &mut y[..],
                __kz_lo0,
                __kz_hi0,
                "y",
            );
            let __kz_chunk = ::kernelize::__private::runtime::parallel::closure(
                #[inline(never)]
                |__kz_from: usize, __kz_to: usize, __kz_piece0: &mut [f64]| {
                    let a = a;
                    let x = x;
                    let __kz_start = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_from,
                    );
                    let __kz_end = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                        __kz_lo0,
                        __kz_to,
                    );
                    let __kz_flat_a = __kz_flat_a;
                    let __kz_flat_a = ::kernelize::__private::FlatRows::covering(
                        __kz_flat_a,
                        __kz_end,
                    );
                    let __kz_piece0 = &mut __kz_piece0[..(__kz_end - __kz_start)];
                    {
                        let mut y = ::kernelize::__private::runtime::parallel::SliceChunk::new(
                            __kz_piece0,
                            __kz_start,
                        );
                        {
                            for i in __kz_start..__kz_end {
                                let mut s = 0.0;
                                {
                                    #[allow(unused_imports)]
                                    use ::kernelize::__private::runtime::simd::{
                                        Rows as _, RowsMut as _,
                                    };
                                    let __kz_rs_start: usize = 0;
                                    let __kz_rs_end: usize = a.ncols();
                                    let __kz_sr2 = ::kernelize::__private::row_in(
                                        __kz_flat_a,
                                        &a,
                                        i,
                                    );
                                    let __kz_srw1 = ::kernelize::__private::row_window(
                                        __kz_sr2,
                                        __kz_rs_start,
                                        __kz_rs_end,
                                        0,
                                        0,
                                    );
                                    match (__kz_srw1,) {
                                        (::core::option::Option::Some(__kz_srw1),) => {
                                            for j in __kz_rs_start..__kz_rs_end {
                                                s += __kz_srw1[j - __kz_rs_start + 0] * x[j];
                                            }
                                        }
                                        _ => {
                                            for j in __kz_rs_start..__kz_rs_end {
                                                s += a[[i, j]] * x[j];
                                            }
                                        }
                                    }
                                }
                                y[i] = s;
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
    pub const REPORT: &'static str = "kernel `matvec`: variants serial, parallel\nloop 1 (line 2): prange over i in 0..a.nrows()\n  reductions: none\n  writes: `y` (iteration's own element only)\n  reads: `a`, `x`\n  bounds checked before the loop: `y[i]`\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the i range is cut into chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work (kernelize::parallel::chunk_len_for), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 1 + 5 per trip of the inner loop over 0..a.ncols() per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\n";
}
