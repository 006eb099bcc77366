//! The leaf tables of the PTX writer: register classes and registers, the PTX type of each
//! scalar type, immediates and constants, the error codes of the flag word.

use crate::ir::{Const, Scalar, Ty};
use std::fmt::{self, Display};

/// A register class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Pred,
    B32,
    B64,
    F32,
    F64,
}

impl Class {
    pub const ALL: [Class; 5] = [Class::Pred, Class::B32, Class::B64, Class::F32, Class::F64];

    pub const fn prefix(self) -> &'static str {
        match self {
            Class::Pred => "%p",
            Class::B32 => "%r",
            Class::B64 => "%rd",
            Class::F32 => "%f",
            Class::F64 => "%fd",
        }
    }

    pub const fn decl(self) -> &'static str {
        match self {
            Class::Pred => ".pred",
            Class::B32 => ".b32",
            Class::B64 => ".b64",
            Class::F32 => ".f32",
            Class::F64 => ".f64",
        }
    }

    pub const fn index(self) -> usize {
        match self {
            Class::Pred => 0,
            Class::B32 => 1,
            Class::B64 => 2,
            Class::F32 => 3,
            Class::F64 => 4,
        }
    }
}

/// A virtual register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg {
    pub class: Class,
    n: u32,
}

impl Reg {
    /// Register `n` of `class` (the function's writer numbers them, [`Fx::reg`](super::fx::Fx::reg)).
    pub fn numbered(class: Class, n: u32) -> Reg {
        Reg { class, n }
    }
}

impl Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.class.prefix(), self.n)
    }
}

/// The register class that holds a scalar.
pub const fn class(s: Scalar) -> Class {
    match s {
        Scalar::F32 => Class::F32,
        Scalar::F64 => Class::F64,
        Scalar::Bool => Class::Pred,
        Scalar::I64 | Scalar::U64 | Scalar::Isize | Scalar::Usize => Class::B64,
        _ => Class::B32,
    }
}

/// The type suffix of arithmetic on a scalar held in its register.
pub const fn arith(s: Scalar) -> &'static str {
    match s {
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::I8 | Scalar::I16 | Scalar::I32 => "s32",
        Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::Bool => "u32",
        Scalar::I64 | Scalar::Isize => "s64",
        Scalar::U64 | Scalar::Usize => "u64",
    }
}

/// The type suffix of a load or store of a scalar in memory (`bool` is one byte, as in Rust).
pub const fn mem(s: Scalar) -> &'static str {
    match s {
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::I8 => "s8",
        Scalar::I16 => "s16",
        Scalar::I32 => "s32",
        Scalar::I64 | Scalar::Isize => "s64",
        Scalar::U8 | Scalar::Bool => "u8",
        Scalar::U16 => "u16",
        Scalar::U32 => "u32",
        Scalar::U64 | Scalar::Usize => "u64",
    }
}

/// Bits of a Rust integer type (the width shifts are masked to).
pub const fn bits(s: Scalar) -> u32 {
    (s.bytes() * 8) as u32
}

/// The error codes a kernel leaves in its flag word (see the runtime's `Module::check`).
pub const FAIL_BOUNDS: u32 = 1;
pub const FAIL_ARITH: u32 = 2;

/// The PTX name of a math library device function.
pub fn device_name(name: &str) -> String {
    format!("__kz_libm_{name}")
}

/// The `.param` type of a scalar passed to or returned from a device function.
pub const fn param_type(s: Scalar) -> &'static str {
    match class(s) {
        Class::F32 => "f32",
        Class::F64 => "f64",
        Class::B64 => "b64",
        _ => "b32",
    }
}

pub const fn mov_type(c: Class) -> &'static str {
    match c {
        Class::Pred => ".pred",
        Class::B32 => ".b32",
        Class::B64 => ".b64",
        Class::F32 => ".f32",
        Class::F64 => ".f64",
    }
}

pub const fn bit_type(c: Class) -> &'static str {
    match c {
        Class::B64 => "b64",
        _ => "b32",
    }
}

pub const fn int_signed(s: Scalar) -> &'static str {
    match class(s) {
        Class::B64 => "s64",
        _ => "s32",
    }
}

/// The source type of an integer-to-float conversion.
pub fn int_source(s: Scalar, r: Reg) -> &'static str {
    match (r.class, s.is_signed()) {
        (Class::B64, true) => "s64",
        (Class::B64, false) => "u64",
        (_, true) => "s32",
        (_, false) => "u32",
    }
}

/// The scalar type of a typed expression (`u8` stands in for the non-scalar types, which
/// the front end never gives to the expressions asked about).
pub fn scalar(t: &Ty) -> Scalar {
    match t {
        Ty::Scalar(s) => *s,
        _ => Scalar::U8,
    }
}

/// A constant's value before it meets its type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ConstValue {
    Int(i128),
    Float(f64),
}

impl ConstValue {
    pub fn as_f64(self) -> f64 {
        match self {
            ConstValue::Int(v) => v as f64,
            ConstValue::Float(v) => v,
        }
    }

    pub fn as_f32(self) -> f32 {
        match self {
            ConstValue::Int(v) => v as f32,
            ConstValue::Float(v) => v as f32,
        }
    }

    pub fn as_int_bits(self) -> u64 {
        match self {
            ConstValue::Int(v) => v as u64,
            ConstValue::Float(v) => v as i64 as u64,
        }
    }
}

/// `0dXXXXXXXXXXXXXXXX`: an exact f64 immediate.
pub fn f64_imm(v: f64) -> String {
    format!("0d{:016X}", v.to_bits())
}

/// `0fXXXXXXXX`: an exact f32 immediate.
pub fn f32_imm(v: f32) -> String {
    format!("0f{:08X}", v.to_bits())
}

/// The value of a named constant (`f64::consts::PI`, `u8::MAX`).
pub fn const_value(c: Const) -> ConstValue {
    use std::f64::consts as d;
    if c.ty.is_float() {
        let f32_only = c.ty == Scalar::F32;
        let v = match c.name {
            "PI" => d::PI,
            "TAU" => d::TAU,
            "E" => d::E,
            "SQRT_2" => d::SQRT_2,
            "FRAC_1_SQRT_2" => d::FRAC_1_SQRT_2,
            "LN_2" => d::LN_2,
            "LN_10" => d::LN_10,
            "LOG2_E" => d::LOG2_E,
            "LOG10_E" => d::LOG10_E,
            "LOG2_10" => d::LOG2_10,
            "LOG10_2" => d::LOG10_2,
            "FRAC_PI_2" => d::FRAC_PI_2,
            "FRAC_PI_3" => d::FRAC_PI_3,
            "FRAC_PI_4" => d::FRAC_PI_4,
            "FRAC_PI_6" => d::FRAC_PI_6,
            "FRAC_PI_8" => d::FRAC_PI_8,
            "FRAC_1_PI" => d::FRAC_1_PI,
            "FRAC_2_PI" => d::FRAC_2_PI,
            "FRAC_2_SQRT_PI" => d::FRAC_2_SQRT_PI,
            "INFINITY" => f64::INFINITY,
            "NEG_INFINITY" => f64::NEG_INFINITY,
            "NAN" => f64::NAN,
            "MAX" if f32_only => f64::from(f32::MAX),
            "MIN" if f32_only => f64::from(f32::MIN),
            "EPSILON" if f32_only => f64::from(f32::EPSILON),
            "MIN_POSITIVE" if f32_only => f64::from(f32::MIN_POSITIVE),
            "MAX" => f64::MAX,
            "MIN" => f64::MIN,
            "EPSILON" => f64::EPSILON,
            "MIN_POSITIVE" => f64::MIN_POSITIVE,
            _ => f64::NAN,
        };
        // An f32 constant is the f64 value rounded once to f32.
        return ConstValue::Float(v);
    }
    let bits = u32::try_from(c.ty.bytes() * 8).unwrap_or(64);
    let (min, max): (i128, i128) =
        if c.ty.is_signed() { (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1) } else { (0, (1i128 << bits) - 1) };
    ConstValue::Int(if c.name == "MIN" { min } else { max })
}
