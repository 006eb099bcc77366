//! The back end of `KERNELIZE_TARGET=cuda_sim`: one simulated device whose memory is host
//! memory, running the kernels' PTX in [`crate::sim`]. Device arrays are allocations in the
//! simulator's global memory, freed when dropped.

use super::elem::Bytes;
use super::grid::{self, Grid};
use super::hidden::Arg;
use crate::error::{Error, ErrorKind};
use crate::sim::{Memory, Program};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// The simulated device's name.
const NAME: &str = "cuda_sim (kernelize's PTX simulator, on the CPU)";

/// The launch configuration's view of the simulated GPU: few blocks keep the simulated work
/// (threads that find no iteration, reductions) small; grid-stride loops cover any length.
const SM_COUNT: u32 = 4;
const BLOCKS_PER_SM: u32 = 2;

thread_local! {
    /// The (multiprocessors, resident blocks per multiprocessor) this thread's launches plan
    /// their grids for, when a test asks for a real GPU's (see `with_simulated_gpu`).
    static GPU_SHAPE: std::cell::Cell<Option<(u32, u32)>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with this thread's launches planned as on a GPU of `sms` multiprocessors running
/// `blocks_per_sm` blocks each.
pub(crate) fn with_simulated_gpu<R>(sms: u32, blocks_per_sm: u32, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<(u32, u32)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            GPU_SHAPE.with(|g| g.set(self.0));
        }
    }
    let _restore = Restore(GPU_SHAPE.with(|g| g.replace(Some((sms.max(1), blocks_per_sm.max(1))))));
    f()
}

pub(crate) struct DeviceInner {
    memory: Mutex<Memory>,
    /// The launches' flag word and reduction partials: (address, bytes), grown on demand.
    scratch: Mutex<(u64, usize)>,
    modules: Mutex<super::backend::ModuleCache<ModuleInner>>,
}

/// The one simulated device of the process.
pub(crate) fn open() -> Arc<DeviceInner> {
    bind();
    device().clone()
}

fn device() -> &'static Arc<DeviceInner> {
    static DEVICE: OnceLock<Arc<DeviceInner>> = OnceLock::new();
    DEVICE.get_or_init(|| {
        Arc::new(DeviceInner {
            memory: Mutex::new(Memory::new()),
            scratch: Mutex::new((0, 0)),
            modules: Mutex::default(),
        })
    })
}

thread_local! {
    /// Whether this thread has the simulated device's context current, as a CUDA thread has
    /// after its first call that binds it (cudarc binds in its allocations, copies, launches and
    /// module loads, but not when it frees).
    static BOUND: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What cudarc does at the start of its calls: the context becomes current on this thread.
fn bind() {
    BOUND.with(|b| b.set(true));
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An allocation in the simulator's memory (none for an empty array), freed on drop.
pub(crate) struct Buffer {
    addr: u64,
    bytes: usize,
}

impl Buffer {
    pub(crate) fn addr(&self) -> u64 {
        self.addr
    }
}

impl Drop for Buffer {
    /// Frees the allocation, as cudarc's free does: on the thread's current context. With none
    /// current, the driver's free fails and the memory leaks; so it does here, counted in
    /// `Counters::unbound_frees`.
    fn drop(&mut self) {
        if self.addr == 0 {
            return;
        }
        if BOUND.with(std::cell::Cell::get) {
            lock(&device().memory).free(self.addr);
        } else {
            super::backend::count(|c| c.unbound_frees += 1);
        }
    }
}

/// Each argument against the entry's `.param` declaration, as the driver would need them to
/// agree (it copies each by the size the PTX declares; a mismatch reads garbage or past the
/// argument): the same width, and a float for a float, a signed integer for `.s`, an address
/// or unsigned integer for `.u`; `.b` takes any integer of its width.
fn check_args(program: &Program, entry: &str, args: &[Arg]) -> Result<(), Error> {
    let Some(declared) = program.param_types(entry) else { return Ok(()) };
    let wrong = |m: String| Error::new(ErrorKind::Launch, format!("cuda_sim: launching `{entry}`: {m}"));
    if declared.len() != args.len() {
        return Err(wrong(format!(
            "the entry declares {} parameters and {} arguments were passed",
            declared.len(),
            args.len()
        )));
    }
    for (k, (&(bits, class), arg)) in declared.iter().zip(args).enumerate() {
        let (abits, aclass) = match arg {
            Arg::Ptr(_) | Arg::U64(_) => (64, 'u'),
            Arg::I64(_) => (64, 's'),
            Arg::U32(_) => (32, 'u'),
            Arg::I32(_) => (32, 's'),
            Arg::F32(_) => (32, 'f'),
            Arg::F64(_) => (64, 'f'),
        };
        let fits = bits == abits && (class == aclass || (class == 'b' && aclass != 'f'));
        if !fits {
            let ty = format!(".{class}{bits}");
            return Err(wrong(format!("argument {k} is {arg:?}, but the parameter is declared `{ty}`")));
        }
    }
    Ok(())
}

fn sim_error(e: &crate::sim::SimError) -> Error {
    Error::new(ErrorKind::Launch, e.to_string())
}

fn to_bytes<T: Bytes + Copy>(src: &[T]) -> Vec<u8> {
    let mut out = vec![0u8; src.len() * T::SIZE];
    for (chunk, &x) in out.chunks_exact_mut(T::SIZE).zip(src) {
        x.put(chunk);
    }
    out
}

impl DeviceInner {
    pub(crate) fn ordinal(&self) -> usize {
        0
    }

    pub(crate) fn name(&self) -> &str {
        NAME
    }

    pub(crate) fn bind(&self) {
        bind();
    }

    pub(crate) fn synchronize(&self) -> Result<(), Error> {
        bind();
        Ok(())
    }

    /// See `backend::DeviceInner::scratch_run`: the same steps, on the simulator's memory.
    pub(crate) fn scratch_run(
        &self,
        len: usize,
        launch: impl FnOnce(u64) -> Result<(), Error>,
    ) -> Result<Vec<u8>, Error> {
        bind();
        let mut scratch = lock(&self.scratch);
        if scratch.1 < len {
            let bytes = super::backend::scratch_capacity(len);
            let mut memory = lock(&self.memory);
            if scratch.0 != 0 {
                memory.free(scratch.0);
            }
            *scratch = (memory.alloc(bytes), bytes);
            super::backend::count(|c| {
                c.allocations += 1;
                c.driver_calls += 2;
            });
        }
        let addr = scratch.0;
        lock(&self.memory).write(addr, &[0; 4]).map_err(|e| sim_error(&e))?;
        launch(addr)?;
        let mut bytes = vec![0u8; len];
        lock(&self.memory).read(addr, &mut bytes).map_err(|e| sim_error(&e))?;
        Ok(bytes)
    }

    pub(crate) fn zeros<T: Bytes>(&self, len: usize) -> Result<Buffer, Error> {
        bind();
        let bytes = len.checked_mul(T::SIZE).ok_or_else(|| Error::new(ErrorKind::OutOfMemory, "array too large"))?;
        let addr = if bytes == 0 { 0 } else { lock(&self.memory).alloc(bytes) };
        Ok(Buffer { addr, bytes })
    }

    pub(crate) fn upload<T: Bytes + Copy>(&self, src: &[T]) -> Result<Buffer, Error> {
        let mut b = self.zeros::<T>(src.len())?;
        self.write(&mut b, src)?;
        Ok(b)
    }

    pub(crate) fn write<T: Bytes + Copy>(&self, dst: &mut Buffer, src: &[T]) -> Result<(), Error> {
        bind();
        if dst.bytes == 0 {
            return Ok(());
        }
        lock(&self.memory).write(dst.addr, &to_bytes(src)).map_err(|e| sim_error(&e))
    }

    pub(crate) fn read<T: Bytes>(&self, src: &Buffer, dst: &mut [T]) -> Result<(), Error> {
        bind();
        if src.bytes == 0 {
            return Ok(());
        }
        let mut bytes = vec![0u8; src.bytes];
        lock(&self.memory).read(src.addr, &mut bytes).map_err(|e| sim_error(&e))?;
        for (d, chunk) in dst.iter_mut().zip(bytes.chunks_exact(T::SIZE)) {
            *d = T::get(chunk);
        }
        Ok(())
    }

    pub(crate) fn copy(&self, src: &Buffer, dst: &mut Buffer) -> Result<(), Error> {
        bind();
        if src.bytes == 0 {
            return Ok(());
        }
        let mut memory = lock(&self.memory);
        let mut bytes = vec![0u8; src.bytes];
        memory.read(src.addr, &mut bytes).map_err(|e| sim_error(&e))?;
        memory.write(dst.addr, &bytes).map_err(|e| sim_error(&e))
    }

    /// The module of this PTX text, parsed once.
    pub(crate) fn module(&self, ptx: &'static str) -> Result<Arc<ModuleInner>, Error> {
        bind();
        lock(&self.modules).get_or_load(ptx, || {
            let program = Program::parse(ptx).map_err(|e| Error::new(ErrorKind::ModuleLoad, e.to_string()))?;
            Ok(ModuleInner { program })
        })
    }
}

pub(crate) struct ModuleInner {
    program: Program,
}

impl ModuleInner {
    pub(crate) fn grid(&self, name: &str, iterations: u64) -> Result<Grid, Error> {
        if !self.program.has_entry(name) {
            return Err(Error::new(ErrorKind::ModuleLoad, format!("the PTX has no entry point `{name}`")));
        }
        let (sms, per_sm) = GPU_SHAPE.with(std::cell::Cell::get).unwrap_or((SM_COUNT, BLOCKS_PER_SM));
        Ok(grid::plan_grid(iterations, grid::BLOCK_THREADS, sms, per_sm))
    }

    pub(crate) fn launch(&self, name: &str, grid: Grid, args: &[Arg]) -> Result<(), Error> {
        bind();
        check_args(&self.program, name, args)?;
        let params: Vec<u64> = args
            .iter()
            .map(|a| match *a {
                Arg::Ptr(v) | Arg::U64(v) => v,
                Arg::I64(v) => v as u64,
                Arg::U32(v) => u64::from(v),
                Arg::I32(v) => u64::from(v as u32),
                Arg::F32(v) => u64::from(v.to_bits()),
                Arg::F64(v) => v.to_bits(),
            })
            .collect();
        let mut memory = lock(&device().memory);
        self.program
            .launch(&mut memory, name, grid.blocks, grid.threads, &params)
            .map(|_| ())
            .map_err(|e| sim_error(&e))
    }
}
