//! The threads `parallel` loops run on: a team in the manner of OpenMP's. The calling thread
//! works too (a team of `n` threads has `n - 1` workers); each member starts on its own block of
//! the loop's chunks (the same block loop after loop, so the rows it works on stay in its cache,
//! as with OpenMP's static schedule) and then takes chunks left in the others' blocks (so uneven
//! work still balances); after a loop the workers spin for a while before they park, so that loops that
//! follow one another (and repeated calls) find them awake: waking a parked thread costs 15 to
//! 20 µs on the 2-core machine this was measured on, more than a whole loop of 10k `tanh`s
//! takes on two threads. `KERNELIZE_SPIN_US` sets how long they spin (default
//! [`SPIN_US`]; `0` parks at once, OpenMP's `OMP_WAIT_POLICY=PASSIVE`).
//!
//! On Linux, worker `k` is bound to the `k`-th CPU the process may run on (wrapping around),
//! and the calling thread is left alone: without it, a caller that had blocked (on I/O, or a
//! pipe) was often woken on the CPU where a worker spun, and the scheduler kept both there, so
//! the loop ran on one core (go_fast at 10k under the peer driver: `parallel` 171 µs against
//! `serial`'s 172; with the workers bound, 75-100 µs against 118-185). `KERNELIZE_PROC_BIND=false`
//! leaves the workers unbound (OpenMP's `OMP_PROC_BIND=false`).
//!
//! A loop started while the team is busy (another thread's loop, or a kernel called inside a
//! loop's body) runs its chunks on the calling thread, in order. Results never depend on which
//! thread runs a chunk: chunk boundaries are fixed before the loop, and results come back in
//! chunk order.

use std::any::Any;
use std::cell::UnsafeCell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError, TryLockError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long, in microseconds, workers spin after a loop before they park.
pub const SPIN_US: u64 = 200;

/// The spin time in force: `KERNELIZE_SPIN_US`, or [`SPIN_US`].
///
/// # Panics
///
/// When `KERNELIZE_SPIN_US` is set to something other than a number.
pub fn spin_time() -> Duration {
    static SPIN: OnceLock<Duration> = OnceLock::new();
    *SPIN.get_or_init(|| match std::env::var("KERNELIZE_SPIN_US") {
        Ok(s) if !s.trim().is_empty() => Duration::from_micros(
            s.trim().parse().unwrap_or_else(|_| panic!("KERNELIZE_SPIN_US=`{s}` is not a number of microseconds")),
        ),
        _ => Duration::from_micros(SPIN_US),
    })
}

/// A loop's work as the team sees it: call `f(k)` for `k` in `0..n`, each `k` once.
type Work = dyn Fn(usize) + Sync;

/// A pointer to the running loop's work, valid while the loop is open or any worker is in it
/// (the caller does not return before both are over).
#[derive(Clone, Copy)]
struct WorkRef(*const Work);

// SAFETY: the pointee is `Sync`; the protocol of `Team::run` keeps it alive while in use.
unsafe impl Send for WorkRef {}

// SAFETY: `work`, the one field that is not itself `Sync`, is written and read only under the
// protocol of `Team::run` (see there and in `worker`), which orders every write before the reads
// it can meet through the `SeqCst` accesses of `state` and `inside`.
unsafe impl Sync for Shared {}

struct Shared {
    /// The current loop: `epoch << 1 | open`.
    state: AtomicU64,
    /// The current loop's work and length: written by the caller of `Team::run` before the loop
    /// opens (no worker is inside a loop then), read by workers counted inside the open loop.
    work: UnsafeCell<Option<(WorkRef, usize)>>,
    /// Each member's block of the loop's chunks, `front << 32 | back`: a member takes its own
    /// chunks from the front, in order (the same rows on the same thread, loop after loop, so
    /// they stay in its cache), and when its block is done takes others' from the back (so an
    /// uneven loop, or a member that is late to wake, still balances).
    blocks: Vec<Block>,
    /// Workers inside the current loop.
    inside: AtomicUsize,
    /// The first panic of a chunk on a worker.
    panic: Mutex<Option<Box<dyn Any + Send>>>,
    /// Parked workers: their count, and where they wait for the next loop.
    parked_count: AtomicUsize,
    parked: Mutex<()>,
    wake: Condvar,
    shutdown: AtomicBool,
    spin: Duration,
}

/// Whether the workers are bound to CPUs: `KERNELIZE_PROC_BIND` (`true` or `false`; default
/// `true`), on Linux only.
///
/// # Panics
///
/// When `KERNELIZE_PROC_BIND` is set to something other than `true` or `false`.
pub fn proc_bind() -> bool {
    static BIND: OnceLock<bool> = OnceLock::new();
    *BIND.get_or_init(|| match std::env::var("KERNELIZE_PROC_BIND") {
        Ok(s) if s.trim().is_empty() => true,
        Ok(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => true,
            "false" | "0" => false,
            _ => panic!("KERNELIZE_PROC_BIND=`{s}` is neither `true` nor `false`"),
        },
        Err(_) => true,
    })
}

/// The CPUs this thread may run on, in order; empty where that is not known (or not Linux).
fn allowed_cpus() -> Vec<usize> {
    #[cfg(all(target_os = "linux", not(miri)))]
    {
        // SAFETY: `cpu_set_t` is plain data, for which all zeroes is the empty set.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        // SAFETY: `set` is a valid, writable `cpu_set_t` of the size passed; pid 0 is this thread.
        if unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } != 0 {
            return Vec::new();
        }
        // SAFETY: every index is below `CPU_SETSIZE`, the set's capacity.
        (0..libc::CPU_SETSIZE as usize).filter(|&c| unsafe { libc::CPU_ISSET(c, &set) }).collect()
    }
    #[cfg(not(all(target_os = "linux", not(miri))))]
    {
        Vec::new()
    }
}

/// Binds this thread to `cpu`, where the system allows it (a failure leaves it unbound).
fn bind_to(cpu: usize) {
    bind_to_set(&[cpu]);
}

/// Lets this thread run on `cpus` only (each below `CPU_SETSIZE`), where the system allows it;
/// a failure leaves its CPUs as they were.
fn bind_to_set(cpus: &[usize]) {
    #[cfg(all(target_os = "linux", not(miri)))]
    {
        // SAFETY: `cpu_set_t` is plain data, for which all zeroes is the empty set.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        for &cpu in cpus.iter().filter(|&&c| c < libc::CPU_SETSIZE as usize) {
            // SAFETY: `cpu` is below `CPU_SETSIZE`, the set's capacity.
            unsafe { libc::CPU_SET(cpu, &mut set) };
        }
        // SAFETY: `set` is a valid `cpu_set_t` of the size passed; pid 0 is this thread.
        unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) };
    }
    #[cfg(not(all(target_os = "linux", not(miri))))]
    {
        let _ = cpus;
    }
}

/// The CPU this thread is running on, where that is known.
fn current_cpu() -> Option<usize> {
    #[cfg(all(target_os = "linux", not(miri)))]
    {
        // SAFETY: `sched_getcpu` takes nothing and returns the CPU or -1.
        usize::try_from(unsafe { libc::sched_getcpu() }).ok()
    }
    #[cfg(not(all(target_os = "linux", not(miri))))]
    {
        None
    }
}

/// While a loop runs: the calling thread kept off the CPUs its team's workers are bound to, if
/// it was on one of them (its own CPUs given back when the loop ends).
///
/// The caller is not bound, and Linux may wake it on the CPU of a worker that spins there: then
/// both shared one core and the loop ran at one thread's speed while the other core idled
/// (measured under the peer driver, where the calling thread waits on a pipe between calls:
/// do_sum_parallel_fast at 1M took 241-256 µs in `parallel_fastmath`, 131-133 µs with the
/// calling thread kept off the worker's CPU). Binding the caller for good, as OpenMP's
/// `OMP_PROC_BIND` does with its initial thread, would be a surprise to a program whose thread
/// it is; this costs a `getcpu` per loop, and two affinity calls only when the caller was there.
struct OffWorkers {
    restore: Option<Vec<usize>>,
}

impl OffWorkers {
    fn enter(worker_cpus: &[usize], caller_cpus: &[usize]) -> OffWorkers {
        let on_a_worker = !caller_cpus.is_empty() && current_cpu().is_some_and(|c| worker_cpus.contains(&c));
        if !on_a_worker {
            return OffWorkers { restore: None };
        }
        let mine = allowed_cpus();
        let keep: Vec<usize> = caller_cpus.iter().copied().filter(|c| mine.contains(c)).collect();
        if keep.is_empty() {
            return OffWorkers { restore: None };
        }
        bind_to_set(&keep);
        OffWorkers { restore: Some(mine) }
    }
}

impl Drop for OffWorkers {
    fn drop(&mut self) {
        if let Some(cpus) = &self.restore {
            bind_to_set(cpus);
        }
    }
}

/// The threads of a team (see the module's docs).
pub struct Team {
    shared: Arc<Shared>,
    size: usize,
    /// Held by the thread whose loop the team runs.
    busy: Mutex<()>,
    workers: Vec<JoinHandle<()>>,
    /// The CPUs the workers are bound to, and the others the team was made with (empty when
    /// the workers are not bound): see [`OffWorkers`].
    worker_cpus: Vec<usize>,
    caller_cpus: Vec<usize>,
}

impl Team {
    /// A team of `size` threads in all: the caller and `size - 1` workers, which spin for
    /// `spin` after a loop and, with `bind` (see [`proc_bind`]), are bound to one CPU each.
    ///
    /// # Panics
    ///
    /// When the operating system cannot start a thread.
    pub fn new(size: usize, spin: Duration, bind: bool) -> Team {
        let size = size.max(1);
        let shared = Arc::new(Shared {
            state: AtomicU64::new(0),
            work: UnsafeCell::new(None),
            blocks: (0..size.max(1)).map(|_| Block(AtomicU64::new(0))).collect(),
            inside: AtomicUsize::new(0),
            panic: Mutex::new(None),
            parked_count: AtomicUsize::new(0),
            parked: Mutex::new(()),
            wake: Condvar::new(),
            shutdown: AtomicBool::new(false),
            spin,
        });
        // Worker `i` on the `i`-th allowed CPU; the caller, unbound, on the others.
        let cpus = if bind { allowed_cpus() } else { Vec::new() };
        let worker_cpus: Vec<usize> =
            if cpus.len() > 1 { (1..size).map(|i| cpus[i % cpus.len()]).collect() } else { Vec::new() };
        let caller_cpus: Vec<usize> = if worker_cpus.is_empty() {
            Vec::new()
        } else {
            cpus.iter().copied().filter(|c| !worker_cpus.contains(c)).collect()
        };
        let workers = (1..size)
            .map(|i| {
                let shared = Arc::clone(&shared);
                let cpu = worker_cpus.get(i - 1).copied();
                std::thread::Builder::new()
                    .name(format!("kernelize-{i}"))
                    .spawn(move || {
                        if let Some(cpu) = cpu {
                            bind_to(cpu);
                        }
                        worker(&shared, i)
                    })
                    .unwrap_or_else(|e| panic!("kernelize: cannot start the threads of a team: {e}"))
            })
            .collect();
        Team { shared, size, busy: Mutex::new(()), workers, worker_cpus, caller_cpus }
    }

    /// Threads in the team, the caller's included.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `f(k)` for every `k` in `0..n`, each once, on the team; returns when all are done.
    /// A panic in any `f(k)` is resumed here, after every thread has left the loop.
    pub fn run(&self, n: usize, f: &(dyn Fn(usize) + Sync)) {
        if n == 0 {
            return;
        }
        let guard = match self.busy.try_lock() {
            Ok(g) => Some(g),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        if guard.is_none() || self.size == 1 || IN_WORKER.with(|w| w.get()) || n > u32::MAX as usize {
            // Busy (a loop inside a loop, or another thread's), or alone: in order, here.
            (0..n).for_each(f);
            return;
        }
        let _off = OffWorkers::enter(&self.worker_cpus, &self.caller_cpus);
        let s = &*self.shared;
        // SAFETY: the lifetime is erased for the workers; `f` outlives every use, because this
        // function returns only after the loop is closed and no worker is inside it.
        let work =
            WorkRef(unsafe { std::mem::transmute::<&(dyn Fn(usize) + Sync + '_), &'static Work>(f) } as *const Work);
        // SAFETY: no worker reads `work` now: the last loop is closed and none is inside it (the
        // previous `run` waited for that), and a worker reads it only after it has seen this
        // loop open (the `SeqCst` store below orders this write before that).
        unsafe { *s.work.get() = Some((work, n)) };
        let members = s.blocks.len();
        for (m, b) in s.blocks.iter().enumerate() {
            b.0.store(pack(m * n / members, (m + 1) * n / members), Ordering::SeqCst);
        }
        let epoch = (s.state.load(Ordering::SeqCst) >> 1) + 1;
        s.state.store(epoch << 1 | 1, Ordering::SeqCst);
        if s.parked_count.load(Ordering::SeqCst) > 0 {
            let _parked = s.parked.lock().unwrap_or_else(PoisonError::into_inner);
            s.wake.notify_all();
        }
        let mine = catch_unwind(AssertUnwindSafe(|| take_chunks(s, f, 0)));
        // Close the loop: a worker that arrives now backs off without touching `f`.
        s.state.store(epoch << 1, Ordering::SeqCst);
        let mut spins = 0u32;
        while s.inside.load(Ordering::SeqCst) != 0 {
            spins = spins.wrapping_add(1);
            if spins > 4096 && spins.is_multiple_of(64) {
                std::thread::yield_now();
            } else {
                std::hint::spin_loop();
            }
        }
        let theirs = s.panic.lock().unwrap_or_else(PoisonError::into_inner).take();
        drop(guard);
        if let Err(p) = mine {
            resume_unwind(p);
        }
        if let Some(p) = theirs {
            resume_unwind(p);
        }
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        {
            let _parked = self.shared.parked.lock().unwrap_or_else(PoisonError::into_inner);
            self.shared.wake.notify_all();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

thread_local! {
    /// Set on a team's worker threads: a loop started there runs in place.
    static IN_WORKER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One member's share of a loop: its own block from the front, then the others' from the back.
fn take_chunks(s: &Shared, f: &(dyn Fn(usize) + Sync + '_), member: usize) {
    let own = &s.blocks[member % s.blocks.len()].0;
    while let Some(k) = take(own, true) {
        f(k);
    }
    let members = s.blocks.len();
    for step in 1..members {
        let other = &s.blocks[(member + step) % members].0;
        while let Some(k) = take(other, false) {
            f(k);
        }
    }
}

/// A chunk of a block: its first (the owner) or its last (another member).
fn take(block: &AtomicU64, front: bool) -> Option<usize> {
    let mut cur = block.load(Ordering::SeqCst);
    loop {
        let (f, b) = unpack(cur);
        if f >= b {
            return None;
        }
        let (next, k) = if front { (pack(f + 1, b), f) } else { (pack(f, b - 1), b - 1) };
        match block.compare_exchange_weak(cur, next, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => return Some(k),
            Err(now) => cur = now,
        }
    }
}

/// One member's block, alone on its cache line.
#[repr(align(64))]
struct Block(AtomicU64);

fn pack(front: usize, back: usize) -> u64 {
    (front as u64) << 32 | back as u64 & 0xffff_ffff
}

fn unpack(v: u64) -> (usize, usize) {
    ((v >> 32) as usize, (v & 0xffff_ffff) as usize)
}

fn worker(s: &Shared, member: usize) {
    IN_WORKER.with(|w| w.set(true));
    let mut seen = 0u64;
    loop {
        let Some(epoch) = wait_for_loop(s, seen) else { return };
        seen = epoch;
        s.inside.fetch_add(1, Ordering::SeqCst);
        if s.state.load(Ordering::SeqCst) == epoch << 1 | 1 {
            // SAFETY: the loop is open and this worker is counted inside it: the caller wrote
            // `work` before opening it and does not write it again before every worker has left.
            let work = unsafe { *s.work.get() };
            if let Some((WorkRef(f), _)) = work {
                // SAFETY: the loop is open and this worker is counted inside it, so the caller
                // of `Team::run` has not returned: `f` is alive (see there).
                let f: &Work = unsafe { &*f };
                if let Err(p) = catch_unwind(AssertUnwindSafe(|| take_chunks(s, f, member))) {
                    s.panic.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(p);
                }
            }
        }
        s.inside.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Waits for a loop newer than `seen` to open: spinning for the team's spin time, then parked.
/// Its epoch, or `None` when the team shuts down.
fn wait_for_loop(s: &Shared, seen: u64) -> Option<u64> {
    let open = |state: u64| (state & 1 == 1 && state >> 1 > seen).then_some(state >> 1);
    let start = Instant::now();
    let mut spins = 0u32;
    loop {
        if let Some(e) = open(s.state.load(Ordering::SeqCst)) {
            return Some(e);
        }
        spins = spins.wrapping_add(1);
        if spins.is_multiple_of(256) {
            if s.shutdown.load(Ordering::SeqCst) {
                return None;
            }
            let waited = start.elapsed();
            if waited >= s.spin {
                break;
            }
            // After the first part of the spin, on a machine with more threads than cores,
            // let the others run.
            if waited >= s.spin / 4 {
                std::thread::yield_now();
            }
        } else {
            std::hint::spin_loop();
        }
    }
    let mut guard = s.parked.lock().unwrap_or_else(PoisonError::into_inner);
    s.parked_count.fetch_add(1, Ordering::SeqCst);
    let found = loop {
        if s.shutdown.load(Ordering::SeqCst) {
            break None;
        }
        if let Some(e) = open(s.state.load(Ordering::SeqCst)) {
            break Some(e);
        }
        guard = s.wake.wait(guard).unwrap_or_else(PoisonError::into_inner);
    };
    s.parked_count.fetch_sub(1, Ordering::SeqCst);
    found
}

/// Values handed to, or taken from, the chunks of a loop by index: each slot is claimed once,
/// by the one thread that got its index from the loop's counter.
pub struct Slots<T> {
    cells: Vec<(AtomicBool, UnsafeCell<Option<T>>)>,
}

// SAFETY: a cell is touched only by the thread that claimed it (an atomic swap), or through
// `&mut self`.
unsafe impl<T: Send> Sync for Slots<T> {}

impl<T> Slots<T> {
    /// `n` empty slots.
    pub fn empty(n: usize) -> Self {
        Slots { cells: (0..n).map(|_| (AtomicBool::new(false), UnsafeCell::new(None))).collect() }
    }

    /// A slot per item, filled.
    pub fn filled(items: impl IntoIterator<Item = T>) -> Self {
        Slots { cells: items.into_iter().map(|x| (AtomicBool::new(false), UnsafeCell::new(Some(x)))).collect() }
    }

    /// The number of slots.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Claims slot `k` (the first call for `k` gets it) and swaps `value` into it: the value
    /// that was there. `None` when `k` was claimed before or is out of range.
    pub fn claim(&self, k: usize, value: Option<T>) -> Option<Option<T>> {
        let (claimed, cell) = self.cells.get(k)?;
        if claimed.swap(true, Ordering::AcqRel) {
            return None;
        }
        // SAFETY: this thread won the claim on `k`, so no other reference to the cell exists.
        Some(unsafe { std::mem::replace(&mut *cell.get(), value) })
    }

    /// The values, in slot order.
    pub fn into_values(self) -> impl Iterator<Item = Option<T>> {
        self.cells.into_iter().map(|(_, c)| c.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn every_chunk_runs_once_on_teams_of_every_size() {
        for size in [1, 2, 3, 5] {
            let team = Team::new(size, Duration::from_micros(50), true);
            for n in [0, 1, 2, 7, 100, 1000] {
                let hits: Vec<AtomicU64> = (0..n).map(|_| AtomicU64::new(0)).collect();
                team.run(n, &|k| {
                    hits[k].fetch_add(1, Ordering::Relaxed);
                });
                assert!(hits.iter().all(|h| h.load(Ordering::Relaxed) == 1), "size {size}, n {n}");
            }
        }
    }

    /// What each worker that ran a chunk of a team of 3 (`bind` as given) may run on; checks
    /// that the caller's CPUs did not change.
    fn workers_cpus(bind: bool) -> Vec<Vec<usize>> {
        let before = allowed_cpus();
        let team = Team::new(3, Duration::from_micros(50), bind);
        let seen = Mutex::new(Vec::new());
        let caller = std::thread::current().id();
        // Chunks slow enough that workers take some (loops again while none has: on a loaded
        // machine the caller may run a whole loop before a worker wakes).
        for _ in 0..100 {
            team.run(16, &|_| {
                let t = Instant::now();
                while t.elapsed() < Duration::from_micros(200) {}
                if std::thread::current().id() != caller {
                    seen.lock().unwrap().push(allowed_cpus());
                }
            });
            if !seen.lock().unwrap().is_empty() {
                break;
            }
        }
        assert_eq!(allowed_cpus(), before, "the calling thread's CPUs changed");
        let seen = seen.into_inner().unwrap();
        if cfg!(all(target_os = "linux", not(miri))) {
            assert!(!seen.is_empty(), "no worker ran a chunk");
        }
        seen
    }

    #[test]
    fn workers_are_bound_to_one_cpu_each_and_the_caller_is_not() {
        let all = allowed_cpus();
        for cpus in workers_cpus(true) {
            if all.len() > 1 {
                assert_eq!(cpus.len(), 1, "a worker may run on {cpus:?}");
                assert!(all.contains(&cpus[0]), "a worker was bound to {cpus:?}, outside {all:?}");
            } else {
                assert_eq!(cpus, all, "a worker's CPUs changed on a one-CPU machine");
            }
        }
        for cpus in workers_cpus(false) {
            assert_eq!(cpus, all, "an unbound worker's CPUs changed");
        }
    }

    /// A caller that finds itself on a worker's CPU runs the loop off it, and gets its own
    /// CPUs back after the loop. (Where the scheduler moves it first, the first check holds
    /// anyway; the second always must.)
    #[test]
    fn the_caller_runs_a_loop_off_the_workers_cpus() {
        let all = allowed_cpus();
        if !cfg!(all(target_os = "linux", not(miri))) || all.len() < 2 {
            return;
        }
        let team = Team::new(2, Duration::from_micros(50), true);
        let worker_cpu = team.worker_cpus[0];
        let caller = std::thread::current().id();
        let on = Mutex::new(Vec::new());
        for _ in 0..20 {
            // Onto the worker's CPU, then free again: the thread stays where it is until the
            // scheduler moves it.
            bind_to(worker_cpu);
            bind_to_set(&all);
            team.run(8, &|_| {
                if std::thread::current().id() == caller {
                    on.lock().unwrap().push(current_cpu());
                }
            });
            assert_eq!(allowed_cpus(), all, "the calling thread's CPUs were not given back");
        }
        let on = on.into_inner().unwrap();
        assert!(!on.is_empty(), "the caller ran no chunk");
        assert!(on.iter().all(|&c| c != Some(worker_cpu)), "the caller ran chunks on the worker's CPU: {on:?}");
    }

    #[test]
    fn a_panic_in_a_chunk_reaches_the_caller_after_the_loop() {
        let team = Team::new(2, Duration::ZERO, true);
        let done = AtomicUsize::new(0);
        let r = catch_unwind(AssertUnwindSafe(|| {
            team.run(64, &|k| {
                if k == 17 {
                    panic!("chunk 17");
                }
                done.fetch_add(1, Ordering::Relaxed);
            })
        }));
        assert!(r.is_err());
        // The team still works afterwards.
        let n = AtomicUsize::new(0);
        team.run(10, &|_| {
            n.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(n.load(Ordering::Relaxed), 10);
    }

    #[test]
    fn a_loop_inside_a_loop_runs_in_place() {
        let team = Team::new(2, Duration::from_micros(50), true);
        let total = AtomicUsize::new(0);
        team.run(4, &|_| {
            team.run(3, &|_| {
                total.fetch_add(1, Ordering::Relaxed);
            })
        });
        assert_eq!(total.load(Ordering::Relaxed), 12);
    }

    #[test]
    fn slots_are_claimed_once() {
        let s = Slots::filled([1, 2, 3]);
        assert_eq!(s.claim(1, None), Some(Some(2)));
        assert_eq!(s.claim(1, None), None, "claimed before");
        assert_eq!(s.claim(5, None), None, "out of range");
        assert_eq!(s.into_values().collect::<Vec<_>>(), [Some(1), None, Some(3)]);
    }
}
