// A device matrix's elements cannot be replaced by an array of another length: its shape is
// what kernels take their bounds from. `copy_from_slice` overwrites them, length checked.
fn main() -> Result<(), kernelize::Error> {
    let dev = kernelize::cuda::device()?;
    let mut m = dev.zeros_matrix::<f64>(64, 64)?;
    *m.as_vec_mut() = dev.zeros(8)?;
    std::mem::swap(m.as_vec(), &mut dev.zeros(8)?);
    Ok(())
}
