//! `KERNELIZE_TARGET`: read once per process, so each case runs this test binary again as a
//! child process with the variable set.

use kernelize::{kernel, prange};
use std::process::Command;

#[kernel]
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
}

fn run_child(target: &str) -> std::process::Output {
    let exe = std::env::current_exe().unwrap();
    Command::new(exe)
        .args(["--exact", "child_calls_dispatch", "--nocapture", "--test-threads=1"])
        .env("KERNELIZE_DISPATCH_CHILD", "1")
        .env("KERNELIZE_TARGET", target)
        .output()
        .unwrap()
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
