//! Which machine runs the kernels, chosen once per process: the CUDA driver (feature `cuda`;
//! without it, none), or, with the feature `cuda_sim` and `KERNELIZE_TARGET=cuda_sim`, the PTX
//! simulator, where device arrays live in host memory.
//!
//! Every type here is an enum over the two, so [`Device`](super::Device) and the arrays stay
//! one type whichever runs.

#[cfg(not(feature = "cuda"))]
use super::disabled as gpu;
#[cfg(feature = "cuda")]
use super::driver as gpu;
#[cfg(feature = "cuda_sim")]
use super::simulated as sim;

use super::grid::Grid;
use super::hidden::Arg;
use crate::error::{Error, ErrorKind};
#[cfg(any(feature = "cuda", feature = "cuda_sim"))]
use std::collections::HashMap;
use std::sync::Arc;

pub use gpu::Repr;

thread_local! {
    /// What this thread has asked of a device: see [`super::hidden::counters`].
    static COUNTERS: std::cell::Cell<super::hidden::Counters> = const { std::cell::Cell::new(super::hidden::Counters::ZERO) };
}

/// Adds to this thread's counters.
pub(crate) fn count(f: impl FnOnce(&mut super::hidden::Counters)) {
    COUNTERS.with(|c| {
        let mut v = c.get();
        f(&mut v);
        c.set(v);
    });
}

pub(crate) fn counters() -> super::hidden::Counters {
    COUNTERS.with(std::cell::Cell::get)
}

/// The modules loaded on one device, keyed by the PTX text: found by the text's address first
/// (one lookup per launch, no hashing of the text), then by its content, so that a text seen at
/// a new address (a `const` is copied into each crate or codegen unit that uses it) is loaded
/// once, and two texts never share an entry because they once had the same address.
#[cfg(any(feature = "cuda", feature = "cuda_sim"))]
pub(crate) struct ModuleCache<M> {
    by_address: HashMap<(usize, usize), Arc<M>>,
    by_text: HashMap<&'static str, Arc<M>>,
}

#[cfg(any(feature = "cuda", feature = "cuda_sim"))]
impl<M> Default for ModuleCache<M> {
    fn default() -> Self {
        ModuleCache { by_address: HashMap::new(), by_text: HashMap::new() }
    }
}

#[cfg(any(feature = "cuda", feature = "cuda_sim"))]
impl<M> ModuleCache<M> {
    /// The module of `ptx`, made by `load` the first time its text is seen.
    pub(crate) fn get_or_load(
        &mut self,
        ptx: &'static str,
        load: impl FnOnce() -> Result<M, Error>,
    ) -> Result<Arc<M>, Error> {
        let address = (ptx.as_ptr() as usize, ptx.len());
        if let Some(m) = self.by_address.get(&address) {
            return Ok(Arc::clone(m));
        }
        let module = match self.by_text.get(ptx) {
            Some(m) => Arc::clone(m),
            None => {
                let m = Arc::new(load()?);
                count(|c| c.module_loads += 1);
                self.by_text.insert(ptx, Arc::clone(&m));
                m
            }
        };
        self.by_address.insert(address, Arc::clone(&module));
        Ok(module)
    }
}

/// The size the scratch grows to when `len` bytes do not fit: a power of two, at least 4 KiB,
/// so that a process's launches allocate it a few times at most.
#[cfg(any(feature = "cuda", feature = "cuda_sim"))]
pub(crate) fn scratch_capacity(len: usize) -> usize {
    len.checked_next_power_of_two().unwrap_or(len).max(4096)
}

/// Bytes of `len` elements of `T` as the device stores them.
fn bytes<T: super::elem::Bytes>(len: usize) -> u64 {
    (len as u64).saturating_mul(T::SIZE as u64)
}

/// Whether kernels run on the simulator: `cuda_sim` built in and forced by `KERNELIZE_TARGET`.
pub(crate) fn simulating() -> bool {
    cfg!(feature = "cuda_sim") && matches!(crate::forced_target(), Ok(Some(crate::Target::CudaSim)))
}

pub(crate) enum DeviceInner {
    Gpu(Arc<gpu::DeviceInner>),
    #[cfg(feature = "cuda_sim")]
    Sim(Arc<sim::DeviceInner>),
}

pub(crate) enum Buffer<T: Repr> {
    Gpu(gpu::Buffer<T>),
    #[cfg(feature = "cuda_sim")]
    Sim(sim::Buffer),
}

pub(crate) enum ModuleInner {
    Gpu(Arc<gpu::ModuleInner>),
    #[cfg(feature = "cuda_sim")]
    Sim(Arc<sim::ModuleInner>),
}

pub(crate) fn device_count() -> Result<usize, Error> {
    if simulating() {
        return Ok(1);
    }
    gpu::device_count()
}

pub(crate) fn open(ordinal: usize) -> Result<Arc<DeviceInner>, Error> {
    #[cfg(feature = "cuda_sim")]
    if simulating() {
        return Ok(Arc::new(DeviceInner::Sim(sim::open())));
    }
    gpu::open(ordinal).map(|d| Arc::new(DeviceInner::Gpu(d)))
}

pub(crate) fn buffer_ptr<T: Repr + super::elem::Bytes + Copy>(buffer: &Buffer<T>) -> u64 {
    match buffer {
        Buffer::Gpu(b) => gpu::buffer_ptr::<T>(b),
        #[cfg(feature = "cuda_sim")]
        Buffer::Sim(b) => b.addr(),
    }
}

/// A buffer of the other back end than the device's: cannot happen, as the back end is chosen
/// once per process.
#[cold]
#[allow(dead_code, reason = "reachable only with both back ends built in")]
fn mixed() -> Error {
    Error::new(ErrorKind::Driver, "an array of the simulator met a GPU (or the reverse); please report it")
}

/// Forwards a method to the back end of `self`, wrapping buffers as needed.
macro_rules! each {
    ($self:expr, $d:ident => $gpu:expr, $sim:expr) => {
        match $self {
            DeviceInner::Gpu($d) => $gpu,
            #[cfg(feature = "cuda_sim")]
            DeviceInner::Sim($d) => $sim,
        }
    };
}

impl DeviceInner {
    pub(crate) fn ordinal(&self) -> usize {
        each!(self, d => d.ordinal(), d.ordinal())
    }

    pub(crate) fn name(&self) -> &str {
        each!(self, d => d.name(), d.name())
    }

    /// Makes the device current on this thread, before a buffer is freed on it.
    pub(crate) fn bind(&self) {
        each!(self, d => d.bind(), d.bind())
    }

    pub(crate) fn synchronize(&self) -> Result<(), Error> {
        count(|c| {
            c.synchronizations += 1;
            c.driver_calls += 1;
        });
        each!(self, d => d.synchronize(), d.synchronize())
    }

    /// One launch with the device's scratch memory (the flag word at offset 0, then `len - 8`
    /// bytes of reduction partials), kept per device and grown, never shrunk: `launch` gets the
    /// scratch's device address. Zeroes the flag (one memset), launches, copies the first `len`
    /// bytes back (one copy, into pinned memory on a GPU) and waits once: four driver calls,
    /// plus an allocation only when the scratch grows.
    pub(crate) fn scratch_run(
        &self,
        len: usize,
        launch: impl FnOnce(u64) -> Result<(), Error>,
    ) -> Result<Vec<u8>, Error> {
        count(|c| {
            c.driver_calls += 3;
            c.bytes_to_host += len as u64;
        });
        each!(self, d => d.scratch_run(len, launch), d.scratch_run(len, launch))
    }

    pub(crate) fn zeros<T: Repr + super::elem::Bytes + Copy>(&self, len: usize) -> Result<Buffer<T>, Error> {
        count(|c| {
            c.allocations += u64::from(len > 0);
            c.driver_calls += 2 * u64::from(len > 0);
        });
        each!(self, d => d.zeros::<T>(len).map(Buffer::Gpu), d.zeros::<T>(len).map(Buffer::Sim))
    }

    pub(crate) fn upload<T: Repr + super::elem::Bytes + Copy>(&self, src: &[T]) -> Result<Buffer<T>, Error> {
        count(|c| {
            c.allocations += u64::from(!src.is_empty());
            c.driver_calls += 2 * u64::from(!src.is_empty());
            c.bytes_to_device += bytes::<T>(src.len());
        });
        each!(self, d => d.upload(src).map(Buffer::Gpu), d.upload(src).map(Buffer::Sim))
    }

    pub(crate) fn write<T: Repr + super::elem::Bytes + Copy>(
        &self,
        dst: &mut Buffer<T>,
        src: &[T],
    ) -> Result<(), Error> {
        count(|c| {
            c.bytes_to_device += bytes::<T>(src.len());
            c.driver_calls += u64::from(!src.is_empty());
        });
        match (self, dst) {
            (DeviceInner::Gpu(d), Buffer::Gpu(b)) => d.write(b, src),
            #[cfg(feature = "cuda_sim")]
            (DeviceInner::Sim(d), Buffer::Sim(b)) => d.write(b, src),
            #[cfg(feature = "cuda_sim")]
            _ => Err(mixed()),
        }
    }

    pub(crate) fn read<T: Repr + super::elem::Bytes + Copy>(
        &self,
        src: &Buffer<T>,
        dst: &mut [T],
    ) -> Result<(), Error> {
        count(|c| {
            c.bytes_to_host += bytes::<T>(dst.len());
            c.driver_calls += 2 * u64::from(!dst.is_empty());
        });
        match (self, src) {
            (DeviceInner::Gpu(d), Buffer::Gpu(b)) => d.read(b, dst),
            #[cfg(feature = "cuda_sim")]
            (DeviceInner::Sim(d), Buffer::Sim(b)) => d.read(b, dst),
            #[cfg(feature = "cuda_sim")]
            _ => Err(mixed()),
        }
    }

    pub(crate) fn copy<T: Repr + super::elem::Bytes + Copy>(
        &self,
        src: &Buffer<T>,
        dst: &mut Buffer<T>,
    ) -> Result<(), Error> {
        match (self, src, dst) {
            (DeviceInner::Gpu(d), Buffer::Gpu(s), Buffer::Gpu(t)) => d.copy::<T>(s, t),
            #[cfg(feature = "cuda_sim")]
            (DeviceInner::Sim(d), Buffer::Sim(s), Buffer::Sim(t)) => d.copy(s, t),
            #[cfg(feature = "cuda_sim")]
            _ => Err(mixed()),
        }
    }

    pub(crate) fn module(&self, ptx: &'static str) -> Result<Arc<ModuleInner>, Error> {
        each!(
            self,
            d => d.module(ptx).map(|m| Arc::new(ModuleInner::Gpu(m))),
            d.module(ptx).map(|m| Arc::new(ModuleInner::Sim(m)))
        )
    }
}

impl ModuleInner {
    pub(crate) fn grid(&self, name: &str, iterations: u64) -> Result<Grid, Error> {
        match self {
            ModuleInner::Gpu(m) => m.grid(name, iterations),
            #[cfg(feature = "cuda_sim")]
            ModuleInner::Sim(m) => m.grid(name, iterations),
        }
    }

    pub(crate) fn launch(&self, name: &str, grid: Grid, args: &[Arg]) -> Result<(), Error> {
        count(|c| {
            c.launches += 1;
            c.driver_calls += 1;
        });
        match self {
            ModuleInner::Gpu(m) => m.launch(name, grid, args),
            #[cfg(feature = "cuda_sim")]
            ModuleInner::Sim(m) => m.launch(name, grid, args),
        }
    }
}
