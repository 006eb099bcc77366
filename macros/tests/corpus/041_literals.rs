pub fn literal_zoo() -> f64 {
    let a = 1_000u32;
    let b = 0x1F_u8;
    let c = 0o777i16;
    let d = 0b1010_1010u8;
    let e = 1e-9;
    let f = 6.022_140_76e23_f64;
    let g = 2.5E+3f32;
    let h = 1usize;
    let i = -128i8;
    let j = 0xFFFF_FFFF_FFFF_FFFFu64;
    let k = 1.;
    let l = 3f64;
    let m = b'x' as u32 + b"\x00\xff"[1] as u32;
    a as f64 + b as f64 + c as f64 + d as f64 + e + f + g as f64 + h as f64 + i as f64 + j as f64 + k + l + m as f64
}

pub fn huge_literals() -> (u128, i128, f64) {
    let max = 340282366920938463463374607431768211455u128;
    let min = -170141183460469231731687303715884105728i128;
    let inf = 1e400;
    (max, min, inf)
}
