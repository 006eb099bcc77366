//! The CUDA back end of [`crate::cuda`], on cudarc's driver API.
//!
//! The driver library is loaded at run time. cudarc panics when it cannot load it, so
//! [`device_count`] first looks for the library, and runs the first driver call under
//! `catch_unwind` as well; every other call happens only after that probe succeeded.
//!
//! Each device has one context (the primary one) and does all its work, copies and launches,
//! on that context's default stream, in order.

mod errors;
mod jit;
mod repr;

pub use repr::Repr;

use self::errors::{Stage, from_driver, from_panic};
use super::grid::{self, Grid};
use super::hidden::Arg;
use crate::error::{Error, ErrorKind};
use cudarc::driver::sys::{self, CUdevice_attribute};
use cudarc::driver::{
    CudaContext, CudaFunction, CudaModule, CudaSlice, CudaStream, DevicePtr, LaunchConfig, PinnedHostSlice,
    PushKernelArg,
};
use cudarc::nvrtc::Ptx;
use std::collections::HashMap;
use std::panic::catch_unwind;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

/// A device array's memory: `None` for an empty array, which needs no allocation (the driver
/// refuses zero-byte allocations).
pub(crate) type Buffer<T> = Option<CudaSlice<<T as Repr>::Raw>>;

/// The number of CUDA devices, probed once per process; an error when there is no driver.
pub(crate) fn device_count() -> Result<usize, Error> {
    static COUNT: OnceLock<Result<usize, Error>> = OnceLock::new();
    COUNT.get_or_init(probe).clone()
}

fn probe() -> Result<usize, Error> {
    // SAFETY: `is_culib_present` only tries to open libcuda under its usual names and closes
    // it again; opening runs the library's initialisers, which are the NVIDIA driver's own and
    // trusted as any linked library is.
    #[allow(unsafe_code)]
    let present = unsafe { sys::is_culib_present() };
    if !present {
        return Err(Error::no_driver(""));
    }
    const WHAT: &str = "initialising the CUDA driver";
    let count = catch_unwind(CudaContext::device_count)
        .map_err(|payload| from_panic(payload.as_ref(), WHAT))?
        .map_err(|e| from_driver(e, WHAT, Stage::Init))?;
    match usize::try_from(count) {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Error::new(
            ErrorKind::NoDevice,
            "the CUDA driver found no device; check that `nvidia-smi` lists a GPU, or run a CPU variant",
        )),
    }
}

/// The device of this ordinal, with its context created on first use and kept for the life
/// of the process. The caller checked the ordinal against [`device_count`].
pub(crate) fn open(ordinal: usize) -> Result<Arc<DeviceInner>, Error> {
    static OPEN: OnceLock<Mutex<HashMap<usize, Arc<DeviceInner>>>> = OnceLock::new();
    let mut open = lock(OPEN.get_or_init(Mutex::default));
    if let Some(device) = open.get(&ordinal) {
        return Ok(Arc::clone(device));
    }
    let device = Arc::new(DeviceInner::create(ordinal)?);
    open.insert(ordinal, Arc::clone(&device));
    Ok(device)
}

/// A lock that a panic elsewhere does not poison: the maps it guards are caches, whole after
/// every insert.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One CUDA device: its context, the stream all work goes to, and the modules loaded on it.
pub(crate) struct DeviceInner {
    ctx: Arc<CudaContext>,
    stream: Arc<CudaStream>,
    name: String,
    sm_count: u32,
    modules: Mutex<super::backend::ModuleCache<ModuleInner>>,
    scratch: Mutex<Option<Scratch>>,
}

/// The launches' flag word and reduction partials on the device, and the pinned host memory
/// they are read back into: one of each per device, grown on demand, never shrunk.
struct Scratch {
    device: CudaSlice<u8>,
    host: PinnedHostSlice<u8>,
}

impl DeviceInner {
    fn create(ordinal: usize) -> Result<DeviceInner, Error> {
        let what = format!("creating a context on CUDA device {ordinal}");
        let ctx = catch_unwind(|| CudaContext::new(ordinal))
            .map_err(|payload| from_panic(payload.as_ref(), &what))?
            .map_err(|e| from_driver(e, &what, Stage::Init))?;
        // SAFETY: every array of this context is allocated, copied, used by kernels and freed
        // on the one stream below, in order, so the events cudarc records to order uses across
        // streams are not needed (and cost two driver calls per allocation).
        #[allow(unsafe_code)]
        unsafe {
            ctx.disable_event_tracking()
        };
        let sm_count = ctx
            .attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
            .map_err(|e| from_driver(e, &what, Stage::Init))?;
        let name = ctx.name().unwrap_or_else(|_| format!("CUDA device {ordinal}"));
        let stream = ctx.default_stream();
        Ok(DeviceInner {
            ctx,
            stream,
            name,
            sm_count: u32::try_from(sm_count).unwrap_or(1),
            modules: Mutex::default(),
            scratch: Mutex::default(),
        })
    }

    pub(crate) fn ordinal(&self) -> usize {
        self.ctx.ordinal()
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Makes the device's context current on this thread. cudarc frees a buffer on the calling
    /// thread's current context without binding its own first, so a buffer dropped on a thread
    /// that never made a CUDA call would not be freed (no current context), or would be freed
    /// in another context that thread made current.
    pub(crate) fn bind(&self) {
        // An error here is the context's, and the free reports it the same way (cudarc records
        // it in the context); a drop cannot return it.
        let _ = self.ctx.bind_to_thread();
    }

    pub(crate) fn synchronize(&self) -> Result<(), Error> {
        self.stream.synchronize().map_err(|e| from_driver(e, "waiting for the GPU", Stage::Sync))
    }

    /// See `backend::DeviceInner::scratch_run`.
    pub(crate) fn scratch_run(
        &self,
        len: usize,
        launch: impl FnOnce(u64) -> Result<(), Error>,
    ) -> Result<Vec<u8>, Error> {
        const WHAT: &str = "the launch's flag word and partials";
        let memory = |e| from_driver(e, WHAT, Stage::Memory);
        let mut guard = lock(&self.scratch);
        if guard.as_ref().is_none_or(|s| s.device.len() < len) {
            let bytes = super::backend::scratch_capacity(len);
            let device = self.stream.alloc_zeros::<u8>(bytes).map_err(memory)?;
            // SAFETY: `alloc_pinned_with_flags` leaves the memory unset; the copy below fills
            // every byte of it (from the zeroed device buffer of the same length) before
            // anything reads it, and `as_slice` waits for that copy.
            #[allow(unsafe_code)]
            let mut host = unsafe { self.ctx.alloc_pinned_with_flags::<u8>(bytes, 0) }.map_err(memory)?;
            self.stream.memcpy_dtoh(&device, &mut host).map_err(memory)?;
            super::backend::count(|c| {
                c.allocations += 2;
                c.driver_calls += 4;
            });
            *guard = Some(Scratch { device, host });
        }
        let Some(scratch) = guard.as_mut() else { unreachable!("made above") };
        self.stream.memset_zeros(&mut scratch.device.slice_mut(0..4)).map_err(memory)?;
        launch(scratch.device.device_ptr(&self.stream).0)?;
        self.stream.memcpy_dtoh(&scratch.device.slice(0..len), &mut scratch.host).map_err(memory)?;
        self.synchronize()?;
        let bytes = scratch.host.as_slice().map_err(memory)?;
        Ok(bytes[..len].to_vec())
    }

    pub(crate) fn zeros<T: Repr>(&self, len: usize) -> Result<Buffer<T>, Error> {
        if len == 0 {
            return Ok(None);
        }
        check_size::<T>(len)?;
        let what = || format!("allocating {} on the GPU", elements::<T>(len));
        self.stream.alloc_zeros(len).map(Some).map_err(|e| from_driver(e, &what(), Stage::Memory))
    }

    pub(crate) fn upload<T: Repr>(&self, src: &[T]) -> Result<Buffer<T>, Error> {
        if src.is_empty() {
            return Ok(None);
        }
        check_size::<T>(src.len())?;
        let what = || format!("copying {} to the GPU", elements::<T>(src.len()));
        T::clone_htod(&self.stream, src).map(Some).map_err(|e| from_driver(e, &what(), Stage::Memory))
    }

    /// Copies `src` into `dst`; the caller checked that the lengths agree.
    pub(crate) fn write<T: Repr>(&self, dst: &mut Buffer<T>, src: &[T]) -> Result<(), Error> {
        let Some(dst) = dst else { return Ok(()) };
        let what = || format!("copying {} to the GPU", elements::<T>(src.len()));
        T::memcpy_htod(&self.stream, src, dst).map_err(|e| from_driver(e, &what(), Stage::Memory))
    }

    /// Copies `src` into `dst` and waits for it; the caller checked that the lengths agree.
    pub(crate) fn read<T: Repr>(&self, src: &Buffer<T>, dst: &mut [T]) -> Result<(), Error> {
        let Some(src) = src else { return Ok(()) };
        let len = dst.len();
        let what = || format!("copying {} from the GPU", elements::<T>(len));
        T::memcpy_dtoh(&self.stream, src, dst).map_err(|e| from_driver(e, &what(), Stage::Memory))
    }

    /// Copies device buffer `src` into `dst` on the GPU; the caller checked that the lengths agree.
    pub(crate) fn copy<T: Repr>(&self, src: &Buffer<T>, dst: &mut Buffer<T>) -> Result<(), Error> {
        let (Some(src), Some(dst)) = (src, dst) else { return Ok(()) };
        self.stream.memcpy_dtod(src, dst).map_err(|e| from_driver(e, "copying between GPU arrays", Stage::Memory))
    }

    /// The module of this PTX text, loaded (JIT-compiled for this GPU) on first use.
    pub(crate) fn module(&self, ptx: &'static str) -> Result<Arc<ModuleInner>, Error> {
        lock(&self.modules).get_or_load(ptx, || self.load(ptx))
    }

    fn load(&self, ptx: &str) -> Result<ModuleInner, Error> {
        const WHAT: &str = "loading the kernel's PTX";
        if ptx.contains('\0') {
            return Err(Error::new(
                ErrorKind::ModuleLoad,
                format!("{WHAT} failed: the PTX text holds a NUL character; please report it, with the kernel's `PTX`"),
            ));
        }
        let module = self.ctx.load_module(Ptx::from_src(ptx)).map_err(|e| {
            let err = from_driver(e, WHAT, Stage::Load);
            match jit::error_log(&self.ctx, ptx) {
                Some(log) => Error::new(err.kind(), format!("{}\nthe PTX assembler said:\n{log}", err.message())),
                None => err,
            }
        })?;
        Ok(ModuleInner {
            module,
            ctx: Arc::clone(&self.ctx),
            stream: Arc::clone(&self.stream),
            sm_count: self.sm_count,
            entries: Mutex::default(),
        })
    }
}

/// The device address of a buffer, 0 for an empty one.
pub(crate) fn buffer_ptr<T: Repr>(buffer: &Buffer<T>) -> u64 {
    match buffer {
        Some(slice) => slice.device_ptr(slice.stream()).0,
        None => 0,
    }
}

/// "1000 `f64` (7.6 MiB)", for messages.
fn elements<T: Repr>(len: usize) -> String {
    let bytes = len as f64 * std::mem::size_of::<T::Raw>() as f64;
    format!("{len} `{}` ({:.1} MiB)", std::any::type_name::<T>(), bytes / (1024.0 * 1024.0))
}

/// cudarc multiplies `len` by the element size without a check; a product past `usize` is
/// refused here instead.
fn check_size<T: Repr>(len: usize) -> Result<(), Error> {
    match len.checked_mul(std::mem::size_of::<T::Raw>()) {
        Some(_) => Ok(()),
        None => Err(Error::new(
            ErrorKind::OutOfMemory,
            format!("an array of {len} `{}` is larger than any memory", std::any::type_name::<T>()),
        )),
    }
}

/// A module loaded on one device, with the entry points looked up so far.
pub(crate) struct ModuleInner {
    module: Arc<CudaModule>,
    ctx: Arc<CudaContext>,
    stream: Arc<CudaStream>,
    sm_count: u32,
    entries: Mutex<HashMap<String, Arc<Entry>>>,
}

/// An entry point and the facts its launches need, found once.
struct Entry {
    function: CudaFunction,
    /// The most threads a block of it can have (its register and shared memory use limit it).
    max_threads: u32,
    /// The threads its blocks get.
    threads: u32,
    /// How many such blocks one multiprocessor runs at once.
    blocks_per_sm: u32,
}

impl ModuleInner {
    fn entry(&self, name: &str) -> Result<Arc<Entry>, Error> {
        let mut entries = lock(&self.entries);
        if let Some(entry) = entries.get(name) {
            return Ok(Arc::clone(entry));
        }
        let entry = Arc::new(self.find(name)?);
        entries.insert(name.to_owned(), Arc::clone(&entry));
        Ok(entry)
    }

    fn find(&self, name: &str) -> Result<Entry, Error> {
        let what = format!("finding the entry point `{name}` in the kernel's PTX");
        if name.contains('\0') {
            return Err(Error::new(ErrorKind::ModuleLoad, format!("{what} failed: the name holds a NUL character")));
        }
        let fail = |e| from_driver(e, &what, Stage::Load);
        let function = self.module.load_function(name).map_err(fail)?;
        let max_threads = u32::try_from(function.max_threads_per_block().map_err(fail)?).unwrap_or(0);
        let threads = grid::block_threads(max_threads);
        // cudarc's occupancy calls do not make the context current themselves.
        self.ctx.bind_to_thread().map_err(fail)?;
        let blocks_per_sm = function.occupancy_max_active_blocks_per_multiprocessor(threads, 0, None).map_err(fail)?;
        Ok(Entry { function, max_threads, threads, blocks_per_sm })
    }

    pub(crate) fn grid(&self, name: &str, iterations: u64) -> Result<Grid, Error> {
        let entry = self.entry(name)?;
        Ok(grid::plan_grid(iterations, entry.threads, self.sm_count, entry.blocks_per_sm))
    }

    pub(crate) fn launch(&self, name: &str, grid: Grid, args: &[Arg]) -> Result<(), Error> {
        let entry = self.entry(name)?;
        let what = format!("launching `{name}` with {} blocks of {} threads", grid.blocks, grid.threads);
        if grid.blocks == 0 || grid.blocks > grid::MAX_BLOCKS || grid.threads == 0 || grid.threads > entry.max_threads {
            return Err(Error::new(
                ErrorKind::Launch,
                format!(
                    "{what} failed: a launch needs 1..={} blocks of 1..={} threads; please report it",
                    grid::MAX_BLOCKS,
                    entry.max_threads
                ),
            ));
        }
        let mut launch = self.stream.launch_builder(&entry.function);
        for arg in args {
            match arg {
                Arg::Ptr(v) | Arg::U64(v) => launch.arg(v),
                Arg::I64(v) => launch.arg(v),
                Arg::U32(v) => launch.arg(v),
                Arg::I32(v) => launch.arg(v),
                Arg::F32(v) => launch.arg(v),
                Arg::F64(v) => launch.arg(v),
            };
        }
        let config =
            LaunchConfig { grid_dim: (grid.blocks, 1, 1), block_dim: (grid.threads, 1, 1), shared_mem_bytes: 0 };
        // SAFETY: this is reached only from `Module::launch`, which generated code calls with
        // PTX written by kernelize's macro and an `args` list that matches the entry point's
        // parameters one for one, in order and type (`Arg::Ptr` for each `.u64` address of a
        // device array that the same call keeps alive until it synchronizes). Each argument is
        // pushed by reference into `args`, which outlives the launch call. The kernel's own
        // bounds checks keep its accesses inside those arrays.
        #[allow(unsafe_code)]
        let launched = unsafe { launch.launch(config) };
        launched.map(drop).map_err(|e| from_driver(e, &what, Stage::Launch))
    }
}
