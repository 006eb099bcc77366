/// Fixed-width histogram into `bins.len()` buckets over [lo, hi).
pub fn histogram(data: &[f64], lo: f64, hi: f64, bins: &mut [u32]) {
    let nb = bins.len();
    let width = (hi - lo) / nb as f64;
    for &x in data {
        if x < lo || x >= hi || x.is_nan() {
            continue;
        }
        let mut b = ((x - lo) / width) as usize;
        if b >= nb {
            b = nb - 1;
        }
        bins[b] += 1;
    }
}

pub fn histogram_u8(pixels: &[u8]) -> [u32; 256] {
    let mut h = [0u32; 256];
    for p in pixels.iter() {
        h[*p as usize] += 1;
    }
    h
}
