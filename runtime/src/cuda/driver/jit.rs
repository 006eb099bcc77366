//! The PTX assembler's own words when the driver refuses a module.
//!
//! cudarc's `load_module` calls `cuModuleLoadData`, which reports only an error code
//! (`CUDA_ERROR_INVALID_PTX`). When that happens, the module is loaded once more with
//! `cuModuleLoadDataEx` and an error log buffer, to tell the user which line of the PTX the
//! JIT compiler rejected and why.

use cudarc::driver::CudaContext;
use cudarc::driver::sys::{self, CUjit_option, CUresult};
use std::ffi::{CString, c_void};

/// The size of the log buffer; the JIT compiler truncates longer logs.
const LOG_BYTES: usize = 16 * 1024;

/// The JIT compiler's error log for `ptx` on `ctx`'s device, when it has one.
pub(super) fn error_log(ctx: &CudaContext, ptx: &str) -> Option<String> {
    let src = CString::new(ptx).ok()?;
    ctx.bind_to_thread().ok()?;
    let mut log = vec![0u8; LOG_BYTES];
    let mut options = [CUjit_option::CU_JIT_ERROR_LOG_BUFFER, CUjit_option::CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES];
    let mut values: [*mut c_void; 2] = [log.as_mut_ptr().cast(), std::ptr::without_provenance_mut(LOG_BYTES)];
    let mut module: sys::CUmodule = std::ptr::null_mut();
    // SAFETY: `src` is a NUL-terminated PTX text that outlives the call; the two options are
    // paired with their values as cuModuleLoadDataEx expects (a buffer of `LOG_BYTES` bytes
    // that outlives the call, and its size passed in the pointer-sized slot, as the driver API
    // documents for integer options); `module` is a valid place for the result; the context
    // is current on this thread (bound above).
    #[allow(unsafe_code)]
    let result = unsafe {
        sys::cuModuleLoadDataEx(&mut module, src.as_ptr().cast(), 2, options.as_mut_ptr(), values.as_mut_ptr())
    };
    if result == CUresult::CUDA_SUCCESS {
        // The second attempt loaded: nothing to report; give the module back.
        // SAFETY: `module` was just loaded on the current context and nothing else holds it.
        #[allow(unsafe_code)]
        let _ = unsafe { sys::cuModuleUnload(module) };
        return None;
    }
    log_text(&log)
}

/// The text of a NUL-terminated log buffer, trimmed; `None` when empty.
fn log_text(log: &[u8]) -> Option<String> {
    let text = log.split(|&b| b == 0).next().unwrap_or_default();
    let text = String::from_utf8_lossy(text).trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_text_stops_at_the_nul() {
        let mut buf = b"ptxas application ptx input, line 7; error   : Unknown symbol 'x'\n".to_vec();
        buf.extend_from_slice(&[0, b'j', b'u', b'n', b'k']);
        assert_eq!(
            log_text(&buf).as_deref(),
            Some("ptxas application ptx input, line 7; error   : Unknown symbol 'x'")
        );
        assert_eq!(log_text(&[0; 8]), None);
        assert_eq!(log_text(b"no nul"), Some("no nul".to_owned()));
    }
}
