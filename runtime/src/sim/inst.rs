//! The decoded form of an instruction, which is what the interpreter's inner loop runs.
//!
//! Parsing turns every instruction into one [`Inst`]: an [`Op`] that fixes the operation and
//! its types, and operands that are indices into the running function's frame. A frame holds
//! the function's registers, its `.param` variables and its constants, so an immediate
//! operand is a frame slot like a register and the inner loop never tells the two apart.
//! Every register holds 64 bits; a 32-bit register keeps its upper half zero, and a
//! predicate is 0 or 1.

/// `Inst::guard` of an instruction without `@p`.
pub(super) const NO_GUARD: u32 = u32::MAX;

/// One decoded instruction.
///
/// `d` is the destination slot, `a`, `b`, `c` the sources; operations document their own use
/// of the fields where they differ. `guard` is `slot << 1 | negated`, or [`NO_GUARD`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Inst {
    pub op: Op,
    /// A comparison's [`cmp`] mask, a memory access's [`Kind`], a conversion's kinds.
    pub aux: u8,
    pub guard: u32,
    pub d: u32,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

impl Inst {
    pub(super) fn new(op: Op) -> Inst {
        Inst { op, aux: 0, guard: NO_GUARD, d: 0, a: 0, b: 0, c: 0 }
    }
}

/// The operations of the subset, with their types resolved.
///
/// Integer operations come in 32- and 64-bit forms (`.u`/`.s`/`.b` alike where the result's
/// bits do not depend on the sign); float operations in `f32` and `f64` forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    /// `d = a`: every `mov`, `ld.param`/`st.param`, `cvta.to.global`, `cvt` of a type to itself.
    Mov,
    /// `d = ` the special register number `a` (see [`special`]).
    Special,
    /// `mov.b64 {d, c}, a`: `d` = low half, `c` = high half.
    Split,
    /// `mov.b64 d, {a, b}`: `a` low, `b` high.
    Join,
    /// `mov.u64 d, local_array`: `d` = the frame's local base + `a`.
    LocalAddr,
    Add32,
    Add64,
    Sub32,
    Sub64,
    MulLo32,
    MulLo64,
    MulWideU32,
    MulWideS32,
    MadLo32,
    MadLo64,
    DivU32,
    DivS32,
    DivU64,
    DivS64,
    RemU32,
    RemS32,
    RemU64,
    RemS64,
    /// `and`, `or`, `xor` of any width (upper halves of 32-bit registers stay zero).
    And,
    Or,
    Xor,
    Not32,
    Not64,
    NotPred,
    Shl32,
    Shl64,
    ShrU32,
    ShrS32,
    ShrU64,
    ShrS64,
    MinU32,
    MinS32,
    MinU64,
    MinS64,
    MaxU32,
    MaxS32,
    MaxU64,
    MaxS64,
    AbsS32,
    AbsS64,
    NegS32,
    NegS64,
    /// `setp` of `a` and `b`, `aux` the [`cmp`] mask.
    SetpU32,
    SetpS32,
    SetpU64,
    SetpS64,
    SetpF32,
    SetpF64,
    /// `d = c ? a : b`.
    Selp,
    AddF32,
    AddF64,
    SubF32,
    SubF64,
    MulF32,
    MulF64,
    FmaF32,
    FmaF64,
    DivF32,
    DivF64,
    /// `div.full.f32` and `div.approx.f32`, computed in `f64` and rounded once.
    DivApproxF32,
    NegF32,
    NegF64,
    AbsF32,
    AbsF64,
    MinF32,
    MinF64,
    MaxF32,
    MaxF64,
    SqrtF32,
    SqrtF64,
    RcpF32,
    RcpF64,
    /// `copysign d, a, b`: `b` with the sign of `a`.
    CopysignF32,
    CopysignF64,
    SinF32,
    CosF32,
    Ex2F32,
    Lg2F32,
    /// Integer to integer: `aux` = source [`Kind`] | destination [`Kind`] << 4; `b` the
    /// destination register's width in bits.
    CvtInt,
    /// Integer of [`Kind`] `aux` to float, rounded to nearest.
    CvtIntF32,
    CvtIntF64,
    /// Float to integer, saturating, NaN to 0: `aux` = destination [`Kind`] | [`Round`] << 4;
    /// `b` the destination register's width.
    CvtF32Int,
    CvtF64Int,
    CvtF64F32,
    CvtF32F64,
    /// Rounding to an integral value in the same format, `aux` a [`Round`].
    RoundF32,
    RoundF64,
    /// Loads: `d = mem[a + c as i32]` of [`Kind`] `aux`, extended to the `b`-bit register.
    LdGlobal,
    /// `ld.global.nc`: a load through the read-only cache, whose buffer no thread of the
    /// launch may write.
    LdGlobalNc,
    /// `ld.const`: a load from the module's constant memory.
    LdConst,
    LdShared,
    LdLocal,
    /// Stores: `mem[a + c as i32] = b`, `aux` the [`Kind`].
    StGlobal,
    /// `red.global.max.u32`: `mem[a + c as i32] = max(mem[..], b)`, atomically.
    RedMaxGlobal,
    StShared,
    StLocal,
    /// `bra`: to instruction `d`.
    Bra,
    /// `call` of call site `a`.
    Call,
    Ret,
    Exit,
    /// `bar.sync`.
    Bar,
    /// `shfl.sync` of shuffle site `a`.
    Shfl,
}

/// The integer kinds of memory accesses and conversions (a float is moved as its bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Kind {
    U8 = 0,
    S8 = 1,
    U16 = 2,
    S16 = 3,
    U32 = 4,
    S32 = 5,
    U64 = 6,
    S64 = 7,
}

impl Kind {
    pub(super) const ALL: [Kind; 8] =
        [Kind::U8, Kind::S8, Kind::U16, Kind::S16, Kind::U32, Kind::S32, Kind::U64, Kind::S64];

    pub(super) fn from_bits(v: u8) -> Kind {
        Kind::ALL[usize::from(v & 7)]
    }

    pub(super) const fn bytes(self) -> u32 {
        1 << (self as u32 / 2)
    }

    pub(super) const fn signed(self) -> bool {
        self as u32 % 2 == 1
    }

    /// The low `bytes` of `v`, sign- or zero-extended to 64 bits.
    #[inline]
    pub(super) fn extend(self, v: u64) -> u64 {
        match self {
            Kind::U8 => v & 0xff,
            Kind::S8 => v as u8 as i8 as i64 as u64,
            Kind::U16 => v & 0xffff,
            Kind::S16 => v as u16 as i16 as i64 as u64,
            Kind::U32 => v & 0xffff_ffff,
            Kind::S32 => v as u32 as i32 as i64 as u64,
            Kind::U64 | Kind::S64 => v,
        }
    }
}

/// The integer rounding modes of `cvt`: `.rni`, `.rzi`, `.rmi`, `.rpi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Round {
    Nearest = 0,
    Zero = 1,
    Down = 2,
    Up = 3,
}

impl Round {
    pub(super) fn from_bits(v: u8) -> Round {
        [Round::Nearest, Round::Zero, Round::Down, Round::Up][usize::from(v & 3)]
    }

    pub(super) fn f64(self, x: f64) -> f64 {
        match self {
            Round::Nearest => x.round_ties_even(),
            Round::Zero => x.trunc(),
            Round::Down => x.floor(),
            Round::Up => x.ceil(),
        }
    }

    pub(super) fn f32(self, x: f32) -> f32 {
        match self {
            Round::Nearest => x.round_ties_even(),
            Round::Zero => x.trunc(),
            Round::Down => x.floor(),
            Round::Up => x.ceil(),
        }
    }
}

/// Comparison masks of `setp`: bit 0 holds for "less", 1 for "equal", 2 for "greater",
/// 3 for "unordered" (a NaN operand).
pub(super) mod cmp {
    pub const EQ: u8 = 0b0010;
    pub const NE: u8 = 0b0101;
    pub const LT: u8 = 0b0001;
    pub const LE: u8 = 0b0011;
    pub const GT: u8 = 0b0100;
    pub const GE: u8 = 0b0110;
    pub const EQU: u8 = 0b1010;
    pub const NEU: u8 = 0b1101;
    pub const LTU: u8 = 0b1001;
    pub const LEU: u8 = 0b1011;
    pub const GTU: u8 = 0b1100;
    pub const GEU: u8 = 0b1110;
    pub const NUM: u8 = 0b0111;
    pub const NAN: u8 = 0b1000;

    /// The mask of a `setp` comparison name, and whether it is for floats only.
    pub fn parse(name: &str) -> Option<(u8, bool)> {
        Some(match name {
            "eq" => (EQ, false),
            "ne" => (NE, false),
            "lt" | "lo" => (LT, false),
            "le" | "ls" => (LE, false),
            "gt" | "hi" => (GT, false),
            "ge" | "hs" => (GE, false),
            "equ" => (EQU, true),
            "neu" => (NEU, true),
            "ltu" => (LTU, true),
            "leu" => (LEU, true),
            "gtu" => (GTU, true),
            "geu" => (GEU, true),
            "num" => (NUM, true),
            "nan" => (NAN, true),
            _ => return None,
        })
    }
}

/// The special registers `Op::Special` reads, by number. A launch is one-dimensional: `.y`
/// and `.z` indices are 0 and sizes 1.
pub(super) mod special {
    pub const NAMES: [&str; 13] = [
        "%tid.x",
        "%tid.y",
        "%tid.z",
        "%ntid.x",
        "%ntid.y",
        "%ntid.z",
        "%ctaid.x",
        "%ctaid.y",
        "%ctaid.z",
        "%nctaid.x",
        "%nctaid.y",
        "%nctaid.z",
        "%laneid",
    ];

    /// The number of a special register.
    pub fn parse(name: &str) -> Option<u32> {
        NAMES.iter().position(|n| *n == name).and_then(|i| u32::try_from(i).ok())
    }

    /// The value of special register `which` for thread `tid` of block `ctaid`.
    pub fn value(which: u32, tid: u32, ntid: u32, ctaid: u32, nctaid: u32) -> u32 {
        match which {
            0 => tid,
            3 => ntid,
            6 => ctaid,
            9 => nctaid,
            4 | 5 | 10 | 11 => 1,
            12 => tid % 32,
            _ => 0,
        }
    }
}

/// The instructions of the subset (and those rejected with a specific message).
const KNOWN: [&str; 36] = [
    "mov", "add", "sub", "mul", "mad", "fma", "div", "rem", "min", "max", "copysign", "abs", "neg", "not", "sqrt",
    "rcp", "sin", "cos", "ex2", "lg2", "and", "or", "xor", "shl", "shr", "setp", "selp", "cvt", "cvta", "ld", "st",
    "bra", "call", "ret", "exit", "shfl",
];

/// Whether the opcode `full` names an instruction of the subset (its operands may still be
/// wrong), so that the parser reports any other as unsupported before its operands.
pub(super) fn is_known(full: &str) -> bool {
    let name = full.split('.').next().unwrap_or("");
    KNOWN.contains(&name) || matches!(name, "bar" | "barrier" | "atom" | "red")
}
