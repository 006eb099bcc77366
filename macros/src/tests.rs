//! Tests across the stages: the never-panics corpus and the golden files.
//!
//! Golden files live in `macros/tests/golden/`. Each `NAME.rs` kernel's first line names what
//! it is compared as, `// golden: ir expanded fastmath ptx`: `NAME.ir.txt` (the typed IR),
//! `NAME.expanded.rs` (the expansion with `#[kernel(parallel)]`: the dispatching function, the
//! serial and the parallel variant), `NAME.fastmath.rs` (with `#[kernel(fastmath)]`) and
//! `NAME.ptx` (the PTX module). Regenerate them after a deliberate change with
//! `KERNELIZE_BLESS=1 cargo test -p kernelize-macros golden`, and review the diff.

use crate::diag::Diag;
use crate::{analyze, front, ir, options};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use std::path::{Path, PathBuf};

/// What the phases make of one function: the expansion, or every error.
pub(crate) fn run_phases(args: TokenStream, func: &syn::ItemFn) -> Result<(ir::Kernel, analyze::Analysis), syn::Error> {
    let mut diag = Diag::new();
    options::parse(args, &mut diag);
    let kernel = front::lower(func, &mut diag);
    diag.check()?;
    let Some(kernel) = kernel else { return Err(syn::Error::new(func.sig.ident.span(), "no kernel and no error")) };
    let analysis = analyze::run(&kernel, &mut diag);
    diag.check()?;
    Ok((kernel, analysis))
}

/// The PTX module of the kernel `item` (a `fn` without `#[kernel]`), or the error messages.
pub(crate) fn ptx_module(item: TokenStream, fastmath: bool) -> Result<String, String> {
    let func: syn::ItemFn = syn::parse2(item).map_err(|e| format!("test kernel does not parse: {e}"))?;
    let (k, a) = run_phases(TokenStream::new(), &func).map_err(|e| e.to_string())?;
    let mut diag = Diag::new();
    let library = front::MathLibrary::default();
    let text = crate::back::ptx::write(&k, &a, &|name| library.function(name), fastmath, &mut diag);
    diag.check().map_err(|e| e.to_string())?;
    text.ok_or_else(|| "no module and no error".to_owned())
}

/// Panics unless `body`, a back end's output for a function body, parses as a Rust block.
pub(crate) fn assert_block(body: &TokenStream) {
    syn::parse2::<syn::Block>(body.clone()).unwrap_or_else(|e| panic!("{e}: {body}"));
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `f` on a thread with a large stack: syn's parser recurses once per nesting level,
/// and the corpus nests 200 deep.
fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(512 << 20).spawn(f).unwrap().join().unwrap()
}

/// The function itself, and the same body placed inside a prange loop.
fn variants_of(func: &syn::ItemFn) -> Vec<syn::ItemFn> {
    let stmts = &func.block.stmts;
    let wrapped: syn::ItemFn = syn::parse_quote! {
        fn wrapped(a: &[f64], out: &mut [f64], n: usize) {
            for i in prange(0..n) {
                #(#stmts)*
            }
        }
    };
    vec![func.clone(), wrapped]
}

#[derive(Default)]
struct Tally {
    /// Prange loops of accepted kernels the SIMD back end vectorizes, and why the others not.
    vectorized: usize,
    not_vectorized: Vec<String>,
    /// PTX modules written for accepted kernels with no code outside the kernel language, and
    /// the messages of those the PTX back end refused.
    ptx: Vec<(String, String)>,
    ptx_refused: Vec<String>,
    functions: usize,
    accepted: usize,
    refused: usize,
    errors: usize,
}

fn check_corpus_fn(func: &syn::ItemFn, tally: &mut Tally) -> Result<(), String> {
    let name = func.sig.ident.to_string();
    tally.functions += 1;
    match run_phases(TokenStream::new(), func) {
        Ok((kernel, analysis)) => {
            tally.accepted += 1;
            // Whatever is accepted must expand to Rust that parses.
            let body = crate::back::serial::write(&kernel, &analysis);
            syn::parse2::<syn::Block>(body.clone())
                .map_err(|e| format!("{name}: expansion does not parse: {e}\n{body}"))?;
            let body = crate::back::rayon::write(&kernel, &analysis, false);
            syn::parse2::<syn::Block>(body).map_err(|e| format!("{name}: parallel expansion does not parse: {e}"))?;
            let (body, fastmath) = crate::back::simd::write(&kernel, &analysis);
            syn::parse2::<syn::Block>(body).map_err(|e| format!("{name}: fastmath expansion does not parse: {e}"))?;
            let body = crate::back::rayon::write(&kernel, &analysis, true);
            syn::parse2::<syn::Block>(body)
                .map_err(|e| format!("{name}: parallel_fastmath expansion does not parse: {e}"))?;
            let variants = ["serial", "parallel", "fastmath", "parallel_fastmath"];
            let _ = crate::report::write(&kernel, &analysis, &variants, &fastmath, None);
            for f in fastmath {
                match f.clones.first().map(|c| &c.strategy) {
                    Some(crate::analyze::vector::Strategy::Scalar) | None => {
                        let tried: Vec<String> =
                            f.clones.iter().flat_map(|c| c.tried.iter().map(|t| t.1.clone())).collect();
                        tally.not_vectorized.push(if tried.is_empty() {
                            "scalar code chosen".into()
                        } else {
                            tried.join("; ")
                        })
                    }
                    Some(_) => tally.vectorized += 1,
                }
            }
            if analysis.loops.iter().all(|l| l.opaque.is_empty()) && !kernel.loops.is_empty() {
                let mut diag = Diag::new();
                let library = front::MathLibrary::default();
                match crate::back::ptx::write(&kernel, &analysis, &|name| library.function(name), false, &mut diag) {
                    Some(text) => tally.ptx.push((format!("{name}\n{}", ir::display::kernel_text(&kernel)), text)),
                    None => tally.ptx_refused.extend(diag.check().err().map(|e| format!("{name}: {e}"))),
                }
            }
            let out = crate::kernel_tokens(quote!(parallel), func.to_token_stream());
            syn::parse2::<syn::File>(out).map_err(|e| format!("{name}: output does not parse: {e}"))?;
            let _ = ir::display::kernel_text(&kernel);
        }
        Err(errors) => {
            tally.refused += 1;
            for e in errors {
                tally.errors += 1;
                // `wrapped` copies are built around the corpus body with call-site tokens.
                if name != "wrapped" && e.span().byte_range() == (0..0) {
                    return Err(format!("{name}: error at the call site instead of the offending token: {e}"));
                }
                if e.to_string().contains("Expr")
                    || e.to_string().contains("{ ") && e.to_string().contains(" }") && e.to_string().contains("attrs")
                {
                    return Err(format!("{name}: error message shows syn's debug output: {e}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn corpus_never_panics() {
    let (tally, failures) = with_big_stack(|| {
        let dir = manifest_dir().join("tests/corpus");
        let mut tally = Tally::default();
        let mut failures = Vec::new();
        for path in files(&dir, "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for item in &file.items {
                let syn::Item::Fn(func) = item else { continue };
                for f in variants_of(func) {
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let mut t = Tally::default();
                        let r = check_corpus_fn(&f, &mut t);
                        (r, t)
                    }));
                    match result {
                        Ok((r, t)) => {
                            tally.functions += t.functions;
                            tally.accepted += t.accepted;
                            tally.refused += t.refused;
                            tally.errors += t.errors;
                            tally.vectorized += t.vectorized;
                            tally.not_vectorized.extend(t.not_vectorized);
                            tally.ptx.extend(t.ptx);
                            tally.ptx_refused.extend(t.ptx_refused);
                            if let Err(msg) = r {
                                failures.push(format!("{}: {msg}", path.display()));
                            }
                        }
                        Err(_) => failures.push(format!("{}: `{}` made the macro panic", path.display(), f.sig.ident)),
                    }
                }
            }
        }
        (tally, failures)
    });
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(tally.functions >= 200, "corpus too small: {} functions", tally.functions);
    assert!(tally.accepted > 20 && tally.refused > 20, "accepted {} refused {}", tally.accepted, tally.refused);
    eprintln!(
        "corpus: {} functions (with prange-wrapped copies): {} accepted, {} refused with {} errors",
        tally.functions, tally.accepted, tally.refused, tally.errors
    );
    let mut reasons = tally.not_vectorized.clone();
    reasons.sort();
    reasons.dedup();
    eprintln!(
        "fastmath: {} loops vectorized, {} not: {}",
        tally.vectorized,
        tally.not_vectorized.len(),
        reasons.join("; ")
    );
    eprintln!(
        "cuda: {} modules written, {} refused: {:?}",
        tally.ptx.len(),
        tally.ptx_refused.len(),
        tally.ptx_refused
    );
    let internal: Vec<&String> = tally.ptx_refused.iter().filter(|m| m.contains("internal")).collect();
    assert!(internal.is_empty(), "the PTX back end failed on accepted kernels: {internal:?}");
    // Every module the back end writes must assemble.
    if let Ok(ptxas) = crate::back::ptx::tests::ptxas() {
        let failures: Vec<String> = tally
            .ptx
            .iter()
            .enumerate()
            .filter_map(|(n, (name, text))| {
                let short = name.lines().next().unwrap_or_default();
                crate::back::ptx::tests::assemble(&ptxas, text, "sm_70", &format!("corpus_{short}_{n}"))
                    .err()
                    .map(|e| format!("{name}\n{}", &e[..e.len().min(300)]))
            })
            .collect();
        assert!(failures.is_empty(), "{} corpus modules fail ptxas:\n{}", failures.len(), failures.join("\n"));
    }
}

fn golden_dir() -> PathBuf {
    manifest_dir().join("tests/golden")
}

fn pretty(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!("// does not parse: {e}\n{tokens}"),
    }
}

#[test]
fn golden() {
    let bless = std::env::var_os("KERNELIZE_BLESS").is_some();
    let mut mismatches = Vec::new();
    let inputs = files(&golden_dir(), "rs").into_iter().filter(|p| {
        let p = p.to_string_lossy();
        !p.ends_with(".expanded.rs") && !p.ends_with(".fastmath.rs")
    });
    let mut count = 0;
    for input in inputs {
        count += 1;
        let text = std::fs::read_to_string(&input).unwrap();
        // The first line names what is compared, `// golden: ir expanded fastmath ptx`; the
        // kernel is the rest (its line numbers, which the IR text shows, count from there).
        let (header, source) = text.split_once('\n').unwrap_or((&text, ""));
        let targets: Vec<&str> = (header.strip_prefix("// golden:"))
            .unwrap_or_else(|| panic!("{}: the first line must be `// golden: <targets>`", input.display()))
            .split_whitespace()
            .collect();
        let func: syn::ItemFn = syn::parse_str(source).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let (kernel, _) = run_phases(quote!(), &func).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
        let mut outputs = Vec::new();
        for target in targets {
            let (ext, actual) = match target {
                "ir" => ("ir.txt", ir::display::kernel_text(&kernel)),
                // `#[kernel(parallel)]`: the dispatching function, serial and parallel.
                "expanded" => ("expanded.rs", pretty(crate::kernel_tokens(quote!(parallel), func.to_token_stream()))),
                // The SIMD expansion is long (a body per instruction set).
                "fastmath" => ("fastmath.rs", pretty(crate::kernel_tokens(quote!(fastmath), func.to_token_stream()))),
                "ptx" => ("ptx", ptx_module(func.to_token_stream(), false).unwrap_or_else(|e| e)),
                other => panic!("{}: unknown golden target `{other}` (ir, expanded, fastmath, ptx)", input.display()),
            };
            outputs.push((golden_dir().join(format!("{stem}.{ext}")), actual));
        }
        for (path, actual) in outputs {
            if bless {
                std::fs::write(&path, &actual).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                mismatches.push(format!("{} differs; actual:\n{actual}", path.display()));
            }
        }
    }
    assert!(count >= 5, "expected at least 5 golden kernels, found {count}");
    assert!(
        mismatches.is_empty(),
        "{}\n\nIf the change is intended, run `KERNELIZE_BLESS=1 cargo test -p kernelize-macros golden` and review the diff.",
        mismatches.join("\n\n")
    );
}

/// The IR and analysis of a kernel given as source, or every error message.
pub(crate) fn phases(src: &str) -> Result<(ir::Kernel, analyze::Analysis), Vec<String>> {
    let func: syn::ItemFn = syn::parse_str(src).unwrap_or_else(|e| panic!("test source does not parse: {e}"));
    run_phases(TokenStream::new(), &func).map_err(|e| e.into_iter().map(|e| e.to_string()).collect())
}

/// The error messages for a kernel that must not compile.
pub(crate) fn errors(src: &str) -> Vec<String> {
    match phases(src) {
        Ok(_) => panic!("expected errors, the kernel was accepted:\n{src}"),
        Err(e) => e,
    }
}

/// Asserts exactly one error, containing `want`.
pub(crate) fn assert_one_error(src: &str, want: &str) {
    let e = errors(src);
    assert_eq!(e.len(), 1, "expected one error containing {want:?}, got {e:#?}");
    assert!(e[0].contains(want), "expected {want:?} in {:?}", e[0]);
}

/// A development aid: prints the expansion of the function in the file `KERNELIZE_EXPAND`
/// names, with the options of `KERNELIZE_EXPAND_OPTS` (default `parallel, fastmath`):
/// `KERNELIZE_EXPAND=k.rs cargo test -p kernelize-macros expand_file -- --ignored --nocapture`.
#[test]
#[ignore = "a development aid, run by hand"]
fn expand_file() {
    let Some(path) = std::env::var_os("KERNELIZE_EXPAND") else { return };
    let text = std::fs::read_to_string(&path).unwrap();
    let func: syn::ItemFn = syn::parse_str(&text).unwrap();
    let opts = std::env::var("KERNELIZE_EXPAND_OPTS").unwrap_or_else(|_| "parallel, fastmath".into());
    let args: TokenStream = opts.parse().unwrap();
    println!("{}", pretty(crate::kernel_tokens(args, func.to_token_stream())));
}

/// A refactoring aid: `KERNELIZE_SNAPSHOT=DIR cargo test -p kernelize-macros snapshot_expansions
/// -- --ignored` writes the expansion of every kernel of the corpus, the golden inputs and the
/// project's examples, tests and benches into `DIR`, with every option (`parallel, fastmath,
/// cuda`) and, for the project's kernels, with their own options too. Take one snapshot before
/// a change that must not change the expansion and one after, and `diff -r` them.
#[test]
#[ignore = "a development aid, run by hand"]
fn snapshot_expansions() {
    let Some(dir) = std::env::var_os("KERNELIZE_SNAPSHOT").map(PathBuf::from) else { return };
    std::fs::create_dir_all(&dir).unwrap();
    with_big_stack(move || {
        let mut kernels: Vec<(String, TokenStream, TokenStream)> = Vec::new();
        let every = quote!(parallel, fastmath, cuda);
        for folder in ["tests/corpus", "tests/golden"] {
            for path in files(&manifest_dir().join(folder), "rs") {
                let Ok(file) = syn::parse_file(&std::fs::read_to_string(&path).unwrap()) else { continue };
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                for item in file.items {
                    if let syn::Item::Fn(f) = item {
                        for g in variants_of(&f) {
                            kernels.push((format!("{stem}.{}", g.sig.ident), every.clone(), g.to_token_stream()));
                        }
                    }
                }
            }
        }
        for (name, options, func) in all_project_kernels() {
            kernels.push((format!("{name}.own"), options, func.clone()));
            kernels.push((name, every.clone(), func));
        }
        for (n, (name, options, func)) in kernels.into_iter().enumerate() {
            let out = pretty(crate::kernel_tokens(options, func));
            let file = format!("{n:04}_{}.rs", name.replace(['/', ':'], "_"));
            std::fs::write(dir.join(file), out).unwrap();
        }
    });
}

/// Every `#[kernel(..)]` function in the project's examples, tests and benches, with its
/// options and without its attributes, named `path:function`.
pub(crate) fn all_project_kernels() -> Vec<(String, TokenStream, TokenStream)> {
    struct Finder(Vec<(TokenStream, syn::ItemFn)>);
    impl<'a> syn::visit::Visit<'a> for Finder {
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            for attr in &f.attrs {
                if attr.path().segments.last().is_some_and(|s| s.ident == "kernel") {
                    let options = attr.meta.require_list().map(|l| l.tokens.clone()).unwrap_or_default();
                    let mut plain = f.clone();
                    plain.attrs.retain(|a| a.path().segments.last().is_none_or(|s| s.ident != "kernel"));
                    self.0.push((options, plain));
                }
            }
            syn::visit::visit_item_fn(self, f);
        }
    }
    let root = manifest_dir().parent().unwrap().to_path_buf();
    let mut found = Vec::new();
    for dir in [
        "examples",
        "tests",
        "tests/ui/pass",
        "tests/common",
        "benches",
        "benches/kernels",
        "benches/real",
        "benches/peers",
        "src",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|x| x == "rs")) {
            let Ok(file) = syn::parse_file(&std::fs::read_to_string(&path).unwrap_or_default()) else { continue };
            let mut v = Finder(Vec::new());
            syn::visit::Visit::visit_file(&mut v, &file);
            let rel = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
            found.extend(v.0.into_iter().map(|(o, f)| (format!("{rel}:{}", f.sig.ident), o, f.to_token_stream())));
        }
    }
    found
}

/// The expansion of one reduction, `s += a[i].tanh()`, with every option, and of the same
/// loop without the reduction (`out[i] = a[i].tanh()`): what `.ci/trace-reduction.sh` runs under
/// coverage to list the files and functions a reduction passes through.
#[test]
#[ignore = "a measurement, run by .ci/trace-reduction.sh"]
fn trace_one_reduction() {
    let item = match std::env::var("KERNELIZE_TRACE").as_deref() {
        Ok("without") => quote! {
            fn f(a: &[f64], out: &mut [f64]) {
                for i in prange(0..a.len()) {
                    out[i] = a[i].tanh();
                }
            }
        },
        _ => quote! {
            fn f(a: &[f64]) -> f64 {
                let mut s = 0.0;
                for i in prange(0..a.len()) {
                    s += a[i].tanh();
                }
                s
            }
        },
    };
    let out = crate::kernel_tokens(quote!(parallel, fastmath, cuda), item);
    assert!(!out.to_string().contains("compile_error"), "{out}");
}
