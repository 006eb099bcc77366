//! Parse errors name the line and the construct; constructs outside the subset are
//! `Unsupported`; no text makes the parser panic; device functions, calls and local memory.

use super::harness::{HEADER, Harness, R, Rng, download, launch};
use super::kernels::GO_FAST;
use kernelize_runtime::sim::{Memory, Program, SimErrorKind};

/// The error of a one-thread harness around `ins`.
fn error_of(ins: &str) -> kernelize_runtime::sim::SimError {
    match Harness::try_new(ins, &[], R::R32) {
        Ok(_) => panic!("`{ins}` was accepted"),
        Err(e) => e,
    }
}

#[test]
fn constructs_outside_the_subset_are_unsupported() {
    for (ins, says) in [
        ("atom.global.add.u32 %r0, [%rd14], 1", "atomics"),
        ("red.global.add.u32 [%rd14], %r1", "atomics"),
        ("add.sat.s32 %r0, %r1, %r2", "modifier `.sat`"),
        ("add.rz.f32 %f0, %f1, %f2", "`add.rz.f32`"),
        ("ld.global.v2.f32 {%f0, %f1}, [%rd14]", "modifier `.v2`"),
        ("tex.1d.v4.f32.s32 {%f0, %f1, %f2, %f3}, [t, {%r1}]", "`tex.1d.v4.f32.s32`"),
        ("mul.hi.u32 %r0, %r1, %r2", "`mul.hi.u32`"),
        ("shfl.sync.down.b32 %r0, %r1, 1, 31, 0xffff", "member mask"),
        ("shfl.down.b32 %r0, %r1, 1, 31", "only `shfl.sync`"),
        ("bar.sync 0, 64", "thread count"),
        ("sqrt.approx.ftz.f32 %f0, %f1", "`sqrt.approx.ftz.f32`"),
        ("abs.ftz.f32 %f0, %f1", "modifier `.ftz`"),
        ("cvt.rz.f32.s32 %f0, %r1", "`cvt.rz.f32.s32`"),
        ("cvta.to.shared.u64 %rd0, %rd1", "`cvta.to.shared.u64`"),
        ("vote.sync.all.pred %p0, %p1, -1", "`vote.sync.all.pred`"),
    ] {
        let e = error_of(ins);
        assert_eq!(e.kind(), SimErrorKind::Unsupported, "{ins}: {e}");
        assert!(e.message().contains(says), "{ins}: {e}");
        assert_eq!(e.line(), Some(17), "{ins}: {e}");
        assert!(e.to_string().contains(&format!("line 17 `{ins}`")), "{e}");
    }
}

#[test]
fn malformed_instructions_are_parse_errors() {
    for (ins, says) in [
        ("add.u64 %rd0, %fd1, %rd2", "`%fd1` is a .f64 register"),
        ("add.s32 %r0, %f1, %r2", "`%f1` is a .f32 register"),
        ("add.u32 %r0, %r12, %r1", "`%r12` is outside its declaration `%r<10>`"),
        ("add.u32 %r0, %q1, %r1", "`%q1` is not a declared register"),
        ("bra $L_nowhere", "no label is named `$L_nowhere`"),
        ("add.u32 %r0, %r1", "takes 3 operands"),
        ("mov.u32 %r0, %rd1", "`%rd1` is a .b64 register"),
        ("cvt.s32.f64 %r0, %fd1", "integer rounding"),
        ("div.f32 %f0, %f1, %f2", "`div.f32`"),
        ("ld.param.u64 %rd0, [t_nothing]", "not a `.param`"),
        ("st.param.u64 [t_in], %rd1", "read-only"),
        ("setp.lt.u32 %r0, %r1, %r2", "`%r0` is a .b32 register"),
        ("mov.f64 %fd0, zzz", "no register or array is named `zzz`"),
        ("@%r1 bra $L_end", "not a predicate"),
    ] {
        let e = error_of(ins);
        assert!(matches!(e.kind(), SimErrorKind::Parse | SimErrorKind::Unsupported), "{ins}: {e}");
        assert!(e.message().contains(says), "{ins}: {e}");
        assert_eq!(e.line(), Some(17), "{ins}: {e}");
    }
}

#[test]
fn module_level_errors_name_their_line() {
    let cases = [
        (format!("{HEADER}.global .u32 g;\n"), SimErrorKind::Unsupported, 4),
        (format!("{HEADER}.visible .entry k()\n{{\n\tret;\n"), SimErrorKind::Parse, 6),
        (format!("{HEADER}.visible .entry k()\n{{\n\tret;\n}}\n# comment\n"), SimErrorKind::Parse, 8),
        (".version 6.0\n.target sm_50\n.address_size 32\n".to_string(), SimErrorKind::Unsupported, 3),
        (format!("{HEADER}.visible .entry k(.param .b8 x[4])\n{{\n}}\n"), SimErrorKind::Unsupported, 4),
        (format!("{HEADER}.visible .entry k()\n.maxntid 256, 1, 1\n{{\n}}\n"), SimErrorKind::Unsupported, 4),
        (format!("{HEADER}.visible .entry k()\n{{\n\t.reg .f16 %h<2>;\n}}\n"), SimErrorKind::Unsupported, 6),
        (format!("{HEADER}.visible .entry k()\n{{\n\t.loc 1 2 3\n}}\n"), SimErrorKind::Unsupported, 6),
        (format!("{HEADER}.visible .entry k()\n{{\n$L_a:\n$L_a:\n\tret;\n}}\n"), SimErrorKind::Parse, 7),
        (format!("{HEADER}.visible .entry k()\n{{\n\tcall nowhere;\n}}\n"), SimErrorKind::Parse, 6),
        (format!("{HEADER}.func f();\n.visible .entry k()\n{{\n\tcall f;\n}}\n"), SimErrorKind::Unsupported, 7),
        (format!("{HEADER}.visible .entry k()\n{{\n\t/* never closed\n}}\n"), SimErrorKind::Parse, 6),
    ];
    for (text, kind, line) in cases {
        let e = Program::parse(&text).unwrap_err();
        assert_eq!((e.kind(), e.line()), (kind, Some(line)), "{e}\n{text}");
    }
}

#[test]
fn truncated_and_garbled_modules_never_panic() {
    // Every prefix at a stride: errors, or (rarely) a smaller valid module.
    let text = GO_FAST;
    for cut in (0..text.len()).step_by(7).filter(|c| text.is_char_boundary(*c)) {
        let _ = Program::parse(&text[..cut]);
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut rng = Rng(99);
    let garbage = [
        "",
        "}",
        "{",
        ";",
        "@",
        "@!",
        "%r1",
        "[",
        "]",
        "(",
        ")",
        ",",
        "-",
        "0x",
        "0d",
        "0f",
        "0dZZ",
        "add",
        "add.",
        ".reg",
        ".reg .b32 %r<>;",
        ".reg .b32 %r<99999999999>;",
        ".shared .align 3 .b8 s[8];",
        "\u{1F600}",
        "\"str",
        "mov.b64 {%r1}, %rd1;",
        "call (a, b), f, (c);",
        "ld.global.f64 %fd1, [%rd1+];",
        "bra;",
        "ret %r1;",
        ".param .u64 x",
        "setp.zz.u32 %p0, %r1, %r2;",
        "st.shared.u32 [nothing], %r1;",
        "$L:",
        "-- ;",
    ];
    for _ in 0..3000 {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(l.len() as u64) as usize;
            match rng.below(5) {
                0 => {
                    l.remove(at);
                }
                1 => l.insert(at, garbage[rng.below(garbage.len() as u64) as usize].to_string()),
                2 => {
                    let dup = l[rng.below(l.len() as u64) as usize].clone();
                    l.insert(at, dup);
                }
                3 => {
                    let line = &mut l[at];
                    let cut = rng.below(line.len() as u64 + 1) as usize;
                    if line.is_char_boundary(cut) {
                        line.truncate(cut);
                    }
                }
                _ => {
                    // Swap two tokens of a line.
                    let mut words: Vec<&str> = l[at].split(' ').collect();
                    if words.len() > 1 {
                        let (i, j) = (rng.below(words.len() as u64) as usize, rng.below(words.len() as u64) as usize);
                        words.swap(i, j);
                        l[at] = words.join(" ");
                    }
                }
            }
        }
        let _ = Program::parse(&l.join("\n"));
    }
}

#[test]
fn device_functions_calls_and_local_memory() {
    // cube(x) = x * square(x); the entry stores cube(tid) and a local round trip.
    let ptx = format!(
        "{HEADER}\
         .func (.param .f64 square_ret) square(.param .f64 square_x);\n\
         .func (.param .f64 cube_ret) cube(.param .f64 cube_x, .param .b32 cube_k);\n\
         .func (.param .f64 cube_ret) cube(.param .f64 cube_x, .param .b32 cube_k)\n{{\n\
         \t.reg .f64 %fd<3>;\n\t.reg .b32 %r<2>;\n\t.local .align 8 .b8 spill[16];\n\
         \tld.param.f64 %fd0, [cube_x];\n\tld.param.b32 %r0, [cube_k];\n\tst.local.f64 [spill+8], %fd0;\n\
         \t{{\n\t.param .f64 r;\n\t.param .f64 a;\n\tst.param.f64 [a], %fd0;\n\tcall (r), square, (a);\n\tld.param.f64 %fd1, [r];\n\t}}\n\
         \tld.local.f64 %fd0, [spill+8];\n\tmul.rn.f64 %fd2, %fd0, %fd1;\n\tst.param.f64 [cube_ret], %fd2;\n\tret;\n}}\n\
         .func (.param .f64 square_ret) square(.param .f64 square_x)\n{{\n\t.reg .f64 %fd<2>;\n\t.local .b8 junk[8];\n\
         \tld.param.f64 %fd0, [square_x];\n\tmul.rn.f64 %fd1, %fd0, %fd0;\n\tst.param.f64 [square_ret], %fd1;\n\tret;\n}}\n\
         .visible .entry k(.param .u64 out)\n{{\n\t.reg .b32 %r<2>;\n\t.reg .b64 %rd<4>;\n\t.reg .f64 %fd<2>;\n\
         \t.local .align 8 .b8 mine[8];\n\tld.param.u64 %rd0, [out];\n\tmov.u32 %r0, %tid.x;\n\
         \tcvt.rn.f64.u32 %fd0, %r0;\n\tmov.u64 %rd3, mine;\n\tst.local.u32 [%rd3+4], %r0;\n\
         \t{{\n\t.param .f64 r;\n\t.param .f64 a;\n\t.param .b32 k;\n\tst.param.f64 [a], %fd0;\n\tst.param.b32 [k], 3;\n\
         \tcall.uni (r), cube, (a, k);\n\tld.param.f64 %fd1, [r];\n\t}}\n\tld.local.u32 %r1, [%rd3+4];\n\
         \tmul.wide.u32 %rd1, %r1, 8;\n\tadd.u64 %rd1, %rd1, %rd0;\n\tst.global.f64 [%rd1], %fd1;\n\tret;\n}}\n"
    );
    let mut mem = Memory::new();
    let out = mem.alloc(64 * 8);
    launch(&mut mem, &ptx, "k", (1, 64), &[out]).unwrap();
    let got = download::<f64>(&mem, out, 64);
    assert_eq!(got, (0..64).map(|t| f64::from(t).powi(3)).collect::<Vec<_>>());
    // A local access outside the thread's local memory.
    let bad = ptx.replace("st.local.u32 [%rd3+4], %r0;", "st.local.u32 [%rd3+4096], %r0;");
    let e = launch(&mut mem, &bad, "k", (1, 32), &[out]).unwrap_err();
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    assert!(e.message().contains("local write"), "{e}");
    // A call whose arguments do not match the callee.
    let bad = ptx.replace("call.uni (r), cube, (a, k);", "call.uni (r), cube, (a);");
    assert_eq!(Program::parse(&bad).unwrap_err().kind(), SimErrorKind::Parse);
}
