use std::ops::{Add, Mul};

pub fn first<T: Copy>(v: &[T]) -> T {
    v[0]
}

pub fn dot_generic<T>(a: &[T], b: &[T]) -> T
where
    T: Copy + Default + Add<Output = T> + Mul<Output = T>,
{
    let mut s = T::default();
    for i in 0..a.len() {
        s = s + a[i] * b[i];
    }
    s
}

pub fn sum_array<const N: usize>(a: [f64; N]) -> f64 {
    let mut s = 0.0;
    for i in 0..N {
        s += a[i];
    }
    s
}

pub fn largest<T: PartialOrd + Copy, const N: usize>(a: &[T; N]) -> Option<T> where [T; N]: Sized {
    if N == 0 { return None; }
    let mut m = a[0];
    for &x in a.iter() { if x > m { m = x; } }
    Some(m)
}
