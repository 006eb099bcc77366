use kernelize::prange;

#[derive(Debug)]
pub struct ParseErr(usize);

fn parse_cell(s: &str, i: usize) -> Result<f64, ParseErr> {
    s.trim().parse::<f64>().map_err(|_| ParseErr(i))
}

pub fn parse_all(cells: &[&str], out: &mut [f64]) -> Result<(), ParseErr> {
    for i in prange(0..cells.len()) {
        out[i] = parse_cell(cells[i], i)?;
    }
    Ok(())
}
