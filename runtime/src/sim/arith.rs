//! The semantics of the operations whose PTX meaning is more than one Rust operator:
//! comparisons, float `min`/`max`, conversions, and the approximate instructions.

use super::inst::{Kind, Round};
use std::cmp::Ordering;

/// The canonical NaNs PTX returns where an operation makes a new NaN.
const NAN_F32: u32 = 0x7fff_ffff;
const NAN_F64: u64 = 0x7fff_ffff_ffff_ffff;

/// `setp`: whether `ord` (`None` for unordered) is in the comparison's `mask`.
#[inline]
pub(super) fn test(mask: u8, ord: Option<Ordering>) -> u64 {
    let bit = match ord {
        Some(o) => (o as i8 + 1) as u8,
        None => 3,
    };
    u64::from(mask >> bit & 1)
}

/// PTX's `min` and `max` for one float type: a NaN operand gives the other operand (two give
/// the canonical NaN), and `-0.0` is less than `+0.0`.
macro_rules! min_max {
    ($min:ident, $max:ident, $t:ty, $nan:expr) => {
        #[inline]
        pub(super) fn $min(a: $t, b: $t) -> $t {
            match (a.is_nan(), b.is_nan()) {
                (true, true) => <$t>::from_bits($nan),
                (true, false) => b,
                (false, true) => a,
                _ if a == b => {
                    if a.is_sign_negative() {
                        a
                    } else {
                        b
                    }
                }
                _ => {
                    if a < b {
                        a
                    } else {
                        b
                    }
                }
            }
        }

        #[inline]
        pub(super) fn $max(a: $t, b: $t) -> $t {
            match (a.is_nan(), b.is_nan()) {
                (true, true) => <$t>::from_bits($nan),
                (true, false) => b,
                (false, true) => a,
                _ if a == b => {
                    if a.is_sign_negative() {
                        b
                    } else {
                        a
                    }
                }
                _ => {
                    if a > b {
                        a
                    } else {
                        b
                    }
                }
            }
        }
    };
}

min_max!(min_f32, max_f32, f32, NAN_F32);
min_max!(min_f64, max_f64, f64, NAN_F64);

/// `cvt.rXi.<int>.<float>`: rounds `x` as `round` says, then saturates to `kind`'s range;
/// NaN gives 0. The result is extended to 64 bits by `kind`'s sign.
pub(super) fn float_to_int(x: f64, kind: Kind, round: Round) -> u64 {
    let r = round.f64(x);
    // Rust's `as` from a float saturates and sends NaN to 0, as PTX's `cvt` does.
    match kind {
        Kind::U8 => u64::from(r as u8),
        Kind::S8 => r as i8 as i64 as u64,
        Kind::U16 => u64::from(r as u16),
        Kind::S16 => r as i16 as i64 as u64,
        Kind::U32 => u64::from(r as u32),
        Kind::S32 => r as i32 as i64 as u64,
        Kind::U64 => r as u64,
        Kind::S64 => r as i64 as u64,
    }
}

/// `cvt.rn.f32.<int>`: the integer of `kind` in `v`, rounded once to nearest even.
pub(super) fn int_to_f32(v: u64, kind: Kind) -> f32 {
    let x = kind.extend(v);
    if kind.signed() { x as i64 as f32 } else { x as f32 }
}

pub(super) fn int_to_f64(v: u64, kind: Kind) -> f64 {
    let x = kind.extend(v);
    if kind.signed() { x as i64 as f64 } else { x as f64 }
}

/// The approximate `f32` instructions, computed in `f64` and rounded once: at least as
/// accurate as the GPU's (see the module docs for the GPU's bounds).
pub(super) fn sin_approx(x: f32) -> f32 {
    f64::from(x).sin() as f32
}

pub(super) fn cos_approx(x: f32) -> f32 {
    f64::from(x).cos() as f32
}

pub(super) fn ex2_approx(x: f32) -> f32 {
    f64::from(x).exp2() as f32
}

pub(super) fn lg2_approx(x: f32) -> f32 {
    f64::from(x).log2() as f32
}

/// `div.full.f32` and `div.approx.f32`: the `f64` quotient of two `f32` rounded to `f32` is
/// the correctly rounded `f32` quotient (53 >= 2 * 24 + 2 bits), so this is `div.rn.f32`.
pub(super) fn div_approx(a: f32, b: f32) -> f32 {
    (f64::from(a) / f64::from(b)) as f32
}

/// The mask of a `bits`-wide register (32 or 64).
#[inline]
pub(super) fn width_mask(bits: u32) -> u64 {
    if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 }
}

/// `shfl.sync`'s source lane for `lane`, and whether it is in range (else the lane's own
/// value is taken), by the PTX ISA's pseudo-code. `mode`: 0 up, 1 down, 2 bfly, 3 idx.
pub(super) fn shfl_source(mode: u8, lane: u32, b: u32, c: u32) -> (u32, bool) {
    let (bval, cval, segmask) = (b & 31, c & 31, (c >> 8) & 31);
    let max_lane = (lane & segmask) | (cval & !segmask);
    let min_lane = lane & segmask;
    let (j, ok) = match mode {
        0 => {
            let j = i64::from(lane) - i64::from(bval);
            (j, j >= i64::from(max_lane))
        }
        1 => {
            let j = lane + bval;
            (i64::from(j), j <= max_lane)
        }
        2 => {
            let j = lane ^ bval;
            (i64::from(j), j <= max_lane)
        }
        _ => {
            let j = min_lane | (bval & !segmask);
            (i64::from(j), j <= max_lane)
        }
    };
    if ok { (j as u32, true) } else { (lane, false) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_max_follow_ptx() {
        assert_eq!(min_f64(f64::NAN, 1.0), 1.0);
        assert_eq!(max_f64(2.0, f64::NAN), 2.0);
        assert_eq!(min_f64(f64::NAN, f64::NAN).to_bits(), NAN_F64);
        assert!(min_f64(0.0, -0.0).is_sign_negative());
        assert!(min_f64(-0.0, 0.0).is_sign_negative());
        assert!(max_f32(-0.0, 0.0).is_sign_positive());
        assert!(max_f32(0.0, -0.0).is_sign_positive());
        assert_eq!(min_f32(-3.0, 2.0), -3.0);
    }

    #[test]
    fn shfl_down_clamps_at_the_last_lane() {
        assert_eq!(shfl_source(1, 3, 16, 31), (19, true));
        assert_eq!(shfl_source(1, 20, 16, 31), (20, false));
        assert_eq!(shfl_source(0, 3, 4, 0), (3, false));
        assert_eq!(shfl_source(0, 5, 4, 0), (1, true));
        assert_eq!(shfl_source(2, 5, 1, 31), (4, true));
        assert_eq!(shfl_source(3, 5, 9, 31), (9, true));
    }

    #[test]
    fn float_to_int_saturates() {
        assert_eq!(float_to_int(f64::NAN, Kind::S32, Round::Zero), 0);
        assert_eq!(float_to_int(1e20, Kind::S32, Round::Zero), i32::MAX as i64 as u64);
        assert_eq!(float_to_int(-1e20, Kind::U64, Round::Zero), 0);
        assert_eq!(float_to_int(-2.5, Kind::S64, Round::Nearest), (-2i64) as u64);
        assert_eq!(float_to_int(-2.5, Kind::S64, Round::Down), (-3i64) as u64);
        assert_eq!(float_to_int(300.0, Kind::U8, Round::Zero), 255);
    }
}
