/// Minimal UTF-8 decoder; returns None on malformed input.
pub fn decode_utf8(bytes: &[u8]) -> Option<Vec<char>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b0 = bytes[i];
        let (len, init) = match b0 {
            0x00..=0x7F => (1, b0 as u32),
            0xC2..=0xDF => (2, (b0 & 0x1F) as u32),
            0xE0..=0xEF => (3, (b0 & 0x0F) as u32),
            0xF0..=0xF4 => (4, (b0 & 0x07) as u32),
            _ => return None,
        };
        if i + len > bytes.len() {
            return None;
        }
        let mut cp = init;
        for k in 1..len {
            let b = bytes[i + k];
            if b & 0xC0 != 0x80 {
                return None;
            }
            cp = (cp << 6) | (b & 0x3F) as u32;
        }
        out.push(char::from_u32(cp)?);
        i += len;
    }
    Some(out)
}

pub fn count_non_ascii(s: &str) -> usize {
    s.bytes().filter(|b| !b.is_ascii()).count()
}
