#[derive(Debug, PartialEq, Clone)]
pub enum Tok { Num(f64), Ident(String), Op(char), LParen, RParen }

pub fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => { i += 1; }
            '0'..='9' | '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == 'e') {
                    i += 1;
                }
                let s: String = chars[start..i].iter().collect();
                out.push(Tok::Num(s.parse().map_err(|e| format!("bad number {s:?}: {e}"))?));
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push(Tok::Ident(chars[start..i].iter().collect()));
            }
            '+' | '-' | '*' | '/' | '^' => { out.push(Tok::Op(c)); i += 1; }
            '(' => { out.push(Tok::LParen); i += 1; }
            ')' => { out.push(Tok::RParen); i += 1; }
            other => return Err(format!("unexpected {other:?} at {i}")),
        }
    }
    Ok(out)
}

pub fn precedence(op: char) -> u8 {
    match op { '+' | '-' => 1, '*' | '/' => 2, '^' => 3, _ => 0 }
}
