//! What the `cuda` variant written by `#[kernel]` calls, reached as
//! `kernelize::__private::cuda`. Not a public API: names and signatures change without notice.
//!
//! A generated `cuda` variant does, in order:
//!
//! 1. `let m = module(KERNEL, PTX)?;` (the PTX is loaded once per device and process);
//! 2. uploads its array parameters with `m.upload(..)` / `m.upload_matrix(..)` (once per
//!    call, or once per loop where the host code uses the arrays other than through their
//!    lengths);
//! 3. for each prange loop: `let r = m.run(ENTRY, m.grid(ENTRY, iterations)?, &[Arg::U64(..),
//!    ..], &[partial sizes], "the prange loop at line 12")?;`, which passes the flag word and
//!    the reduction partials from the device's scratch memory, waits, and checks the flag;
//!    then it combines `r.get::<T>(k)` on the host;
//! 4. copies written arrays back with `copy_to`.

use super::imp;
use crate::error::{Error, ErrorKind};
use ndarray::ArrayView2;
use std::sync::Arc;

pub use super::grid::{BLOCK_THREADS, Grid, MAX_BLOCKS, plan_grid};
pub use super::{Device, DeviceMatrix, DeviceVec, Elem, device, is_available};

/// The flag word of a kernel that ran without a failed check.
pub const FLAG_OK: u32 = 0;
/// The flag word of a kernel that indexed an array out of bounds.
pub const FLAG_INDEX_OUT_OF_BOUNDS: u32 = 1;
/// The flag word of a kernel that divided an integer by zero or overflowed one.
pub const FLAG_ARITHMETIC: u32 = 2;

/// The module of kernel `kernel`, whose PTX text is `ptx`, loaded on the [`device()`]: once per
/// text, device and process, then found in a cache keyed by the text (looked up by its
/// address first).
///
/// # Errors
///
/// The [`device()`] errors, and [`ErrorKind::ModuleLoad`] with the driver's message when it
/// refuses the PTX; every error names `kernel`.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::__private::cuda;
///
/// match cuda::module("k", ".version 6.0\n.target sm_50\n.address_size 64\n") {
///     Ok(m) => println!("loaded on {}", m.device().name()),
///     Err(e) => assert_eq!(e.kernel(), Some("k")),
/// }
/// ```
pub fn module(kernel: &'static str, ptx: &'static str) -> Result<Module, Error> {
    let load = || {
        let device = device()?;
        let inner = device.inner().module(ptx)?;
        Ok(Module { device, inner, kernel })
    };
    load().map_err(|e: Error| e.in_kernel(kernel))
}

/// A kernel's PTX module, loaded on one device; cheap to clone.
#[derive(Clone)]
pub struct Module {
    device: Device,
    inner: Arc<imp::ModuleInner>,
    kernel: &'static str,
}

impl Module {
    /// The kernel's name, which every error of this module carries.
    pub fn kernel(&self) -> &'static str {
        self.kernel
    }

    /// The device the module is loaded on.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The launch configuration of entry point `entry` for a loop of `iterations` iterations:
    /// [`BLOCK_THREADS`] threads a block (fewer if the entry cannot run that many) and the
    /// blocks [`plan_grid`] gives for the GPU's multiprocessors and the entry's occupancy.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ModuleLoad`] when the module has no entry point `entry`.
    pub fn grid(&self, entry: &str, iterations: u64) -> Result<Grid, Error> {
        self.inner.grid(entry, iterations).map_err(|e| e.in_kernel(self.kernel))
    }

    /// Launches entry point `entry` with `grid.blocks` blocks of `grid.threads` threads, no
    /// dynamic shared memory, on the device's stream, passing `args` by value in order.
    ///
    /// Returns once the launch is queued; the kernel's own failures are reported by the next
    /// call that waits for the device ([`Module::check`], a copy back, `synchronize`).
    ///
    /// This is for generated code only: the entry point's parameter list must match `args`
    /// one for one, in order and type (an [`Arg::Ptr`] for each `.u64` array address), and
    /// each array passed must stay alive until the device has been synchronized. The PTX
    /// written by kernelize's macro and the call it writes next to it agree by construction;
    /// hand-written arguments that do not can make the GPU read or write any device memory.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Launch`] naming the entry when the driver refuses the launch,
    /// [`ErrorKind::ModuleLoad`] when there is no such entry point.
    pub fn launch(&self, entry: &str, grid: Grid, args: &[Arg]) -> Result<(), Error> {
        self.inner.launch(entry, grid, args).map_err(|e| e.in_kernel(self.kernel))
    }

    /// Launches entry point `entry` as [`Module::launch`] does, with the flag word as its first
    /// argument and one array of `grid.blocks` reduction partials per entry of `partials` (each
    /// entry the partial's size in bytes) as its last ones, all in the device's scratch memory;
    /// then waits for it, reads flag and partials back in one copy, and checks the flag as
    /// [`Module::check`] does. In steady state that is four driver calls (memset, launch, copy,
    /// wait) and no allocation; the scratch grows only when a launch needs more.
    ///
    /// # Errors
    ///
    /// As [`Module::launch`] and [`Module::check`].
    pub fn run(
        &self,
        entry: &str,
        grid: Grid,
        args: &[Arg],
        partials: &[usize],
        what: &str,
    ) -> Result<Partials, Error> {
        let blocks = grid.blocks as usize;
        let mut offsets = Vec::with_capacity(partials.len());
        let mut end = 8usize;
        for &size in partials {
            offsets.push(end);
            end = end.saturating_add(size.saturating_mul(blocks).next_multiple_of(8));
        }
        let run = || {
            let bytes = self.device.inner().scratch_run(end, |base| {
                let mut all = Vec::with_capacity(args.len() + partials.len() + 1);
                all.push(Arg::Ptr(base));
                all.extend_from_slice(args);
                all.extend(offsets.iter().map(|&o| Arg::Ptr(base + o as u64)));
                self.inner.launch(entry, grid, &all)
            })?;
            let word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            check_word(word, what)?;
            Ok(Partials { bytes, offsets, blocks })
        };
        run().map_err(|e: Error| e.in_kernel(self.kernel))
    }

    /// One `u32` of zero on the device: the word a kernel's failed checks set.
    ///
    /// # Errors
    ///
    /// As [`Device::zeros`].
    pub fn flag(&self) -> Result<DeviceVec<u32>, Error> {
        self.zeros(1)
    }

    /// Waits for the device and reads `flag` back: [`FLAG_OK`] is `Ok`; the other values are
    /// errors that place the failure at `what` (e.g. "the prange loop at line 12").
    ///
    /// # Errors
    ///
    /// [`ErrorKind::IndexOutOfBounds`], [`ErrorKind::Arithmetic`], [`ErrorKind::Launch`] for an
    /// unknown flag value or a kernel that failed while it ran.
    pub fn check(&self, flag: &DeviceVec<u32>, what: &str) -> Result<(), Error> {
        let read = || {
            self.device.synchronize()?;
            let word = flag.to_vec()?.first().copied().unwrap_or(FLAG_OK);
            check_word(word, what)
        };
        read().map_err(|e: Error| e.in_kernel(self.kernel))
    }

    /// [`Device::synchronize`], with errors naming the kernel.
    pub fn synchronize(&self) -> Result<(), Error> {
        self.device.synchronize().map_err(|e| e.in_kernel(self.kernel))
    }

    /// [`Device::upload`], with errors naming the kernel.
    pub fn upload<T: Elem>(&self, data: &[T]) -> Result<DeviceVec<T>, Error> {
        self.device.upload(data).map_err(|e| e.in_kernel(self.kernel))
    }

    /// [`Device::zeros`], with errors naming the kernel.
    pub fn zeros<T: Elem>(&self, len: usize) -> Result<DeviceVec<T>, Error> {
        self.device.zeros(len).map_err(|e| e.in_kernel(self.kernel))
    }

    /// [`Device::upload_matrix`], with errors naming the kernel.
    pub fn upload_matrix<T: Elem>(&self, a: ArrayView2<'_, T>) -> Result<DeviceMatrix<T>, Error> {
        self.device.upload_matrix(a).map_err(|e| e.in_kernel(self.kernel))
    }

    /// [`Device::zeros_matrix`], with errors naming the kernel.
    pub fn zeros_matrix<T: Elem>(&self, rows: usize, cols: usize) -> Result<DeviceMatrix<T>, Error> {
        self.device.zeros_matrix(rows, cols).map_err(|e| e.in_kernel(self.kernel))
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module").field("kernel", &self.kernel).field("device", &self.device).finish()
    }
}

/// Checks that an array passed to a kernel's `cuda_device` variant lives on the device the
/// kernel runs on.
///
/// # Errors
///
/// [`ErrorKind::NoDevice`] naming both devices and the kernel.
pub fn same_device(module: &Module, array_device: &Device) -> Result<(), Error> {
    let (want, got) = (module.device.ordinal(), array_device.ordinal());
    if want == got {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::NoDevice,
        format!(
            "a device array on CUDA device {got} was passed to a kernel that runs on device {want} \
             (KERNELIZE_DEVICE); make the arrays with `kernelize::cuda::device()`"
        ),
    )
    .in_kernel(module.kernel))
}

/// The reduction partials of one [`Module::run`], read back from the device.
#[derive(Debug)]
pub struct Partials {
    bytes: Vec<u8>,
    offsets: Vec<usize>,
    blocks: usize,
}

impl Partials {
    /// The `k`-th reduction's partials, one per block, in block order.
    ///
    /// # Panics
    ///
    /// When there is no `k`-th partial array, or its elements are not `T` (generated code
    /// asks for what it launched with).
    pub fn get<T: Elem>(&self, k: usize) -> impl Iterator<Item = T> + '_ {
        let size = <T as super::elem::Bytes>::SIZE;
        let start = self.offsets[k];
        self.bytes[start..start + size * self.blocks].chunks_exact(size).map(<T as super::elem::Bytes>::get)
    }
}

/// The error, if any, that a kernel's flag word reports for the loop `what`.
pub fn check_word(word: u32, what: &str) -> Result<(), Error> {
    match word {
        FLAG_OK => Ok(()),
        FLAG_INDEX_OUT_OF_BOUNDS => {
            Err(Error::new(ErrorKind::IndexOutOfBounds, format!("index out of bounds in {what}")))
        }
        FLAG_ARITHMETIC => {
            Err(Error::new(ErrorKind::Arithmetic, format!("integer division by zero or overflow in {what}")))
        }
        other => Err(Error::new(
            ErrorKind::Launch,
            format!("{what} ended with the unknown status {other}; please report it, with the kernel's `PTX`"),
        )),
    }
}

/// What the calling thread has asked of a device since it started, counted where the two back
/// ends (the CUDA driver and the simulator) meet, so a test on the simulator sees the copies
/// and launches a GPU would get. Copies and launches run on the thread that asks for them.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::__private::cuda::counters;
///
/// let before = counters();
/// if let Ok(dev) = kernelize_runtime::cuda::device() {
///     let x = dev.upload(&[1.0f64; 4])?;
///     assert_eq!(x.to_vec()?.len(), 4);
///     let c = counters() - before;
///     assert_eq!((c.bytes_to_device, c.bytes_to_host, c.allocations), (32, 32, 1));
/// }
/// # Ok::<(), kernelize_runtime::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Bytes copied from the host to the device.
    pub bytes_to_device: u64,
    /// Bytes copied from the device to the host.
    pub bytes_to_host: u64,
    /// Device allocations (empty arrays allocate nothing).
    pub allocations: u64,
    /// Kernel launches.
    pub launches: u64,
    /// Waits for the device (`synchronize`), copies back excluded.
    pub synchronizations: u64,
    /// Device arrays freed (dropped) on this thread.
    pub frees: u64,
    /// Of those, frees that found no context current on the thread: on a GPU the memory would
    /// leak (or be freed in the wrong context). Only the simulator, which models the current
    /// context of each thread, can tell; it leaks the memory as the driver would.
    pub unbound_frees: u64,
    /// PTX modules loaded (JIT-compiled) on a device: once per distinct text and device.
    pub module_loads: u64,
    /// Calls into the CUDA driver that the operations above make on a GPU (an allocation of
    /// zeros is two: allocate, memset; a copy back is two: copy, wait; a free is one), counted
    /// per operation so that the simulator reports what a GPU would pay. Module loads and the
    /// one-time lookups of an entry point are not counted.
    pub driver_calls: u64,
}

impl Counters {
    /// All zero.
    pub const ZERO: Counters = Counters {
        bytes_to_device: 0,
        bytes_to_host: 0,
        allocations: 0,
        launches: 0,
        synchronizations: 0,
        frees: 0,
        unbound_frees: 0,
        module_loads: 0,
        driver_calls: 0,
    };
}

impl std::ops::Sub for Counters {
    type Output = Counters;

    /// What happened between two readings (`later - earlier`).
    fn sub(self, earlier: Counters) -> Counters {
        Counters {
            bytes_to_device: self.bytes_to_device - earlier.bytes_to_device,
            bytes_to_host: self.bytes_to_host - earlier.bytes_to_host,
            allocations: self.allocations - earlier.allocations,
            launches: self.launches - earlier.launches,
            synchronizations: self.synchronizations - earlier.synchronizations,
            frees: self.frees - earlier.frees,
            unbound_frees: self.unbound_frees - earlier.unbound_frees,
            module_loads: self.module_loads - earlier.module_loads,
            driver_calls: self.driver_calls - earlier.driver_calls,
        }
    }
}

/// Runs `f` with the simulator (`KERNELIZE_TARGET=cuda_sim`) planning this thread's grids as
/// for a GPU of `sms` multiprocessors with `blocks_per_sm` resident blocks each (an H100:
/// 132 and 8), instead of its default of a few blocks: tests run the grids, tails and idle
/// blocks of real hardware. Without the simulator, `f` just runs.
pub fn with_simulated_gpu<R>(sms: u32, blocks_per_sm: u32, f: impl FnOnce() -> R) -> R {
    #[cfg(feature = "cuda_sim")]
    return super::simulated::with_simulated_gpu(sms, blocks_per_sm, f);
    #[cfg(not(feature = "cuda_sim"))]
    {
        let _ = (sms, blocks_per_sm);
        f()
    }
}

/// This thread's [`Counters`].
pub fn counters() -> Counters {
    imp::counters()
}

/// One kernel parameter, passed by value.
///
/// Scalars narrower than 32 bits (`bool`, `i8`, `u16`, ...) have no variant of their own:
/// the PTX declares such a parameter `.u32`/`.s32` and generated code passes it widened, as
/// [`Arg::U32`] / [`Arg::I32`]; `usize`/`isize` go as [`Arg::U64`] / [`Arg::I64`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg {
    /// A device array's address (from `device_ptr()`), a `.u64` parameter.
    Ptr(u64),
    /// A `.u64` parameter.
    U64(u64),
    /// A `.s64` parameter.
    I64(i64),
    /// A `.u32` parameter.
    U32(u32),
    /// A `.s32` parameter.
    I32(i32),
    /// A `.f32` parameter.
    F32(f32),
    /// A `.f64` parameter.
    F64(f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_words_map_to_kinds() {
        assert_eq!(check_word(0, "the loop"), Ok(()));
        let e = check_word(1, "the prange loop at line 12").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::IndexOutOfBounds);
        assert_eq!(e.to_string(), "index out of bounds in the prange loop at line 12");
        let e = check_word(2, "the prange loop at line 12").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Arithmetic);
        assert_eq!(e.to_string(), "integer division by zero or overflow in the prange loop at line 12");
        assert_eq!(check_word(7, "x").unwrap_err().kind(), ErrorKind::Launch);
    }
}
