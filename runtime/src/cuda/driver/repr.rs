//! How each element type is stored in device memory and copied there and back.

use cudarc::driver::{CudaSlice, CudaStream, DeviceRepr, DriverError, ValidAsZeroBits};
use std::sync::Arc;

/// The device side of an [`Elem`](crate::cuda::Elem) (sealed: it is the supertrait that keeps
/// `Elem` closed).
///
/// Numbers are stored as themselves. `bool` is stored as one byte per element, 0 or 1, and
/// read back as `byte != 0`, so a kernel that leaves another byte value in a `bool` array can
/// not produce an invalid `bool` on the host.
pub trait Repr: Sized {
    /// The type of the device buffer's elements.
    type Raw: DeviceRepr + ValidAsZeroBits;

    /// Copies `src` into a new device buffer (on `stream`, no zeroing first).
    fn clone_htod(stream: &Arc<CudaStream>, src: &[Self]) -> Result<CudaSlice<Self::Raw>, DriverError>;

    /// Copies `src` into `dst`, whose length is `src.len()`.
    fn memcpy_htod(stream: &Arc<CudaStream>, src: &[Self], dst: &mut CudaSlice<Self::Raw>) -> Result<(), DriverError>;

    /// Copies `src`, whose length is `dst.len()`, into `dst`, and waits for the copy.
    fn memcpy_dtoh(stream: &Arc<CudaStream>, src: &CudaSlice<Self::Raw>, dst: &mut [Self]) -> Result<(), DriverError>;
}

macro_rules! stored_as_itself {
    ($($t:ty)*) => {$(
        impl Repr for $t {
            type Raw = $t;

            fn clone_htod(stream: &Arc<CudaStream>, src: &[$t]) -> Result<CudaSlice<$t>, DriverError> {
                stream.clone_htod(src)
            }

            fn memcpy_htod(stream: &Arc<CudaStream>, src: &[$t], dst: &mut CudaSlice<$t>) -> Result<(), DriverError> {
                stream.memcpy_htod(src, dst)
            }

            fn memcpy_dtoh(stream: &Arc<CudaStream>, src: &CudaSlice<$t>, dst: &mut [$t]) -> Result<(), DriverError> {
                stream.memcpy_dtoh(src, dst)?;
                stream.synchronize()
            }
        }
    )*};
}

stored_as_itself!(f32 f64 i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

impl Repr for bool {
    type Raw = u8;

    fn clone_htod(stream: &Arc<CudaStream>, src: &[bool]) -> Result<CudaSlice<u8>, DriverError> {
        stream.clone_htod(&bytes_of(src))
    }

    fn memcpy_htod(stream: &Arc<CudaStream>, src: &[bool], dst: &mut CudaSlice<u8>) -> Result<(), DriverError> {
        stream.memcpy_htod(&bytes_of(src), dst)
    }

    fn memcpy_dtoh(stream: &Arc<CudaStream>, src: &CudaSlice<u8>, dst: &mut [bool]) -> Result<(), DriverError> {
        let mut bytes = vec![0u8; dst.len()];
        stream.memcpy_dtoh(src, &mut bytes)?;
        stream.synchronize()?;
        for (d, b) in dst.iter_mut().zip(bytes) {
            *d = b != 0;
        }
        Ok(())
    }
}

fn bytes_of(src: &[bool]) -> Vec<u8> {
    src.iter().map(|&b| u8::from(b)).collect()
}
