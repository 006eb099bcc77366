use kernelize::prange;

pub fn scatter(src: &[f32], idx: &[usize], out: &mut [f32]) {
    for i in prange(0..src.len()) {
        out[idx[i]] = src[i];
    }
}

pub fn gather(src: &[f32], idx: &[usize], out: &mut [f32]) {
    for i in prange(0..idx.len()) {
        out[i] = src[idx[i]];
    }
}

pub fn scatter_add(src: &[f32], idx: &[u32], out: &mut [f32]) {
    for i in prange(0..src.len()) {
        out[idx[i] as usize] += src[i];
    }
}
