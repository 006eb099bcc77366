//! The element types a device array can hold.

use super::imp::Repr;

/// An element type of [`DeviceVec`](super::DeviceVec) and [`DeviceMatrix`](super::DeviceMatrix):
/// `f32 f64 i8 i16 i32 i64 isize u8 u16 u32 u64 usize bool`, the scalar types of the kernel
/// language.
///
/// The trait is sealed: its supertrait, which says how the type is stored on the GPU, cannot be
/// named outside this crate. `bool` is stored as one byte per element, 0 or 1, and read back as
/// `byte != 0`.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::cuda::Elem;
///
/// fn zeros_on_gpu<T: Elem>(len: usize) -> Option<kernelize_runtime::cuda::DeviceVec<T>> {
///     kernelize_runtime::cuda::device().ok()?.zeros(len).ok()
/// }
/// # let _ = zeros_on_gpu::<f64>(3);
/// ```
pub trait Elem: Copy + Default + Send + Sync + 'static + Repr + Bytes {}

macro_rules! elem {
    ($($t:ty)*) => {$( impl Elem for $t {} )*};
}

elem!(f32 f64 i8 i16 i32 i64 isize u8 u16 u32 u64 usize bool);

/// How an element is laid out in device memory, byte by byte (little-endian, as on every GPU
/// CUDA supports): what the simulator's memory holds. Sealed with [`Elem`].
pub trait Bytes: Sized {
    /// Bytes per element.
    const SIZE: usize;
    /// Writes the element into `out[..SIZE]`.
    fn put(self, out: &mut [u8]);
    /// Reads an element from `bytes[..SIZE]`.
    fn get(bytes: &[u8]) -> Self;
}

macro_rules! bytes {
    ($($t:ty => $n:literal),*) => {$(
        impl Bytes for $t {
            const SIZE: usize = $n;
            fn put(self, out: &mut [u8]) {
                out[..$n].copy_from_slice(&self.to_le_bytes());
            }
            fn get(bytes: &[u8]) -> Self {
                let mut b = [0u8; $n];
                b.copy_from_slice(&bytes[..$n]);
                <$t>::from_le_bytes(b)
            }
        }
    )*};
}

bytes!(f32 => 4, f64 => 8, i8 => 1, i16 => 2, i32 => 4, i64 => 8, u8 => 1, u16 => 2, u32 => 4, u64 => 8);

impl Bytes for isize {
    const SIZE: usize = 8;
    fn put(self, out: &mut [u8]) {
        (self as i64).put(out);
    }
    fn get(bytes: &[u8]) -> Self {
        i64::get(bytes) as isize
    }
}

impl Bytes for usize {
    const SIZE: usize = 8;
    fn put(self, out: &mut [u8]) {
        (self as u64).put(out);
    }
    fn get(bytes: &[u8]) -> Self {
        u64::get(bytes) as usize
    }
}

impl Bytes for bool {
    const SIZE: usize = 1;
    fn put(self, out: &mut [u8]) {
        out[0] = u8::from(self);
    }
    fn get(bytes: &[u8]) -> Self {
        bytes[0] != 0
    }
}
