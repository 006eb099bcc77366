//! `KERNELIZE_TARGET`, `KERNELIZE_NUM_THREADS` and `KERNELIZE_ISA`: read once per process, so each
//! case runs this test binary again as a child process with the variable set.

use kernelize::{kernel, prange};
use std::collections::BTreeSet;
use std::process::Command;
use std::sync::Mutex;

static THREADS: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Records the name of the thread running an iteration.
fn note_thread() {
    let name = std::thread::current().name().unwrap_or("unnamed").to_owned();
    THREADS.lock().unwrap().insert(name);
}

#[kernel(parallel)]
pub fn spread(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        note_thread();
        out[i] = a[i] * 2.0;
    }
}

#[kernel(fastmath)]
pub fn scale(a: &[f64], out: &mut [f64], k: f64) {
    for i in prange(0..a.len()) {
        out[i] = k * a[i];
    }
}

/// Runs only as a child: calls the kernel through dispatch.
#[test]
fn child_calls_dispatch() {
    if std::env::var_os("KERNELIZE_DISPATCH_CHILD").is_none() {
        return;
    }
    let a = [1.0, 2.0];
    let mut out = [0.0; 2];
    scale(&a, &mut out, 3.0);
    assert_eq!(out, [3.0, 6.0]);
    println!("chosen: {}", kernelize::Target::choose(&[kernelize::Target::Serial]));
    let fast = [kernelize::Target::Serial, kernelize::Target::Fastmath];
    println!("chosen for a fastmath kernel: {}", kernelize::Target::choose(&fast));
    let both = [kernelize::Target::Serial, kernelize::Target::Parallel];
    println!("chosen for a parallel kernel: {}", kernelize::Target::choose(&both));
    println!("pool threads: {}", kernelize::parallel::num_threads());
    println!("instruction set: {:?}", kernelize::simd::level());
    let a: Vec<f64> = (0..37).map(f64::from).collect();
    let mut out = vec![0.0; a.len()];
    scale::fastmath(&a, &mut out, 0.5);
    assert!(out.iter().zip(&a).all(|(o, x)| *o == 0.5 * x));
    // About a millisecond of work: long enough for a parked worker to wake and take chunks.
    let a = vec![1.0; 2_000_000];
    let mut out = vec![0.0; a.len()];
    spread(&a, &mut out);
    assert!(out.iter().all(|&x| x == 2.0));
    let names = THREADS.lock().unwrap().clone();
    let pool: Vec<&String> = names.iter().filter(|n| n.starts_with("kernelize-")).collect();
    println!("iterations ran on {} pool threads and {} others", pool.len(), names.len() - pool.len());
}

fn run_child(target: &str) -> std::process::Output {
    run_child_with(&[("KERNELIZE_TARGET", target)])
}

fn run_child_with(vars: &[(&str, &str)]) -> std::process::Output {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args(["--exact", "child_calls_dispatch", "--nocapture", "--test-threads=1"])
        .env("KERNELIZE_DISPATCH_CHILD", "1")
        .env_remove("KERNELIZE_TARGET")
        .env_remove("KERNELIZE_NUM_THREADS")
        .env_remove("KERNELIZE_ISA");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stdout_of(out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn a_parallel_kernel_runs_on_the_pool_by_default() {
    let stdout = stdout_of(&run_child_with(&[("KERNELIZE_NUM_THREADS", "2")]));
    assert!(stdout.contains("chosen for a parallel kernel: parallel"), "{stdout}");
    assert!(stdout.contains("pool threads: 2"), "{stdout}");
    // The calling thread takes chunks too (a team, as OpenMP's); which of the team's threads
    // get chunks is up to the scheduler, but no thread outside the team runs any.
    assert!(stdout.contains("pool threads and 1 others"), "{stdout}");
    assert!(!stdout.contains("ran on 0 pool threads"), "{stdout}");
}

#[test]
fn kernelize_target_serial_keeps_everything_on_the_calling_thread() {
    let stdout = stdout_of(&run_child_with(&[("KERNELIZE_TARGET", "serial"), ("KERNELIZE_NUM_THREADS", "2")]));
    assert!(stdout.contains("chosen for a parallel kernel: serial"), "{stdout}");
    assert!(stdout.contains("iterations ran on 0 pool threads and 1 others"), "{stdout}");
}

#[test]
fn kernelize_num_threads_sizes_the_pool() {
    let stdout = stdout_of(&run_child_with(&[("KERNELIZE_NUM_THREADS", "3")]));
    assert!(stdout.contains("pool threads: 3"), "{stdout}");
    assert!(stdout.contains("pool threads and 1 others"), "{stdout}");
}

#[test]
fn a_bad_thread_count_is_reported() {
    let out = run_child_with(&[("KERNELIZE_NUM_THREADS", "zero")]);
    assert!(!out.status.success());
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("KERNELIZE_NUM_THREADS=`zero` is not a positive number of threads"), "{all}");
}

#[test]
fn forced_serial_runs_serial() {
    let out = run_child("serial");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("chosen: serial"), "{stdout}");
}

#[test]
fn a_target_the_kernel_lacks_runs_its_usual_choice() {
    let out = run_child("cuda");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("chosen: serial"), "{stdout}");
}

#[test]
fn a_misspelt_target_panics_with_the_valid_names() {
    let out = run_child("paralel");
    assert!(!out.status.success());
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("KERNELIZE_TARGET=paralel` is not a kernelize target"), "{all}");
    assert!(all.contains("`parallel_fastmath`"), "{all}");
}

#[test]
fn a_fastmath_kernel_runs_fastmath_unless_serial_is_forced() {
    let stdout = stdout_of(&run_child_with(&[]));
    assert!(stdout.contains("chosen for a fastmath kernel: fastmath"), "{stdout}");
    let stdout = stdout_of(&run_child("serial"));
    assert!(stdout.contains("chosen for a fastmath kernel: serial"), "{stdout}");
}

#[test]
fn kernelize_isa_forces_the_clone() {
    let stdout = stdout_of(&run_child_with(&[("KERNELIZE_ISA", "baseline")]));
    assert!(stdout.contains("instruction set: Baseline"), "{stdout}");
    let detected = kernelize::machine().simd;
    let stdout = stdout_of(&run_child_with(&[]));
    assert!(stdout.contains(&format!("instruction set: {detected:?}")), "{stdout}");
}

#[test]
fn a_bad_or_unavailable_isa_is_reported() {
    let out = run_child_with(&[("KERNELIZE_ISA", "sse9")]);
    assert!(!out.status.success());
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("KERNELIZE_ISA=`sse9` is not an instruction set; use baseline, avx2 or avx512"), "{all}");
    if kernelize::machine().simd < kernelize::SimdLevel::Avx512 {
        let out = run_child_with(&[("KERNELIZE_ISA", "avx512")]);
        assert!(!out.status.success(), "forcing a level the CPU lacks must not run its code");
    }
}
