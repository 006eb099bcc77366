//! Planted faults are caught and reported with the entry, the thread, the line and the
//! cause: out-of-bounds and misaligned accesses, divergent barriers and shuffles, shared-memory
//! races, and the rest.

use super::harness::{HEADER, download, launch, upload, zeros};
use super::kernels::GO_FAST;
use kernelize_runtime::sim::{Memory, Program, SimError, SimErrorKind};

/// An entry `k(.param .u64 p)` with `body` after `%rd0 = p`, `%r0 = %tid.x`.
fn entry(decls: &str, body: &str) -> String {
    format!(
        "{HEADER}.visible .entry k(.param .u64 p)\n{{\n\t.reg .pred %p<4>;\n\t.reg .b32 %r<8>;\n\t.reg .b64 %rd<8>;\n{decls}\
         \tld.param.u64 %rd0, [p];\n\tmov.u32 %r0, %tid.x;\n{body}\n\tret;\n}}\n"
    )
}

fn run(ptx: &str, grid: (u32, u32)) -> Result<Memory, SimError> {
    let mut mem = Memory::new();
    let p = mem.alloc(4096);
    launch(&mut mem, ptx, "k", grid, &[p])?;
    Ok(mem)
}

fn fault(ptx: &str, grid: (u32, u32)) -> SimError {
    match run(ptx, grid) {
        Ok(_) => panic!("the planted fault was not caught"),
        Err(e) => e,
    }
}

#[test]
fn out_of_bounds_global_write_names_entry_thread_and_line() {
    // `out` has room for 999 elements but the kernel is told 1000: element 999 is written by
    // thread 231 of block 0 (one block of 256 threads, grid-stride), one element past the end.
    let p = Program::parse(GO_FAST).unwrap();
    let mut mem = Memory::new();
    let n = 1000u64;
    let flag = zeros::<u32>(&mut mem, 1);
    let a = upload(&mut mem, &vec![1.0f64; n as usize]);
    let out = zeros::<f64>(&mut mem, 999);
    let e = p.launch(&mut mem, "go_fast_loop1", 1, 256, &[flag, 0, n, a, n, out, n, 0]).unwrap_err();
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    assert_eq!(e.entry(), Some("go_fast_loop1"));
    assert_eq!(e.thread(), Some((231, 0)));
    let text = e.to_string();
    assert!(
        text.starts_with(
            "cuda_sim: entry `go_fast_loop1`, thread (tid 231, block 0), line 441 `st.global.f64 [%rd18], %fd3`: "
        ),
        "{text}"
    );
    assert!(text.contains("out-of-bounds global write of 8 bytes"), "{text}");
    assert!(text.contains("0 bytes past the end of the 7992-byte allocation"), "{text}");
    // What the other threads wrote before the fault stays written.
    assert_eq!(download::<f64>(&mem, out, 3), vec![1.0; 3]);
}

#[test]
fn out_of_bounds_global_read_is_caught() {
    let p = Program::parse(GO_FAST).unwrap();
    let mut mem = Memory::new();
    let flag = zeros::<u32>(&mut mem, 1);
    let a = upload(&mut mem, &[0.5f64; 40]);
    let partials = zeros::<f64>(&mut mem, 2);
    let e = p.launch(&mut mem, "go_fast_loop0", 2, 32, &[flag, 0, 41, a, 41, partials]).unwrap_err();
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    assert_eq!(e.thread(), Some((8, 1)));
    assert!(e.to_string().contains("`ld.global.nc.f64 %fd2, [%rd14]`"), "{e}");
    assert!(e.message().starts_with("out-of-bounds global read of 8 bytes at 0x"), "{e}");
}

#[test]
fn misaligned_accesses_are_caught() {
    let e = fault(&entry("", "\tld.global.u32 %r1, [%rd0+2];"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::Misaligned);
    assert_eq!((e.thread(), e.line()), (Some((0, 0)), Some(11)));
    assert!(e.message().contains("misaligned global read of 4 bytes"), "{e}");
    let e = fault(&entry("", "\tst.global.f64 [%rd0+12], %rd1;"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::Misaligned);
    let e =
        fault(&entry("\t.shared .align 8 .b8 s[64];\n", "\tmov.u64 %rd1, s;\n\tst.shared.u16 [%rd1+1], %r0;"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::Misaligned);
    assert!(e.message().contains("misaligned shared write of 2 bytes"), "{e}");
}

#[test]
fn null_and_freed_addresses_are_out_of_bounds() {
    let ptx = entry("", "\tld.global.u32 %r1, [%rd0];");
    let mut mem = Memory::new();
    let e = launch(&mut mem, &ptx, "k", (1, 32), &[0]).unwrap_err();
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    assert!(e.message().contains("null address"), "{e}");
    let a = mem.alloc(64);
    mem.free(a);
    let e = launch(&mut mem, &ptx, "k", (1, 32), &[a]).unwrap_err();
    assert!(e.message().contains("which was freed"), "{e}");
}

#[test]
fn host_copies_are_checked() {
    let mut mem = Memory::new();
    let a = mem.alloc(10);
    let b = mem.alloc(10);
    assert!(b >= a + 10 + 256 && a.is_multiple_of(256) && b.is_multiple_of(256) && a != 0);
    assert_eq!(mem.write(a + 8, &[1, 2, 3]).unwrap_err().kind(), SimErrorKind::OutOfBounds);
    let mut out = [0u8; 4];
    assert_eq!(mem.read(a - 1, &mut out).unwrap_err().kind(), SimErrorKind::OutOfBounds);
    mem.write(a + 6, &[1, 2, 3, 4]).unwrap();
    mem.read(a + 6, &mut out).unwrap();
    assert_eq!(out, [1, 2, 3, 4]);
    let empty = mem.alloc(0);
    assert_ne!(empty, b);
    mem.write(empty, &[]).unwrap();
    assert!(mem.write(empty, &[0]).is_err());
}

#[test]
fn a_barrier_some_threads_skip_is_divergence() {
    // Warp 0 jumps over the barrier and exits; warp 1 waits at it.
    let body = "\tsetp.lt.u32 %p0, %r0, 32;\n\t@%p0 bra $L_skip;\n\tbar.sync 0;\n$L_skip:";
    let e = fault(&entry("", body), (2, 64));
    assert_eq!(e.kind(), SimErrorKind::BarrierDivergence);
    assert_eq!(e.thread(), Some((32, 0)));
    assert!(e.to_string().contains("line 13 `bar.sync 0`"), "{e}");
    assert!(e.message().contains("thread (tid 0) has exited"), "{e}");
    // Half of a warp skipping it is divergence too.
    let body = "\tand.b32 %r1, %r0, 1;\n\tsetp.eq.u32 %p0, %r1, 1;\n\t@%p0 bra $L_skip;\n\tbar.sync 0;\n$L_skip:";
    assert_eq!(fault(&entry("", body), (1, 32)).kind(), SimErrorKind::BarrierDivergence);
}

#[test]
fn threads_at_different_barriers_is_divergence() {
    let body =
        "\tsetp.lt.u32 %p0, %r0, 32;\n\t@%p0 bra $L_a;\n\tbar.sync 0;\n\tbra $L_end;\n$L_a:\n\tbar.sync 0;\n$L_end:";
    let e = fault(&entry("", body), (1, 64));
    assert_eq!(e.kind(), SimErrorKind::BarrierDivergence);
    assert!(e.message().contains("waits at the bar.sync on line"), "{e}");
}

#[test]
fn a_shuffle_some_lanes_skip_is_divergence() {
    let body = "\tand.b32 %r1, %r0, 1;\n\tsetp.eq.u32 %p0, %r1, 1;\n\t@%p0 bra $L_skip;\n\
                \tshfl.sync.down.b32 %r2, %r0, 1, 31, -1;\n$L_skip:";
    let e = fault(&entry("", body), (1, 64));
    assert_eq!(e.kind(), SimErrorKind::ShuffleDivergence);
    assert_eq!(e.thread(), Some((0, 0)));
    assert!(e.message().contains("thread (tid 1) has exited"), "{e}");
    assert!(e.to_string().contains("`shfl.sync.down.b32 %r2, %r0, 1, 31, -1`"), "{e}");
    // A guarded shfl whose guard is false in some lanes is the same.
    let body = "\tsetp.lt.u32 %p0, %r0, 16;\n\t@%p0 shfl.sync.bfly.b32 %r2, %r0, 1, 31, -1;\n\tbar.sync 0;";
    assert_eq!(fault(&entry("", body), (1, 32)).kind(), SimErrorKind::ShuffleDivergence);
}

#[test]
fn shared_memory_races_are_caught() {
    let decl = "\t.shared .align 8 .b8 s[256];\n";
    // Every thread writes slot 0.
    let e = fault(&entry(decl, "\tmov.u64 %rd1, s;\n\tst.shared.u32 [%rd1], %r0;"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::SharedRace);
    assert_eq!(e.thread(), Some((1, 0)));
    assert!(e.message().contains("race on byte 0 of `s`"), "{e}");
    assert!(e.message().contains("thread (tid 0) wrote it and thread (tid 1) writes it"), "{e}");
    // Thread 0 writes, thread 33 reads, no barrier between.
    let write_read = |barrier: &str| {
        format!(
            "\tmov.u64 %rd1, s;\n\tsetp.ne.u32 %p0, %r0, 0;\n\t@%p0 bra $L_w;\n\tst.shared.f64 [%rd1+8], %rd0;\n$L_w:\n{barrier}\
             \tsetp.ne.u32 %p1, %r0, 33;\n\t@%p1 bra $L_r;\n\tld.shared.f64 %rd2, [%rd1+8];\n$L_r:"
        )
    };
    let e = fault(&entry(decl, &write_read("")), (1, 64));
    assert_eq!(e.kind(), SimErrorKind::SharedRace);
    assert!(e.message().contains("byte 0 of `s` (at 0x108)") || e.message().contains("byte 8 of `s`"), "{e}");
    assert!(e.message().contains("thread (tid 0) wrote it and thread (tid 33) reads it"), "{e}");
    run(&entry(decl, &write_read("\tbar.sync 0;\n")), (1, 64)).unwrap();
    // A read, then another thread's write.
    let body = "\tmov.u64 %rd1, s;\n\tld.shared.u32 %r1, [%rd1+4];\n\tsetp.ne.u32 %p0, %r0, 5;\n\t@%p0 bra $L_x;\n\
                \tst.shared.u32 [%rd1+4], %r0;\n$L_x:";
    let e = fault(&entry(decl, body), (1, 32));
    assert!(e.message().contains("read it and thread (tid 5) writes it"), "{e}");
    // Each thread its own slot: no race.
    let own = "\tmov.u64 %rd1, s;\n\tmul.wide.u32 %rd2, %r0, 4;\n\tadd.u64 %rd2, %rd2, %rd1;\n\
               \tst.shared.u32 [%rd2], %r0;\n\tld.shared.u32 %r1, [%rd2];";
    run(&entry(decl, own), (1, 64)).unwrap();
}

/// Blocks of any size: the last warp may be partial (the grid-stride loop covers the rest), but
/// a full-mask shuffle there names lanes that have no thread.
#[test]
fn partial_warps_run_and_cannot_shuffle() {
    let p = Program::parse(GO_FAST).unwrap();
    for threads in [1, 33, 100] {
        let n = 1000;
        let mut mem = Memory::new();
        let x: Vec<f64> = (0..n).map(|i| i as f64 * 0.25).collect();
        let (flag, a, out) = (zeros::<u32>(&mut mem, 1), upload(&mut mem, &x), zeros::<f64>(&mut mem, n));
        // go_fast_loop1: out[i] = a[i] + trace, over a grid of 3 blocks of `threads` threads.
        let params = [flag, 0, n as u64, a, n as u64, out, n as u64, 1.5f64.to_bits()];
        p.launch(&mut mem, "go_fast_loop1", 3, threads, &params).unwrap();
        let got = download::<f64>(&mem, out, n);
        assert!(got.iter().zip(&x).all(|(g, x)| *g == x + 1.5), "{threads} threads");
    }
    let shfl = "	shfl.sync.down.b32 %r1, %r0, 1, 31, -1;";
    let e = fault(&entry("", shfl), (1, 40));
    assert_eq!(e.kind(), SimErrorKind::ShuffleDivergence);
    assert!(e.message().contains("partial warp 1"), "{e}");
    run(&entry("", shfl), (1, 64)).unwrap();
}

/// Within one launch, nothing orders two threads' global accesses: a byte written by one and
/// read or written by another is a race, as compute-sanitizer's racecheck would say.
#[test]
fn global_memory_races_are_caught() {
    // Every thread stores to p[0].
    let e = fault(&entry("", "\tst.global.u32 [%rd0], %r0;"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::GlobalRace);
    assert!(e.message().contains("thread 0 of the grid wrote it and thread 1 writes it too"), "{e}");
    // Thread 0 of block 1 reads what thread 0 of block 0 wrote.
    let body = "\tmov.u32 %r1, %ctaid.x;\n\tsetp.ne.u32 %p0, %r1, 0;\n\tsetp.ne.u32 %p1, %r0, 0;\n\
                \t@%p1 bra $L_x;\n\t@!%p0 st.global.u32 [%rd0], %r0;\n\t@%p0 ld.global.u32 %r2, [%rd0];\n$L_x:";
    let e = fault(&entry("", body), (2, 32));
    assert!(e.message().contains("thread 0 of the grid wrote it and thread 32 reads it"), "{e}");
    // Each thread its own element, read then written: no race.
    let own = "\tmul.wide.u32 %rd1, %r0, 4;\n\tadd.u64 %rd1, %rd1, %rd0;\n\tld.global.u32 %r1, [%rd1];\n\
               \tadd.u32 %r1, %r1, 1;\n\tst.global.u32 [%rd1], %r1;";
    run(&entry("", own), (1, 256)).unwrap();
    // All threads read one word: no race.
    run(&entry("", "\tld.global.u32 %r1, [%rd0];"), (2, 64)).unwrap();
}

/// `red.global.max.u32` (the flag word of kernelize's checks): atomics do not race with each
/// other, and the largest value stays; a plain access by another thread still races.
#[test]
fn atomic_max_does_not_race_with_itself() {
    let ptx = entry("", "\tred.global.max.u32 [%rd0], %r0;");
    let mut mem = Memory::new();
    let p = zeros::<u32>(&mut mem, 1);
    launch(&mut mem, &ptx, "k", (2, 96), &[p]).unwrap();
    assert_eq!(download::<u32>(&mem, p, 1), vec![95]);
    let body = "\tsetp.eq.u32 %p0, %r0, 7;\n\t@%p0 ld.global.u32 %r1, [%rd0];\n\t@!%p0 red.global.max.u32 [%rd0], %r0;";
    let e = fault(&entry("", body), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::GlobalRace);
}

/// A load through the read-only cache (`ld.global.nc`) may not see a write of the same launch.
#[test]
fn nc_loads_from_a_buffer_the_launch_writes_are_caught() {
    // Thread t reads p[t] through .nc and writes p[t + 64]: the same allocation.
    let body = "\tmul.wide.u32 %rd1, %r0, 4;\n\tadd.u64 %rd1, %rd1, %rd0;\n\tld.global.nc.u32 %r1, [%rd1];\n\
                \tst.global.u32 [%rd1+256], %r1;";
    let e = fault(&entry("", body), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::GlobalRace);
    assert!(e.message().contains("reads with ld.global.nc"), "{e}");
    // The other order: written first, then read through .nc.
    let body = "\tmul.wide.u32 %rd1, %r0, 4;\n\tadd.u64 %rd1, %rd1, %rd0;\n\tst.global.u32 [%rd1+256], %r0;\n\
                \tld.global.nc.u32 %r1, [%rd1];";
    let e = fault(&entry("", body), (1, 32));
    assert!(e.message().contains("ld.global.nc of 4 bytes"), "{e}");
    // Plain loads of the same pattern are fine.
    let plain = "\tmul.wide.u32 %rd1, %r0, 4;\n\tadd.u64 %rd1, %rd1, %rd0;\n\tld.global.u32 %r1, [%rd1];\n\
                 \tst.global.u32 [%rd1+256], %r1;";
    run(&entry("", plain), (1, 32)).unwrap();
}

/// Module-level `.const` tables (the PTX writer's lookup tables): read with `ld.const`, by
/// address or by name, and checked against their extent.
#[test]
fn constant_tables_are_read_and_bounded() {
    let table = ".const .align 8 .b64 tbl[3] = { 5, 0x10, 0xffffffffffffffff };\n";
    let body = "\tmov.u64 %rd1, tbl;\n\tmul.wide.u32 %rd2, %r0, 8;\n\tadd.u64 %rd3, %rd1, %rd2;\n\
                \tld.const.u64 %rd4, [%rd3];\n\tadd.u64 %rd5, %rd0, %rd2;\n\tst.global.u64 [%rd5], %rd4;\n\
                \tld.const.u64 %rd6, [tbl+8];";
    let ptx = entry("", body).replacen(HEADER, &format!("{HEADER}{table}"), 1);
    let mut mem = Memory::new();
    let out = zeros::<u64>(&mut mem, 4);
    launch(&mut mem, &ptx, "k", (1, 3), &[out]).unwrap();
    assert_eq!(download::<u64>(&mem, out, 3), vec![5, 16, u64::MAX]);
    let e = launch(&mut mem, &ptx, "k", (1, 4), &[out]).unwrap_err();
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    assert!(e.message().contains("out-of-bounds constant read of 8 bytes"), "{e}");
    let store = entry("", "\tmov.u64 %rd1, tbl;\n\tst.const.u64 [%rd1], %rd0;").replacen(
        HEADER,
        &format!("{HEADER}{table}"),
        1,
    );
    assert!(Program::parse(&store).unwrap_err().to_string().contains("read-only"));
}

#[test]
fn shared_accesses_stay_inside_their_array() {
    let decl = "\t.shared .align 8 .b8 s[256];\n\t.shared .align 8 .b8 t[256];\n";
    let e = fault(&entry(decl, "\tmov.u64 %rd1, s;\n\tst.shared.u64 [%rd1+256], %rd0;"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    assert!(e.message().contains("out-of-bounds shared write of 8 bytes"), "{e}");
    assert!(e.message().contains("`s` at"), "{e}");
    // A global address used as a shared one.
    let e = fault(&entry(decl, "\tld.shared.u32 %r1, [%rd0];"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
    let body = "\tsetp.ne.u32 %p0, %r0, 0;\n\t@%p0 bra $L_s;\n\tst.shared.u64 [t+248], %rd0;\n$L_s:\n\tbar.sync 0;\n\
                \tld.shared.u64 %rd1, [t+248];";
    run(&entry(decl, body), (1, 32)).unwrap();
}

#[test]
fn shared_memory_is_per_block_and_starts_as_garbage() {
    // Thread 0 of block b stores 100 + slot 0 (garbage at the block's start, as on a GPU: the
    // simulator's is 0xa5 bytes, not zeros) to out[b], then leaves b + 1 in slot 0 for no one.
    let body = "\t.reg .b32 %q<4>;\n\tmov.u32 %q0, %ctaid.x;\n\tmov.u64 %rd1, s;\n\tld.shared.u32 %q1, [%rd1];\n\
                \tmul.wide.u32 %rd2, %q0, 4;\n\tadd.u64 %rd2, %rd2, %rd0;\n\tsetp.ne.u32 %p0, %r0, 0;\n\
                \t@%p0 bra $L_end;\n\tadd.u32 %q2, %q1, 100;\n\tst.global.u32 [%rd2], %q2;\n$L_end:\n\tbar.sync 0;\n\
                \t@%p0 bra $L_z;\n\tadd.u32 %q3, %q0, 1;\n\tst.shared.u32 [%rd1], %q3;\n$L_z:";
    let ptx = entry("\t.shared .align 4 .b8 s[4];\n", body);
    let mut mem = Memory::new();
    let out = mem.alloc(16);
    launch(&mut mem, &ptx, "k", (3, 64), &[out]).unwrap();
    let garbage = 0xa5a5_a5a5u32.wrapping_add(100);
    assert_eq!(download::<u32>(&mem, out, 3), vec![garbage; 3], "no block sees the one before");
}

#[test]
fn integer_division_by_zero_is_reported() {
    let e = fault(&entry("", "\tdiv.u32 %r1, %r0, 0;"), (1, 32));
    assert_eq!(e.kind(), SimErrorKind::Other);
    assert!(e.to_string().contains("`div.u32 %r1, %r0, 0`: integer division by zero"), "{e}");
}

#[test]
fn launch_configuration_is_checked() {
    let ptx = entry("", "");
    let mut mem = Memory::new();
    for (grid, params, what) in
        [((1, 0), 1, "1 to 1024"), ((1, 2048), 1, "1 to 1024"), ((0, 32), 1, "blocks"), ((1, 32), 2, "parameters")]
    {
        let params = vec![0u64; params];
        let e = launch(&mut mem, &ptx, "k", grid, &params).unwrap_err();
        assert_eq!(e.kind(), SimErrorKind::Other);
        assert!(e.to_string().contains(what), "{e}");
    }
    let p = Program::parse(&ptx).unwrap();
    assert!(p.has_entry("k") && !p.has_entry("nope"));
    let e = p.launch(&mut mem, "nope", 1, 32, &[0]).unwrap_err();
    assert!(e.message().contains("no entry named `nope`"), "{e}");
}

#[test]
fn runaway_recursion_is_stopped() {
    let ptx = format!(
        "{HEADER}.func f(.param .b32 x);\n.func f(.param .b32 x)\n{{\n\t.reg .b32 %r<2>;\n\tld.param.b32 %r0, [x];\n\
         \t{{\n\t.param .b32 a;\n\tst.param.b32 [a], %r0;\n\tcall f, (a);\n\t}}\n\tret;\n}}\n\
         .visible .entry k(.param .u64 p)\n{{\n\t{{\n\t.param .b32 a;\n\tst.param.b32 [a], 1;\n\tcall f, (a);\n\t}}\n\tret;\n}}\n"
    );
    let e = fault(&ptx, (1, 32));
    assert_eq!(e.kind(), SimErrorKind::Other);
    assert!(e.message().contains("more than 256 calls"), "{e}");
}

#[test]
fn zero_length_arrays_get_distinct_unreadable_addresses() {
    let mut mem = Memory::new();
    let (a, b) = (mem.alloc(0), mem.alloc(0));
    assert!(a != b && a != 0);
    let ptx = entry("", "\tld.global.u8 %r1, [%rd0];");
    let e = launch(&mut mem, &ptx, "k", (1, 32), &[a]).unwrap_err();
    assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
}

/// `upload` keeps its element type for readers.
#[test]
fn uploaded_arrays_round_trip() {
    let mut mem = Memory::new();
    let a = upload(&mut mem, &[1i16, -2, 3]);
    assert_eq!(download::<i16>(&mem, a, 3), vec![1, -2, 3]);
}
