//! Random straight-line programs (no branches, so they end) over the whole subset, with
//! random registers, immediates, guards and addresses: launching them may fail in any way the
//! simulator reports, but never panics.

use super::harness::{HEADER, Rng};
use kernelize_runtime::sim::{Memory, Program};

/// Instruction templates: `A B C D` are register numbers, `I` a small immediate, `O` an
/// offset, `M` a shuffle mode, `X` a comparison.
const TEMPLATES: &[&str] = &[
    "add.s32 %rA, %rB, %rC",
    "sub.u64 %rdA, %rdB, I",
    "mul.lo.u32 %rA, %rB, I",
    "mul.wide.s32 %rdA, %rB, %rC",
    "mad.lo.s64 %rdA, %rdB, %rdC, %rdD",
    "div.s32 %rA, %rB, %rC",
    "rem.u64 %rdA, %rdB, %rdC",
    "div.s64 %rdA, %rdB, I",
    "and.b32 %rA, %rB, %rC",
    "or.pred %pA, %pB, %pC",
    "xor.b64 %rdA, %rdB, %rdC",
    "not.b64 %rdA, %rdB",
    "not.pred %pA, %pB",
    "shl.b32 %rA, %rB, %rC",
    "shr.s64 %rdA, %rdB, %rC",
    "shr.u32 %rA, %rB, I",
    "min.s64 %rdA, %rdB, %rdC",
    "max.u32 %rA, %rB, %rC",
    "abs.s32 %rA, %rB",
    "neg.s64 %rdA, %rdB",
    "setp.X.s32 %pA, %rB, %rC",
    "setp.X.u64 %pA, %rdB, %rdC",
    "setp.X.f64 %pA, %fdB, %fdC",
    "setp.nan.f32 %pA, %fB, %fC",
    "selp.b32 %rA, %rB, %rC, %pD",
    "selp.f64 %fdA, %fdB, %fdC, %pD",
    "add.rn.f64 %fdA, %fdB, %fdC",
    "mul.f32 %fA, %fB, %fC",
    "fma.rn.f32 %fA, %fB, %fC, %fD",
    "div.full.f32 %fA, %fB, %fC",
    "div.rn.f64 %fdA, %fdB, %fdC",
    "sqrt.rn.f64 %fdA, %fdB",
    "rcp.rn.f32 %fA, %fB",
    "sin.approx.f32 %fA, %fB",
    "lg2.approx.f32 %fA, %fB",
    "min.f64 %fdA, %fdB, %fdC",
    "copysign.f32 %fA, %fB, %fC",
    "abs.f64 %fdA, %fdB",
    "cvt.rzi.s32.f64 %rA, %fdB",
    "cvt.rpi.u64.f32 %rdA, %fB",
    "cvt.rn.f32.u64 %fA, %rdB",
    "cvt.rn.f64.s32 %fdA, %rB",
    "cvt.s32.s8 %rA, %rB",
    "cvt.u32.u64 %rA, %rdB",
    "cvt.s64.s32 %rdA, %rB",
    "cvt.rn.f32.f64 %fA, %fdB",
    "cvt.f64.f32 %fdA, %fB",
    "cvt.rmi.f64.f64 %fdA, %fdB",
    "mov.b64 {%rA, %rB}, %rdC",
    "mov.b64 %fdA, {%rB, %rC}",
    "mov.b32 %fA, %rB",
    "mov.b64 %rdA, %fdB",
    "mov.u32 %rA, %laneid",
    "mov.f32 %fA, 0f3FC00000",
    "ld.global.u32 %rA, [%rdB]",
    "ld.global.nc.f64 %fdA, [%rd0+O]",
    "ld.global.s8 %rdA, [%rd0+O]",
    "st.global.u8 [%rd0+O], %rA",
    "st.global.f64 [%rdB], %fdA",
    "st.global.u16 [%rd0+O], %rA",
    "ld.shared.u32 %rA, [s+O]",
    "st.shared.b64 [%rd6], %rdA",
    "ld.shared.f32 %fA, [%rd6+4]",
    "st.shared.u32 [%rd4+O], %rA",
    "ld.local.u16 %rA, [l+O]",
    "st.local.u32 [%rd5+O], %rA",
    "shfl.sync.M.b32 %rA, %rB, %rC, I, -1",
    "shfl.sync.M.b32 %rA|%pB, %rC, I, 31, -1",
    "bar.sync 0",
    "{ .param .b32 ra; .param .b32 aa; st.param.b32 [aa], %rB; call (ra), f, (aa); ld.param.b32 %rA, [ra]; }",
];

const CMPS: [&str; 8] = ["eq", "ne", "lt", "le", "gt", "ge", "lo", "hs"];
const MODES: [&str; 4] = ["up", "down", "bfly", "idx"];

fn instantiate(t: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for c in t.chars() {
        match c {
            // %rd0, %rd4, %rd5 and %rd6 hold addresses: never written.
            'A' if out.ends_with("%rd") => out.push_str(["1", "2", "3", "7"][rng.below(4) as usize]),
            'A' | 'B' | 'C' | 'D' => out.push_str(&rng.below(8).to_string()),
            'I' => out.push_str(&(rng.below(70) as i64 - 3).to_string()),
            // Mostly aligned offsets, sometimes not, sometimes out of bounds.
            'O' if rng.below(8) == 0 => out.push_str(&rng.below(72).to_string()),
            'O' => out.push_str(&(8 * rng.below(8)).to_string()),
            'M' => out.push_str(MODES[rng.below(4) as usize]),
            'X' => out.push_str(CMPS[rng.below(8) as usize]),
            _ => out.push(c),
        }
    }
    // `lo`/`hs` are for unsigned and bit types only, which the parser checks.
    out
}

fn program(rng: &mut Rng) -> String {
    let mut body = String::new();
    for _ in 0..40 {
        let t = TEMPLATES[rng.below(TEMPLATES.len() as u64) as usize];
        let guard = match rng.below(6) {
            0 => format!("@%p{} ", rng.below(8)),
            1 => format!("@!%p{} ", rng.below(8)),
            _ => String::new(),
        };
        let ins = instantiate(t, rng);
        if ins.starts_with('{') {
            body.push_str(&format!("\t{ins}\n"));
        } else {
            body.push_str(&format!("\t{guard}{ins};\n"));
        }
    }
    format!(
        "{HEADER}.func (.param .b32 f_ret) f(.param .b32 f_a)\n{{\n\t.reg .b32 %r<2>;\n\tld.param.b32 %r0, [f_a];\n\
         \tmul.lo.u32 %r1, %r0, 3;\n\tst.param.b32 [f_ret], %r1;\n\tret;\n}}\n\
         .visible .entry k(.param .u64 p)\n{{\n\t.reg .pred %p<8>;\n\t.reg .b32 %r<8>;\n\t.reg .b64 %rd<8>;\n\
         \t.reg .f32 %f<8>;\n\t.reg .f64 %fd<8>;\n\t.shared .align 8 .b8 s[576];\n\t.local .align 8 .b8 l[64];\n\
         \tld.param.u64 %rd0, [p];\n\tmov.u64 %rd4, s;\n\tmov.u64 %rd5, l;\n\tmov.u32 %r0, %tid.x;\n\
         \tmul.wide.u32 %rd6, %r0, 8;\n\tadd.u64 %rd6, %rd6, %rd4;\n\tadd.u64 %rd6, %rd6, 64;\n\
         \tmul.lo.u32 %r1, %r0, 2654435761;\n\tadd.u32 %r2, %r1, 3;\n\tor.b32 %r3, %r1, 1;\n\txor.b32 %r4, %r1, 5;\n\
         \tadd.u32 %r5, %r0, 9;\n\tshr.u32 %r6, %r1, 3;\n\tor.b32 %r7, %r6, 17;\n\tcvt.u64.u32 %rd1, %r1;\n\
         \tcvt.s64.s32 %rd2, %r4;\n\tmul.wide.u32 %rd3, %r3, %r7;\n\tor.b64 %rd7, %rd3, 1;\n\
         \tcvt.rn.f32.u32 %f0, %r1;\n\tcvt.rn.f32.s32 %f1, %r4;\n\tcvt.rn.f64.s32 %fd0, %r1;\n\tcvt.rn.f64.u32 %fd1, %r5;\n\
         \tsetp.lt.u32 %p0, %r0, 40;\n\tand.b32 %r2, %r0, 1;\n\tsetp.eq.u32 %p1, %r2, 0;\n\
         {body}\tret;\n}}\n"
    )
}

#[test]
fn random_straight_line_programs_never_panic() {
    let mut rng = Rng(2024);
    let (mut parsed, mut ran) = (0, 0);
    for _ in 0..600 {
        let text = program(&mut rng);
        let Ok(p) = Program::parse(&text) else { continue };
        parsed += 1;
        let mut mem = Memory::new();
        let buf = mem.alloc(128);
        // The 128 threads store to one 128-byte buffer: a race the simulator reports, at the
        // second thread's store, which is as far as the program needs to get.
        match p.launch(&mut mem, "k", 2, 64, &[buf]) {
            Ok(_) => ran += 1,
            Err(e) if e.kind() == kernelize_runtime::sim::SimErrorKind::GlobalRace => ran += 1,
            Err(_) => {}
        }
    }
    // Most programs parse (some comparisons do not fit their type); some fault, some run.
    assert!(parsed > 400 && ran > 20, "{parsed} parsed, {ran} ran");
}
