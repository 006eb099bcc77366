//! The tokens of PTX text: words (directives, opcodes, names, registers, numbers) and
//! punctuation, each with its line.

use super::error::{SimError, SimErrorKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok<'s> {
    /// A run of letters, digits and `_ $ % .`: `ld.global.f64`, `%rd3`, `0d3FF0000000000000`.
    Word(&'s str),
    /// One of `( ) { } [ ] , ; : + - @ ! < > |`.
    Punct(char),
    /// A quoted string (only so that one is reported as unsupported, not as garbage).
    Str(&'s str),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'s> {
    pub tok: Tok<'s>,
    /// 1-based.
    pub line: u32,
}

const PUNCT: &str = "(){}[],;:+-@!<>|=";

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '%' | '.')
}

/// The tokens of `src`, or an error at the first character that is not PTX.
pub(super) fn lex(src: &str) -> Result<Vec<Token<'_>>, SimError> {
    let mut out = Vec::new();
    let mut line = 1u32;
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        let len = if c == '\n' {
            line = line.saturating_add(1);
            1
        } else if c.is_whitespace() {
            c.len_utf8()
        } else if rest.starts_with("//") {
            rest.find('\n').unwrap_or(rest.len())
        } else if rest.starts_with("/*") {
            let Some(end) = rest.find("*/") else {
                return Err(error(line, src, "a `/*` comment is never closed"));
            };
            line = line.saturating_add(rest[..end].matches('\n').count() as u32);
            end + 2
        } else if c == '"' {
            // To the closing quote, or to the end of the line without one.
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let end = rest[1..line_end].find('"').map_or(line_end, |e| e + 2);
            out.push(Token { tok: Tok::Str(&rest[..end]), line });
            end
        } else if PUNCT.contains(c) {
            out.push(Token { tok: Tok::Punct(c), line });
            1
        } else if is_word(c) {
            let end = word_end(rest);
            out.push(Token { tok: Tok::Word(&rest[..end]), line });
            end
        } else {
            return Err(error(line, src, &format!("unexpected character `{c}`")));
        };
        rest = &rest[len..];
    }
    Ok(out)
}

/// The length of the word at the start of `s`; a decimal number keeps the sign of its
/// exponent (`1.5e-3`).
fn word_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let decimal = bytes.first().is_some_and(u8::is_ascii_digit)
        && !matches!(bytes.get(1), Some(b'x' | b'X' | b'd' | b'D' | b'f' | b'F' | b'b' | b'B'));
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        let exponent_sign = decimal && matches!(c, '+' | '-') && matches!(bytes[i - 1], b'e' | b'E');
        if !(is_word(c) || exponent_sign) {
            break;
        }
        i += 1;
    }
    i
}

fn error(line: u32, src: &str, message: &str) -> SimError {
    let text = src.lines().nth(line as usize - 1).unwrap_or("");
    SimError::new(SimErrorKind::Parse, message).at_line(line, text)
}

/// The value of an integer literal: decimal, `0x` hex, `0b` binary, `0` octal, optional `U`.
pub(super) fn parse_int(w: &str) -> Option<u64> {
    let w = w.strip_suffix('U').unwrap_or(w);
    let (digits, radix) = if let Some(h) = w.strip_prefix("0x").or_else(|| w.strip_prefix("0X")) {
        (h, 16)
    } else if let Some(b) = w.strip_prefix("0b").or_else(|| w.strip_prefix("0B")) {
        (b, 2)
    } else if w.len() > 1 && w.starts_with('0') {
        (&w[1..], 8)
    } else {
        (w, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// A float literal: `0fXXXXXXXX` (f32 bits), `0dXXXXXXXXXXXXXXXX` (f64 bits), or decimal.
pub(super) enum FloatLit {
    F32(f32),
    F64(f64),
}

pub(super) fn parse_float(w: &str) -> Option<FloatLit> {
    fn hex(h: &str, n: usize) -> Option<&str> {
        (h.len() == n && h.chars().all(|c| c.is_ascii_hexdigit())).then_some(h)
    }
    if let Some(h) = w.strip_prefix("0f").or_else(|| w.strip_prefix("0F")) {
        return u32::from_str_radix(hex(h, 8)?, 16).ok().map(|b| FloatLit::F32(f32::from_bits(b)));
    }
    if let Some(h) = w.strip_prefix("0d").or_else(|| w.strip_prefix("0D")) {
        return u64::from_str_radix(hex(h, 16)?, 16).ok().map(|b| FloatLit::F64(f64::from_bits(b)));
    }
    let decimal = w.starts_with(|c: char| c.is_ascii_digit()) && w.contains(['.', 'e', 'E']);
    if decimal && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')) {
        return w.parse::<f64>().ok().map(FloatLit::F64);
    }
    None
}
