//! A CUDA device, the place device arrays are made.

use super::imp;
use super::{DeviceMatrix, DeviceVec, Elem};
use crate::error::Error;
use ndarray::ArrayView2;
use std::fmt;
use std::sync::Arc;

/// A CUDA device with its context: cheap to clone, shared by every clone.
///
/// Get one with [`device()`](super::device). Arrays made by [`upload`](Device::upload) and
/// [`zeros`](Device::zeros) stay on the GPU until dropped, so a chain of kernels can work on
/// them without copies to and from the host in between.
///
/// All work on a device (copies, kernels) runs in order on one stream: a copy back to the host
/// sees every kernel launched before it.
///
/// # Examples
///
/// ```
/// if let Ok(dev) = kernelize_runtime::cuda::device() {
///     let x = dev.upload(&[1.0f64, 2.0, 3.0])?;
///     assert_eq!(x.to_vec()?, [1.0, 2.0, 3.0]);
///     println!("on {} (device {})", dev.name(), dev.ordinal());
/// }
/// # Ok::<(), kernelize_runtime::Error>(())
/// ```
#[derive(Clone)]
pub struct Device {
    inner: Arc<imp::DeviceInner>,
}

impl Device {
    /// The device of this ordinal, opened on first use; the ordinal is below the device count.
    pub(crate) fn open(ordinal: usize) -> Result<Device, Error> {
        imp::open(ordinal).map(|inner| Device { inner })
    }

    pub(crate) fn inner(&self) -> &imp::DeviceInner {
        &self.inner
    }

    /// The device's number, as CUDA and `KERNELIZE_DEVICE` count them (from 0).
    ///
    /// CUDA numbers devices fastest first (unless `CUDA_DEVICE_ORDER=PCI_BUS_ID` is set),
    /// while `nvidia-smi` lists them by PCI bus: on a machine with different GPUs, device 0
    /// here need not be `nvidia-smi`'s GPU 0. [`name`](Device::name) tells which one it is.
    pub fn ordinal(&self) -> usize {
        self.inner.ordinal()
    }

    /// The device's name, e.g. "NVIDIA H100 80GB HBM3".
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Copies `data` to a new array on the device.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfMemory`](crate::ErrorKind::OutOfMemory) when the device has no room
    /// for it, or another kind when the driver fails.
    ///
    /// # Examples
    ///
    /// ```
    /// if let Ok(dev) = kernelize_runtime::cuda::device() {
    ///     let x = dev.upload(&[1u32, 2, 3])?;
    ///     assert_eq!(x.len(), 3);
    /// }
    /// # Ok::<(), kernelize_runtime::Error>(())
    /// ```
    pub fn upload<T: Elem>(&self, data: &[T]) -> Result<DeviceVec<T>, Error> {
        let buffer = self.inner.upload(data)?;
        Ok(DeviceVec::from_parts(self.clone(), data.len(), buffer))
    }

    /// A new array of `len` zeros on the device.
    ///
    /// # Errors
    ///
    /// As [`upload`](Device::upload).
    ///
    /// # Examples
    ///
    /// ```
    /// if let Ok(dev) = kernelize_runtime::cuda::device() {
    ///     let out = dev.zeros::<f32>(1000)?;
    ///     assert!(out.to_vec()?.iter().all(|&v| v == 0.0));
    /// }
    /// # Ok::<(), kernelize_runtime::Error>(())
    /// ```
    pub fn zeros<T: Elem>(&self, len: usize) -> Result<DeviceVec<T>, Error> {
        let buffer = self.inner.zeros::<T>(len)?;
        Ok(DeviceVec::from_parts(self.clone(), len, buffer))
    }

    /// Copies a matrix to the device, where it is stored row-major and contiguous whatever its
    /// layout on the host (a transposed or strided view is copied element by element first).
    ///
    /// # Errors
    ///
    /// As [`upload`](Device::upload).
    ///
    /// # Examples
    ///
    /// ```
    /// use ndarray::array;
    ///
    /// if let Ok(dev) = kernelize_runtime::cuda::device() {
    ///     let a = array![[1.0, 2.0], [3.0, 4.0]];
    ///     let at = dev.upload_matrix(a.t())?;
    ///     assert_eq!(at.to_array()?, array![[1.0, 3.0], [2.0, 4.0]]);
    /// }
    /// # Ok::<(), kernelize_runtime::Error>(())
    /// ```
    pub fn upload_matrix<T: Elem>(&self, a: ArrayView2<'_, T>) -> Result<DeviceMatrix<T>, Error> {
        let shape = [a.nrows(), a.ncols()];
        let data = match a.as_slice() {
            Some(rows) => self.upload(rows)?,
            None => self.upload(&a.iter().copied().collect::<Vec<T>>())?,
        };
        Ok(DeviceMatrix::from_parts(data, shape))
    }

    /// A new `rows` × `cols` matrix of zeros on the device.
    ///
    /// # Errors
    ///
    /// As [`upload`](Device::upload); also when `rows * cols` overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// if let Ok(dev) = kernelize_runtime::cuda::device() {
    ///     let m = dev.zeros_matrix::<f64>(3, 4)?;
    ///     assert_eq!(m.shape(), &[3, 4]);
    /// }
    /// # Ok::<(), kernelize_runtime::Error>(())
    /// ```
    pub fn zeros_matrix<T: Elem>(&self, rows: usize, cols: usize) -> Result<DeviceMatrix<T>, Error> {
        let len = rows.checked_mul(cols).ok_or_else(|| {
            Error::new(
                crate::ErrorKind::OutOfMemory,
                format!("a {rows} x {cols} matrix has more elements than any memory holds"),
            )
        })?;
        Ok(DeviceMatrix::from_parts(self.zeros(len)?, [rows, cols]))
    }

    /// Waits until all work sent to the device so far has finished.
    ///
    /// # Errors
    ///
    /// When a kernel failed while it ran
    /// ([`ErrorKind::Launch`](crate::ErrorKind::Launch)), or the driver fails.
    ///
    /// # Examples
    ///
    /// ```
    /// if let Ok(dev) = kernelize_runtime::cuda::device() {
    ///     dev.synchronize()?;
    /// }
    /// # Ok::<(), kernelize_runtime::Error>(())
    /// ```
    pub fn synchronize(&self) -> Result<(), Error> {
        self.inner.synchronize()
    }
}

impl fmt::Debug for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Device").field("ordinal", &self.ordinal()).field("name", &self.inner.name()).finish()
    }
}
