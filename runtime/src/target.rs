use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// A compiled variant of a kernel, and the place it runs.
///
/// `#[kernel]` writes one function per enabled target (`name::serial`, `name::parallel`, ...);
/// calling `name(...)` picks one with [`Target::choose`]'s rule.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::Target;
///
/// let t: Target = "parallel_fastmath".parse().unwrap();
/// assert_eq!(t, Target::ParallelFastmath);
/// assert_eq!(t.to_string(), "parallel_fastmath");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// One thread, IEEE arithmetic: the reference every other variant is tested against.
    Serial,
    /// `prange` loops split across the threads of a team.
    Parallel,
    /// One thread, SIMD lanes, relaxed floating point.
    Fastmath,
    /// Threads and SIMD lanes together.
    ParallelFastmath,
    /// `prange` loops on an NVIDIA GPU.
    Cuda,
    /// The CUDA variant's PTX, executed on the CPU by a simulator.
    CudaSim,
}

impl Target {
    /// Every target, in the order of the names accepted by `KERNELIZE_TARGET`.
    pub const ALL: [Target; 6] =
        [Target::Serial, Target::Parallel, Target::Fastmath, Target::ParallelFastmath, Target::Cuda, Target::CudaSim];

    /// The name used by `KERNELIZE_TARGET`, by `REPORT` and in the variant's function name.
    pub const fn name(self) -> &'static str {
        match self {
            Target::Serial => "serial",
            Target::Parallel => "parallel",
            Target::Fastmath => "fastmath",
            Target::ParallelFastmath => "parallel_fastmath",
            Target::Cuda => "cuda",
            Target::CudaSim => "cuda_sim",
        }
    }

    /// Picks the target a kernel call runs on, given the targets the kernel was compiled for
    /// (`available` always holds [`Target::Serial`]).
    ///
    /// `KERNELIZE_TARGET` forces a target for every kernel that has it; a kernel compiled
    /// without the forced target runs its usual choice. Otherwise the best CPU variant wins:
    /// parallel_fastmath, then parallel, then fastmath, then serial.
    ///
    /// # Panics
    ///
    /// When `KERNELIZE_TARGET` holds something that is not a target name.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernelize_runtime::Target;
    ///
    /// // With KERNELIZE_TARGET unset, a kernel with only a serial variant runs serially.
    /// # if std::env::var_os("KERNELIZE_TARGET").is_none() {
    /// assert_eq!(Target::choose(&[Target::Serial]), Target::Serial);
    /// # }
    /// ```
    #[inline]
    #[allow(clippy::panic, reason = "a misspelt KERNELIZE_TARGET must not be ignored silently")]
    pub fn choose(available: &[Target]) -> Target {
        match forced_target() {
            Ok(Some(forced)) if available.contains(&forced) => forced,
            Ok(_) => best_cpu(available),
            Err(e) => panic!("{e}"),
        }
    }
}

/// Elements in a kernel's array arguments from which an unforced call runs on the GPU.
///
/// Below it, copying the arrays to the GPU and back (a few GB/s over PCIe for host arrays) and
/// the launch (about 10 µs) cost more than the CPU variants take for the whole loop: at 2^20
/// `f64` elements the copies alone move 8 MiB, about a millisecond, which a multi-core CPU
/// needs for a light element-wise kernel of that size too. Kernels called on device-resident
/// arrays (`name::cuda_device`) are not dispatched: they always run on the GPU.
pub const CUDA_MIN_ELEMENTS: usize = 1 << 20;

/// What the dispatcher knows of one call of a kernel with a `cuda` variant, to weigh the GPU
/// against the CPU (see [`Target::choose_costed`]).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallCost {
    /// Elements of the array arguments.
    pub elements: usize,
    /// Bytes `name::cuda` copies to the GPU and back.
    pub bytes: u64,
    /// Estimated work of the prange loops, in the cost units of `kernelize::parallel`
    /// (nominally 0.25 ns each on one CPU thread).
    pub work: u64,
    /// Kernel launches (prange loops).
    pub launches: u64,
}

/// The GPU model of dispatch, stated rather than measured (there was no GPU to measure it on):
/// host arrays cross PCIe at about 20 GB/s, a launch with its flag read back costs about
/// 10 µs, and the GPU does a cost unit about 100 times faster than one CPU thread (an H100
/// runs some 17,000 threads at once against the CPU thread's SIMD lanes). The CPU side: one
/// unit is 0.25 ns on one thread, divided among the team's threads.
const PCIE_BYTES_PER_NS: f64 = 20.0;
const LAUNCH_NS: f64 = 10_000.0;
const CPU_NS_PER_UNIT: f64 = 0.25;
const GPU_SPEEDUP_PER_UNIT: f64 = 100.0;

impl CallCost {
    /// Estimated nanoseconds of the call on the GPU, copies and launches included.
    pub fn gpu_ns(&self) -> f64 {
        self.bytes as f64 / PCIE_BYTES_PER_NS
            + self.launches as f64 * LAUNCH_NS
            + self.work as f64 * CPU_NS_PER_UNIT / GPU_SPEEDUP_PER_UNIT
    }

    /// Estimated nanoseconds of the call on `threads` CPU threads.
    pub fn cpu_ns(&self, threads: usize) -> f64 {
        self.work as f64 * CPU_NS_PER_UNIT / threads.max(1) as f64
    }

    /// Whether the GPU is estimated to finish first, on a machine of `threads` CPU threads,
    /// and the arguments hold at least [`CUDA_MIN_ELEMENTS`] elements.
    pub fn gpu_pays(&self, threads: usize) -> bool {
        self.elements >= CUDA_MIN_ELEMENTS && self.gpu_ns() < self.cpu_ns(threads)
    }
}

impl Target {
    /// [`Target::choose_sized`], with the GPU chosen only where [`CallCost::gpu_pays`]: the
    /// copies to and from the GPU, the launches and the GPU's work beat the CPU variants'
    /// estimate on this machine's threads. Light element-wise kernels stay on the CPU.
    ///
    /// # Panics
    ///
    /// As [`Target::choose_sized`].
    #[doc(hidden)]
    pub fn choose_costed(available: &[Target], cost: CallCost) -> Target {
        choose_gpu_if(available, || cost.gpu_pays(crate::parallel::num_threads()))
    }

    /// [`Target::choose`] for a kernel with a `cuda` variant, given the number of elements in
    /// its array arguments: the GPU when a device is present and `elements` is at least
    /// [`CUDA_MIN_ELEMENTS`], else the best CPU variant. `KERNELIZE_TARGET=cuda` forces the GPU;
    /// `KERNELIZE_TARGET=cuda_sim` runs the `cuda` variant on the PTX simulator (feature
    /// `cuda_sim`), for kernels that pass [`Target::CudaSim`] in `available`.
    ///
    /// # Panics
    ///
    /// When `KERNELIZE_TARGET` is not a target name, or forces `cuda` on a machine where no GPU
    /// can be used (the message says why).
    pub fn choose_sized(available: &[Target], elements: usize) -> Target {
        choose_gpu_if(available, || elements >= CUDA_MIN_ELEMENTS)
    }
}

/// The forced target if `KERNELIZE_TARGET` names one, else the GPU where the kernel has a
/// `cuda` variant, a GPU is usable and `pays()` (asked only then), else the best CPU variant.
#[allow(clippy::panic, reason = "a forced target that cannot run must not fall back silently")]
fn choose_gpu_if(available: &[Target], pays: impl FnOnce() -> bool) -> Target {
    let gpu = available.contains(&Target::Cuda);
    match forced_target() {
        Ok(Some(Target::Cuda)) if gpu => match crate::cuda::device() {
            Ok(_) => Target::Cuda,
            Err(e) => panic!("KERNELIZE_TARGET=cuda, but the GPU cannot be used: {e}"),
        },
        Ok(Some(Target::CudaSim)) if available.contains(&Target::CudaSim) => {
            if cfg!(feature = "cuda_sim") {
                Target::CudaSim
            } else {
                panic!(
                    "KERNELIZE_TARGET=cuda_sim, but this build of kernelize has no simulator; enable the \
                     `cuda_sim` feature: `kernelize = {{ version = \"0.1\", features = [\"cuda_sim\"] }}`"
                )
            }
        }
        Ok(Some(forced)) if available.contains(&forced) => forced,
        Ok(_) if gpu && crate::cuda::is_available() && pays() => Target::Cuda,
        Ok(_) => best_cpu(available),
        Err(e) => panic!("{e}"),
    }
}

/// What `name(...)` does when the GPU it chose fails: the arrays may be half written, so
/// running a CPU variant instead could give a wrong answer; it panics with the reason.
#[doc(hidden)]
#[cold]
#[allow(clippy::panic, reason = "the dispatching function returns R, not Result; name::cuda returns the error")]
pub fn gpu_failed(e: crate::Error) -> ! {
    panic!("{e} (call `name::cuda(..)` to handle GPU errors as values, or set KERNELIZE_TARGET to a CPU target)")
}

/// What `name(...)` runs when it chose the GPU but could not set it up (the context or the
/// kernel's module failed to load), before anything was copied or written: the best CPU variant,
/// with one line on stderr the first time in the process. Where `KERNELIZE_TARGET` forced the
/// GPU, it panics with the reason instead: a forced target does not fall back.
#[doc(hidden)]
#[cold]
#[allow(clippy::panic, reason = "a forced target that cannot run must not fall back silently")]
pub fn gpu_setup_failed(available: &[Target], e: &crate::Error) -> Target {
    if let Ok(Some(forced @ (Target::Cuda | Target::CudaSim))) = forced_target() {
        panic!("KERNELIZE_TARGET={forced}, but the GPU cannot be used: {e}");
    }
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| eprintln!("kernelize: {e}; running the CPU variants instead"));
    best_cpu(available)
}

fn best_cpu(available: &[Target]) -> Target {
    const ORDER: [Target; 3] = [Target::ParallelFastmath, Target::Parallel, Target::Fastmath];
    ORDER.into_iter().find(|t| available.contains(t)).unwrap_or(Target::Serial)
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Target`] from a string that names none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTarget {
    given: String,
}

impl fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a kernelize target; expected one of: ", self.given)?;
        for (k, t) in Target::ALL.iter().enumerate() {
            let sep = if k == 0 { "" } else { ", " };
            write!(f, "{sep}`{t}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownTarget {}

impl FromStr for Target {
    type Err = UnknownTarget;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Target::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownTarget { given: s.to_owned() })
    }
}

/// The target forced by the `KERNELIZE_TARGET` environment variable, read once per process.
///
/// `Ok(None)` when the variable is unset or empty.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::forced_target;
///
/// match forced_target() {
///     Ok(Some(t)) => println!("forced to {t}"),
///     Ok(None) => println!("best variant for this machine"),
///     Err(e) => println!("bad KERNELIZE_TARGET: {e}"),
/// }
/// ```
pub fn forced_target() -> Result<Option<Target>, UnknownTarget> {
    static FORCED: OnceLock<Result<Option<Target>, UnknownTarget>> = OnceLock::new();
    FORCED
        .get_or_init(|| match std::env::var("KERNELIZE_TARGET") {
            Ok(s) if !s.trim().is_empty() => s
                .parse()
                .map(Some)
                .map_err(|e: UnknownTarget| UnknownTarget { given: format!("KERNELIZE_TARGET={}", e.given) }),
            _ => Ok(None),
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gpu_pays_only_where_copies_and_launches_are_paid_for() {
        let n = 1 << 24;
        // axpy: 4 units and 12 bytes an element (x in, y in and back): the CPU wins on 2
        // threads and more.
        let axpy = CallCost { elements: 2 * n, bytes: 12 * n as u64, work: 4 * n as u64, launches: 1 };
        assert!(!axpy.gpu_pays(2) && !axpy.gpu_pays(16));
        // the seed kernel: a tanh per element (about 40 units), 16 bytes: the GPU wins on a
        // few cores, not on many.
        let seed = CallCost { elements: 2 * n, bytes: 16 * n as u64, work: 45 * n as u64, launches: 2 };
        assert!(seed.gpu_pays(2) && !seed.gpu_pays(64));
        // heavy work per element: the GPU even on 64 threads.
        let heavy = CallCost { work: 4000 * n as u64, ..seed };
        assert!(heavy.gpu_pays(64));
        // below CUDA_MIN_ELEMENTS never.
        assert!(!CallCost { elements: 1000, bytes: 0, work: u64::MAX, launches: 1 }.gpu_pays(1));
    }

    #[test]
    fn a_gpu_that_cannot_be_set_up_falls_back_to_the_best_cpu_variant() {
        if matches!(forced_target(), Ok(Some(Target::Cuda | Target::CudaSim))) {
            return; // forced: it panics instead, as `choose_sized` does
        }
        let e = crate::Error::new(crate::ErrorKind::ModuleLoad, "the driver refused the PTX").in_kernel("k");
        let all = [Target::Cuda, Target::Parallel, Target::Fastmath, Target::Serial];
        assert_eq!(gpu_setup_failed(&all, &e), Target::Parallel);
        assert_eq!(gpu_setup_failed(&[Target::Cuda, Target::Serial], &e), Target::Serial);
    }

    #[test]
    fn names_round_trip() {
        for t in Target::ALL {
            assert_eq!(t.name().parse::<Target>(), Ok(t));
        }
        assert_eq!(" Serial ".parse::<Target>(), Ok(Target::Serial));
    }

    #[test]
    fn unknown_name_lists_the_valid_ones() {
        let e = "paralel".parse::<Target>().unwrap_err().to_string();
        assert!(e.contains("`paralel`"), "{e}");
        assert!(e.contains("`parallel_fastmath`"), "{e}");
    }

    #[test]
    fn best_cpu_prefers_parallel_fastmath() {
        use Target::*;
        assert_eq!(best_cpu(&[Serial]), Serial);
        assert_eq!(best_cpu(&[Serial, Fastmath]), Fastmath);
        assert_eq!(best_cpu(&[Serial, Fastmath, Parallel]), Parallel);
        assert_eq!(best_cpu(&[Serial, Parallel, Fastmath, ParallelFastmath, Cuda]), ParallelFastmath);
    }
}
