#[derive(Clone, Copy)]
pub enum Op { Add, Sub, Mul, Div, Neg, Abs }

pub fn arity(op: Op) -> u8 {
    match op {
        Op::Add | Op::Sub | Op::Mul | Op::Div => 2,
        Op::Neg | Op::Abs => 1,
    }
}

pub fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

pub fn nested_or(x: Option<Result<u8, u8>>) -> u8 {
    match x {
        Some(Ok(v) | Err(v)) if v > 10 => v,
        Some(Ok(0 | 1) | Err(2..=5)) => 1,
        None | Some(_) => 0,
    }
}
