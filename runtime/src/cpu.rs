use std::fmt;
use std::sync::OnceLock;

/// The widest SIMD instruction set this CPU offers, among those kernelize compiles for.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::{SimdLevel, machine};
///
/// let level = machine().simd;
/// assert!(level >= SimdLevel::Baseline);
/// println!("{level} ({} f64 lanes)", level.f64_lanes());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SimdLevel {
    /// What every CPU of the architecture has: SSE2 on x86-64, NEON on aarch64, or none.
    Baseline,
    /// x86-64 with AVX2 and FMA (x86-64-v3).
    Avx2Fma,
    /// x86-64 with AVX-512 F, BW, CD, DQ and VL (x86-64-v4).
    Avx512,
}

impl SimdLevel {
    /// The lanes of one `f64` vector register at this level.
    pub const fn f64_lanes(self) -> usize {
        match self {
            SimdLevel::Baseline => 2,
            SimdLevel::Avx2Fma => 4,
            SimdLevel::Avx512 => 8,
        }
    }

    fn detect() -> SimdLevel {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512bw")
                && std::arch::is_x86_feature_detected!("avx512cd")
                && std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("avx512vl")
            {
                return SimdLevel::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
                return SimdLevel::Avx2Fma;
            }
        }
        SimdLevel::Baseline
    }
}

impl fmt::Display for SimdLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            SimdLevel::Baseline if cfg!(target_arch = "x86_64") => "x86-64 baseline (SSE2)",
            SimdLevel::Baseline if cfg!(target_arch = "aarch64") => "aarch64 baseline (NEON)",
            SimdLevel::Baseline => "baseline",
            SimdLevel::Avx2Fma => "AVX2+FMA",
            SimdLevel::Avx512 => "AVX-512",
        };
        f.write_str(name)
    }
}

/// What kernelize knows of the machine it runs on, detected once per process.
///
/// # Examples
///
/// ```
/// let m = kernelize_runtime::machine();
/// assert!(m.cores >= 1);
/// println!("{m}");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Machine {
    /// The CPU's model name, as the operating system reports it (`"unknown CPU"` if it does not).
    pub cpu: String,
    /// The widest SIMD level the CPU has.
    pub simd: SimdLevel,
    /// Hardware threads available to this process.
    pub cores: usize,
}

impl fmt::Display for Machine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {} threads, SIMD {}", self.cpu, self.cores, self.simd)
    }
}

/// The machine this process runs on; detected on the first call and cached.
pub fn machine() -> &'static Machine {
    static MACHINE: OnceLock<Machine> = OnceLock::new();
    MACHINE.get_or_init(|| Machine {
        cpu: cpu_name().unwrap_or_else(|| "unknown CPU".to_owned()),
        simd: SimdLevel::detect(),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

fn cpu_name() -> Option<String> {
    if cfg!(miri) {
        return None; // Miri's isolation has no file system.
    }
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim();
            (key == "model name" || key == "Model" || key == "Hardware").then(|| value.trim().to_owned())
        })
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_is_cached_and_consistent() {
        let a = machine();
        let b = machine();
        assert!(std::ptr::eq(a, b));
        assert_eq!(a.simd, SimdLevel::detect());
        assert!(a.cores >= 1);
    }

    #[test]
    fn levels_are_ordered_by_width() {
        assert!(SimdLevel::Baseline < SimdLevel::Avx2Fma);
        assert!(SimdLevel::Avx2Fma < SimdLevel::Avx512);
        assert_eq!(SimdLevel::Avx512.f64_lanes(), 8);
    }
}
