//! `cuda_sim`: an interpreter of the PTX that kernelize's `#[kernel(cuda)]` back end writes,
//! so that every GPU kernel runs, on the CPU, where there is no GPU.
//!
//! It runs exactly the subset of PTX the back end emits, and is a small compute-sanitizer
//! while at it: every global and shared access is checked against its allocation or array
//! and its alignment, and barrier divergence, shuffle divergence and shared-memory races are
//! errors naming the entry, the thread and the PTX line.
//!
//! # The subset
//!
//! - **Module**: `.version`, `.target`, `.address_size 64`; `.const` tables of integers with
//!   initializers (`.const .align 8 .b64 t[38] = { .. };`, read with `ld.const`, their
//!   address taken with `mov.u64`); `.visible .entry` with `.param`
//!   parameters of the 32- and 64-bit types; `.func` device functions with at most one
//!   return `.param`, their prototypes (a header ending in `;`) and definitions.
//! - **Declarations** in bodies: `.reg` of `.pred`, `.b32`/`.u32`/`.s32`, `.b64`/`.u64`/
//!   `.s64`, `.f32`, `.f64`, as `%r<N>` ranges or single names; `.shared` arrays in entries
//!   (per block); `.local` arrays (per thread and call), both holding garbage (`0xa5` bytes) until written, as registers do (a NaN, or a large number);
//!   `.param` variables in `{ }` scopes for calls; labels.
//! - **Operands**: registers, special registers `%tid`, `%ntid`, `%ctaid`, `%nctaid` (`.x`;
//!   `.y`/`.z` read as a one-dimensional launch) and `%laneid`; immediates in decimal, hex
//!   (`0x`), octal, binary, negative, `0f` (f32 bits), `0d` (f64 bits) and decimal floats;
//!   addresses `[reg]`, `[reg+imm]`, `[array+imm]`, `[param]`; `{lo, hi}` register pairs.
//! - **Integer**: `add`, `sub`, `mul.lo`, `mad.lo`, `div`, `rem` (a zero divisor is an error;
//!   `MIN / -1` wraps), `min`, `max` on `.u32 .s32 .u64 .s64`; `mul.wide.{u32,s32}`; `abs`,
//!   `neg` on `.s32 .s64`; `and`, `or`, `xor`, `not` on `.b32 .b64 .pred`; `shl.{b32,b64}`,
//!   `shr.{b,u,s}{32,64}` (amounts of the width or more give 0, or the sign for `.s`).
//! - **Float** (`.f32`, `.f64`): `add`, `sub`, `mul` (with `.rn` or none), `fma.rn`,
//!   `div.rn`, `div.full.f32`, `div.approx.f32`, `sqrt.rn`, `rcp.rn`, `min`, `max`, `abs`,
//!   `neg`, `copysign`, and `sin cos ex2 lg2 .approx.f32`.
//! - **Compare and select**: `setp` with `eq ne lt le gt ge` (and `lo ls hi hs`) on integers
//!   and bits, plus the unordered `equ neu ltu leu gtu geu`, `num`, `nan` on floats; `selp`.
//! - **Conversions** `cvt`: integer to integer (truncating, or extending by the source's
//!   sign), integer to float (`.rn`), float to integer (`.rni .rzi .rmi .rpi`, saturating,
//!   NaN to 0), `.f32` to `.f64`, `.rn.f32.f64`, and `.rni .rzi .rmi .rpi` of a float to
//!   itself; `cvta.to.global.u64` (the identity).
//! - **Memory**: `ld`/`st` `.global` (`.nc` too), `red.global.max.u32`, `.shared`, `.local`, `.param`, of 8, 16,
//!   32 and 64 bits (narrow loads sign- or zero-extended into the register), and a state space
//!   left out reads as `.global`; `mov.u64 %rd, array` for the address of an array.
//! - **Control**: `@%p`/`@!%p` on any instruction, `bra`, `call` (with `.param` arguments and
//!   return value, to any depth up to 256), `ret`, `exit`, `bar.sync N`,
//!   `shfl.sync.{up,down,bfly,idx}.b32` with the full-warp member mask.
//!
//! Anything else is an [`SimErrorKind::Unsupported`] error naming the construct: among
//! others atomics (`atom`, and `red` but for `red.global.max.u32`, which the back end emits
//! for its flag word), `vote`, `mul.hi`, vectors
//! (`.v2`), 16-bit and half types, `.ftz`, `.sat`, `.volatile`, the directed roundings
//! `.rz .rm .rp` of arithmetic and conversions, `sqrt`/`rcp` `.approx`, textures,
//! partial-warp member masks, barriers with a thread count, and module-level variables other than `.const` tables. An
//! operand whose register does not fit the instruction's type is a [`SimErrorKind::Parse`]
//! error, as it is for `ptxas`.
//!
//! # Numerics
//!
//! Integer and bit operations are exact. `.rn` float operations (and the ones without a
//! rounding modifier) are IEEE operations rounded to nearest, as in Rust, so they give the
//! GPU's bits. Where the GPU may differ:
//!
//! - without `.rn`, `ptxas` may fuse a `mul` and an `add` into an `fma`; the simulator never
//!   fuses.
//! - `div.full.f32` and `div.approx.f32` are correctly rounded here (the GPU's `div.full` is
//!   within 2 ulp; `div.approx` also flushes for divisors beyond 2^126).
//! - `sin.approx.f32`, `cos.approx.f32`, `ex2.approx.f32`, `lg2.approx.f32` are computed in
//!   `f64` and rounded once, so they are nearly correctly rounded; the GPU's have an
//!   absolute error up to 2^-20.9 for `sin`/`cos` on [-pi, pi] (more outside it), about
//!   2 ulp for `ex2`, and an absolute (not relative) error up to 2^-22.6 for `lg2`, so that
//!   near 1 its result may have no correct digit; the hardware unit flushes subnormals.
//! - `min`/`max` return the other operand when one is NaN and order -0.0 below +0.0; NaN
//!   results keep Rust's payloads where the GPU returns its canonical NaN.
//!
//! # The execution model
//!
//! Blocks run one after another, in order, on the calling thread. Within a block, the threads
//! form warps of 32 consecutive `%tid.x`; each thread of a warp runs alone until it reaches a
//! `shfl.sync` or a `bar.sync`, or exits. When all 32 threads of a warp stand at the same
//! `shfl.sync` the shuffle happens, with PTX's lane arithmetic (the source lane's value, or
//! the thread's own beyond the clamp), and they go on; if some stand elsewhere, wait at a
//! barrier or have exited, that is a [`SimErrorKind::ShuffleDivergence`]. When every thread of
//! the block stands at the same `bar.sync`, the barrier is released; threads at different
//! barriers, or waiting while others have exited, are a
//! [`SimErrorKind::BarrierDivergence`] (on a GPU, a hang or undefined behavior; a barrier is
//! identified here by its instruction, which is stricter than hardware that matches
//! `bar.sync` by number).
//!
//! Every global access must lie inside one live allocation of [`Memory`] and be aligned to
//! its size; every shared access inside one `.shared` array, aligned. Within a barrier
//! interval, a shared byte written by one thread and read or written by another is a
//! [`SimErrorKind::SharedRace`], whatever order the simulator ran them in. Within a launch, a
//! global byte written by one thread and read or written by another (barriers do not order
//! global memory between blocks, and kernelize's kernels use none to order it within one) is a
//! [`SimErrorKind::GlobalRace`], as is an `ld.global.nc` from an allocation the launch writes;
//! `red.global.max.u32` updates do not race with each other. Not modelled: memory ordering,
//! which this model's sequential blocks hide; warp-synchronous shared-memory code (there is no
//! `__syncwarp`, so intra-warp shared communication without `bar.sync` is reported as a
//! race); timing, occupancy, register and cache limits. A thread that never reaches a
//! synchronization point or its end runs forever, as it would on a GPU. Launches are
//! one-dimensional, with 1 to 1024 threads per block; when that is not a multiple of 32, the
//! last warp has fewer lanes, and a `shfl.sync` there (whose full member mask names lanes
//! without a thread) is a [`SimErrorKind::ShuffleDivergence`].
//!
//! # Examples
//!
//! ```
//! use kernelize_runtime::sim::{Memory, Program};
//!
//! let ptx = r#"
//! .version 6.0
//! .target sm_50
//! .address_size 64
//! .visible .entry twice(.param .u64 out)
//! {
//!     .reg .b32 %r<3>;
//!     .reg .b64 %rd<3>;
//!     ld.param.u64 %rd0, [out];
//!     mov.u32 %r0, %tid.x;
//!     shl.b32 %r1, %r0, 1;
//!     mul.wide.u32 %rd1, %r0, 4;
//!     add.u64 %rd2, %rd0, %rd1;
//!     st.global.u32 [%rd2], %r1;
//!     ret;
//! }
//! "#;
//! let program = Program::parse(ptx).unwrap();
//! let mut mem = Memory::new();
//! let out = mem.alloc(32 * 4);
//! let stats = program.launch(&mut mem, "twice", 1, 32, &[out]).unwrap();
//! assert_eq!(stats.threads, 32);
//! assert_eq!(stats.instructions, 32 * 7);
//! let mut bytes = [0u8; 8];
//! mem.read(out + 4 * 5, &mut bytes).unwrap();
//! assert_eq!(bytes, [10, 0, 0, 0, 12, 0, 0, 0]);
//! ```

mod arith;
mod decode;
mod error;
mod exec;
mod inst;
mod launch;
mod lex;
mod memory;
mod parse;
mod select;
mod shared;

pub use error::{SimError, SimErrorKind};
pub use launch::Stats;
pub use memory::Memory;

/// A parsed PTX module, ready to launch its entries.
///
/// Parsing decodes every instruction once (names to register slots, immediates to
/// constants, labels to instruction indices), so a launch does no text work.
pub struct Program {
    code: decode::Code,
}

impl Program {
    /// Parses and decodes a PTX module.
    ///
    /// An error names the line and the construct: malformed text is
    /// [`SimErrorKind::Parse`], PTX outside the simulator's subset
    /// [`SimErrorKind::Unsupported`]. No input makes it panic.
    pub fn parse(ptx: &str) -> Result<Program, SimError> {
        Ok(Program { code: decode::decode(ptx)? })
    }

    /// Whether the module has an entry (`.entry`) named `name`.
    pub fn has_entry(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    /// The declared type of each `.param` of entry `name`, in order: `(bits, class)` with class
    /// `'f'` for floats, `'s'` for signed integers, `'u'` for unsigned ones and `'b'` for bit
    /// types; `None` when the module has no such entry.
    pub fn param_types(&self, name: &str) -> Option<Vec<(u32, char)>> {
        let class = |t: decode::Ty| match () {
            () if t.is_float() => 'f',
            () if t.is_signed() => 's',
            () if t.is_unsigned() => 'u',
            () => 'b',
        };
        Some(self.entry(name)?.params.iter().map(|&(_, t)| (t.bits(), class(t))).collect())
    }

    fn entry(&self, name: &str) -> Option<&decode::Func> {
        self.code.funcs.iter().find(|f| f.entry && f.name == name)
    }

    /// Runs `entry` on a grid of `blocks` blocks of `threads` threads (1 to 1024; the last
    /// warp of a block may be partial), with global memory `mem`.
    ///
    /// `params` holds one value per `.param` of the entry, in order, as raw bits: a `.u32` or
    /// `.f32` parameter takes the low 32 bits. A fault of the kernel is an error naming the
    /// entry, the thread, the line and what went wrong; what the kernel wrote before it stays
    /// written.
    pub fn launch(
        &self,
        mem: &mut Memory,
        entry: &str,
        blocks: u32,
        threads: u32,
        params: &[u64],
    ) -> Result<Stats, SimError> {
        let other = |m: String| SimError::new(SimErrorKind::Other, m).in_entry(entry);
        let func = self.entry(entry).ok_or_else(|| other(format!("the module has no entry named `{entry}`")))?;
        if threads == 0 || threads > 1024 {
            return Err(other(format!("{threads} threads per block: a block has 1 to 1024")));
        }
        if blocks == 0 || blocks > i32::MAX as u32 {
            return Err(other(format!("{blocks} blocks: a grid has 1 to 2^31 - 1 blocks")));
        }
        if params.len() != func.params.len() {
            return Err(other(format!("the entry has {} parameters; {} were given", func.params.len(), params.len())));
        }
        launch::launch(&self.code, mem, func, blocks, threads, params)
    }
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let entries: Vec<&str> = self.code.funcs.iter().filter(|f| f.entry).map(|f| f.name.as_str()).collect();
        f.debug_struct("Program").field("entries", &entries).field("instructions", &self.code.insts.len()).finish()
    }
}

#[cfg(test)]
mod tests;
