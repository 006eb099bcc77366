//! Types of the kernel language.

use std::fmt;

/// A scalar type of the kernel language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scalar {
    F32,
    F64,
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
    Bool,
}

impl Scalar {
    pub const ALL: [Scalar; 13] = [
        Scalar::F32,
        Scalar::F64,
        Scalar::I8,
        Scalar::I16,
        Scalar::I32,
        Scalar::I64,
        Scalar::Isize,
        Scalar::U8,
        Scalar::U16,
        Scalar::U32,
        Scalar::U64,
        Scalar::Usize,
        Scalar::Bool,
    ];

    pub fn from_name(name: &str) -> Option<Scalar> {
        Scalar::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Bytes of one value, in memory and on the GPU (`bool` is one byte).
    pub const fn bytes(self) -> u64 {
        match self {
            Scalar::I8 | Scalar::U8 | Scalar::Bool => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::F32 | Scalar::I32 | Scalar::U32 => 4,
            Scalar::F64 | Scalar::I64 | Scalar::Isize | Scalar::U64 | Scalar::Usize => 8,
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::I8 => "i8",
            Scalar::I16 => "i16",
            Scalar::I32 => "i32",
            Scalar::I64 => "i64",
            Scalar::Isize => "isize",
            Scalar::U8 => "u8",
            Scalar::U16 => "u16",
            Scalar::U32 => "u32",
            Scalar::U64 => "u64",
            Scalar::Usize => "usize",
            Scalar::Bool => "bool",
        }
    }

    pub const fn is_float(self) -> bool {
        matches!(self, Scalar::F32 | Scalar::F64)
    }

    pub const fn is_int(self) -> bool {
        !self.is_float() && !matches!(self, Scalar::Bool)
    }

    pub const fn is_signed(self) -> bool {
        matches!(self, Scalar::F32 | Scalar::F64 | Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 | Scalar::Isize)
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How an array reaches the kernel: the Rust type that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Repr {
    /// `&[T]` or `&mut [T]`.
    Slice,
    /// A `Vec<T>` declared in host code.
    Vec,
    /// `ArrayView1/2<T>` or `ArrayViewMut1/2<T>` (possibly strided).
    View,
    /// `&Array1/2<T>` or `&mut Array1/2<T>`.
    ArrayRef,
    /// An `Array1/2<T>` declared in host code.
    Array,
}

/// An array type: element, rank, and whether the kernel may write through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ArrayTy {
    pub elem: Scalar,
    pub ndim: u8,
    pub mutable: bool,
    pub repr: Repr,
}

impl ArrayTy {
    /// True for contiguous one-dimensional storage that coerces to a Rust slice.
    pub fn is_slice_like(&self) -> bool {
        self.ndim == 1 && matches!(self.repr, Repr::Slice | Repr::Vec)
    }
}

impl fmt::Display for ArrayTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.elem;
        let n = self.ndim;
        match (self.repr, self.mutable) {
            (Repr::Slice, false) => write!(f, "&[{e}]"),
            (Repr::Slice, true) => write!(f, "&mut [{e}]"),
            (Repr::Vec, _) => write!(f, "Vec<{e}>"),
            (Repr::View, false) => write!(f, "ArrayView{n}<{e}>"),
            (Repr::View, true) => write!(f, "ArrayViewMut{n}<{e}>"),
            (Repr::ArrayRef, false) => write!(f, "&Array{n}<{e}>"),
            (Repr::ArrayRef, true) => write!(f, "&mut Array{n}<{e}>"),
            (Repr::Array, _) => write!(f, "Array{n}<{e}>"),
        }
    }
}

/// The type of an IR expression or variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    Scalar(Scalar),
    Array(ArrayTy),
    /// The value of a statement-like expression (`if` without `else`, a block without tail).
    Unit,
    /// Not known to kernelize: the type of code outside the kernel language, left to rustc.
    Unknown,
    /// An inference variable. Only the front end creates these, and it resolves every one
    /// before it returns the IR.
    Infer(u32),
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Scalar(s) => s.fmt(f),
            Ty::Array(a) => a.fmt(f),
            Ty::Unit => f.write_str("()"),
            Ty::Unknown => f.write_str("?"),
            Ty::Infer(v) => write!(f, "?{v}"),
        }
    }
}
