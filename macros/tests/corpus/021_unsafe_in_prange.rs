use kernelize::prange;

pub fn copy_unchecked(a: &[f32], out: &mut [f32]) {
    for i in prange(0..a.len()) {
        unsafe {
            *out.get_unchecked_mut(i) = *a.get_unchecked(i);
        }
    }
}

pub unsafe fn raw_scale(p: *mut f64, n: usize, k: f64) {
    for i in prange(0..n) {
        unsafe {
            let q = p.add(i);
            *q *= k;
        }
    }
}
