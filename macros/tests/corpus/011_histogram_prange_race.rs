use kernelize::prange;

// Deliberately racy: many iterations may write the same bin.
pub fn histogram_par(data: &[f64], bins: &mut [u32], lo: f64, width: f64) {
    for i in prange(0..data.len()) {
        let b = ((data[i] - lo) / width) as usize;
        bins[b] += 1;
    }
}
