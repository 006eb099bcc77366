//! CUDA driver errors as [`Error`] values, each of the right kind and with advice.

use crate::error::{Error, ErrorKind};
use cudarc::driver::{DriverError, sys::CUresult};
use std::any::Any;
use std::panic::catch_unwind;

/// What kernelize was doing when the driver failed; it picks the kind of a failure the error
/// code alone does not place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stage {
    /// Loading the driver, counting devices, creating a context.
    Init,
    /// Allocating or copying device memory.
    Memory,
    /// Loading a module or finding an entry point in it.
    Load,
    /// Launching a kernel.
    Launch,
    /// Waiting for the device.
    Sync,
}

/// The [`Error`] for a driver failure while doing `what` ("copying 1000 f64 to the GPU").
pub(super) fn from_driver(e: DriverError, what: &str, stage: Stage) -> Error {
    // `error_string` asks the driver, which is loaded (this error came from it); cudarc panics
    // if the library lacks the function, and an error must not become a panic.
    let description = catch_unwind(|| e.error_string().map(|s| s.to_string_lossy().into_owned()))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    compose(e.0, &description, what, stage)
}

/// The error for a panic inside cudarc, which it raises when libcuda or one of its functions
/// cannot be loaded.
pub(super) fn from_panic(payload: &(dyn Any + Send), what: &str) -> Error {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the driver library failed to load".to_owned());
    Error::no_driver(&format!("{what}: {detail}"))
}

/// Builds the message: what failed, the driver's words and error name, and what to do.
pub(super) fn compose(code: CUresult, description: &str, what: &str, stage: Stage) -> Error {
    let kind = kind_of(code, stage);
    let mut message = format!("{what} failed: ");
    if !description.is_empty() {
        message.push_str(description);
        message.push(' ');
    }
    message.push_str(&format!("({code:?})"));
    if let Some(advice) = advice(code, kind) {
        message.push_str("; ");
        message.push_str(advice);
    }
    Error::new(kind, message)
}

/// The kind of a driver error code met at `stage`.
pub(super) fn kind_of(code: CUresult, stage: Stage) -> ErrorKind {
    use CUresult::*;
    match code {
        CUDA_ERROR_OUT_OF_MEMORY => ErrorKind::OutOfMemory,
        CUDA_ERROR_NO_DEVICE
        | CUDA_ERROR_INVALID_DEVICE
        | CUDA_ERROR_DEVICE_UNAVAILABLE
        | CUDA_ERROR_DEVICE_NOT_LICENSED => ErrorKind::NoDevice,
        CUDA_ERROR_STUB_LIBRARY
        | CUDA_ERROR_SYSTEM_DRIVER_MISMATCH
        | CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE
        | CUDA_ERROR_NOT_INITIALIZED
        | CUDA_ERROR_DEINITIALIZED => ErrorKind::NoDriver,
        CUDA_ERROR_INVALID_PTX
        | CUDA_ERROR_UNSUPPORTED_PTX_VERSION
        | CUDA_ERROR_INVALID_IMAGE
        | CUDA_ERROR_NO_BINARY_FOR_GPU
        | CUDA_ERROR_JIT_COMPILER_NOT_FOUND
        | CUDA_ERROR_JIT_COMPILATION_DISABLED
        | CUDA_ERROR_INVALID_SOURCE
        | CUDA_ERROR_SHARED_OBJECT_SYMBOL_NOT_FOUND
        | CUDA_ERROR_SHARED_OBJECT_INIT_FAILED => ErrorKind::ModuleLoad,
        _ if is_kernel_fault(code) => ErrorKind::Launch,
        CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES | CUDA_ERROR_LAUNCH_TIMEOUT | CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE => {
            ErrorKind::Launch
        }
        _ => match stage {
            Stage::Load => ErrorKind::ModuleLoad,
            Stage::Launch => ErrorKind::Launch,
            Stage::Init | Stage::Memory | Stage::Sync => ErrorKind::Driver,
        },
    }
}

/// A fault of a running kernel: sticky, it leaves the context unusable, and later calls on
/// the device (a copy, a synchronize) report it.
fn is_kernel_fault(code: CUresult) -> bool {
    use CUresult::*;
    matches!(
        code,
        CUDA_ERROR_ILLEGAL_ADDRESS
            | CUDA_ERROR_HARDWARE_STACK_ERROR
            | CUDA_ERROR_ILLEGAL_INSTRUCTION
            | CUDA_ERROR_MISALIGNED_ADDRESS
            | CUDA_ERROR_INVALID_ADDRESS_SPACE
            | CUDA_ERROR_INVALID_PC
            | CUDA_ERROR_LAUNCH_FAILED
            | CUDA_ERROR_ASSERT
    )
}

fn advice(code: CUresult, kind: ErrorKind) -> Option<&'static str> {
    use CUresult::*;
    Some(match (code, kind) {
        (CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES, _) => {
            "the kernel needs more registers or shared memory than a block of this size has; \
             please report it, with the kernel's `PTX`"
        }
        (CUDA_ERROR_LAUNCH_TIMEOUT, _) => {
            "the display's watchdog stopped a kernel that ran too long; run it on a GPU without a display, \
             or on smaller inputs"
        }
        (CUDA_ERROR_NOT_FOUND, ErrorKind::ModuleLoad) => {
            "the PTX has no entry point of this name; please report it, with the kernel's `PTX`"
        }
        (code, _) if is_kernel_fault(code) => {
            "a kernel faulted and the GPU context can no longer be used; restart the process, and please \
             report it with the kernel's `PTX` and a CPU variant's result"
        }
        (_, ErrorKind::OutOfMemory) => "free device arrays that are no longer needed, or work on smaller inputs",
        (_, ErrorKind::NoDevice) => "check that `nvidia-smi` lists the GPU and that KERNELIZE_DEVICE names one of them",
        (_, ErrorKind::NoDriver) => "install or update the NVIDIA driver, or run a CPU variant",
        (_, ErrorKind::ModuleLoad) => {
            "the driver may be older than the PTX needs (update the NVIDIA driver), or kernelize wrote PTX \
             this GPU cannot run: please report it with the kernel's `PTX`"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds() {
        use CUresult::*;
        assert_eq!(kind_of(CUDA_ERROR_OUT_OF_MEMORY, Stage::Launch), ErrorKind::OutOfMemory);
        assert_eq!(kind_of(CUDA_ERROR_NO_DEVICE, Stage::Init), ErrorKind::NoDevice);
        assert_eq!(kind_of(CUDA_ERROR_INVALID_DEVICE, Stage::Init), ErrorKind::NoDevice);
        assert_eq!(kind_of(CUDA_ERROR_STUB_LIBRARY, Stage::Init), ErrorKind::NoDriver);
        assert_eq!(kind_of(CUDA_ERROR_INVALID_PTX, Stage::Load), ErrorKind::ModuleLoad);
        assert_eq!(kind_of(CUDA_ERROR_NOT_FOUND, Stage::Load), ErrorKind::ModuleLoad);
        assert_eq!(kind_of(CUDA_ERROR_ILLEGAL_ADDRESS, Stage::Sync), ErrorKind::Launch);
        assert_eq!(kind_of(CUDA_ERROR_INVALID_VALUE, Stage::Launch), ErrorKind::Launch);
        assert_eq!(kind_of(CUDA_ERROR_INVALID_VALUE, Stage::Memory), ErrorKind::Driver);
        assert_eq!(kind_of(CUDA_ERROR_UNKNOWN, Stage::Sync), ErrorKind::Driver);
    }

    #[test]
    fn messages_carry_the_driver_words_and_name() {
        let e = compose(CUresult::CUDA_ERROR_OUT_OF_MEMORY, "out of memory", "allocating 8 GiB", Stage::Memory);
        assert_eq!(e.kind(), ErrorKind::OutOfMemory);
        assert!(
            e.message().starts_with("allocating 8 GiB failed: out of memory (CUDA_ERROR_OUT_OF_MEMORY); free"),
            "{e}"
        );
        let e = compose(CUresult::CUDA_ERROR_UNKNOWN, "", "synchronizing", Stage::Sync);
        assert_eq!(e.message(), "synchronizing failed: (CUDA_ERROR_UNKNOWN)");
    }

    #[test]
    fn panics_become_no_driver() {
        let payload: Box<dyn Any + Send> = Box::new("Missing symbol cuInit");
        let e = from_panic(payload.as_ref(), "initialising the CUDA driver");
        assert_eq!(e.kind(), ErrorKind::NoDriver);
        assert!(e.message().ends_with("(initialising the CUDA driver: Missing symbol cuInit)"), "{e}");
    }
}
