//! The one error type of kernelize's runtime.

use std::fmt;

/// An error of kernelize at run time: no GPU, a GPU that failed, or a check that a kernel's
/// GPU variant reported.
///
/// Every message says what went wrong and what to do about it; [`Error::kind`] tells the
/// cases apart for code that handles some of them (a fallback to the CPU on
/// [`ErrorKind::NoDevice`], say).
///
/// # Examples
///
/// ```
/// use kernelize_runtime::{Error, ErrorKind};
///
/// let e = Error::new(ErrorKind::OutOfMemory, "the GPU has no room for 8 GiB").in_kernel("go_fast");
/// assert_eq!(e.kind(), ErrorKind::OutOfMemory);
/// assert_eq!(e.kernel(), Some("go_fast"));
/// assert_eq!(e.to_string(), "kernel `go_fast`: the GPU has no room for 8 GiB");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kernel: String,
    kind: ErrorKind,
    message: String,
}

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// This build of kernelize has no GPU support: the `cuda` cargo feature is off.
    CudaDisabled,
    /// The CUDA driver library (libcuda) could not be loaded or initialised, or is too old.
    NoDriver,
    /// The driver works but there is no CUDA device, or not the one `KERNELIZE_DEVICE` names.
    NoDevice,
    /// The GPU has not enough free memory for an array or a launch.
    OutOfMemory,
    /// The driver refused a kernel's PTX (JIT compilation failed, or an entry point is missing).
    ModuleLoad,
    /// A kernel could not be launched, or failed while it ran.
    Launch,
    /// A kernel's GPU variant indexed an array out of bounds.
    IndexOutOfBounds,
    /// A kernel's GPU variant divided an integer by zero, or overflowed one.
    Arithmetic,
    /// Two arrays of a copy have different lengths or shapes.
    ShapeMismatch,
    /// Any other failure the CUDA driver reported; the message has the driver's error name.
    Driver,
}

impl Error {
    /// An error of the given kind. `message` should say the cause and what to do.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kernel: String::new(), kind, message: message.into() }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The kernel the error happened in, when known.
    pub fn kernel(&self) -> Option<&str> {
        (!self.kernel.is_empty()).then_some(self.kernel.as_str())
    }

    /// The message, without the kernel's name.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Names the kernel the error happened in, unless a kernel is named already.
    ///
    /// # Examples
    ///
    /// ```
    /// use kernelize_runtime::{Error, ErrorKind};
    ///
    /// let e = Error::new(ErrorKind::Launch, "failed").in_kernel("inner").in_kernel("outer");
    /// assert_eq!(e.kernel(), Some("inner"));
    /// ```
    #[must_use]
    pub fn in_kernel(mut self, name: &str) -> Self {
        if self.kernel.is_empty() {
            name.clone_into(&mut self.kernel);
        }
        self
    }

    /// The error of every GPU entry point in a build without the `cuda` feature.
    #[cfg_attr(feature = "cuda", allow(dead_code))]
    pub(crate) fn cuda_disabled() -> Self {
        Error::new(
            ErrorKind::CudaDisabled,
            "this build of kernelize has no GPU support; enable the `cuda` feature: \
             `kernelize = { version = \"0.1\", features = [\"cuda\"] }`",
        )
    }

    /// The error when libcuda cannot be loaded; `detail` says what was tried, when known.
    #[cfg_attr(not(feature = "cuda"), allow(dead_code))]
    pub(crate) fn no_driver(detail: &str) -> Self {
        let mut message = String::from(
            "no CUDA driver found (libcuda could not be loaded); install the NVIDIA driver, or run a CPU variant",
        );
        if !detail.is_empty() {
            message.push_str(" (");
            message.push_str(detail);
            message.push(')');
        }
        Error::new(ErrorKind::NoDriver, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kernel() {
            Some(kernel) => write!(f, "kernel `{kernel}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_kernel_when_known() {
        let e = Error::new(ErrorKind::Launch, "launch failed");
        assert_eq!(e.to_string(), "launch failed");
        assert_eq!(e.kernel(), None);
        let e = e.in_kernel("saxpy");
        assert_eq!(e.to_string(), "kernel `saxpy`: launch failed");
        assert_eq!(e.message(), "launch failed");
    }

    #[test]
    fn the_first_kernel_name_sticks() {
        let e = Error::new(ErrorKind::Driver, "x").in_kernel("").in_kernel("a").in_kernel("b");
        assert_eq!(e.kernel(), Some("a"));
    }

    #[test]
    fn messages_say_what_to_do() {
        let e = Error::cuda_disabled();
        assert_eq!(e.kind(), ErrorKind::CudaDisabled);
        assert!(e.to_string().contains("features = [\"cuda\"]"), "{e}");
        let e = Error::no_driver("");
        assert_eq!(e.kind(), ErrorKind::NoDriver);
        assert!(e.to_string().ends_with("or run a CPU variant"), "{e}");
        let e = Error::no_driver("libcuda.so.1 missing");
        assert!(e.to_string().ends_with("(libcuda.so.1 missing)"), "{e}");
    }

    #[test]
    fn errors_are_values() {
        fn assert_traits<E: std::error::Error + Clone + PartialEq + Send + Sync + 'static>() {}
        assert_traits::<Error>();
    }
}
