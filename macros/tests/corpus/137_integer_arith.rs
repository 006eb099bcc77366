use kernelize::prange;

pub fn checked_ops(a: &[u32], b: &[u32], out: &mut [Option<u32>]) {
    for i in prange(0..a.len()) {
        out[i] = a[i].checked_mul(b[i]).and_then(|x| x.checked_add(1));
    }
}

pub fn saturating(a: &mut [u8], d: i16) {
    for i in prange(0..a.len()) {
        a[i] = if d >= 0 { a[i].saturating_add(d as u8) } else { a[i].saturating_sub((-d) as u8) };
    }
}

pub fn wrapping_hash(a: &[u64]) -> u64 {
    let mut h = 0u64;
    for i in prange(0..a.len()) {
        h = h.wrapping_add(a[i].wrapping_mul(0x9E37_79B9_7F4A_7C15));
    }
    h
}

pub fn int_division(a: &[i64], out: &mut [i64]) {
    for i in prange(0..a.len()) {
        out[i] = a[i] / 3 + a[i] % 3 - a[i].div_euclid(4) + (a[i] >> 2) + (-a[i]).rem_euclid(5) + i64::pow(2, 10) + 1 << 2;
    }
}
