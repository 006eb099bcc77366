use kernelize::prange;
use std::ops::{AddAssign, Mul};

pub fn scale_generic<T>(a: &mut [T], k: T)
where
    T: Copy + Mul<Output = T> + Send + Sync,
{
    for i in prange(0..a.len()) {
        a[i] = a[i] * k;
    }
}

pub fn sum_generic<T: Copy + Default + AddAssign>(a: &[T]) -> T {
    let mut s = T::default();
    for i in prange(0..a.len()) {
        s += a[i];
    }
    s
}

pub fn fill_const<const N: usize>(out: &mut [[f32; N]]) {
    for i in prange(0..out.len()) {
        for j in 0..N {
            out[i][j] = (i * N + j) as f32;
        }
    }
}
