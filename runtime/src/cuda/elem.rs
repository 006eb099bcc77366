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
pub trait Elem: Copy + Default + Send + Sync + 'static + Repr {}

macro_rules! elem {
    ($($t:ty)*) => {$( impl Elem for $t {} )*};
}

elem!(f32 f64 i8 i16 i32 i64 isize u8 u16 u32 u64 usize bool);
