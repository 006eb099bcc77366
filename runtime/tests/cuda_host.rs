//! The GPU runtime as the generated code and users see it, with and without the `cuda` feature.
//!
//! Where no GPU can be used, the tests that need one print "skipped: <reason>" and pass,
//! unless `KERNELIZE_REQUIRE_GPU=1`, which makes them fail: runs meant to use a GPU cannot
//! pass by skipping.

use kernelize_runtime::__private::cuda::{self as rt, Arg, Grid};
use kernelize_runtime::cuda;
use kernelize_runtime::{Error, ErrorKind};
use ndarray::{Array2, s};

/// Three entry points: `out[i] = a[i] * 2` (f32), one that takes every kind of argument, and
/// one that stores a word into a flag, each over a grid-stride loop where it has one.
const PTX: &str = r#"
.version 6.0
.target sm_50
.address_size 64

.visible .entry double_f32(
    .param .u64 out,
    .param .u64 a,
    .param .u64 n
)
{
    .reg .pred %p<2>;
    .reg .f32 %f<3>;
    .reg .b32 %r<5>;
    .reg .b64 %rd<10>;

    ld.param.u64 %rd1, [out];
    ld.param.u64 %rd2, [a];
    ld.param.u64 %rd3, [n];
    cvta.to.global.u64 %rd1, %rd1;
    cvta.to.global.u64 %rd2, %rd2;
    mov.u32 %r1, %ctaid.x;
    mov.u32 %r2, %ntid.x;
    mov.u32 %r3, %tid.x;
    mov.u32 %r4, %nctaid.x;
    mul.wide.u32 %rd4, %r1, %r2;
    cvt.u64.u32 %rd5, %r3;
    add.u64 %rd4, %rd4, %rd5;
    mul.wide.u32 %rd6, %r4, %r2;
$L_double_loop:
    setp.ge.u64 %p1, %rd4, %rd3;
    @%p1 bra $L_double_done;
    shl.b64 %rd7, %rd4, 2;
    add.u64 %rd8, %rd2, %rd7;
    ld.global.f32 %f1, [%rd8];
    mul.rn.f32 %f2, %f1, 0f40000000;
    add.u64 %rd9, %rd1, %rd7;
    st.global.f32 [%rd9], %f2;
    add.u64 %rd4, %rd4, %rd6;
    bra.uni $L_double_loop;
$L_double_done:
    ret;
}

.visible .entry affine_f64(
    .param .u64 out,
    .param .u64 a,
    .param .u64 n,
    .param .f64 scale,
    .param .s64 offset,
    .param .s32 k,
    .param .u32 u,
    .param .f32 small
)
{
    .reg .pred %p<2>;
    .reg .f32 %f<2>;
    .reg .f64 %fd<8>;
    .reg .b32 %r<7>;
    .reg .b64 %rd<12>;

    ld.param.u64 %rd1, [out];
    ld.param.u64 %rd2, [a];
    ld.param.u64 %rd3, [n];
    ld.param.f64 %fd1, [scale];
    ld.param.s64 %rd10, [offset];
    ld.param.s32 %r5, [k];
    ld.param.u32 %r6, [u];
    ld.param.f32 %f1, [small];
    cvt.rn.f64.s64 %fd2, %rd10;
    cvt.rn.f64.s32 %fd3, %r5;
    cvt.rn.f64.u32 %fd4, %r6;
    cvt.f64.f32 %fd5, %f1;
    cvta.to.global.u64 %rd1, %rd1;
    cvta.to.global.u64 %rd2, %rd2;
    mov.u32 %r1, %ctaid.x;
    mov.u32 %r2, %ntid.x;
    mov.u32 %r3, %tid.x;
    mov.u32 %r4, %nctaid.x;
    mul.wide.u32 %rd4, %r1, %r2;
    cvt.u64.u32 %rd5, %r3;
    add.u64 %rd4, %rd4, %rd5;
    mul.wide.u32 %rd6, %r4, %r2;
$L_affine_loop:
    setp.ge.u64 %p1, %rd4, %rd3;
    @%p1 bra $L_affine_done;
    shl.b64 %rd7, %rd4, 3;
    add.u64 %rd8, %rd2, %rd7;
    ld.global.f64 %fd6, [%rd8];
    mul.rn.f64 %fd7, %fd6, %fd1;
    add.rn.f64 %fd7, %fd7, %fd2;
    add.rn.f64 %fd7, %fd7, %fd3;
    add.rn.f64 %fd7, %fd7, %fd4;
    add.rn.f64 %fd7, %fd7, %fd5;
    add.u64 %rd9, %rd1, %rd7;
    st.global.f64 [%rd9], %fd7;
    add.u64 %rd4, %rd4, %rd6;
    bra.uni $L_affine_loop;
$L_affine_done:
    ret;
}

.visible .entry set_flag(
    .param .u64 flag,
    .param .u32 value
)
{
    .reg .b32 %r<2>;
    .reg .b64 %rd<3>;

    ld.param.u64 %rd1, [flag];
    ld.param.u32 %r1, [value];
    cvta.to.global.u64 %rd2, %rd1;
    st.global.u32 [%rd2], %r1;
    ret;
}
"#;

/// Whether the GPU tests run; prints why not, or panics where a GPU is required.
fn gpu() -> bool {
    if cuda::is_available() {
        return true;
    }
    let why = cuda::device().err().map_or_else(|| "no GPU".to_owned(), |e| e.to_string());
    assert!(
        std::env::var("KERNELIZE_REQUIRE_GPU").as_deref() != Ok("1"),
        "KERNELIZE_REQUIRE_GPU=1 but the GPU cannot be used: {why}"
    );
    eprintln!("skipped: {why}");
    false
}

/// The kinds of error a machine without a usable GPU gives.
fn no_gpu_kinds() -> &'static [ErrorKind] {
    if cfg!(feature = "cuda") { &[ErrorKind::NoDriver, ErrorKind::NoDevice] } else { &[ErrorKind::CudaDisabled] }
}

#[test]
fn without_a_gpu_every_entry_point_is_an_error_not_a_panic() {
    if cuda::is_available() {
        eprintln!("skipped: a GPU is present");
        return;
    }
    assert!(!cuda::is_available(), "the answer is cached and stays the same");
    let e = cuda::device().unwrap_err();
    assert!(no_gpu_kinds().contains(&e.kind()), "{e:?}");
    assert_eq!(e.kernel(), None);
    if !cfg!(feature = "cuda") {
        assert!(e.to_string().contains("features = [\"cuda\"]"), "{e}");
    }
    eprintln!("device(): {e}");

    let e = rt::module("k", PTX).unwrap_err();
    assert!(no_gpu_kinds().contains(&e.kind()), "{e:?}");
    assert_eq!(e.kernel(), Some("k"));
    assert!(e.to_string().starts_with("kernel `k`: "), "{e}");
    assert_eq!(rt::module("k", "not PTX at all").unwrap_err(), e, "the same error, whatever the PTX");
}

#[cfg(feature = "cuda")]
#[test]
fn without_libcuda_the_error_is_no_driver() {
    let path = std::env::var("LD_LIBRARY_PATH").unwrap_or_default();
    let dirs =
        ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/lib/wsl/lib"];
    let libcuda = dirs
        .into_iter()
        .chain(path.split(':'))
        .filter(|dir| !dir.is_empty())
        .any(|dir| ["libcuda.so", "libcuda.so.1"].iter().any(|f| std::path::Path::new(dir).join(f).exists()));
    if libcuda || cuda::is_available() {
        eprintln!("skipped: libcuda is installed here");
        return;
    }
    let e = cuda::device().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoDriver, "{e}");
    assert!(e.to_string().contains("install the NVIDIA driver, or run a CPU variant"), "{e}");
}

#[cfg(not(feature = "cuda"))]
#[test]
fn without_the_feature_the_error_is_cuda_disabled() {
    if std::env::var("KERNELIZE_TARGET").as_deref() == Ok("cuda_sim") && cfg!(feature = "cuda_sim") {
        eprintln!("skipped: the simulator is the device");
        return;
    }
    let e = cuda::device().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CudaDisabled);
    assert_eq!(rt::module("k", PTX).unwrap_err().kind(), ErrorKind::CudaDisabled);
    assert!(!cuda::is_available());
}

#[test]
fn handles_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<cuda::Device>();
    send_sync::<cuda::DeviceVec<f64>>();
    send_sync::<cuda::DeviceMatrix<bool>>();
    send_sync::<rt::Module>();
    send_sync::<Error>();
}

/// An array dropped on a thread that never made a CUDA call is freed on its own context: the
/// drop binds it first (cudarc's free would run with no context current there, and leak). The
/// simulator models each thread's current context and counts a free that finds none.
#[test]
fn arrays_dropped_on_a_fresh_thread_are_freed() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let dev = cuda::device()?;
    let (v, m) = (dev.upload(&[1.0f64; 1000])?, dev.zeros_matrix::<u8>(3, 5)?);
    let empty = dev.zeros::<f32>(0)?;
    let counted = std::thread::spawn(move || {
        let before = rt::counters();
        drop((v, m, empty));
        rt::counters() - before
    })
    .join()
    .unwrap();
    assert_eq!((counted.frees, counted.unbound_frees), (2, 0), "{counted:?}");
    Ok(())
}

#[test]
fn errors_are_ordinary_error_values() {
    fn boxed(e: Error) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(e)
    }
    let e = boxed(Error::new(ErrorKind::Launch, "x").in_kernel("k"));
    assert_eq!(e.to_string(), "kernel `k`: x");
}

/// Awkward lengths: empty (no allocation), one element, and a large odd count.
const LENGTHS: [usize; 3] = [0, 1, 1_000_003];

#[test]
fn upload_and_download_round_trip() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let dev = cuda::device()?;
    for n in LENGTHS {
        let host: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 - 3.0).collect();
        let mut d = dev.upload(&host)?;
        assert_eq!((d.len(), d.is_empty()), (n, n == 0));
        assert_eq!(d.to_vec()?, host, "n={n}");
        assert_eq!(dev.zeros::<f64>(n)?.to_vec()?, vec![0.0; n], "n={n}");

        let other: Vec<f64> = host.iter().map(|x| -x).collect();
        d.copy_from(&other)?;
        let mut back = vec![1.0; n];
        d.copy_to(&mut back)?;
        assert_eq!(back, other, "n={n}");

        assert_eq!(d.copy_to(&mut vec![0.0; n + 1]).unwrap_err().kind(), ErrorKind::ShapeMismatch);
        assert_eq!(d.copy_from(&vec![0.0; n + 1]).unwrap_err().kind(), ErrorKind::ShapeMismatch);
        assert_eq!(d.device_ptr() == 0, n == 0, "an empty array has no address");

        let flags: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
        assert_eq!(dev.upload(&flags)?.to_vec()?, flags, "bool n={n}");
        let words: Vec<u8> = (0..n).map(|i| i as u8).collect();
        assert_eq!(dev.upload(&words)?.to_vec()?, words, "u8 n={n}");
        let ints: Vec<isize> = (0..n).map(|i| -(i as isize)).collect();
        assert_eq!(dev.upload(&ints)?.to_vec()?, ints, "isize n={n}");
    }
    Ok(())
}

#[test]
fn matrices_of_any_layout_are_row_major_on_the_device() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let dev = cuda::device()?;
    for (rows, cols) in [(0, 3), (1, 1), (3, 5), (1001, 999)] {
        let a = Array2::from_shape_fn((rows, cols), |(i, j)| (i * 1000 + j) as f32);
        let d = dev.upload_matrix(a.view())?;
        assert_eq!((d.nrows(), d.ncols(), d.shape(), d.len()), (rows, cols, &[rows, cols][..], rows * cols));
        assert_eq!(d.to_array()?, a);
        assert_eq!(d.as_vec().to_vec()?, a.iter().copied().collect::<Vec<_>>(), "row-major");

        let t = dev.upload_matrix(a.t())?;
        assert_eq!(t.to_array()?, a.t());
        let mut into_strided = Array2::<f32>::zeros((cols, rows * 2));
        t.copy_to(into_strided.slice_mut(s![.., ..;2]))?;
        assert_eq!(into_strided.slice(s![.., ..;2]), a.t());

        let mut z = dev.zeros_matrix::<f32>(rows, cols)?;
        z.copy_from(a.view())?;
        assert_eq!(z.to_array()?, a);
        if rows != cols {
            assert_eq!(z.copy_from(a.t()).unwrap_err().kind(), ErrorKind::ShapeMismatch, "{rows}x{cols}");
            assert_eq!(z.copy_from_device(&t).unwrap_err().kind(), ErrorKind::ShapeMismatch, "{rows}x{cols}");
        }

        // The elements are overwritten in place, never replaced: the shape stays the truth.
        let flat: Vec<f32> = (0..rows * cols).map(|x| x as f32 * -0.5).collect();
        z.copy_from_slice(&flat)?;
        assert_eq!(z.as_vec().to_vec()?, flat);
        let e = z.copy_from_slice(&[0.0; 8]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ShapeMismatch, "{e}");
        assert_eq!((z.shape(), z.len()), (&[rows, cols][..], rows * cols));
        let mut y = dev.zeros_matrix::<f32>(rows, cols)?;
        y.copy_from_device(&z)?;
        assert_eq!(y.to_array()?, z.to_array()?);
    }
    Ok(())
}

#[test]
fn a_hand_written_kernel_matches_the_cpu() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let m = rt::module("double", PTX)?;
    assert_eq!(m.kernel(), "double");
    for n in LENGTHS {
        let a: Vec<f32> = (0..n).map(|i| (i as f32).sin() * 1e3).collect();
        let da = m.upload(&a)?;
        let out = m.zeros::<f32>(n)?;
        let grid = m.grid("double_f32", n as u64)?;
        assert!(grid.blocks >= 1 && grid.threads >= 32, "{grid:?}");
        let args = [Arg::Ptr(out.device_ptr()), Arg::Ptr(da.device_ptr()), Arg::U64(n as u64)];
        m.launch("double_f32", grid, &args)?;
        let want: Vec<f32> = a.iter().map(|x| x * 2.0).collect();
        assert_eq!(out.to_vec()?, want, "n={n}");
    }
    // A grid much smaller than the loop still covers it: the loop is grid-stride.
    let n = 100_003;
    let a: Vec<f32> = (0..n).map(|i| i as f32).collect();
    let (da, out) = (m.upload(&a)?, m.zeros::<f32>(n)?);
    let args = [Arg::Ptr(out.device_ptr()), Arg::Ptr(da.device_ptr()), Arg::U64(n as u64)];
    m.launch("double_f32", Grid { blocks: 3, threads: 64 }, &args)?;
    assert_eq!(out.to_vec()?, a.iter().map(|x| x * 2.0).collect::<Vec<_>>());
    Ok(())
}

#[test]
fn every_kind_of_argument_arrives() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let m = rt::module("affine", PTX)?;
    let n = 1001;
    let a: Vec<f64> = (0..n).map(|i| i as f64 / 7.0).collect();
    let (da, out) = (m.upload(&a)?, m.zeros::<f64>(n)?);
    let (scale, offset, k, u, small) = (1.25f64, -(1i64 << 40), -7i32, 3_000_000_000u32, 0.375f32);
    let args = [
        Arg::Ptr(out.device_ptr()),
        Arg::Ptr(da.device_ptr()),
        Arg::U64(n as u64),
        Arg::F64(scale),
        Arg::I64(offset),
        Arg::I32(k),
        Arg::U32(u),
        Arg::F32(small),
    ];
    m.launch("affine_f64", m.grid("affine_f64", n as u64)?, &args)?;
    let want: Vec<f64> =
        a.iter().map(|x| x * scale + offset as f64 + f64::from(k) + f64::from(u) + f64::from(small)).collect();
    assert_eq!(out.to_vec()?, want);

    // The simulator checks each argument against the entry's `.param` declaration, as the
    // driver cannot: a GPU would read the wrong bytes.
    if m.device().name().starts_with("cuda_sim") {
        let grid = m.grid("affine_f64", n as u64)?;
        for (k, wrong, declared) in [(3, Arg::F32(1.25), ".f64"), (4, Arg::U64(7), ".s64"), (6, Arg::I32(3), ".u32")] {
            let mut bad = args;
            bad[k] = wrong;
            let e = m.launch("affine_f64", grid, &bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Launch, "{e}");
            assert!(
                e.to_string()
                    .contains(&format!("argument {k} is {wrong:?}, but the parameter is declared `{declared}`")),
                "{e}"
            );
        }
        let e = m.launch("affine_f64", grid, &args[..7]).unwrap_err();
        assert!(e.to_string().contains("declares 8 parameters and 7 arguments"), "{e}");
    }
    Ok(())
}

#[test]
fn flags_report_the_kernels_checks() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let m = rt::module("flags", PTX)?;
    let one = Grid { blocks: 1, threads: 1 };
    for (word, kind) in [(1, ErrorKind::IndexOutOfBounds), (2, ErrorKind::Arithmetic), (9, ErrorKind::Launch)] {
        let flag = m.flag()?;
        m.check(&flag, "the prange loop at line 3")?;
        m.launch("set_flag", one, &[Arg::Ptr(flag.device_ptr()), Arg::U32(word)])?;
        let e = m.check(&flag, "the prange loop at line 3").unwrap_err();
        assert_eq!((e.kind(), e.kernel()), (kind, Some("flags")), "{e}");
        assert!(e.to_string().contains("the prange loop at line 3"), "{e}");
    }
    Ok(())
}

#[test]
fn bad_ptx_and_missing_entries_are_module_load_errors() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let e = rt::module("broken", ".version 6.0\n.target sm_50\n.address_size 64\n.visible .entry f() { bogus; }\n")
        .unwrap_err();
    assert_eq!((e.kind(), e.kernel()), (ErrorKind::ModuleLoad, Some("broken")), "{e}");
    eprintln!("{e}");

    let m = rt::module("double", PTX)?;
    let e = m.grid("no_such_entry", 10).unwrap_err();
    assert_eq!((e.kind(), e.kernel()), (ErrorKind::ModuleLoad, Some("double")), "{e}");
    assert!(e.to_string().contains("no_such_entry"), "{e}");

    let e = m.launch("double_f32", Grid { blocks: 1, threads: 4096 }, &[]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Launch, "{e}");
    Ok(())
}

/// The module cache is keyed by the PTX text: the same text at two addresses is loaded once.
#[test]
fn modules_are_cached_by_their_text() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let text = format!("{PTX}\n// modules_are_cached_by_their_text\n");
    let (first, second): (&'static str, &'static str) = (text.clone().leak(), text.leak());
    assert_ne!(first.as_ptr(), second.as_ptr());
    let before = rt::counters();
    rt::module("double", first)?;
    rt::module("double", second)?;
    rt::module("double", first)?;
    assert_eq!((rt::counters() - before).module_loads, 1);
    Ok(())
}

#[test]
fn devices_and_modules_are_cached() -> Result<(), Error> {
    if !gpu() {
        return Ok(());
    }
    let (d1, d2) = (cuda::device()?, cuda::device()?);
    assert_eq!(d1.ordinal(), d2.ordinal());
    assert!(!d1.name().is_empty());
    let (m1, m2) = (rt::module("double", PTX)?, rt::module("double", PTX)?);
    assert_eq!(m1.grid("double_f32", 1 << 30)?, m2.grid("double_f32", 1 << 30)?);
    rt::same_device(&m1, &d1)?;
    d1.synchronize()
}
