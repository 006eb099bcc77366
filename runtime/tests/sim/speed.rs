//! The simulator's speed on 10^5-element kernels. Run with
//! `cargo test -p kernelize-runtime --features cuda_sim --release --test sim -- --ignored --nocapture speed`.

use super::harness::{Rng, upload, zeros};
use super::kernels::{GO_FAST, SUM};
use kernelize_runtime::sim::{Memory, Program, Stats};
use std::time::Instant;

fn report(what: &str, f: impl FnOnce() -> Stats) -> f64 {
    let start = Instant::now();
    let stats = f();
    let secs = start.elapsed().as_secs_f64();
    let rate = stats.instructions as f64 / secs;
    println!(
        "{what}: {} thread-instructions in {:.3} s: {:.1} M instructions/s ({} threads)",
        stats.instructions,
        secs,
        rate / 1e6,
        stats.threads
    );
    secs
}

#[test]
#[ignore = "a measurement: run in release with --nocapture"]
fn speed() {
    let n = 100_000u64;
    let mut rng = Rng(1);
    let a: Vec<f64> = (0..n).map(|_| rng.f64(-3.0, 3.0)).collect();
    let (go_fast, sum) = (Program::parse(GO_FAST).unwrap(), Program::parse(SUM).unwrap());
    for grid in [(8u32, 256u32), (40, 256)] {
        let mut mem = Memory::new();
        let flag = zeros::<u32>(&mut mem, 1);
        let pa = upload(&mut mem, &a);
        let out = zeros::<f64>(&mut mem, n as usize);
        let partials = zeros::<f64>(&mut mem, grid.0 as usize);
        println!("grid {} x {}:", grid.0, grid.1);
        let params = [flag, 0, n, pa, n, out, n, 0.5f64.to_bits()];
        let t1 = report("  element-wise (go_fast_loop1, out[i] = a[i] + trace)", || {
            go_fast.launch(&mut mem, "go_fast_loop1", grid.0, grid.1, &params).unwrap()
        });
        let t2 = report("  reduction (sum_loop0)", || {
            sum.launch(&mut mem, "sum_loop0", grid.0, grid.1, &[flag, 0, n, pa, n, partials]).unwrap()
        });
        let t3 = report("  reduction with a device call per element (go_fast_loop0, tanh)", || {
            go_fast.launch(&mut mem, "go_fast_loop0", grid.0, grid.1, &[flag, 0, n, pa, n, partials]).unwrap()
        });
        assert!(t1 < 5.0 && t2 < 5.0 && t3 < 10.0);
    }
}
