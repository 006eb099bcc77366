//! The kernelize side of the Numba comparison (`bash benches/peers/run.sh`; see its header).
//!
//! Serves the driver, `numba_kernels.py`, which starts it with `PEERS_SERVE=1` and sends one
//! request per line (see `serve`). The driver interleaves the contestants of a row (Numba's four
//! option sets, our five variants, Taichi, Warp), one call each per turn: it `prepare`s each of
//! our variants of a kernel and size (fresh inputs, which Python computes bit-identically, and
//! one first call whose results give the checksums; Mandelbrot's counts also go to a file, to be
//! compared point by point), then sends `time ID` once per turn, which runs one call with
//! `Instant` around the call only and answers the seconds. `case` (a block of timed calls, the
//! older protocol) still works. It also measures the STREAM triad on one and on all threads.
//! Without `PEERS_SERVE` (a plain `cargo bench`) it says how to run the comparison and exits.
//!
//! The programs of the real-program suite (`benches/real/`, Numba side
//! `benches/peers/real_programs.py`) are served the same way; their benches are in
//! `real_benches.rs`.

#[path = "../kernels/mod.rs"]
mod kernels;
#[path = "../real/mod.rs"]
mod real;

use kernelize::ndarray::{Array2, ArrayView2, ArrayViewMut2};
use kernels::{dot, go_fast, inputs, jacobi, mandelbrot, matrix, matvec, nbody, saxpy, softplus_sum};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

/// The variants compared, by the names both sides use, and `dispatch`: the call `name(...)`,
/// which runs the variant the dispatcher picks (Numba has no counterpart).
const VARIANTS: [&str; 5] = ["serial", "parallel", "fastmath", "parallel_fastmath", "dispatch"];

fn main() {
    if std::env::var_os("PEERS_SERVE").is_none() {
        println!("peers: skipped; the Numba comparison runs with `bash benches/peers/run.sh`");
        return;
    }
    let cfg = Config::from_env();
    let mut prepared = Prepared::default();
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lines() {
        let line = line.expect("a request on stdin");
        let reply = serve(&cfg, &mut prepared, &line);
        writeln!(out, "{reply}").and_then(|()| out.flush()).expect("the reply written to stdout");
    }
}

/// Answers one request of the driver (numba_kernels.py) with one line of JSON:
/// `meta`, `triad`, `case KERNEL SIZE VARIANT` (a whole timed block, as before), or the
/// interleaved protocol: `prepare KERNEL SIZE VARIANT` (fresh inputs and the first call; answers
/// the case's id and checksums, or `{"error": ...}` for a kernel this side does not have), then
/// `time ID` (one call of that case, `Instant` around the call only; answers the seconds, one
/// number), and `clear` (drops every prepared case).
fn serve(cfg: &Config, prepared: &mut Prepared, request: &str) -> String {
    let mut json = Json::default();
    match request.split_whitespace().collect::<Vec<_>>()[..] {
        ["meta"] => write_meta(&mut json),
        ["triad"] => measure_triad(cfg).write(&mut json),
        ["case", kernel, size, variant] => {
            let (size, variant) = parse_case(request, size, variant);
            let result = run_case(cfg, kernel, size, variant);
            eprintln!("kernelize {kernel:>12} {size:>9} {variant:<18} {:>12.1} µs", result.median * 1e6);
            result.write(&mut json);
        }
        ["prepare", kernel, size, variant] => {
            let (size, variant) = parse_case(request, size, variant);
            prepared.prepare(cfg, kernel, size, variant, &mut json);
        }
        ["time", id] => {
            let id: usize = id.parse().unwrap_or_else(|_| panic!("request `{request}`: id is not a number"));
            json.number(prepared.time(id));
        }
        ["clear"] => {
            json.open_object();
            json.field_num("cleared", prepared.clear() as f64);
            json.close_object();
        }
        _ => panic!(
            "unknown request `{request}`; expected `meta`, `triad`, `case KERNEL SIZE VARIANT`, \
             `prepare KERNEL SIZE VARIANT`, `time ID` or `clear`"
        ),
    }
    json.text
}

fn parse_case(request: &str, size: &str, variant: &str) -> (usize, &'static str) {
    let size = size.parse().unwrap_or_else(|_| panic!("request `{request}`: size is not a number"));
    let variant = VARIANTS
        .into_iter()
        .find(|v| *v == variant)
        .unwrap_or_else(|| panic!("request `{request}`: unknown variant; expected one of {VARIANTS:?}"));
    (size, variant)
}

/// The cases of the interleaved protocol, by id: each a kernel with its inputs, called once per
/// `time` request, so that the driver can alternate one call of each contestant of a row.
#[derive(Default)]
struct Prepared {
    cases: Vec<Option<Box<dyn Bench>>>,
}

impl Prepared {
    /// Fresh inputs and the first call (whose results give the checksums); answers the id.
    /// A kernel `make_bench` does not know (or any panic while preparing) answers
    /// `{"error": MESSAGE}` instead, and the server goes on.
    fn prepare(&mut self, cfg: &Config, kernel: &str, size: usize, variant: &'static str, json: &mut Json) {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut bench = make_bench(cfg, kernel, size, variant);
            let checks = bench.check();
            (bench, checks)
        }));
        std::panic::set_hook(quiet);
        json.open_object();
        match made {
            Ok((bench, checks)) => {
                json.field_num("id", self.cases.len() as f64);
                json.field_str("kernel", kernel);
                json.field_num("size", size as f64);
                json.field_str("variant", variant);
                json.key("checks");
                json.open_object();
                for (name, value) in &checks {
                    json.field_num(name, *value);
                }
                json.close_object();
                self.cases.push(Some(bench));
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic without a message");
                json.field_str("error", message);
            }
        }
        json.close_object();
    }

    /// One call of a prepared case, in seconds: `Instant` around the call only.
    fn time(&mut self, id: usize) -> f64 {
        let bench = self.cases.get_mut(id).and_then(Option::as_mut);
        let bench = bench.unwrap_or_else(|| panic!("`time {id}`: no such prepared case"));
        let t = Instant::now();
        bench.call();
        t.elapsed().as_secs_f64()
    }

    fn clear(&mut self) -> usize {
        let n = self.cases.iter().flatten().count();
        self.cases.clear();
        n
    }
}

/// The run's parameters, from the environment that `run.sh` sets.
struct Config {
    repeats: usize,
    warmup: usize,
    mandel_iters: u32,
    triad_n: usize,
    out: PathBuf,
}

impl Config {
    fn from_env() -> Config {
        Config {
            repeats: env_number("PEERS_REPEATS"),
            warmup: env_number("PEERS_WARMUP"),
            mandel_iters: env_number("PEERS_MANDEL_ITERS"),
            triad_n: env_number("PEERS_TRIAD_N"),
            out: PathBuf::from(std::env::var("PEERS_OUT").unwrap_or_else(|_| panic!("PEERS_OUT is not set"))),
        }
    }
}

fn env_number<T: std::str::FromStr>(name: &str) -> T {
    let text = std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set (run.sh sets it)"));
    text.trim().parse().unwrap_or_else(|_| panic!("{name}=`{text}` is not a number"))
}

fn write_meta(json: &mut Json) {
    let m = kernelize::machine();
    json.open_object();
    json.field_str("cpu", &m.cpu);
    json.field_num("cores", m.cores as f64);
    json.field_str("simd", &m.simd.to_string());
    json.field_num("threads", kernelize::parallel::num_threads() as f64);
    json.field_num("pid", f64::from(std::process::id()));
    json.close_object();
}

/// One kernel, one size, one variant: the median time and the checksums of its results.
struct CaseResult {
    kernel: String,
    size: usize,
    variant: &'static str,
    median: f64,
    times: Vec<f64>,
    checks: Vec<(&'static str, f64)>,
}

impl CaseResult {
    fn write(&self, json: &mut Json) {
        json.open_object();
        json.field_str("kernel", &self.kernel);
        json.field_num("size", self.size as f64);
        json.field_str("variant", self.variant);
        json.field_num("median_s", self.median);
        json.key("times_s");
        json.numbers(&self.times);
        json.key("checks");
        json.open_object();
        for (name, value) in &self.checks {
            json.field_num(name, *value);
        }
        json.close_object();
        json.close_object();
    }
}

/// Prepares fresh inputs, runs the variant once for the checksums, then times it.
fn run_case(cfg: &Config, kernel: &str, size: usize, variant: &'static str) -> CaseResult {
    let mut bench = make_bench(cfg, kernel, size, variant);
    let checks = bench.check();
    for _ in 0..cfg.warmup {
        bench.call();
    }
    let times: Vec<f64> = (0..cfg.repeats)
        .map(|_| {
            let t = Instant::now();
            bench.call();
            t.elapsed().as_secs_f64()
        })
        .collect();
    let median = median(&times);
    CaseResult { kernel: kernel.to_owned(), size, variant, median, times, checks }
}

fn median(times: &[f64]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// A kernel with its inputs, ready to be called.
trait Bench {
    /// One call of the variant under test.
    fn call(&mut self);
    /// The first call on fresh inputs, and the checksums of what it computed.
    fn check(&mut self) -> Vec<(&'static str, f64)>;
}

fn make_bench(cfg: &Config, kernel: &str, size: usize, variant: &'static str) -> Box<dyn Bench> {
    match kernel {
        "go_fast" => Box::new(GoFast::new(size, variant)),
        "saxpy" => Box::new(Saxpy::new(size, variant)),
        "dot" => Box::new(Dot::new(size, variant)),
        "softplus_sum" => Box::new(Softplus::new(size, variant)),
        "mandelbrot" => Box::new(Mandelbrot::new(size, variant, cfg)),
        "jacobi" => Box::new(Jacobi::new(size, variant)),
        "nbody" => Box::new(Nbody::new(size, variant)),
        "matvec" => Box::new(Matvec::new(size, variant)),
        _ => real_benches::make(kernel, size, variant)
            .unwrap_or_else(|| panic!("unknown kernel `{kernel}` in PEERS_CASES")),
    }
}

/// Picks `name::variant` of a kernel by the variant's name; `dispatch` is `name` itself.
macro_rules! variant {
    ($kernel:ident, $variant:expr) => {
        match $variant {
            "serial" => $kernel::serial,
            "parallel" => $kernel::parallel,
            "fastmath" => $kernel::fastmath,
            "parallel_fastmath" => $kernel::parallel_fastmath,
            "dispatch" => $kernel,
            other => panic!("unknown variant `{other}`"),
        }
    };
}

// After the macro: the real-program benches use it.
mod real_benches;

/// The sum of `values` in index order, in f64: the same loop on the Python side.
fn seq_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |s, v| s + v)
}

/// Three sampled elements: first, middle, last.
fn samples(n: usize) -> [usize; 3] {
    [0, n / 2, n.saturating_sub(1)]
}

struct GoFast {
    f: fn(&[f64], &mut [f64]) -> f64,
    a: Vec<f64>,
    out: Vec<f64>,
}

impl GoFast {
    fn new(n: usize, variant: &str) -> GoFast {
        GoFast { f: variant!(go_fast, variant), a: inputs(n, 1, 0.0, 3.0), out: vec![0.0; n] }
    }
}

impl Bench for GoFast {
    fn call(&mut self) {
        black_box((self.f)(black_box(&self.a), &mut self.out));
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        let trace = (self.f)(&self.a, &mut self.out);
        let [i, j, k] = samples(self.a.len());
        vec![
            ("in.a_sum", seq_sum(self.a.iter().copied())),
            ("trace", trace),
            ("out_sum", seq_sum(self.out.iter().copied())),
            ("out_first", self.out[i]),
            ("out_mid", self.out[j]),
            ("out_last", self.out[k]),
        ]
    }
}

struct Saxpy {
    f: fn(f32, &[f32], &mut [f32]),
    x: Vec<f32>,
    y: Vec<f32>,
}

impl Saxpy {
    fn new(n: usize, variant: &str) -> Saxpy {
        let to_f32 = |v: Vec<f64>| v.into_iter().map(|v| v as f32).collect();
        Saxpy { f: variant!(saxpy, variant), x: to_f32(inputs(n, 2, -1.0, 1.0)), y: to_f32(inputs(n, 3, -1.0, 1.0)) }
    }
}

impl Bench for Saxpy {
    fn call(&mut self) {
        (self.f)(black_box(0.5), black_box(&self.x), &mut self.y);
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        let in_y = seq_sum(self.y.iter().map(|&v| f64::from(v)));
        (self.f)(0.5, &self.x, &mut self.y);
        let [i, j, k] = samples(self.x.len());
        vec![
            ("in.x_sum", seq_sum(self.x.iter().map(|&v| f64::from(v)))),
            ("in.y_sum", in_y),
            ("y_abs_sum", seq_sum(self.y.iter().map(|&v| f64::from(v).abs()))),
            ("y_first", f64::from(self.y[i])),
            ("y_mid", f64::from(self.y[j])),
            ("y_last", f64::from(self.y[k])),
        ]
    }
}

struct Dot {
    f: fn(&[f64], &[f64]) -> f64,
    x: Vec<f64>,
    y: Vec<f64>,
}

impl Dot {
    fn new(n: usize, variant: &str) -> Dot {
        Dot { f: variant!(dot, variant), x: inputs(n, 4, 0.0, 1.0), y: inputs(n, 5, 0.0, 1.0) }
    }
}

impl Bench for Dot {
    fn call(&mut self) {
        black_box((self.f)(black_box(&self.x), black_box(&self.y)));
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        vec![
            ("in.x_sum", seq_sum(self.x.iter().copied())),
            ("in.y_sum", seq_sum(self.y.iter().copied())),
            ("dot", (self.f)(&self.x, &self.y)),
        ]
    }
}

struct Softplus {
    f: fn(&[f64]) -> f64,
    x: Vec<f64>,
}

impl Softplus {
    fn new(n: usize, variant: &str) -> Softplus {
        Softplus { f: variant!(softplus_sum, variant), x: inputs(n, 6, -10.0, 10.0) }
    }
}

impl Bench for Softplus {
    fn call(&mut self) {
        black_box((self.f)(black_box(&self.x)));
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        vec![("in.x_sum", seq_sum(self.x.iter().copied())), ("sum", (self.f)(&self.x))]
    }
}

struct Mandelbrot {
    f: fn(&[f64], &[f64], &mut [u32], u32),
    cr: Vec<f64>,
    ci: Vec<f64>,
    out: Vec<u32>,
    iters: u32,
    dump: PathBuf,
}

impl Mandelbrot {
    fn new(n: usize, variant: &str, cfg: &Config) -> Mandelbrot {
        Mandelbrot {
            f: variant!(mandelbrot, variant),
            cr: inputs(n, 7, -2.0, 0.6),
            ci: inputs(n, 8, -1.2, 1.2),
            out: vec![0; n],
            iters: cfg.mandel_iters,
            dump: cfg.out.join(format!("mandelbrot-{n}-kernelize-{variant}.u32")),
        }
    }
}

impl Bench for Mandelbrot {
    fn call(&mut self) {
        (self.f)(black_box(&self.cr), black_box(&self.ci), &mut self.out, black_box(self.iters));
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        (self.f)(&self.cr, &self.ci, &mut self.out, self.iters);
        let bytes: Vec<u8> = self.out.iter().flat_map(|c| c.to_le_bytes()).collect();
        std::fs::write(&self.dump, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", self.dump.display()));
        vec![
            ("in.cr_sum", seq_sum(self.cr.iter().copied())),
            ("in.ci_sum", seq_sum(self.ci.iter().copied())),
            ("count_sum", seq_sum(self.out.iter().map(|&c| f64::from(c)))),
        ]
    }
}

struct Jacobi {
    f: fn(ArrayView2<f64>, ArrayViewMut2<f64>),
    u: Array2<f64>,
    out: Array2<f64>,
}

impl Jacobi {
    fn new(n: usize, variant: &str) -> Jacobi {
        Jacobi { f: variant!(jacobi, variant), u: matrix(n, n, 9, 0.0, 1.0), out: Array2::zeros((n, n)) }
    }
}

impl Bench for Jacobi {
    fn call(&mut self) {
        (self.f)(black_box(self.u.view()), self.out.view_mut());
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        (self.f)(self.u.view(), self.out.view_mut());
        let n = self.u.nrows();
        vec![
            ("in.u_sum", seq_sum(self.u.iter().copied())),
            ("out_sum", seq_sum(self.out.iter().copied())),
            ("out_first", self.out[[1, 1]]),
            ("out_mid", self.out[[n / 2, n / 3]]),
            ("out_last", self.out[[n - 2, n - 2]]),
        ]
    }
}

type NbodyFn = fn(&[f64], &[f64], &[f64], &[f64], &mut [f64], &mut [f64], &mut [f64]);

struct Nbody {
    f: NbodyFn,
    pos: [Vec<f64>; 3],
    m: Vec<f64>,
    acc: [Vec<f64>; 3],
}

impl Nbody {
    fn new(n: usize, variant: &str) -> Nbody {
        Nbody {
            f: variant!(nbody, variant),
            pos: [inputs(n, 10, -1.0, 1.0), inputs(n, 11, -1.0, 1.0), inputs(n, 12, -1.0, 1.0)],
            m: inputs(n, 13, 0.5, 1.5),
            acc: [vec![0.0; n], vec![0.0; n], vec![0.0; n]],
        }
    }
    fn run(&mut self) {
        let [x, y, z] = &self.pos;
        let [ax, ay, az] = &mut self.acc;
        (self.f)(black_box(x), black_box(y), black_box(z), black_box(&self.m), ax, ay, az);
    }
}

impl Bench for Nbody {
    fn call(&mut self) {
        self.run();
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        self.run();
        let [ax, ay, az] = &self.acc;
        let [i, j, k] = samples(ax.len());
        vec![
            ("in.x_sum", seq_sum(self.pos[0].iter().copied())),
            ("in.m_sum", seq_sum(self.m.iter().copied())),
            ("acc_abs_sum", seq_sum(ax.iter().chain(ay).chain(az).map(|v| v.abs()))),
            ("ax_first", ax[i]),
            ("ay_mid", ay[j]),
            ("az_last", az[k]),
        ]
    }
}

struct Matvec {
    f: fn(ArrayView2<f64>, &[f64], &mut [f64]),
    a: Array2<f64>,
    x: Vec<f64>,
    y: Vec<f64>,
}

impl Matvec {
    fn new(n: usize, variant: &str) -> Matvec {
        Matvec {
            f: variant!(matvec, variant),
            a: matrix(n, n, 14, -1.0, 1.0),
            x: inputs(n, 15, 0.0, 1.0),
            y: vec![0.0; n],
        }
    }
}

impl Bench for Matvec {
    fn call(&mut self) {
        (self.f)(black_box(self.a.view()), black_box(&self.x), &mut self.y);
    }
    fn check(&mut self) -> Vec<(&'static str, f64)> {
        (self.f)(self.a.view(), &self.x, &mut self.y);
        let [i, j, k] = samples(self.y.len());
        vec![
            ("in.a_sum", seq_sum(self.a.iter().copied())),
            ("y_abs_sum", seq_sum(self.y.iter().map(|v| v.abs()))),
            ("y_first", self.y[i]),
            ("y_mid", self.y[j]),
            ("y_last", self.y[k]),
        ]
    }
}

/// STREAM triad `a = b + s * c` over three arrays of `n` f64, on one thread and on the pool.
struct Triad {
    n: usize,
    threads: usize,
    serial: Vec<f64>,
    parallel: Vec<f64>,
}

/// Elements per task of the parallel triad.
const TRIAD_CHUNK: usize = 1 << 16;

fn measure_triad(cfg: &Config) -> Triad {
    let n = cfg.triad_n;
    let b = inputs(n, 16, 0.0, 1.0);
    let c = inputs(n, 17, 0.0, 1.0);
    let mut a = vec![0.0; n];
    let s = 3.0;
    let threads = kernelize::parallel::num_threads();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a rayon pool for the triad");
    let serial = time_repeats(cfg, || triad_serial(&mut a, &b, &c, s));
    let parallel = pool.install(|| time_repeats(cfg, || triad_parallel(&mut a, &b, &c, s)));
    let triad = Triad { n, threads, serial, parallel };
    eprintln!(
        "kernelize triad {n} f64: 1 thread {:.1} GB/s, {threads} threads {:.1} GB/s",
        triad.gbs(&triad.serial),
        triad.gbs(&triad.parallel)
    );
    triad
}

fn time_repeats(cfg: &Config, mut f: impl FnMut()) -> Vec<f64> {
    for _ in 0..cfg.warmup {
        f();
    }
    (0..cfg.repeats.max(5))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect()
}

fn triad_serial(a: &mut [f64], b: &[f64], c: &[f64], s: f64) {
    for ((a, b), c) in a.iter_mut().zip(black_box(b)).zip(black_box(c)) {
        *a = b + s * c;
    }
    black_box(a);
}

fn triad_parallel(a: &mut [f64], b: &[f64], c: &[f64], s: f64) {
    use rayon::prelude::*;
    a.par_chunks_mut(TRIAD_CHUNK)
        .zip(b.par_chunks(TRIAD_CHUNK))
        .zip(c.par_chunks(TRIAD_CHUNK))
        .for_each(|((a, b), c)| triad_serial(a, b, c, s));
}

impl Triad {
    /// STREAM's count: 24 bytes per element (two reads, one write; no write-allocate).
    fn gbs(&self, times: &[f64]) -> f64 {
        24.0 * self.n as f64 / median(times) / 1e9
    }
    fn write(&self, json: &mut Json) {
        json.open_object();
        json.field_num("n", self.n as f64);
        json.field_num("bytes", 24.0 * self.n as f64);
        json.field_num("threads", self.threads as f64);
        json.key("serial_times_s");
        json.numbers(&self.serial);
        json.key("parallel_times_s");
        json.numbers(&self.parallel);
        json.close_object();
    }
}

/// Just enough JSON writing for the results file (no serde in this crate's dependencies).
#[derive(Default)]
struct Json {
    text: String,
    need_comma: bool,
}

impl Json {
    fn sep(&mut self) {
        if self.need_comma {
            self.text.push(',');
        }
        self.need_comma = true;
    }
    fn open_object(&mut self) {
        self.sep();
        self.text.push('{');
        self.need_comma = false;
    }
    fn close_object(&mut self) {
        self.text.push('}');
        self.need_comma = true;
    }
    fn open_array(&mut self) {
        self.sep();
        self.text.push('[');
        self.need_comma = false;
    }
    fn close_array(&mut self) {
        self.text.push(']');
        self.need_comma = true;
    }
    fn key(&mut self, key: &str) {
        self.sep();
        let _ = write!(self.text, "{key:?}:");
        self.need_comma = false;
    }
    fn field_str(&mut self, key: &str, value: &str) {
        self.key(key);
        self.sep();
        let _ = write!(self.text, "\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    }
    fn field_num(&mut self, key: &str, value: f64) {
        self.key(key);
        self.number(value);
    }
    fn number(&mut self, value: f64) {
        self.sep();
        if value.is_finite() {
            let _ = write!(self.text, "{value:?}");
        } else {
            self.text.push_str("null");
        }
    }
    fn numbers(&mut self, values: &[f64]) {
        self.open_array();
        for &v in values {
            self.number(v);
        }
        self.close_array();
    }
}
