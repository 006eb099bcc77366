use std::num::ParseIntError;

pub fn sum_ints(s: &str) -> Result<i64, ParseIntError> {
    let mut total = 0;
    for tok in s.split_whitespace() {
        total += tok.parse::<i64>()?;
    }
    Ok(total)
}

pub fn read_config(path: &str) -> Result<u32, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let line = text.lines().next().ok_or("empty file")?;
    let n: u32 = line.trim().parse()?;
    Ok(n)
}

pub fn opt_chain(v: &[Vec<u8>]) -> Option<u8> {
    let first = v.first()?;
    let x = first.get(2)?;
    Some(x.checked_mul(2)?.checked_add(1)?)
}
