#[unsafe(no_mangle)]
pub extern "C" fn kz_add(a: f64, b: f64) -> f64 {
    a + b
}

pub unsafe extern "C" fn kz_sum(p: *const f64, n: usize) -> f64 {
    let s = unsafe { std::slice::from_raw_parts(p, n) };
    s.iter().sum()
}

unsafe extern "C" {
    fn abs(x: i32) -> i32;
}

pub fn call_c(x: i32) -> i32 {
    unsafe { abs(x) }
}
