//! The GPU: CUDA devices and arrays that stay in device memory between kernel calls.
//!
//! A kernel written with `#[kernel(cuda)]` gets a `name::cuda(..)` variant that copies its
//! arrays to the GPU, runs its prange loops there and copies the results back. This module is
//! what it runs on, and what user code needs to keep arrays on the GPU between calls.
//!
//! GPU support is the `cuda` cargo feature. The CUDA driver (libcuda) is loaded when first
//! needed, not linked, so a program built with the feature still starts and runs its CPU
//! variants where no driver or GPU is present: [`is_available`] says whether one is, and
//! every entry point returns an [`Error`] saying why not. Without the feature the same
//! functions and types exist, and every entry point returns
//! [`ErrorKind::CudaDisabled`].
//!
//! `KERNELIZE_DEVICE` picks the device by number (default 0), as CUDA numbers them: fastest
//! first, unless `CUDA_DEVICE_ORDER=PCI_BUS_ID` asks for `nvidia-smi`'s order (by PCI bus).
//!
//! # Examples
//!
//! ```
//! use kernelize_runtime::cuda;
//!
//! match cuda::device() {
//!     Ok(dev) => {
//!         let x = dev.upload(&[1.0f32, 2.0, 3.0])?;
//!         assert_eq!(x.to_vec()?, [1.0, 2.0, 3.0]);
//!     }
//!     Err(e) => println!("no GPU: {e}"),
//! }
//! # Ok::<(), kernelize_runtime::Error>(())
//! ```

mod array;
mod device;
mod elem;
mod grid;
#[doc(hidden)]
pub mod hidden;

mod backend;
#[cfg(not(feature = "cuda"))]
mod disabled;
#[cfg(feature = "cuda")]
mod driver;
#[cfg(feature = "cuda_sim")]
mod simulated;

use backend as imp;

pub use array::{DeviceMatrix, DeviceVec};
pub use device::Device;
pub use elem::Elem;

use crate::error::{Error, ErrorKind};
use std::sync::OnceLock;

/// Whether a CUDA device can be used: the driver loads, reports at least one device, and a
/// context can be made on the one [`device()`] picks (`KERNELIZE_DEVICE`).
///
/// Probed once per process, the answer kept; never panics. Always `false` without the `cuda`
/// feature.
///
/// # Examples
///
/// ```
/// if kernelize_runtime::cuda::is_available() {
///     println!("running on the GPU");
/// } else {
///     println!("running on the CPU");
/// }
/// ```
pub fn is_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| device().is_ok())
}

/// The CUDA device kernels run on: the one `KERNELIZE_DEVICE` names, 0 when it is unset.
///
/// The device's context is created on the first call; later calls return the same device
/// and cost little.
///
/// # Errors
///
/// [`ErrorKind::CudaDisabled`] without the `cuda` feature, [`ErrorKind::NoDriver`] when
/// libcuda cannot be loaded, [`ErrorKind::NoDevice`] when there is no device or
/// `KERNELIZE_DEVICE` names none; the other kinds when the driver fails.
///
/// # Examples
///
/// ```
/// match kernelize_runtime::cuda::device() {
///     Ok(dev) => println!("device {}: {}", dev.ordinal(), dev.name()),
///     Err(e) => println!("no GPU: {e}"),
/// }
/// ```
pub fn device() -> Result<Device, Error> {
    static CHOSEN: OnceLock<Device> = OnceLock::new();
    if let Some(device) = CHOSEN.get() {
        return Ok(device.clone());
    }
    let count = imp::device_count()?;
    let value = std::env::var("KERNELIZE_DEVICE").ok();
    let device = Device::open(device_ordinal(value.as_deref(), count)?)?;
    Ok(CHOSEN.get_or_init(|| device).clone())
}

/// The device number that `KERNELIZE_DEVICE=value` names, on a machine with `count` devices.
fn device_ordinal(value: Option<&str>, count: usize) -> Result<usize, Error> {
    let value = value.map(str::trim).unwrap_or_default();
    let devices = match count {
        0 => "no CUDA device".to_owned(),
        1 => "1 CUDA device, number 0".to_owned(),
        n => format!("{n} CUDA devices, numbered 0 to {}", n - 1),
    };
    let ordinal = match value {
        "" => 0,
        v => v.parse::<usize>().map_err(|_| {
            Error::new(
                ErrorKind::NoDevice,
                format!("KERNELIZE_DEVICE=`{v}` is not a device number; this machine has {devices}"),
            )
        })?,
    };
    if ordinal >= count {
        return Err(Error::new(
            ErrorKind::NoDevice,
            format!("KERNELIZE_DEVICE={ordinal} names no device: this machine has {devices}"),
        ));
    }
    Ok(ordinal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernelize_device_defaults_to_zero() {
        assert_eq!(device_ordinal(None, 1), Ok(0));
        assert_eq!(device_ordinal(Some(""), 2), Ok(0));
        assert_eq!(device_ordinal(Some(" 1 "), 2), Ok(1));
    }

    #[test]
    fn kernelize_device_must_be_a_number() {
        let e = device_ordinal(Some("gpu1"), 2).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NoDevice);
        assert_eq!(
            e.to_string(),
            "KERNELIZE_DEVICE=`gpu1` is not a device number; this machine has 2 CUDA devices, numbered 0 to 1"
        );
        assert!(device_ordinal(Some("-1"), 2).is_err());
    }

    #[test]
    fn kernelize_device_must_be_below_the_count() {
        let e = device_ordinal(Some("1"), 1).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NoDevice);
        assert_eq!(e.to_string(), "KERNELIZE_DEVICE=1 names no device: this machine has 1 CUDA device, number 0");
        let e = device_ordinal(None, 0).unwrap_err();
        assert!(e.to_string().ends_with("this machine has no CUDA device"), "{e}");
    }
}
