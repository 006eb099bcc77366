//! The `parallel` variant's runtime: the threads, the chunking rule, and the views through
//! which iterations write their own elements.
//!
//! A prange loop's iterations `lo..hi` are cut into chunks whose boundaries depend only on the
//! loop's length and its estimated work ([`chunk_len_for`]); the chunks are handed out
//! dynamically to the threads of a team (OpenMP's model: the calling thread works too, and the
//! other threads spin briefly after a loop before they park, so back-to-back loops find them
//! awake; see `KERNELIZE_SPIN_US`), each chunk runs the loop body serially, and reduction
//! partials are combined in chunk order. The result is therefore the same on every run and for
//! every thread count. Loops with less work than [`MIN_WORK`] run on the calling thread.

use crate::team::{Slots, Team};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// A loop is cut into about this many chunks, so that uneven work (Mandelbrot rows) still
/// balances across threads.
pub const TARGET_CHUNKS: usize = 256;

/// No chunk is shorter than this many iterations (unless the loop is).
pub const MIN_CHUNK: usize = 4;

/// Below this much work (in the cost units of the macro's estimate: one per arithmetic
/// operation or array access, 40 per libm-class math function (1 for `abs`, 6 for `sqrt`, the
/// multiplications of a small `powi`), about a quarter of a nanosecond each on the
/// machine it was measured on), a loop runs on the calling thread. With the team's threads
/// awake (they spin after a loop), handing out a loop costs about 2 µs on the 2-core machine
/// this was measured on (`benches/parallel.rs`, group `par_threshold`), so the threshold is
/// where two threads gain that back. `KERNELIZE_MIN_WORK` overrides it (`0` splits every loop,
/// for tests and tuning).
pub const MIN_WORK: u64 = 1 << 15;

/// No chunk holds less work than this (cost units, nominally 4 µs; vectorized code runs its
/// units several times faster): handing out a chunk costs about 0.1 to 0.3 µs when two threads
/// take chunks at once (measured: loops of 122 chunks of 0.1 µs each ran slower on two threads
/// than on one).
pub const MIN_CHUNK_WORK: u64 = 1 << 14;

/// The threshold in force: `KERNELIZE_MIN_WORK`, or [`MIN_WORK`].
///
/// # Panics
///
/// When `KERNELIZE_MIN_WORK` is set to something other than a number.
pub fn min_work() -> u64 {
    static MIN: OnceLock<u64> = OnceLock::new();
    *MIN.get_or_init(|| match std::env::var("KERNELIZE_MIN_WORK") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("KERNELIZE_MIN_WORK=`{s}` is not a number (of cost units; default {MIN_WORK})")),
        _ => MIN_WORK,
    })
}

/// The chunk length for a loop of `n` iterations: a function of `n` alone.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::parallel::chunk_len;
///
/// assert_eq!(chunk_len(1_000_000), 3907);
/// assert_eq!(chunk_len(100), 4);
/// assert_eq!(chunk_len(0), 4);
/// ```
pub const fn chunk_len(n: usize) -> usize {
    let even = n.div_ceil(TARGET_CHUNKS);
    if even > MIN_CHUNK { even } else { MIN_CHUNK }
}

/// The chunk length for a loop of `n` iterations of `work` each (cost units, the macro's
/// estimate with inner trip counts filled in before the loop): [`chunk_len`], or longer so that
/// a chunk holds at least [`MIN_CHUNK_WORK`]. A function of `n` and `work` alone.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::parallel::chunk_len_for;
///
/// assert_eq!(chunk_len_for(1_000_000, 1000), 3907);
/// assert_eq!(chunk_len_for(10_000, 3), 5462);
/// assert_eq!(chunk_len_for(10_000, 42), 391);
/// ```
pub const fn chunk_len_for(n: usize, work: u64) -> usize {
    let work = if work == 0 { 1 } else { work };
    let least = MIN_CHUNK_WORK.div_ceil(work) as usize;
    let even = chunk_len(n);
    if even > least { even } else { least }
}

/// The chunk length for a loop of `n` iterations whose chunks run in SIMD groups of `group`
/// lanes (`parallel_fastmath` with the lanes across the prange index): [`chunk_len`] rounded up
/// to a whole number of groups, so that only the loop's last chunk ends in a partial vector.
/// A function of `n` and `group` alone (`group` is fixed when the kernel is compiled).
///
/// # Examples
///
/// ```
/// use kernelize_runtime::parallel::chunk_len_grouped;
///
/// assert_eq!(chunk_len_grouped(1024, 10_000, 32), 32);
/// assert_eq!(chunk_len_grouped(1_000_000, 10_000, 32), 3936);
/// assert_eq!(chunk_len_grouped(10, 10_000, 8), 8);
/// ```
pub const fn chunk_len_grouped(n: usize, work: u64, group: usize) -> usize {
    let group = if group == 0 { 1 } else { group };
    chunk_len_for(n, work).div_ceil(group) * group
}

/// The chunk length, in rows, for a 2-D loop of `rows` x `cols` iterations: about
/// [`TARGET_CHUNKS`] chunks, each of at least [`MIN_CHUNK`] iterations. A function of the two
/// lengths alone.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::parallel::chunk_rows;
///
/// assert_eq!(chunk_rows(1000, 1000), 4);
/// assert_eq!(chunk_rows(4, 1_000_000), 1);
/// assert_eq!(chunk_rows(1000, 1), 4);
/// ```
pub const fn chunk_rows(rows: usize, cols: usize) -> usize {
    let even = rows.div_ceil(TARGET_CHUNKS);
    let least = if cols == 0 { 1 } else { MIN_CHUNK.div_ceil(cols) };
    if even > least { even } else { least }
}

/// [`chunk_rows`] for rows of `work` each (cost units): at least [`MIN_CHUNK_WORK`] a chunk.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::parallel::chunk_rows_for;
///
/// assert_eq!(chunk_rows_for(1000, 1000, 4000), 5);
/// assert_eq!(chunk_rows_for(1000, 10, 40), 410);
/// ```
pub const fn chunk_rows_for(rows: usize, cols: usize, work: u64) -> usize {
    let work = if work == 0 { 1 } else { work };
    let least = MIN_CHUNK_WORK.div_ceil(work) as usize;
    let even = chunk_rows(rows, cols);
    if even > least { even } else { least }
}

/// The number of threads the `parallel` variants use: `KERNELIZE_NUM_THREADS`, or every
/// hardware thread. Inside [`with_threads`], that team's size.
///
/// # Panics
///
/// When `KERNELIZE_NUM_THREADS` is set to something other than a positive integer.
pub fn num_threads() -> usize {
    if ALONE.with(std::cell::Cell::get) { 1 } else { with_team(Team::size) }
}

thread_local! {
    /// Inside [`on_calling_thread`].
    static ALONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every `parallel` variant inside it on the calling thread alone (as with one
/// thread: the chunks one after another): how `name::fastmath` runs `name::parallel_fastmath`
/// when a kernel has both.
#[doc(hidden)]
pub fn on_calling_thread<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            ALONE.with(|a| a.set(self.0));
        }
    }
    let _restore = Restore(ALONE.with(|a| a.replace(true)));
    f()
}

/// Runs `f` with every `parallel` variant inside it using a team of `threads` threads (the
/// calling thread and `threads - 1` others, started here and stopped when `f` returns).
///
/// Results do not depend on the thread count; this is how tests show it.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::parallel::{num_threads, with_threads};
///
/// assert_eq!(with_threads(3, num_threads), 3);
/// ```
///
/// # Panics
///
/// When the operating system cannot start the threads.
pub fn with_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    struct Restore(Option<Arc<Team>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let team = Arc::new(Team::new(threads, crate::team::spin_time(), crate::team::proc_bind()));
    let _restore = Restore(CURRENT.with(|c| c.borrow_mut().replace(team)));
    f()
}

thread_local! {
    /// The team of the innermost [`with_threads`] on this thread.
    static CURRENT: RefCell<Option<Arc<Team>>> = const { RefCell::new(None) };
}

/// `f` of the team in effect on this thread.
fn with_team<R>(f: impl FnOnce(&Team) -> R) -> R {
    let current = CURRENT.with(|c| c.borrow().clone());
    match current {
        Some(team) => f(&team),
        None => f(team()),
    }
}

fn team() -> &'static Team {
    static TEAM: OnceLock<Team> = OnceLock::new();
    TEAM.get_or_init(|| {
        let threads = threads_from_env().unwrap_or_else(|e| panic!("{e}"));
        let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        Team::new(threads, crate::team::spin_time(), crate::team::proc_bind())
    })
}

fn threads_from_env() -> Result<Option<usize>, String> {
    match std::env::var("KERNELIZE_NUM_THREADS") {
        Ok(s) if s.trim().is_empty() => Ok(None),
        Ok(s) => match s.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(format!("KERNELIZE_NUM_THREADS=`{s}` is not a positive number of threads")),
        },
        Err(_) => Ok(None),
    }
}

/// Whether a loop of `n` iterations of estimated `cost` each should use the team.
#[doc(hidden)]
#[inline]
pub fn go_parallel(n: usize, cost: u64) -> bool {
    (n as u64).saturating_mul(cost) >= min_work() && n > 1 && num_threads() > 1
}

/// Whether a loop is below the threshold whatever the thread count: it then runs as one
/// piece, reductions included (the result depends on `n` and `cost` only, never on threads).
#[doc(hidden)]
#[inline]
pub fn below_threshold(n: usize, cost: u64) -> bool {
    (n as u64).saturating_mul(cost) < min_work() || n <= 1
}

/// `f` itself: generated code passes a closure through it to give it an attribute
/// (`#[inline(never)]`), which Rust allows on a closure in argument position.
#[doc(hidden)]
#[inline(always)]
pub fn closure<F>(f: F) -> F {
    f
}

/// `chunk(k, piece)` for the pieces in order (`k` counting from 0), on the team in effect on
/// this thread; the results in chunk order. On a team's worker (a loop inside a loop), or while
/// the team runs another thread's loop, the chunks run here, in order.
///
/// # Panics
///
/// When a chunk panics: after every chunk has run or been abandoned.
#[doc(hidden)]
pub fn run_chunks<P: Send, R: Send>(pieces: impl Iterator<Item = P>, chunk: impl Fn(usize, P) -> R + Sync) -> Vec<R> {
    let pieces = Slots::filled(pieces);
    let results = Slots::empty(pieces.len());
    with_team(|team| {
        team.run(pieces.len(), &|k| {
            if let Some(Some(p)) = pieces.claim(k, None) {
                results.claim(k, Some(chunk(k, p)));
            }
        });
    });
    results.into_values().map(|r| r.unwrap_or_else(|| unreachable!("every chunk ran once"))).collect()
}

/// `&mut a[lo..hi]`, after checking that `a` covers the loop.
///
/// # Panics
///
/// Before any thread starts, when `a` is shorter than the loop's range; the message names it.
#[doc(hidden)]
#[inline]
#[track_caller]
pub fn split_slice<'a, T>(a: &'a mut [T], lo: usize, hi: usize, name: &str) -> &'a mut [T] {
    if lo >= hi {
        return &mut a[..0];
    }
    let len = a.len();
    match a.get_mut(lo..hi) {
        Some(part) => part,
        None => too_short(name, len, lo, hi),
    }
}

/// `a` restricted to `lo..hi` along `axis`, after checking that it covers the loop.
///
/// # Panics
///
/// As [`split_slice`].
#[doc(hidden)]
#[inline]
#[track_caller]
pub fn split_axis<'a, T, D: ndarray::Dimension>(
    mut a: ndarray::ArrayViewMut<'a, T, D>,
    axis: usize,
    lo: usize,
    hi: usize,
    name: &str,
) -> ndarray::ArrayViewMut<'a, T, D> {
    let len = a.len_of(ndarray::Axis(axis));
    let (lo, hi) = if lo >= hi { (0, 0) } else { (lo, hi) };
    if hi > len {
        too_short(name, len, lo, hi);
    }
    a.slice_axis_inplace(ndarray::Axis(axis), ndarray::Slice::from(lo..hi));
    a
}

#[cold]
#[inline(never)]
#[track_caller]
fn too_short(name: &str, len: usize, lo: usize, hi: usize) -> ! {
    panic!("the prange loop over {lo}..{hi} writes `{name}`, but `{name}` has only {len} elements along that axis")
}

/// The part of a written slice that one chunk owns, indexed with the loop's own indices.
///
/// Indexing outside the chunk panics: the type itself makes cross-iteration writes impossible.
#[doc(hidden)]
pub struct SliceChunk<'a, T> {
    base: usize,
    data: &'a mut [T],
}

impl<'a, T> SliceChunk<'a, T> {
    #[inline]
    pub fn new(data: &'a mut [T], base: usize) -> Self {
        SliceChunk { base, data }
    }
}

impl<T> std::ops::Index<usize> for SliceChunk<'_, T> {
    type Output = T;
    #[inline]
    fn index(&self, i: usize) -> &T {
        &self.data[i.wrapping_sub(self.base)]
    }
}

impl<T> crate::__private::LocalView for SliceChunk<'_, T> {
    type View<'b>
        = SliceChunk<'b, T>
    where
        Self: 'b;
    #[inline(always)]
    fn kz_local(&mut self) -> SliceChunk<'_, T> {
        SliceChunk { base: self.base, data: &mut *self.data }
    }
}

impl<T, D: ndarray::Dimension> crate::__private::LocalView for AxisChunk<'_, T, D> {
    type View<'b>
        = AxisChunk<'b, T, D>
    where
        Self: 'b;
    #[inline(always)]
    fn kz_local(&mut self) -> AxisChunk<'_, T, D> {
        AxisChunk { axis: self.axis, base: self.base, bases: self.bases, view: self.view.view_mut() }
    }
}

impl<T> std::ops::IndexMut<usize> for SliceChunk<'_, T> {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.data[i.wrapping_sub(self.base)]
    }
}

/// The part of a written ndarray that one chunk owns (a range along one axis), indexed with the
/// loop's own indices.
#[doc(hidden)]
pub struct AxisChunk<'a, T, D: ndarray::Dimension> {
    axis: usize,
    base: usize,
    /// `base` on axis `axis` of a 2-D piece, 0 on the other: what [`AxisChunk::local`]
    /// subtracts, without indexing the index by a run-time axis (a store and a reload, and a
    /// bounds check, at every access).
    bases: [usize; 2],
    view: ndarray::ArrayViewMut<'a, T, D>,
}

impl<'a, T, D: ndarray::Dimension> AxisChunk<'a, T, D> {
    #[inline]
    pub fn new(view: ndarray::ArrayViewMut<'a, T, D>, axis: usize, base: usize) -> Self {
        let mut bases = [0; 2];
        if let Some(b) = bases.get_mut(axis) {
            *b = base;
        }
        AxisChunk { axis, base, bases, view }
    }

    #[inline]
    fn local(&self, [i, j]: [usize; 2]) -> [usize; 2] {
        [i.wrapping_sub(self.bases[0]), j.wrapping_sub(self.bases[1])]
    }
}

impl<T> std::ops::Index<usize> for AxisChunk<'_, T, ndarray::Ix1> {
    type Output = T;
    #[inline]
    fn index(&self, i: usize) -> &T {
        &self.view[i.wrapping_sub(self.base)]
    }
}

impl<T> std::ops::IndexMut<usize> for AxisChunk<'_, T, ndarray::Ix1> {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.view[i.wrapping_sub(self.base)]
    }
}

impl<T> std::ops::Index<[usize; 2]> for AxisChunk<'_, T, ndarray::Ix2> {
    type Output = T;
    #[inline]
    fn index(&self, i: [usize; 2]) -> &T {
        &self.view[self.local(i)]
    }
}

impl<T> std::ops::IndexMut<[usize; 2]> for AxisChunk<'_, T, ndarray::Ix2> {
    #[inline]
    fn index_mut(&mut self, i: [usize; 2]) -> &mut T {
        let i = self.local(i);
        &mut self.view[i]
    }
}

impl<T> crate::simd::Rows<T> for AxisChunk<'_, T, ndarray::Ix2> {
    /// Row `r` (a loop index) of a piece cut along rows; a piece cut along columns has only
    /// parts of rows, and gives none.
    #[inline(always)]
    fn row_slice(&self, r: usize) -> Option<&[T]> {
        if self.axis != 0 {
            return None;
        }
        crate::simd::Rows::row_slice(&self.view, r.wrapping_sub(self.base))
    }

    /// Row `r` from column `c` (loop indices); of a piece cut along columns, the piece's part.
    #[inline(always)]
    fn row_at(&self, r: usize, c: usize) -> Option<&[T]> {
        match self.axis {
            0 => crate::simd::Rows::row_slice(&self.view, r.wrapping_sub(self.base))?.get(c..),
            _ => crate::simd::Rows::row_slice(&self.view, r)?.get(c.checked_sub(self.base)?..),
        }
    }
}

impl<T> crate::simd::RowsMut<T> for AxisChunk<'_, T, ndarray::Ix2> {
    #[inline(always)]
    fn row_slice_mut(&mut self, r: usize) -> Option<&mut [T]> {
        if self.axis != 0 {
            return None;
        }
        crate::simd::RowsMut::row_slice_mut(&mut self.view, r.wrapping_sub(self.base))
    }

    #[inline(always)]
    fn row_at_mut(&mut self, r: usize, c: usize) -> Option<&mut [T]> {
        let base = self.base;
        match self.axis {
            0 => crate::simd::RowsMut::row_slice_mut(&mut self.view, r.wrapping_sub(base))?.get_mut(c..),
            _ => crate::simd::RowsMut::row_slice_mut(&mut self.view, r)?.get_mut(c.checked_sub(base)?..),
        }
    }
}

impl<T> std::ops::Index<(usize, usize)> for AxisChunk<'_, T, ndarray::Ix2> {
    type Output = T;
    #[inline]
    fn index(&self, (i, j): (usize, usize)) -> &T {
        &self[[i, j]]
    }
}

impl<T> std::ops::IndexMut<(usize, usize)> for AxisChunk<'_, T, ndarray::Ix2> {
    #[inline]
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut T {
        &mut self[[i, j]]
    }
}

/// The identity of each reduction operator, for any scalar type, found from a reference to the
/// reduction variable (so generated code need not name its type).
#[doc(hidden)]
pub trait Identity: Copy {
    fn sum_identity(&self) -> Self;
    fn product_identity(&self) -> Self;
    fn max_identity(&self) -> Self;
    fn min_identity(&self) -> Self;
    fn or_identity(&self) -> Self;
    fn and_identity(&self) -> Self;
    fn xor_identity(&self) -> Self;
}

macro_rules! identity_float {
    ($($t:ty)*) => {$(
        impl Identity for $t {
            // `-0.0`, not `0.0`: `-0.0 + x == x` for every `x`, `-0.0` included.
            fn sum_identity(&self) -> $t { -0.0 }
            fn product_identity(&self) -> $t { 1.0 }
            fn max_identity(&self) -> $t { <$t>::NEG_INFINITY }
            fn min_identity(&self) -> $t { <$t>::INFINITY }
            fn or_identity(&self) -> $t { 0.0 }
            fn and_identity(&self) -> $t { 0.0 }
            fn xor_identity(&self) -> $t { 0.0 }
        }
    )*};
}

macro_rules! identity_int {
    ($($t:ty)*) => {$(
        impl Identity for $t {
            fn sum_identity(&self) -> $t { 0 }
            fn product_identity(&self) -> $t { 1 }
            fn max_identity(&self) -> $t { <$t>::MIN }
            fn min_identity(&self) -> $t { <$t>::MAX }
            fn or_identity(&self) -> $t { 0 }
            fn and_identity(&self) -> $t { !0 }
            fn xor_identity(&self) -> $t { 0 }
        }
    )*};
}

identity_float!(f32 f64);
identity_int!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

impl Identity for bool {
    fn sum_identity(&self) -> bool {
        false
    }
    fn product_identity(&self) -> bool {
        true
    }
    fn max_identity(&self) -> bool {
        false
    }
    fn min_identity(&self) -> bool {
        true
    }
    fn or_identity(&self) -> bool {
        false
    }
    fn and_identity(&self) -> bool {
        true
    }
    fn xor_identity(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_depend_on_the_length_only() {
        assert_eq!(chunk_len(256 * 100), 100);
        assert_eq!(chunk_len(256 * 100 + 1), 101);
        assert_eq!(chunk_len(17), MIN_CHUNK);
        let n: usize = 1_000_003;
        let chunks = n.div_ceil(chunk_len(n));
        assert!(chunks <= TARGET_CHUNKS && chunks > TARGET_CHUNKS - 2, "{chunks}");
    }

    #[test]
    fn teams_of_every_size() {
        for t in [1, 2, 8] {
            assert_eq!(with_threads(t, num_threads), t);
            // Nested: the inner team, then the outer one again.
            assert_eq!(with_threads(t, || (with_threads(3, num_threads), num_threads())), (3, t));
        }
    }

    #[test]
    fn chunk_results_come_back_in_chunk_order() {
        for t in [1, 2, 3] {
            let out = with_threads(t, || run_chunks((0..100).map(|k| k * 10), |k, p| (k, p + 1)));
            assert_eq!(out, (0..100).map(|k| (k, k * 10 + 1)).collect::<Vec<_>>(), "{t} threads");
        }
    }

    #[test]
    fn cheap_loops_get_fewer_chunks_from_their_length_and_work_only() {
        assert_eq!(chunk_len_for(10_000, 1), 16_384, "one chunk");
        assert_eq!(chunk_len_for(1_000_000, 42), 3907);
        assert_eq!(chunk_len_for(100, 0), MIN_CHUNK_WORK as usize);
        assert_eq!(chunk_rows_for(10, 10, 1_000_000), 1);
        assert_eq!(chunk_rows_for(10, 10, 100), 164);
    }

    #[test]
    fn chunks_index_with_loop_indices_and_refuse_others() {
        let mut v = [0u32; 10];
        let part = split_slice(&mut v, 2, 8, "v");
        let (a, b) = part.split_at_mut(3);
        let (mut a, mut b) = (SliceChunk::new(a, 2), SliceChunk::new(b, 5));
        a[4] = 4;
        b[7] = 7;
        assert_eq!(v, [0, 0, 0, 0, 4, 0, 0, 7, 0, 0]);
        let mut v = [0u32; 10];
        let mut c = SliceChunk::new(&mut v[2..5], 2);
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c[5] = 1)).is_err());
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c[1] = 1)).is_err());
    }

    #[test]
    #[should_panic(expected = "writes `out`, but `out` has only 4 elements")]
    fn a_short_array_is_named() {
        let mut v = [0.0; 4];
        split_slice(&mut v, 0, 5, "out");
    }

    #[test]
    fn axis_chunks_map_rows_and_columns() {
        let mut a = ndarray::Array2::<i32>::zeros((4, 3));
        let rows = split_axis(a.view_mut(), 0, 1, 3, "a");
        let mut c = AxisChunk::new(rows, 0, 1);
        c[[2, 1]] = 5;
        c[(1, 0)] = 6;
        assert_eq!(a[[2, 1]], 5);
        assert_eq!(a[[1, 0]], 6);
        let cols = split_axis(a.view_mut(), 1, 2, 3, "a");
        let mut c = AxisChunk::new(cols, 1, 2);
        c[[3, 2]] = 9;
        assert_eq!(a[[3, 2]], 9);
    }

    #[test]
    fn loop_indices_count_and_step() {
        assert_eq!(LoopIndex::count(-3i32, 5i32), 8);
        assert_eq!(LoopIndex::count(5u8, 3u8), 0);
        assert_eq!(LoopIndex::nth(-3i32, 5), 2);
        assert_eq!(LoopIndex::nth(10usize, 7), 17);
    }

    #[test]
    fn identities_are_neutral() {
        let x = 3.5f64;
        assert_eq!(x.max_identity().max(x), x);
        assert_eq!(7u8 & 7u8.and_identity(), 7);
        assert!(true.and_identity() && !true.or_identity());
        assert_eq!(5i32.min_identity(), i32::MAX);
    }
}

/// Integer types a prange loop can count with: the number of iterations of `lo..hi`, and the
/// index `k` iterations after `lo`.
#[doc(hidden)]
pub trait LoopIndex: Copy {
    fn count(lo: Self, hi: Self) -> usize;
    fn nth(lo: Self, k: usize) -> Self;
}

macro_rules! loop_index {
    ($($t:ty)*) => {$(
        impl LoopIndex for $t {
            #[inline]
            fn count(lo: $t, hi: $t) -> usize {
                if hi > lo { (hi as i128 - lo as i128) as usize } else { 0 }
            }
            #[inline]
            fn nth(lo: $t, k: usize) -> $t {
                (lo as i128 + k as i128) as $t
            }
        }
    )*};
}

loop_index!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);
