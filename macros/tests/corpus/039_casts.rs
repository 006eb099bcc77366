pub fn to_u8_clamped(x: f32) -> u8 {
    (x.clamp(0.0, 1.0) * 255.0).round() as u8
}

pub fn mixed(a: i32, b: u64, c: f32) -> f64 {
    let x = a as f64 + b as f64 * c as f64;
    let y = (x as i64 as u32) as usize as f64;
    let z = -1i32 as u32 as u64 as i128 as f32 as f64;
    let p = &x as *const f64 as usize;
    x + y + z + (p & 0) as f64 + (true as u8) as f64 + ('A' as u32) as f64 + 65u8 as char as u32 as f64
}
