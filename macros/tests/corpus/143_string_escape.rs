pub fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(r"\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn raw_strings() -> usize {
    let a = r#"He said "hi" \n"#;
    let b = r##"a "# inside"##;
    let c = b"bytes\x7f";
    let d = br"raw\bytes";
    let e = c"c string";
    let f = '\'';
    let g = '\u{10FFFF}';
    a.len() + b.len() + c.len() + d.len() + e.count_bytes() + f.len_utf8() + g.len_utf8()
}

pub fn multiline() -> &'static str {
    "first line \
     continued line
second line"
}
