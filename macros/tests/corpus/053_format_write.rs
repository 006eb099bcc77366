use std::fmt::Write as _;

pub fn table(rows: &[(String, f64)]) -> String {
    let mut s = String::new();
    writeln!(s, "{:<10} | {:>8}", "name", "value").unwrap();
    for (name, v) in rows {
        write!(&mut s, "{name:<10} | {v:>8.3}\n").unwrap();
    }
    let _ = write!(s, "{}", format_args!("total rows: {}", rows.len()));
    s
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join("")
}
