//! Helpers of the simulator's tests: typed device buffers, one-instruction programs, and the
//! reduction order of kernelize's PTX emulated in Rust.

use kernelize_runtime::sim::{Memory, Program, SimError, Stats};

pub const HEADER: &str = ".version 6.0\n.target sm_50\n.address_size 64\n";

/// An element type of device arrays, by its bytes.
pub trait Elem: Copy + std::fmt::Debug + PartialEq {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    fn get(b: &[u8]) -> Self;
}

macro_rules! elem {
    ($($t:ty)*) => {$(
        impl Elem for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(b: &[u8]) -> Self {
                <$t>::from_le_bytes(b[..Self::SIZE].try_into().unwrap())
            }
        }
    )*};
}
elem!(f64 f32 i64 u64 i32 u32 i8 u8 i16 u16);

impl Elem for bool {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
    fn get(b: &[u8]) -> Self {
        b[0] != 0
    }
}

/// A device array of `len` elements of `T`.
pub fn upload<T: Elem>(mem: &mut Memory, data: &[T]) -> u64 {
    let mut bytes = Vec::with_capacity(data.len() * T::SIZE);
    for &x in data {
        x.put(&mut bytes);
    }
    let addr = mem.alloc(bytes.len());
    mem.write(addr, &bytes).unwrap();
    addr
}

pub fn zeros<T: Elem>(mem: &mut Memory, len: usize) -> u64 {
    mem.alloc(len * T::SIZE)
}

pub fn download<T: Elem>(mem: &Memory, addr: u64, len: usize) -> Vec<T> {
    let mut bytes = vec![0u8; len * T::SIZE];
    mem.read(addr, &mut bytes).unwrap();
    bytes.chunks_exact(T::SIZE).map(T::get).collect()
}

/// A register class of the one-instruction harness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum R {
    P,
    R32,
    R64,
    F32,
    F64,
}

impl R {
    /// Loads input `k` (at `[%rd14 + 8k]`) into register `k + 1`.
    fn load(self, k: usize) -> String {
        let (off, n) = (8 * k, k + 1);
        match self {
            R::P => format!("ld.global.u32 %r9, [%rd14+{off}];\n\tsetp.ne.b32 %p{n}, %r9, 0;"),
            R::R32 => format!("ld.global.u32 %r{n}, [%rd14+{off}];"),
            R::R64 => format!("ld.global.u64 %rd{n}, [%rd14+{off}];"),
            R::F32 => format!("ld.global.f32 %f{n}, [%rd14+{off}];"),
            R::F64 => format!("ld.global.f64 %fd{n}, [%rd14+{off}];"),
        }
    }

    /// Stores register 0 at `[%rd15]`.
    fn store(self) -> &'static str {
        match self {
            R::P => "selp.u32 %r9, 1, 0, %p0;\n\tst.global.u32 [%rd15], %r9;",
            R::R32 => "st.global.u32 [%rd15], %r0;",
            R::R64 => "st.global.u64 [%rd15], %rd0;",
            R::F32 => "st.global.f32 [%rd15], %f0;",
            R::F64 => "st.global.f64 [%rd15], %fd0;",
        }
    }
}

/// A module whose entry `t(in, out)` runs `body` in thread 0 with `%rd14 = in`,
/// `%rd15 = out`, and registers `%p<10> %r<10> %rd<16> %f<10> %fd<10>`.
pub fn module(body: &str) -> String {
    format!(
        "{HEADER}.visible .entry t(.param .u64 t_in, .param .u64 t_out)\n{{\n\
         \t.reg .pred %p<10>;\n\t.reg .b32 %r<10>;\n\t.reg .b64 %rd<16>;\n\t.reg .f32 %f<10>;\n\t.reg .f64 %fd<10>;\n\
         \tld.param.u64 %rd14, [t_in];\n\tld.param.u64 %rd15, [t_out];\n\
         \tmov.u32 %r8, %tid.x;\n\tsetp.ne.u32 %p9, %r8, 0;\n\t@%p9 bra $L_end;\n\
         \t{body}\n$L_end:\n\tret;\n}}\n"
    )
}

/// One instruction run on chosen inputs: input `k` is loaded into register `k + 1` of its
/// class, and the instruction's result is read from register 0 of the output class.
#[derive(Debug)]
pub struct Harness {
    program: Program,
    mem: Memory,
    input: u64,
    output: u64,
}

impl Harness {
    pub fn new(ins: &str, inputs: &[R], out: R) -> Harness {
        Self::try_new(ins, inputs, out).unwrap_or_else(|e| panic!("`{ins}`: {e}"))
    }

    pub fn try_new(ins: &str, inputs: &[R], out: R) -> Result<Harness, SimError> {
        let loads: Vec<String> = inputs.iter().enumerate().map(|(k, r)| r.load(k)).collect();
        let body = format!("{}\n\t{ins};\n\t{}", loads.join("\n\t"), out.store());
        Self::body(&body)
    }

    /// A harness around a whole body (which stores its own results at `[%rd15 + 8k]`).
    pub fn body(body: &str) -> Result<Harness, SimError> {
        let program = Program::parse(&module(body))?;
        let mut mem = Memory::new();
        let input = mem.alloc(8 * 8);
        let output = mem.alloc(8 * 8);
        Ok(Harness { program, mem, input, output })
    }

    /// The result bits for `inputs` (raw bits, one per input register).
    pub fn eval(&mut self, inputs: &[u64]) -> u64 {
        self.try_eval(inputs).unwrap_or_else(|e| panic!("{e}"))[0]
    }

    pub fn try_eval(&mut self, inputs: &[u64]) -> Result<Vec<u64>, SimError> {
        let bytes: Vec<u8> = inputs.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.mem.write(self.input, &bytes)?;
        self.mem.write(self.output, &[0; 64])?;
        self.program.launch(&mut self.mem, "t", 1, 32, &[self.input, self.output])?;
        Ok(download::<u64>(&self.mem, self.output, 8))
    }
}

/// Evaluates `ins` once.
pub fn eval(ins: &str, inputs: &[(R, u64)], out: R) -> u64 {
    let classes: Vec<R> = inputs.iter().map(|i| i.0).collect();
    let bits: Vec<u64> = inputs.iter().map(|i| i.1).collect();
    Harness::new(ins, &classes, out).eval(&bits)
}

/// Launches `entry` of `ptx` and returns its statistics.
pub fn launch(mem: &mut Memory, ptx: &str, entry: &str, grid: (u32, u32), params: &[u64]) -> Result<Stats, SimError> {
    let program = Program::parse(ptx).unwrap_or_else(|e| panic!("{e}"));
    program.launch(mem, entry, grid.0, grid.1, params)
}

/// The block partials kernelize's PTX computes for a reduction with `op` over `items`
/// (one per iteration), in the exact order of its operations: each thread folds its
/// grid-stride iterations from `identity`; each warp combines by `shfl.sync.down` with
/// offsets 16, 8, 4, 2, 1 (a lane past 31 reads its own value); lane `k` of warp 0 takes
/// warp `k`'s total (or `identity`) and combines the same way.
pub fn emulate_reduction<T: Copy>(items: &[T], grid: (u32, u32), identity: T, op: impl Fn(T, T) -> T) -> Vec<T> {
    let (blocks, threads) = (grid.0 as usize, grid.1 as usize);
    let stride = blocks * threads;
    let warp = |v: &mut Vec<T>| {
        for offset in [16, 8, 4, 2, 1] {
            let before = v.clone();
            for lane in 0..32 {
                let other = if lane + offset <= 31 { before[lane + offset] } else { before[lane] };
                v[lane] = op(before[lane], other);
            }
        }
        v[0]
    };
    (0..blocks)
        .map(|b| {
            let totals: Vec<T> = (0..threads / 32)
                .map(|w| {
                    let mut v: Vec<T> = (0..32)
                        .map(|lane| {
                            let first = b * threads + w * 32 + lane;
                            items.iter().skip(first).step_by(stride).fold(identity, |acc, &x| op(acc, x))
                        })
                        .collect();
                    warp(&mut v)
                })
                .collect();
            let mut v: Vec<T> = (0..32).map(|lane| totals.get(lane).copied().unwrap_or(identity)).collect();
            warp(&mut v)
        })
        .collect()
}

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [lo, hi).
    pub fn f64(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Whether two floats are the same value (any NaN matching any NaN).
pub fn same64(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

pub fn same32(a: f32, b: f32) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}
