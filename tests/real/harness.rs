//! The harness of `tests/real.rs`: every variant of a kernel, on pools of 1, 2 and 3 threads and
//! under every instruction set the CPU has, against `serial`; and the strided layouts of the
//! 2-D arrays the kernels take as views.

#![allow(dead_code)]

use super::common::assert_all_f64;
use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2, s};
use kernelize::parallel::with_threads;
use kernelize::simd::{level, levels, with_level};

/// The five entry points of a kernel, as fn pointers of one type.
pub struct Variants<F> {
    pub name: &'static str,
    pub serial: F,
    pub parallel: F,
    pub fastmath: F,
    pub parallel_fastmath: F,
    /// The dispatching call `name(...)`.
    pub dispatch: F,
}

/// The pools every parallel variant runs on.
pub const THREADS: [usize; 3] = [1, 2, 3];

/// A check of a variant's results (flattened to `f64`, integers exactly) against serial's;
/// panics with `what` in the message.
pub type Check<'a> = &'a dyn Fn(&str, &[f64]);

/// Runs every variant of `v` through `run` (which calls the variant on fresh copies of the
/// inputs and returns every result):
///
/// - `parallel` on each pool of [`THREADS`], checked by `same` (the same arithmetic as serial),
///   and bit-identical on every pool;
/// - for every instruction set: `fastmath` on the calling thread and `parallel_fastmath` on each
///   pool, checked by `fast`, `parallel_fastmath` bit-identical on every pool;
/// - the dispatching call, on the default pool and instruction set, checked by `fast`.
pub fn check_variants<F: Copy + Send + Sync>(
    label: &str,
    v: &Variants<F>,
    run: &(dyn Fn(F) -> Vec<f64> + Sync),
    same: Check,
    fast: Check,
) {
    let name = v.name;
    let mut first = None;
    for t in THREADS {
        let got = with_threads(t, || run(v.parallel));
        let what = format!("{name}::parallel [with_threads({t})] {label}");
        same(&what, &got);
        same_on_every_pool(&what, &mut first, &got);
    }
    for lvl in levels() {
        let got = with_level(lvl, || run(v.fastmath));
        fast(&format!("{name}::fastmath [{lvl}] {label}"), &got);
        let mut first = None;
        for t in THREADS {
            // `with_level` holds on the thread it is called on: set it on the pool's thread.
            let got = with_threads(t, || {
                with_level(lvl, || {
                    assert_eq!(level(), lvl, "with_level did not reach the pool's thread");
                    run(v.parallel_fastmath)
                })
            });
            let what = format!("{name}::parallel_fastmath [{lvl} with_threads({t})] {label}");
            fast(&what, &got);
            same_on_every_pool(&what, &mut first, &got);
        }
    }
    fast(&format!("{name}(..) (dispatch) {label}"), &run(v.dispatch));
}

/// The first pool's results are kept; every later pool's must be bit-identical to them.
#[track_caller]
fn same_on_every_pool(what: &str, first: &mut Option<Vec<f64>>, got: &[f64]) {
    match first {
        None => *first = Some(got.to_vec()),
        Some(f) => assert_all_f64(&format!("{what}: against the pool of {} thread", THREADS[0]), got, f.as_slice()),
    }
}

/// A check that the results equal `want` bit for bit (NaN matches NaN).
pub fn exactly(want: &[f64]) -> impl Fn(&str, &[f64]) + '_ {
    move |what: &str, got: &[f64]| assert_all_f64(what, got, want)
}

/// How a 2-D argument is laid out in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Row-major and contiguous.
    Standard,
    /// Every other column of an array twice as wide (column stride 2), the others NaN.
    EveryOtherColumn,
    /// The transpose of a row-major array (row stride 1, column stride the row count).
    Transposed,
}

pub const LAYOUTS: [Layout; 3] = [Layout::Standard, Layout::EveryOtherColumn, Layout::Transposed];

/// A 2-D array's values in one [`Layout`]: `view()` shows them as the logical array.
#[derive(Clone)]
pub struct Laid {
    layout: Layout,
    store: Array2<f64>,
}

impl Laid {
    pub fn new(a: &Array2<f64>, layout: Layout) -> Laid {
        let store = match layout {
            Layout::Standard => a.as_standard_layout().to_owned(),
            Layout::EveryOtherColumn => {
                let (r, c) = a.dim();
                let mut big = Array2::from_elem((r, 2 * c), f64::NAN);
                big.slice_mut(s![.., ..;2]).assign(a);
                big
            }
            Layout::Transposed => a.t().as_standard_layout().to_owned(),
        };
        Laid { layout, store }
    }

    pub fn view(&self) -> ArrayView2<'_, f64> {
        match self.layout {
            Layout::Standard => self.store.view(),
            Layout::EveryOtherColumn => self.store.slice(s![.., ..;2]),
            Layout::Transposed => self.store.t(),
        }
    }

    pub fn view_mut(&mut self) -> ArrayViewMut2<'_, f64> {
        match self.layout {
            Layout::Standard => self.store.view_mut(),
            Layout::EveryOtherColumn => self.store.slice_mut(s![.., ..;2]),
            Layout::Transposed => self.store.view_mut().reversed_axes(),
        }
    }

    /// The logical array's values, row by row; and, for `EveryOtherColumn`, a check that the
    /// columns in between were not written.
    pub fn values(&self) -> Vec<f64> {
        if self.layout == Layout::EveryOtherColumn && self.store.ncols() > 0 {
            let untouched = self.store.slice(s![.., 1..;2]).iter().all(|v| v.is_nan());
            assert!(untouched, "a kernel wrote the columns between those of a strided view");
        }
        self.view().iter().copied().collect()
    }
}
