//! Whole kernels of kernelize's PTX back end (the golden `go_fast` and `mandelbrot`, and
//! modules of the project's test kernels) against the same computation in Rust, on realistic
//! launch shapes and awkward lengths.

use super::harness::{Rng, download, emulate_reduction, upload, zeros};
use kernelize_runtime::sim::{Memory, Program, Stats};

pub const GO_FAST: &str = include_str!("go_fast.ptx");
pub const SUM: &str = include_str!("sum.ptx");
const MANDELBROT: &str = include_str!("mandelbrot.ptx");
const INT_STATS: &str = include_str!("int_stats.ptx");
const HEAT_STEP: &str = include_str!("heat_step.ptx");
const INTS_I8: &str = include_str!("ints.ptx");
const CONTROL: &str = include_str!("control.ptx");

/// Launch shapes: the grid-stride loop covers any length with any of them.
const GRIDS: [(u32, u32); 4] = [(40, 256), (1, 256), (3, 64), (2, 1024)];
const LENGTHS: [usize; 6] = [0, 1, 31, 33, 1000, 4097];

fn program(ptx: &str) -> Program {
    Program::parse(ptx).unwrap_or_else(|e| panic!("{e}"))
}

/// The error flag every entry takes first; it must stay 0.
fn flag(mem: &mut Memory) -> u64 {
    zeros::<u32>(mem, 1)
}

fn check_flag(mem: &Memory, flag: u64) -> u32 {
    download::<u32>(mem, flag, 1)[0]
}

fn random(n: usize, seed: u64, lo: f64, hi: f64) -> Vec<f64> {
    let mut rng = Rng(seed);
    (0..n).map(|_| rng.f64(lo, hi)).collect()
}

/// `go_fast`'s two loops: the trace (the partials summed in block order) and `out`.
pub fn go_fast(a: &[f64], grid: (u32, u32)) -> (f64, Vec<f64>, Stats, Stats) {
    let p = program(GO_FAST);
    let mut mem = Memory::new();
    let n = a.len() as u64;
    let (fl, pa) = (flag(&mut mem), upload(&mut mem, a));
    let partials = zeros::<f64>(&mut mem, grid.0 as usize);
    let s0 = p.launch(&mut mem, "go_fast_loop0", grid.0, grid.1, &[fl, 0, n, pa, n, partials]).unwrap();
    let trace = download::<f64>(&mem, partials, grid.0 as usize).iter().fold(-0.0, |s, x| s + x);
    let out = zeros::<f64>(&mut mem, a.len());
    let s1 = p.launch(&mut mem, "go_fast_loop1", grid.0, grid.1, &[fl, 0, n, pa, n, out, n, trace.to_bits()]).unwrap();
    assert_eq!(check_flag(&mem, fl), 0);
    (trace, download(&mem, out, a.len()), s0, s1)
}

#[test]
fn go_fast_matches_rust() {
    for n in LENGTHS.into_iter().chain([100_000]) {
        let a = random(n, 7 + n as u64, -3.0, 3.0);
        let want: f64 = a.iter().map(|x| x.tanh()).sum();
        let sum_abs: f64 = a.iter().map(|x| x.tanh().abs()).sum();
        for grid in GRIDS {
            if n == 100_000 && grid.0 != 40 {
                continue;
            }
            let (trace, out, s0, s1) = go_fast(&a, grid);
            // Re-association of the sum, and a few ulp per tanh of the math library.
            let tol = 2.0 * (n as f64 + 4.0) * f64::EPSILON * sum_abs;
            assert!((trace - want).abs() <= tol, "n={n} grid={grid:?}: {trace} vs {want}");
            for (i, (&o, &x)) in out.iter().zip(&a).enumerate() {
                assert_eq!(o.to_bits(), (x + trace).to_bits(), "out[{i}], n={n} grid={grid:?}");
            }
            let threads = u64::from(grid.0 * grid.1);
            assert_eq!((s0.threads, s1.threads), (threads, threads));
            assert!(s1.instructions >= threads * 20 + n as u64 * 15, "{s1:?}");
            assert!(s0.instructions >= threads * 50 + n as u64 * 150, "{s0:?}");
        }
    }
}

#[test]
fn sum_reduces_in_the_documented_order() {
    let p = program(SUM);
    for n in LENGTHS.into_iter().chain([100_000]) {
        let a = random(n, n as u64, -1e3, 1e3);
        for grid in GRIDS {
            let mut mem = Memory::new();
            let (fl, pa) = (flag(&mut mem), upload(&mut mem, &a));
            let partials = zeros::<f64>(&mut mem, grid.0 as usize);
            let nn = n as u64;
            p.launch(&mut mem, "sum_loop0", grid.0, grid.1, &[fl, 0, nn, pa, nn, partials]).unwrap();
            let got = download::<f64>(&mem, partials, grid.0 as usize);
            let want = emulate_reduction(&a, grid, -0.0, |x, y| x + y);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want), "n={n} grid={grid:?}");
        }
    }
}

#[test]
fn integer_and_boolean_reductions_are_exact() {
    let p = program(INT_STATS);
    let mut rng = Rng(3);
    for n in LENGTHS {
        let a: Vec<i64> = (0..n).map(|_| rng.next() as i64 >> rng.below(60)).collect();
        let b: Vec<u32> = (0..n).map(|_| rng.next() as u32).collect();
        let flags: Vec<bool> = (0..n).map(|i| rng.below(50) != 0 || i == 0).collect();
        for grid in GRIDS {
            let mut mem = Memory::new();
            let nn = n as u64;
            let fl = flag(&mut mem);
            let (pa, pb, pf) = (upload(&mut mem, &a), upload(&mut mem, &b), upload(&mut mem, &flags));
            let blocks = grid.0 as usize;
            let out = [
                zeros::<i64>(&mut mem, blocks),
                zeros::<u32>(&mut mem, blocks),
                zeros::<u32>(&mut mem, blocks),
                zeros::<bool>(&mut mem, blocks),
                zeros::<bool>(&mut mem, blocks),
            ];
            let params = [fl, 0, nn, pa, nn, pb, nn, pf, nn, out[0], out[1], out[2], out[3], out[4]];
            p.launch(&mut mem, "int_stats_loop0", grid.0, grid.1, &params).unwrap();
            assert_eq!(check_flag(&mem, fl), 0);
            let sums: Vec<i64> = a.iter().map(|x| x / 3 - x % 7).collect();
            let ors: Vec<u32> = b.iter().map(|x| x >> 3).collect();
            assert_eq!(download::<i64>(&mem, out[0], blocks), emulate_reduction(&sums, grid, 0, i64::wrapping_add));
            assert_eq!(download::<u32>(&mem, out[1], blocks), emulate_reduction(&ors, grid, 0, |x, y| x | y));
            assert_eq!(download::<u32>(&mem, out[2], blocks), emulate_reduction(&b, grid, 0, |x, y| x ^ y));
            assert_eq!(download::<bool>(&mem, out[3], blocks), emulate_reduction(&flags, grid, false, |x, y| x | y));
            assert_eq!(download::<bool>(&mem, out[4], blocks), emulate_reduction(&flags, grid, true, |x, y| x & y));
        }
    }
}

#[test]
fn narrow_integers_wrap_like_rust() {
    let p = program(INTS_I8);
    let mut rng = Rng(11);
    for n in [1, 33, 1000] {
        // `a / (b | 1)` would overflow for -128 / -1: keep `b | 1` away from -1 there.
        let a: Vec<i8> = (0..n).map(|_| rng.next() as i8).collect();
        let b: Vec<i8> = a
            .iter()
            .map(|&x| {
                loop {
                    let y = rng.next() as i8;
                    if !(x == i8::MIN && y | 1 == -1) {
                        break y;
                    }
                }
            })
            .collect();
        let k: i8 = -37;
        let x: Vec<i8> = a
            .iter()
            .zip(&b)
            .map(|(&a, &b)| {
                a.wrapping_div(b | 1)
                    .wrapping_add(a.wrapping_rem(b | 1))
                    .wrapping_sub(a.wrapping_shl(3))
                    .wrapping_add(b >> 1)
            })
            .collect();
        for grid in GRIDS {
            let mut mem = Memory::new();
            let nn = n as u64;
            let fl = flag(&mut mem);
            let (pa, pb, po) = (upload(&mut mem, &a), upload(&mut mem, &b), zeros::<i8>(&mut mem, n));
            let blocks = grid.0 as usize;
            let red: Vec<u64> = (0..4).map(|_| zeros::<i8>(&mut mem, blocks)).collect();
            let kk = u64::from(k as i32 as u32);
            let params = [fl, 0, nn, pa, nn, pb, nn, po, nn, kk, red[0], red[1], red[2], red[3]];
            p.launch(&mut mem, "ints_loop0", grid.0, grid.1, &params).unwrap();
            assert_eq!(check_flag(&mem, fl), 0);
            let want: Vec<i8> = x.iter().map(|&x| x.max(k).min(i8::MAX - 1) ^ (x & k)).collect();
            assert_eq!(download::<i8>(&mem, po, n), want, "n={n} grid={grid:?}");
            assert_eq!(download::<i8>(&mem, red[0], blocks), emulate_reduction(&x, grid, 0, i8::wrapping_add));
            assert_eq!(download::<i8>(&mem, red[1], blocks), emulate_reduction(&x, grid, i8::MAX, i8::min));
            assert_eq!(download::<i8>(&mem, red[2], blocks), emulate_reduction(&x, grid, i8::MIN, i8::max));
            assert_eq!(download::<i8>(&mem, red[3], blocks), emulate_reduction(&x, grid, 0, |x, y| x | y));
        }
    }
    // -128 / (-1 | 1) overflows: the kernel's check fails with code 2 (arithmetic).
    let mut mem = Memory::new();
    let fl = flag(&mut mem);
    let (pa, pb, po) = (upload(&mut mem, &[i8::MIN]), upload(&mut mem, &[-1i8]), zeros::<i8>(&mut mem, 1));
    let red: Vec<u64> = (0..4).map(|_| zeros::<i8>(&mut mem, 1)).collect();
    let params = [fl, 0, 1, pa, 1, pb, 1, po, 1, 0, red[0], red[1], red[2], red[3]];
    p.launch(&mut mem, "ints_loop0", 1, 32, &params).unwrap();
    assert_eq!(check_flag(&mem, fl), 2);
}

fn mandelbrot_ref(re: &[f64], im: &[f64], max_iter: u32) -> Vec<u32> {
    re.iter()
        .zip(im)
        .map(|(&cr, &ci)| {
            let (mut zr, mut zi, mut k) = (0.0f64, 0.0f64, 0u32);
            while k < max_iter && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            match k {
                0 => 0,
                n if n == max_iter => u32::MAX,
                n => n,
            }
        })
        .collect()
}

#[test]
fn mandelbrot_matches_rust() {
    let p = program(MANDELBROT);
    for n in [1, 31, 1000] {
        let re = random(n, 5, -2.2, 1.0);
        let im = random(n, 6, -1.5, 1.5);
        for grid in [(1, 256), (8, 128)] {
            let mut mem = Memory::new();
            let nn = n as u64;
            let fl = flag(&mut mem);
            let (pr, pi, po) = (upload(&mut mem, &re), upload(&mut mem, &im), zeros::<u32>(&mut mem, n));
            p.launch(&mut mem, "mandelbrot_loop0", grid.0, grid.1, &[fl, 0, nn, pr, nn, pi, nn, po, nn, 200]).unwrap();
            assert_eq!(check_flag(&mem, fl), 0);
            assert_eq!(download::<u32>(&mem, po, n), mandelbrot_ref(&re, &im, 200), "n={n} grid={grid:?}");
        }
    }
}

#[test]
fn two_dimensional_stencil_matches_rust() {
    let p = program(HEAT_STEP);
    for (rows, cols) in [(3, 3), (17, 40), (64, 33)] {
        let u = random(rows * cols, 9, 0.0, 1.0);
        let alpha = 0.1f64;
        for grid in [(1, 64), (5, 256)] {
            let mut mem = Memory::new();
            let fl = flag(&mut mem);
            let (pu, pn) = (upload(&mut mem, &u), zeros::<f64>(&mut mem, rows * cols));
            let (r, c) = (rows as u64, cols as u64);
            let params = [fl, 1, r - 2, 1, c - 2, pu, r, c, pn, r, c, alpha.to_bits()];
            p.launch(&mut mem, "heat_step_loop0", grid.0, grid.1, &params).unwrap();
            assert_eq!(check_flag(&mem, fl), 0);
            let next = download::<f64>(&mem, pn, rows * cols);
            let at = |i: usize, j: usize| u[i * cols + j];
            for i in 0..rows {
                for j in 0..cols {
                    let want = if i == 0 || j == 0 || i == rows - 1 || j == cols - 1 {
                        0.0
                    } else {
                        at(i, j) + alpha * (at(i - 1, j) + at(i + 1, j) + at(i, j - 1) + at(i, j + 1) - 4.0 * at(i, j))
                    };
                    assert_eq!(next[i * cols + j].to_bits(), want.to_bits(), "({i}, {j}) of {rows}x{cols}");
                }
            }
        }
    }
}

/// `control`'s body in Rust: loops, `continue`/`break`, `match` with guards, casts.
fn control_ref(x: f64, flag: bool, n: usize) -> (f64, f64) {
    let mut x = x;
    let mut k = 0;
    while x > 1.0 && k < 50 {
        x /= 2.0;
        k += 1;
    }
    for j in (0..n).rev().step_by(3) {
        if j % 2 == 0 {
            continue;
        }
        x += j as f64;
        if x > 1e6 {
            break;
        }
    }
    let odd: Vec<usize> = (1..=n).step_by(2).collect();
    for j in odd.into_iter().rev() {
        x -= (j as f64).sqrt();
    }
    let c = match k {
        0 => 1.0,
        1..=3 => 2.0,
        n if n > 40 => 3.0,
        _ => 4.0,
    };
    let mut out = if flag && c > 1.0 || x < 0.0 { x * c } else { -x };
    let p = 1.0 + x.abs().min(1e-3);
    let z = (x as i32) as u8 as f32 as f64 + (k as f64) + (flag as u32 as f64);
    out += z;
    (out, p)
}

#[test]
fn control_flow_and_casts_match_rust() {
    let p = program(CONTROL);
    let mut rng = Rng(21);
    for (len, n) in [(40, 0), (300, 7), (1000, 30)] {
        let a: Vec<f64> =
            (0..len).map(|i| if i % 7 == 0 { rng.f64(-1e9, 1e9) } else { rng.f64(-20.0, 300.0) }).collect();
        let flags: Vec<bool> = (0..len).map(|_| rng.below(3) == 0).collect();
        let want: Vec<(f64, f64)> = a.iter().zip(&flags).map(|(&x, &f)| control_ref(x, f, n)).collect();
        for grid in [(1, 32), (4, 256)] {
            let mut mem = Memory::new();
            let (fl, ll) = (flag(&mut mem), len as u64);
            let (pa, pf, po) = (upload(&mut mem, &a), upload(&mut mem, &flags), zeros::<f64>(&mut mem, len));
            let blocks = grid.0 as usize;
            let (any, prod) = (zeros::<bool>(&mut mem, blocks), zeros::<f64>(&mut mem, blocks));
            let params = [fl, 0, ll, pa, ll, pf, ll, po, ll, n as u64, any, prod];
            p.launch(&mut mem, "control_loop0", grid.0, grid.1, &params).unwrap();
            assert_eq!(check_flag(&mem, fl), 0);
            let out = download::<f64>(&mem, po, len);
            for (i, (o, w)) in out.iter().zip(&want).enumerate() {
                assert_eq!(o.to_bits(), w.0.to_bits(), "out[{i}] = {o} vs {} (a = {})", w.0, a[i]);
            }
            let factors: Vec<f64> = want.iter().map(|w| w.1).collect();
            let prods = download::<f64>(&mem, prod, blocks);
            assert_eq!(prods, emulate_reduction(&factors, grid, 1.0, |x, y| x * y));
            assert_eq!(download::<bool>(&mem, any, blocks), emulate_reduction(&flags, grid, false, |x, y| x | y));
        }
    }
}

#[test]
fn every_bundled_module_parses() {
    for (name, text) in [
        ("go_fast", GO_FAST),
        ("sum", SUM),
        ("mandelbrot", MANDELBROT),
        ("int_stats", INT_STATS),
        ("heat_step", HEAT_STEP),
        ("ints", INTS_I8),
        ("control", CONTROL),
        ("every_math_fn", include_str!("every_math_fn_fastmath.ptx")),
        ("waves", include_str!("waves_fastmath.ptx")),
        ("transpose_add", include_str!("transpose_add.ptx")),
    ] {
        let p = Program::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(p.has_entry(&format!("{name}_loop0")), "{name}");
        assert!(!p.has_entry("__kz_libm_tanh"), "device functions are not entries");
    }
}

/// Every module the macros' tests wrote with `KERNELIZE_PTX_DUMP=DIR cargo test -p
/// kernelize-macros dump_modules`, when this test runs with the same `KERNELIZE_PTX_DUMP`.
#[test]
fn every_dumped_module_parses() {
    let Some(dir) = std::env::var_os("KERNELIZE_PTX_DUMP") else { return };
    let Ok(dir) = std::fs::read_dir(dir) else { return };
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ptx") {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err(e) = Program::parse(&text) {
                panic!("{}: {e}", path.display());
            }
        }
    }
}
