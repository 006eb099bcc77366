pub fn sq(x: f64) -> f64 { x * x }

pub fn deg2rad(d: f32) -> f32 { d * std::f32::consts::PI / 180.0 }

pub fn is_pow2(x: u32) -> bool { x != 0 && x & (x - 1) == 0 }

pub fn tiny_prange(a: &mut [u8]) { for i in kernelize::prange(0..a.len()) { a[i] = 1; } }
