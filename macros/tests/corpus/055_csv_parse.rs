#[derive(Debug)]
pub enum CsvError {
    Field { line: usize, col: usize },
    Width(usize),
}

pub fn parse_csv(input: &str) -> Result<Vec<Vec<f64>>, CsvError> {
    let mut rows = Vec::new();
    let mut width = None;
    for (line_no, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut row = Vec::new();
        for (col, field) in line.split(',').enumerate() {
            let v: f64 = field
                .trim()
                .parse()
                .map_err(|_| CsvError::Field { line: line_no + 1, col })?;
            row.push(v);
        }
        match width {
            None => width = Some(row.len()),
            Some(w) if w != row.len() => return Err(CsvError::Width(line_no + 1)),
            Some(_) => {}
        }
        rows.push(row);
    }
    Ok(rows)
}
