//! Arrays in device memory: [`DeviceVec`] and [`DeviceMatrix`].

use super::imp;
use super::{Device, Elem};
use crate::error::{Error, ErrorKind};
use ndarray::{Array2, ArrayView2, ArrayViewMut2};
use std::fmt;

/// A one-dimensional array in device memory, freed when dropped.
///
/// Made by [`Device::upload`] or [`Device::zeros`]; it stays on the GPU between kernel calls.
///
/// # Examples
///
/// ```
/// if let Ok(dev) = kernelize_runtime::cuda::device() {
///     let mut x = dev.zeros::<i32>(4)?;
///     x.copy_from(&[1, 2, 3, 4])?;
///     let mut back = [0; 4];
///     x.copy_to(&mut back)?;
///     assert_eq!(back, [1, 2, 3, 4]);
///     // A copy between arrays of different lengths is an error, not a panic.
///     assert!(x.copy_to(&mut [0; 3]).is_err());
/// }
/// # Ok::<(), kernelize_runtime::Error>(())
/// ```
pub struct DeviceVec<T: Elem> {
    device: Device,
    len: usize,
    buffer: imp::Buffer<T>,
}

impl<T: Elem> DeviceVec<T> {
    pub(crate) fn from_parts(device: Device, len: usize, buffer: imp::Buffer<T>) -> Self {
        DeviceVec { device, len, buffer }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The device the array lives on.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Copies the array to a new `Vec` on the host, after the kernels launched before.
    ///
    /// # Errors
    ///
    /// When a kernel launched before failed while it ran, or the driver fails.
    pub fn to_vec(&self) -> Result<Vec<T>, Error> {
        let mut host = vec![T::default(); self.len];
        self.copy_to(&mut host)?;
        Ok(host)
    }

    /// Copies the array into `dst`, whose length must be [`len`](DeviceVec::len).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the lengths differ; otherwise as
    /// [`to_vec`](DeviceVec::to_vec).
    pub fn copy_to(&self, dst: &mut [T]) -> Result<(), Error> {
        same_len(self.len, dst.len(), "copy_to")?;
        self.device.inner().read(&self.buffer, dst)
    }

    /// Overwrites the array with `src`, whose length must be [`len`](DeviceVec::len).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the lengths differ, or when the driver fails.
    pub fn copy_from(&mut self, src: &[T]) -> Result<(), Error> {
        same_len(self.len, src.len(), "copy_from")?;
        self.device.inner().write(&mut self.buffer, src)
    }

    /// Overwrites the array with `src`, another array on the same device, without a trip
    /// through the host (a device-to-device copy).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the lengths differ or the arrays are on different
    /// devices, or when the driver fails.
    pub fn copy_from_device(&mut self, src: &DeviceVec<T>) -> Result<(), Error> {
        same_len(self.len, src.len, "copy_from_device")?;
        if src.device.ordinal() != self.device.ordinal() {
            let message = format!(
                "copy_from_device: the source is on device {} and the destination on device {}; \
                 copy through the host (`to_vec`, then `copy_from`)",
                src.device.ordinal(),
                self.device.ordinal()
            );
            return Err(Error::new(ErrorKind::ShapeMismatch, message));
        }
        self.device.inner().copy::<T>(&src.buffer, &mut self.buffer)
    }

    /// The array's device address, 0 when it is empty; for generated code, which passes it
    /// to a kernel.
    #[doc(hidden)]
    pub fn device_ptr(&self) -> u64 {
        imp::buffer_ptr::<T>(&self.buffer)
    }
}

impl<T: Elem> Drop for DeviceVec<T> {
    /// Frees the array on its device's context, bound to this thread first: the array may be
    /// dropped on a thread that never made a CUDA call (it is `Send`).
    fn drop(&mut self) {
        if self.len > 0 {
            self.device.inner().bind();
            imp::count(|c| {
                c.frees += 1;
                c.driver_calls += 1;
            });
        }
    }
}

impl<T: Elem> fmt::Debug for DeviceVec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceVec")
            .field("elem", &std::any::type_name::<T>())
            .field("len", &self.len)
            .field("device", &self.device.ordinal())
            .finish()
    }
}

fn same_len(device: usize, host: usize, method: &str) -> Result<(), Error> {
    if device == host {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::ShapeMismatch,
        format!(
            "`{method}` between a device array of {device} elements and a host slice of {host}; \
             the lengths must be equal"
        ),
    ))
}

/// A two-dimensional array in device memory, row-major and contiguous, freed when dropped.
///
/// Made by [`Device::upload_matrix`] or [`Device::zeros_matrix`]. Element `[i, j]` is at
/// offset `i * ncols + j` of [`as_vec`](DeviceMatrix::as_vec).
///
/// # Examples
///
/// ```
/// use ndarray::{Array2, array};
///
/// if let Ok(dev) = kernelize_runtime::cuda::device() {
///     let mut m = dev.zeros_matrix::<f64>(2, 3)?;
///     assert_eq!((m.nrows(), m.ncols(), m.shape()[0]), (2, 3, 2));
///     m.copy_from(array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]].view())?;
///     let mut back = Array2::zeros((2, 3));
///     m.copy_to(back.view_mut())?;
///     assert_eq!(back[[1, 2]], 6.0);
/// }
/// # Ok::<(), kernelize_runtime::Error>(())
/// ```
pub struct DeviceMatrix<T: Elem> {
    data: DeviceVec<T>,
    shape: [usize; 2],
}

impl<T: Elem> DeviceMatrix<T> {
    pub(crate) fn from_parts(data: DeviceVec<T>, shape: [usize; 2]) -> Self {
        DeviceMatrix { data, shape }
    }

    /// The number of rows.
    pub fn nrows(&self) -> usize {
        self.shape[0]
    }

    /// The number of columns.
    pub fn ncols(&self) -> usize {
        self.shape[1]
    }

    /// `[rows, cols]`, as ndarray's `shape()` gives it.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The number of elements, rows × cols.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the matrix has no elements.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The device the matrix lives on.
    pub fn device(&self) -> &Device {
        self.data.device()
    }

    /// Copies the matrix to a new array on the host.
    ///
    /// # Errors
    ///
    /// As [`DeviceVec::to_vec`].
    pub fn to_array(&self) -> Result<Array2<T>, Error> {
        let host = self.data.to_vec()?;
        Array2::from_shape_vec((self.nrows(), self.ncols()), host)
            .map_err(|e| Error::new(ErrorKind::ShapeMismatch, format!("to_array: {e}")))
    }

    /// Copies the matrix into `dst`, of any layout, whose shape must be the matrix's.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the shapes differ; otherwise as
    /// [`DeviceVec::to_vec`].
    pub fn copy_to(&self, mut dst: ArrayViewMut2<'_, T>) -> Result<(), Error> {
        self.same_shape(dst.shape(), "copy_to", "host array")?;
        if let Some(rows) = dst.as_slice_mut() {
            return self.data.copy_to(rows);
        }
        let host = self.data.to_vec()?;
        dst.iter_mut().zip(host).for_each(|(d, v)| *d = v);
        Ok(())
    }

    /// Overwrites the matrix with `src`, of any layout, whose shape must be the matrix's.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the shapes differ, or when the driver fails.
    pub fn copy_from(&mut self, src: ArrayView2<'_, T>) -> Result<(), Error> {
        self.same_shape(src.shape(), "copy_from", "host array")?;
        match src.as_slice() {
            Some(rows) => self.data.copy_from(rows),
            None => self.data.copy_from(&src.iter().copied().collect::<Vec<T>>()),
        }
    }

    /// The elements as one row-major array.
    pub fn as_vec(&self) -> &DeviceVec<T> {
        &self.data
    }

    /// Overwrites the elements with `src`, row-major: element `[i, j]` from `src[i * ncols + j]`.
    /// `src.len()` must be [`len`](DeviceMatrix::len).
    ///
    /// There is no `&mut DeviceVec` view of the elements: through one, safe code could put an
    /// array of another length in the matrix's place, and a kernel taking its bounds from
    /// [`nrows`](DeviceMatrix::nrows) and [`ncols`](DeviceMatrix::ncols) would then write past
    /// the allocation.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the lengths differ, or when the driver fails.
    ///
    /// # Examples
    ///
    /// ```
    /// if let Ok(dev) = kernelize_runtime::cuda::device() {
    ///     let mut m = dev.zeros_matrix::<f32>(2, 2)?;
    ///     m.copy_from_slice(&[1.0, 2.0, 3.0, 4.0])?;
    ///     assert_eq!(m.to_array()?[[1, 0]], 3.0);
    ///     assert!(m.copy_from_slice(&[1.0; 8]).is_err());
    /// }
    /// # Ok::<(), kernelize_runtime::Error>(())
    /// ```
    pub fn copy_from_slice(&mut self, src: &[T]) -> Result<(), Error> {
        self.data.copy_from(src)
    }

    /// Overwrites the matrix with `src`, another matrix of the same shape on the same device,
    /// without a trip through the host.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ShapeMismatch`] when the shapes differ or the matrices are on different
    /// devices, or when the driver fails.
    pub fn copy_from_device(&mut self, src: &DeviceMatrix<T>) -> Result<(), Error> {
        self.same_shape(src.shape(), "copy_from_device", "device matrix")?;
        self.data.copy_from_device(&src.data)
    }

    /// The matrix's device address, 0 when it is empty; for generated code.
    #[doc(hidden)]
    pub fn device_ptr(&self) -> u64 {
        self.data.device_ptr()
    }

    fn same_shape(&self, other: &[usize], method: &str, what: &str) -> Result<(), Error> {
        if other == self.shape() {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::ShapeMismatch,
            format!(
                "`{method}` between a device matrix of shape {:?} and a {what} of shape {other:?}; \
                 the shapes must be equal",
                self.shape
            ),
        ))
    }
}

impl<T: Elem> fmt::Debug for DeviceMatrix<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceMatrix")
            .field("elem", &std::any::type_name::<T>())
            .field("shape", &self.shape)
            .field("device", &self.device().ordinal())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_mismatch_is_an_error() {
        assert_eq!(same_len(3, 3, "copy_to"), Ok(()));
        let e = same_len(3, 2, "copy_to").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ShapeMismatch);
        assert!(e.to_string().contains("device array of 3 elements and a host slice of 2"), "{e}");
    }
}
