#[inline]
#[allow(unused_mut)]
pub fn heat(u: &mut Array2<f64>, tmp: &mut Array2<f64>, steps: usize, k: f64) {
    #[allow(clippy::match_single_binding)]
    match ::kernelize::__private::runtime::Target::choose(
        &[
            ::kernelize::__private::runtime::Target::Serial,
            ::kernelize::__private::runtime::Target::Parallel,
        ],
    ) {
        ::kernelize::__private::runtime::Target::Parallel => {
            heat::parallel(u, tmp, steps, k)
        }
        _ => heat::serial(u, tmp, steps, k),
    }
}
/// Variants and compile-time report of the kernel [`heat`](fn@heat).
#[allow(non_camel_case_types, dead_code)]
pub struct heat {}
#[allow(dead_code)]
impl heat {
    /// The `serial` variant of [`heat`](fn@heat): one thread, IEEE arithmetic: the reference every other variant is tested against.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn serial(u: &mut Array2<f64>, tmp: &mut Array2<f64>, steps: usize, k: f64) {
        let (n, m) = (u.nrows(), u.ncols());
        for _ in 0..steps {
            {
                let (__kz_lo0, __kz_hi0) = {
                    let __kz_range = prange(1..n - 1);
                    (__kz_range.start, __kz_range.end)
                };
                ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
                let (__kz_lo1, __kz_hi1) = {
                    let __kz_range = prange(1..m - 1);
                    (__kz_range.start, __kz_range.end)
                };
                ::kernelize::__private::same_type::<usize, _>(&__kz_lo1);
                ::kernelize::__private::same_type::<f64, _>(&k);
                #[allow(unused_variables)]
                let __kz_flat_u = ::kernelize::__private::FlatRows::new(
                    u.as_slice(),
                    u.nrows(),
                    u.ncols(),
                );
                ::kernelize::__private::check_axis(
                    u.shape()[0],
                    __kz_lo0,
                    __kz_hi0,
                    -1,
                    1,
                    &::kernelize::__private::Access {
                        array: "u",
                        index: "i",
                        axis: ::core::option::Option::Some((0, 2)),
                    },
                );
                ::kernelize::__private::check_axis(
                    u.shape()[1],
                    __kz_lo1,
                    __kz_hi1,
                    -1,
                    1,
                    &::kernelize::__private::Access {
                        array: "u",
                        index: "j",
                        axis: ::core::option::Option::Some((1, 2)),
                    },
                );
                ::kernelize::__private::check_axis(
                    tmp.shape()[0],
                    __kz_lo0,
                    __kz_hi0,
                    0,
                    0,
                    &::kernelize::__private::Access {
                        array: "tmp",
                        index: "i",
                        axis: ::core::option::Option::Some((0, 2)),
                    },
                );
                ::kernelize::__private::check_axis(
                    tmp.shape()[1],
                    __kz_lo1,
                    __kz_hi1,
                    0,
                    0,
                    &::kernelize::__private::Access {
                        array: "tmp",
                        index: "j",
                        axis: ::core::option::Option::Some((1, 2)),
                    },
                );
                {
                    for i in __kz_lo0..__kz_hi0 {
                        {
                            #[allow(unused_imports)]
                            use ::kernelize::__private::runtime::simd::{
                                Rows as _, RowsMut as _,
                            };
                            let __kz_rs_start: usize = __kz_lo1;
                            let __kz_rs_end: usize = __kz_hi1;
                            let __kz_sr2 = ::kernelize::__private::row_in(
                                __kz_flat_u,
                                &u,
                                i,
                            );
                            let __kz_srw1 = ::kernelize::__private::row_window(
                                __kz_sr2,
                                __kz_rs_start,
                                __kz_rs_end,
                                -1,
                                1,
                            );
                            let __kz_sr4 = ::kernelize::__private::row_in(
                                __kz_flat_u,
                                &u,
                                usize::wrapping_add(i, 1),
                            );
                            let __kz_srw3 = ::kernelize::__private::row_window(
                                __kz_sr4,
                                __kz_rs_start,
                                __kz_rs_end,
                                0,
                                0,
                            );
                            let __kz_sr6 = ::kernelize::__private::row_in(
                                __kz_flat_u,
                                &u,
                                usize::wrapping_sub(i, 1),
                            );
                            let __kz_srw5 = ::kernelize::__private::row_window(
                                __kz_sr6,
                                __kz_rs_start,
                                __kz_rs_end,
                                0,
                                0,
                            );
                            let __kz_srw7 = ::kernelize::__private::row_window_mut(
                                tmp.row_slice_mut(i),
                                __kz_rs_start,
                                __kz_rs_end,
                                0,
                                0,
                            );
                            match (__kz_srw1, __kz_srw3, __kz_srw5, __kz_srw7) {
                                (
                                    ::core::option::Option::Some(__kz_srw1),
                                    ::core::option::Option::Some(__kz_srw3),
                                    ::core::option::Option::Some(__kz_srw5),
                                    ::core::option::Option::Some(__kz_srw7),
                                ) => {
                                    for j in __kz_rs_start..__kz_rs_end {
                                        let lap = __kz_srw5[j - __kz_rs_start + 0]
                                            + __kz_srw3[j - __kz_rs_start + 0]
                                            + __kz_srw1[j - __kz_rs_start + 0]
                                            + __kz_srw1[j - __kz_rs_start + 2]
                                            - 4.0 * __kz_srw1[j - __kz_rs_start + 1];
                                        __kz_srw7[j - __kz_rs_start + 0] = __kz_srw1[j
                                            - __kz_rs_start + 1] + k * lap;
                                    }
                                }
                                _ => {
                                    for j in __kz_rs_start..__kz_rs_end {
                                        let lap = u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]]
                                            + u[[i, j + 1]] - 4.0 * u[[i, j]];
                                        tmp[[i, j]] = u[[i, j]] + k * lap;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            std::mem::swap(u, tmp);
        }
    }
    /// The `parallel` variant of [`heat`](fn@heat): prange loops split into chunks run on all cores; reductions combined in chunk order, so results are the same for every thread count.
    #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
    pub fn parallel(u: &mut Array2<f64>, tmp: &mut Array2<f64>, steps: usize, k: f64) {
        let (n, m) = (u.nrows(), u.ncols());
        for _ in 0..steps {
            {
                let (__kz_lo0, __kz_hi0) = {
                    let __kz_range = prange(1..n - 1);
                    (__kz_range.start, __kz_range.end)
                };
                ::kernelize::__private::same_type::<usize, _>(&__kz_lo0);
                let (__kz_lo1, __kz_hi1) = {
                    let __kz_range = prange(1..m - 1);
                    (__kz_range.start, __kz_range.end)
                };
                ::kernelize::__private::same_type::<usize, _>(&__kz_lo1);
                ::kernelize::__private::same_type::<f64, _>(&k);
                #[allow(unused_variables)]
                let __kz_flat_u = ::kernelize::__private::FlatRows::new(
                    u.as_slice(),
                    u.nrows(),
                    u.ncols(),
                );
                ::kernelize::__private::check_axis(
                    u.shape()[0],
                    __kz_lo0,
                    __kz_hi0,
                    -1,
                    1,
                    &::kernelize::__private::Access {
                        array: "u",
                        index: "i",
                        axis: ::core::option::Option::Some((0, 2)),
                    },
                );
                ::kernelize::__private::check_axis(
                    u.shape()[1],
                    __kz_lo1,
                    __kz_hi1,
                    -1,
                    1,
                    &::kernelize::__private::Access {
                        array: "u",
                        index: "j",
                        axis: ::core::option::Option::Some((1, 2)),
                    },
                );
                ::kernelize::__private::check_axis(
                    tmp.shape()[0],
                    __kz_lo0,
                    __kz_hi0,
                    0,
                    0,
                    &::kernelize::__private::Access {
                        array: "tmp",
                        index: "i",
                        axis: ::core::option::Option::Some((0, 2)),
                    },
                );
                ::kernelize::__private::check_axis(
                    tmp.shape()[1],
                    __kz_lo1,
                    __kz_hi1,
                    0,
                    0,
                    &::kernelize::__private::Access {
                        array: "tmp",
                        index: "j",
                        axis: ::core::option::Option::Some((1, 2)),
                    },
                );
                let __kz_n: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                    __kz_lo0,
                    __kz_hi0,
                );
                let __kz_cols: usize = ::kernelize::__private::runtime::parallel::LoopIndex::count(
                    __kz_lo1,
                    __kz_hi1,
                );
                let __kz_work: u64 = 18u64.saturating_mul(__kz_cols as u64);
                let __kz_c: usize = ::kernelize::__private::runtime::parallel::chunk_rows_for(
                    __kz_n,
                    __kz_cols,
                    __kz_work,
                );
                let mut __kz_part0 = ::kernelize::__private::runtime::parallel::split_axis(
                    tmp.view_mut(),
                    0,
                    __kz_lo0,
                    __kz_hi0,
                    "tmp",
                );
                let __kz_chunk = ::kernelize::__private::runtime::parallel::closure(
                    #[inline(never)]
                    |
                        __kz_from: usize,
                        __kz_to: usize,
                        __kz_piece0: ::kernelize::__private::ndarray::ArrayViewMut<
                            '_,
                            f64,
                            ::kernelize::__private::ndarray::Ix2,
                        >|
                    {
                        let k = k;
                        let __kz_start = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                            __kz_lo0,
                            __kz_from,
                        );
                        let __kz_end = ::kernelize::__private::runtime::parallel::LoopIndex::nth(
                            __kz_lo0,
                            __kz_to,
                        );
                        let __kz_flat_u = __kz_flat_u;
                        {
                            let mut tmp = ::kernelize::__private::runtime::parallel::AxisChunk::new(
                                __kz_piece0,
                                0,
                                __kz_start,
                            );
                            {
                                for i in __kz_start..__kz_end {
                                    {
                                        #[allow(unused_imports)]
                                        use ::kernelize::__private::runtime::simd::{
                                            Rows as _, RowsMut as _,
                                        };
                                        let __kz_rs_start: usize = __kz_lo1;
                                        let __kz_rs_end: usize = __kz_hi1;
                                        let __kz_sr2 = ::kernelize::__private::row_in(
                                            __kz_flat_u,
                                            &u,
                                            i,
                                        );
                                        let __kz_srw1 = ::kernelize::__private::row_window(
                                            __kz_sr2,
                                            __kz_rs_start,
                                            __kz_rs_end,
                                            -1,
                                            1,
                                        );
                                        let __kz_sr4 = ::kernelize::__private::row_in(
                                            __kz_flat_u,
                                            &u,
                                            usize::wrapping_add(i, 1),
                                        );
                                        let __kz_srw3 = ::kernelize::__private::row_window(
                                            __kz_sr4,
                                            __kz_rs_start,
                                            __kz_rs_end,
                                            0,
                                            0,
                                        );
                                        let __kz_sr6 = ::kernelize::__private::row_in(
                                            __kz_flat_u,
                                            &u,
                                            usize::wrapping_sub(i, 1),
                                        );
                                        let __kz_srw5 = ::kernelize::__private::row_window(
                                            __kz_sr6,
                                            __kz_rs_start,
                                            __kz_rs_end,
                                            0,
                                            0,
                                        );
                                        let __kz_srw7 = ::kernelize::__private::row_window_mut(
                                            tmp.row_slice_mut(i),
                                            __kz_rs_start,
                                            __kz_rs_end,
                                            0,
                                            0,
                                        );
                                        match (__kz_srw1, __kz_srw3, __kz_srw5, __kz_srw7) {
                                            (
                                                ::core::option::Option::Some(__kz_srw1),
                                                ::core::option::Option::Some(__kz_srw3),
                                                ::core::option::Option::Some(__kz_srw5),
                                                ::core::option::Option::Some(__kz_srw7),
                                            ) => {
                                                for j in __kz_rs_start..__kz_rs_end {
                                                    let lap = __kz_srw5[j - __kz_rs_start + 0]
                                                        + __kz_srw3[j - __kz_rs_start + 0]
                                                        + __kz_srw1[j - __kz_rs_start + 0]
                                                        + __kz_srw1[j - __kz_rs_start + 2]
                                                        - 4.0 * __kz_srw1[j - __kz_rs_start + 1];
                                                    __kz_srw7[j - __kz_rs_start + 0] = __kz_srw1[j
                                                        - __kz_rs_start + 1] + k * lap;
                                                }
                                            }
                                            _ => {
                                                for j in __kz_rs_start..__kz_rs_end {
                                                    let lap = u[[i - 1, j]] + u[[i + 1, j]] + u[[i, j - 1]]
                                                        + u[[i, j + 1]] - 4.0 * u[[i, j]];
                                                    tmp[[i, j]] = u[[i, j]] + k * lap;
                                                }
                                            }
                                        }
                                    }
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
                        __kz_part0
                            .axis_chunks_iter_mut(
                                ::kernelize::__private::ndarray::Axis(0),
                                __kz_c,
                            ),
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
            std::mem::swap(u, tmp);
        }
    }
    /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
    pub const REPORT: &'static str = "kernel `heat`: variants serial, parallel\nloop 1 (line 4): 2-D prange over i in 1..n - 1, j in 1..m - 1\n  reductions: none\n  writes: `tmp` (iteration's 2-D element only)\n  reads: `u`\n  bounds checked before the loop: `u[[i - 1..=i + 1, ..]]` (checked; ndarray keeps its own checks), `u[[.., j - 1..=j + 1]]` (checked; ndarray keeps its own checks), `tmp[[i, ..]]` (checked; ndarray keeps its own checks), `tmp[[.., j]]` (checked; ndarray keeps its own checks)\n  outside the kernel language (kept as written): none\n  serial: iterations in order on the calling thread\n  parallel: yes; the i range is cut into chunks of whole rows (kernelize::parallel::chunk_rows_for: about 256 chunks of at least 4 iterations and kernelize::parallel::MIN_CHUNK_WORK), handed out dynamically to the threads of the team, the calling thread's included; each written array is split into the chunks' disjoint parts; reduction partials are combined in chunk order (same result for every thread count); estimated cost 18 per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling thread\n";
}
