use kernelize::{kernel, prange};

fn checked(x: f64) -> Result<f64, String> {
    if x >= 0.0 { Ok(x.sqrt()) } else { Err(format!("negative: {x}")) }
}

#[kernel]
fn roots(a: &[f64], out: &mut [f64]) -> Result<(), String> {
    for i in prange(0..a.len()) {
        out[i] = checked(a[i])?;
    }
    Ok(())
}

fn main() {}
