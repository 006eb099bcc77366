pub fn sum_raw(v: &[f64]) -> f64 {
    let mut s = 0.0;
    let p: *const f64 = v.as_ptr();
    unsafe {
        for i in 0..v.len() {
            s += *p.add(i);
        }
    }
    s
}

pub unsafe fn axpy_raw(n: usize, a: f32, x: *const f32, y: *mut f32) {
    let mut i = 0;
    while i < n {
        unsafe { *y.offset(i as isize) += a * *x.add(i) };
        i += 1;
    }
}

pub fn addr_of_field() -> usize {
    #[repr(C)]
    struct S { a: u8, b: u32 }
    let s = S { a: 1, b: 2 };
    let pa = &raw const s.a;
    let pb = &raw const s.b;
    (pb as usize) - (pa as usize)
}
