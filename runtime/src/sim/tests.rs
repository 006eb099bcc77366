//! Unit tests of the simulator's pieces: tokens, literals, the decoded form. Whole programs
//! are tested through the public API in `runtime/tests/sim.rs`.

use super::decode::{Class, Ty, decode, immediate};
use super::inst::{Kind, NO_GUARD, Op, cmp};
use super::lex::{FloatLit, parse_float, parse_int};
use super::lex::{Tok, lex};

#[test]
fn lexing_keeps_lines_and_exponents() {
    let toks = lex("ld.global.f64 %fd1, [%rd2+8]; // c\n/* a\nb */ x 1.5e-3 0d3FF0000000000000:").unwrap();
    let words: Vec<(Tok<'_>, u32)> = toks.iter().map(|t| (t.tok, t.line)).collect();
    assert_eq!(words[0], (Tok::Word("ld.global.f64"), 1));
    assert_eq!(words[3], (Tok::Punct('['), 1));
    assert_eq!(words[5], (Tok::Punct('+'), 1));
    assert_eq!(words[9], (Tok::Word("x"), 3));
    assert_eq!(words[10], (Tok::Word("1.5e-3"), 3));
    assert_eq!(words[11], (Tok::Word("0d3FF0000000000000"), 3));
    assert_eq!(words[12], (Tok::Punct(':'), 3));
    assert_eq!(lex("\"no end\nx").unwrap()[1].line, 2);
    assert!(lex("a # b").is_err());
}

#[test]
fn integer_and_float_literals() {
    assert_eq!(parse_int("0x1F"), Some(31));
    assert_eq!(parse_int("017"), Some(15));
    assert_eq!(parse_int("0b11"), Some(3));
    assert_eq!(parse_int("0"), Some(0));
    assert_eq!(parse_int("42U"), Some(42));
    assert_eq!(parse_int("0x+5"), None);
    assert_eq!(parse_int("18446744073709551616"), None);
    assert!(matches!(parse_float("0f3F800000"), Some(FloatLit::F32(x)) if x == 1.0));
    assert!(matches!(parse_float("0d4000000000000000"), Some(FloatLit::F64(x)) if x == 2.0));
    assert!(matches!(parse_float("2.5e1"), Some(FloatLit::F64(x)) if x == 25.0));
    assert!(parse_float("0f3F80").is_none());
    assert_eq!(immediate("1", true, Ty::B32).unwrap(), 0xffff_ffff);
    assert_eq!(immediate("0x80000000", false, Ty::S32).unwrap(), 0x8000_0000);
    assert!(immediate("0x100000000", false, Ty::U32).is_err());
    assert_eq!(immediate("0f3F800000", true, Ty::F32).unwrap(), 0xbf80_0000);
    assert_eq!(immediate("0f3F800000", false, Ty::F64).unwrap(), 1f64.to_bits());
    assert_eq!(immediate("3", false, Ty::F64).unwrap(), 3f64.to_bits());
    assert!(immediate("1", false, Ty::Pred).is_err());
}

#[test]
fn kinds_extend_by_sign() {
    assert_eq!(Kind::S8.extend(0x1ff), u64::MAX);
    assert_eq!(Kind::U8.extend(0x1ff), 0xff);
    assert_eq!(Kind::S16.extend(0x8000), 0xffff_ffff_ffff_8000);
    assert_eq!(Kind::S32.extend(0x8000_0000), 0xffff_ffff_8000_0000);
    assert_eq!(Kind::ALL.map(Kind::bytes), [1, 1, 2, 2, 4, 4, 8, 8]);
    assert_eq!(cmp::parse("neu"), Some((cmp::NEU, true)));
    assert_eq!(cmp::parse("hs"), Some((cmp::GE, false)));
}

#[test]
fn register_classes_follow_ptx_type_rules() {
    assert!(Class::B32.fits(Ty::F32) && Class::F64.fits(Ty::B64) && Class::B32.fits(Ty::S8));
    assert!(!Class::F32.fits(Ty::U32) && !Class::B32.fits(Ty::U64) && !Class::Pred.fits(Ty::B32));
    assert!(!Class::F64.fits(Ty::U8));
}

#[test]
fn decoding_resolves_names_to_slots() {
    let code = decode(
        ".version 6.0\n.target sm_50\n.address_size 64\n\
         .func (.param .b32 g_r) g(.param .b32 g_a);\n\
         .visible .entry k(.param .u64 p)\n{\n\t.reg .pred %p<2>;\n\t.reg .b32 %r<3>;\n\t.reg .b64 %rd<2>;\n\
         \t.shared .align 8 .b8 s[16];\n\tld.param.u64 %rd0, [p];\n$L_top:\n\t@!%p1 add.u32 %r2, %r1, 7;\n\
         \tmov.u32 %r0, 7;\n\tmov.u64 %rd1, s;\n\t{\n\t.param .b32 r;\n\t.param .b32 a;\n\tst.param.b32 [a], %r0;\n\
         \tcall (r), g, (a);\n\tld.param.b32 %r1, [r];\n\t}\n\tbra $L_top;\n}\n\
         .func (.param .b32 g_r) g(.param .b32 g_a)\n{\n\t.reg .b32 %r<1>;\n\tld.param.b32 %r0, [g_a];\n\
         \tst.param.b32 [g_r], %r0;\n\tret;\n}\n",
    )
    .unwrap();
    let k = &code.funcs[0];
    assert_eq!((k.name.as_str(), k.entry, k.start), ("k", true, 0));
    // Frame: p, %p0-1, %r0-2, %rd0-1, then the constant 7 (shared by both uses), the shared
    // address, the call's r and a.
    assert_eq!(k.params, vec![(0, Ty::U64)]);
    let add = code.insts[1];
    assert_eq!((add.op, add.d, add.a, add.b, add.guard), (Op::Add32, 5, 4, 8, 2 << 1 | 1));
    assert_eq!(k.template[8], 7);
    let mov = code.insts[2];
    assert_eq!((mov.op, mov.d, mov.a, mov.guard), (Op::Mov, 3, 8, NO_GUARD));
    assert_eq!(k.template.len(), 12);
    assert_eq!(k.template[code.insts[3].a as usize], k.shared[0].addr);
    assert_eq!(code.insts[5].op, Op::Call);
    assert_eq!(code.calls[0].func, 1);
    assert_eq!((code.insts[7].op, code.insts[7].d), (Op::Bra, 1));
    assert_eq!(code.insts[8].op, Op::Exit);
    assert_eq!(&*code.src[1].1, "@!%p1 add.u32 %r2, %r1, 7");
    assert_eq!(code.src[1].0, 13);
    let g = &code.funcs[1];
    assert_eq!((g.start, g.params.len(), g.ret.is_some()), (9, 1, true));
}
