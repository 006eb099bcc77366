//! Runs the phases after the front end and assembles the output: the dispatching function,
//! the variants and `REPORT`. It reads only IR, analysis and the back ends' output; the
//! pipeline around it is `kernel_tokens` in `lib.rs`.

use crate::diag::Diag;
use crate::ir::Kernel;
use crate::options::Options;
use crate::{analyze, back, report};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

/// One generated variant: `name::fn_name`, run for `Target::target`.
pub struct Variant {
    pub fn_name: &'static str,
    pub target: &'static str,
    pub doc: &'static str,
    pub body: TokenStream,
    /// The parameters and return type, where they differ from the kernel's.
    pub params: Option<Vec<TokenStream>>,
    pub output: Option<TokenStream>,
}

/// What the `cuda` option adds: the PTX text and the two GPU variants' bodies.
struct Cuda {
    ptx: String,
    host: TokenStream,
    /// `name::cuda_device`, or why it is not written.
    device: Result<TokenStream, String>,
}

/// The output for a kernel the front end lowered (`None` where it could not), with the
/// errors so far in `diag` (those of the options and the front end). `Err` once there are
/// errors, with the variants that forward to the user's function where the kernel's signature
/// is known (see [`fallback_variants`]): the caller emits them beside the errors and the
/// user's function.
pub fn kernel(
    options: &Options,
    kernel: Option<&Kernel>,
    library: back::ptx::Library<'_>,
    diag: &mut Diag,
) -> Result<TokenStream, Option<TokenStream>> {
    let front_failed = diag.has_errors();
    let analysis = match (kernel, front_failed) {
        (Some(k), false) => Some(analyze::run(k, diag)),
        _ => None,
    };
    for (option, name) in [(options.fastmath, "fastmath"), (options.cuda, "cuda")] {
        if let (Some(_), Some(a)) = (option, &analysis) {
            refuse_opaque(a, name, diag);
        }
    }
    if let (Some(_), Some(k), false) = (options.cuda, kernel, front_failed) {
        refuse_try(k, diag);
    }
    let cuda = match (kernel, &analysis, options.cuda, diag.has_errors()) {
        (Some(k), Some(a), Some(_), false) => cuda(k, a, library, options.fastmath.is_some(), diag),
        _ => None,
    };
    match (diag.has_errors(), kernel, analysis) {
        (false, Some(k), Some(a)) => Ok(emit(k, &a, options, cuda)),
        (_, kernel, _) => Err(kernel.map(|k| fallback_variants(k, options))),
    }
}

/// `fastmath` compiles loop bodies for SIMD lanes and `cuda` for GPU threads: code outside the
/// kernel language cannot be compiled for either.
fn refuse_opaque(a: &analyze::Analysis, option: &str, diag: &mut Diag) {
    let place = if option == "cuda" { "as GPU threads" } else { "in SIMD lanes" };
    for (span, what) in a.loops.iter().flat_map(|l| &l.opaque) {
        let fix = if what.contains("destructuring") {
            format!("write one `let` per variable (`let lo = ..; let hi = ..;`), or remove `{option}`")
        } else {
            format!("compute it outside the prange loop, write it in the kernel language, or remove `{option}`")
        };
        diag.error(
            *span,
            format_args!("`{option}` runs the prange loop's body {place} and cannot compile {what} there; {fix}"),
        );
    }
}

/// The `cuda` variants return `Result<_, kernelize::Error>`: a `?` in their host code would
/// return the user's error type from them.
fn refuse_try(k: &Kernel, diag: &mut Diag) {
    for &span in &k.host.tries {
        diag.error(
            span,
            "`cuda` variants return `Result<_, kernelize::Error>`, so `?` in the host code of a \
             `#[kernel(cuda)]` function cannot keep its meaning; handle the error with `match`, \
             or move this code out of the kernel",
        );
    }
}

/// The PTX module and the host code of the GPU variants; errors go to `diag`.
fn cuda(
    k: &Kernel,
    a: &analyze::Analysis,
    library: back::ptx::Library<'_>,
    fastmath: bool,
    diag: &mut Diag,
) -> Option<Cuda> {
    let ptx = back::ptx::write(k, a, library, fastmath, diag)?;
    let host = back::cuda::write(k, a, back::cuda::Arrays::Host);
    let device = match back::cuda::device_variant_blocker(k, a) {
        Some(why) => Err(why),
        None => Ok(back::cuda::write(k, a, back::cuda::Arrays::Device)),
    };
    Some(Cuda { ptx, host, device })
}

/// The function `parallel` and `parallel_fastmath` both call when a kernel has both (its first
/// parameter says which), hidden from the docs.
const SHARED_PARALLEL: &str = "__kz_parallel";

const SERIAL_DOC: &str = "one thread, IEEE arithmetic: the reference every other variant is tested against.";
const PARALLEL_DOC: &str = "prange loops split into chunks run on all cores; reductions combined in chunk \
                            order, so results are the same for every thread count.";

const FASTMATH_DOC: &str = "one thread, prange loops run in SIMD lanes with relaxed floating point (re-association, \
                            contraction into FMA, kernelize's math library); the instruction set is chosen at run \
                            time (`KERNELIZE_ISA` forces one).";
const PARALLEL_FASTMATH_DOC: &str = "the chunks of `parallel`, each run in SIMD lanes as `fastmath` does.";
const CUDA_DOC: &str = "host code on the CPU, each prange loop on the GPU (one thread per iteration); at every \
                        call the arrays the loops use are copied to the GPU (once per call where the host code \
                        uses the arrays only through their lengths; not at all for an array the first loop \
                        overwrites) and those they write copied back (`REPORT` says which). Needs the `cuda` \
                        feature of kernelize and an NVIDIA driver at run time; every failure is an `Err`, and \
                        then no array is copied back.";
const CUDA_DEVICE_DOC: &str = "like `cuda`, but the array parameters are device arrays \
                               (`kernelize::cuda::DeviceVec`/`DeviceMatrix`) that stay on the GPU: nothing is copied.";

/// The variants the options ask for, with `body` writing each.
fn variants(options: &Options, mut body: impl FnMut(&'static str) -> TokenStream) -> Vec<Variant> {
    let variant = |fn_name, target, doc, body| Variant { fn_name, target, doc, body, params: None, output: None };
    let mut v = vec![variant("serial", "Serial", SERIAL_DOC, body("serial"))];
    if options.parallel.is_some() {
        v.push(variant("parallel", "Parallel", PARALLEL_DOC, body("parallel")));
    }
    if options.fastmath.is_some() {
        v.push(variant("fastmath", "Fastmath", FASTMATH_DOC, body("fastmath")));
    }
    if options.parallel.is_some() && options.fastmath.is_some() {
        v.push(variant("parallel_fastmath", "ParallelFastmath", PARALLEL_FASTMATH_DOC, body("parallel_fastmath")));
    }
    v
}

/// `Result<R, kernelize::Error>` for a kernel returning `R` (`-> T` or nothing).
fn result_output(k: &Kernel) -> TokenStream {
    let ty = &k.ret;
    quote!(-> ::core::result::Result<#ty, ::kernelize::Error>)
}

/// The two GPU variants, after the CPU ones.
fn cuda_variants(k: &Kernel, cuda: &Cuda, v: &mut Vec<Variant>) {
    let output = Some(result_output(k));
    v.push(Variant {
        fn_name: "cuda",
        target: "Cuda",
        doc: CUDA_DOC,
        body: cuda.host.clone(),
        params: None,
        output: output.clone(),
    });
    if let Ok(body) = &cuda.device {
        v.push(Variant {
            fn_name: "cuda_device",
            target: "",
            doc: CUDA_DEVICE_DOC,
            body: body.clone(),
            params: Some(back::cuda::device_params(k)),
            output,
        });
    }
}

fn emit(k: &Kernel, a: &analyze::Analysis, options: &Options, cuda: Option<Cuda>) -> TokenStream {
    let mut fastmath = Vec::new();
    // With both, `parallel` and `parallel_fastmath` are one function with a flag (see
    // `back::rayon::write_both`): the code around the chunks is compiled once.
    let both = options.parallel.is_some() && options.fastmath.is_some();
    let shared = |fast: bool| {
        let (name, args) = (&k.name, k.params.iter().map(|p| &p.name));
        let f = Ident::new(SHARED_PARALLEL, k.name.span());
        quote!({ #name::#f(#fast, #(#args),*) })
    };
    let mut variants = variants(options, |v| match v {
        "parallel" if both => shared(false),
        "parallel_fastmath" if both => shared(true),
        "parallel" => back::rayon::write(k, a, false),
        "parallel_fastmath" => back::rayon::write(k, a, true),
        "fastmath" => {
            let (body, facts) = back::simd::write(k, a);
            fastmath = facts;
            if options.parallel.is_some() {
                // `parallel_fastmath` on the calling thread alone: the same code (compiled once,
                // not twice) and the same results.
                let (name, args) = (&k.name, k.params.iter().map(|p| &p.name));
                quote!({
                    ::kernelize::__private::runtime::parallel::on_calling_thread(move || {
                        #name::parallel_fastmath(#(#args),*)
                    })
                })
            } else {
                body
            }
        }
        _ => back::serial::write(k, a),
    });
    if let Some(c) = &cuda {
        cuda_variants(k, c, &mut variants);
    }
    let names: Vec<&str> = variants.iter().map(|v| v.fn_name).collect();
    if both {
        let fast = back::rust::helper(back::rayon::FAST);
        let mut params = vec![quote!(#fast: bool)];
        params.extend(k.params.iter().map(|p| p.tokens.clone()));
        variants.push(Variant {
            fn_name: SHARED_PARALLEL,
            target: "",
            doc: "",
            body: back::rayon::write_both(k, a),
            params: Some(params),
            output: None,
        });
    }
    let gpu = cuda.as_ref().map(|c| report::Gpu { device_blocker: c.device.as_ref().err().cloned() });
    let report = Literal::string(&report::write(k, a, &names, &fastmath, gpu.as_ref()));
    let dispatch = dispatch(k, a, &variants);
    let ptx = cuda.map(|c| Literal::string(&c.ptx));
    let holder = items(k, &variants, report, ptx);
    let attrs = &k.attrs;
    let (vis, name, generics, output) = (&k.vis, &k.name, &k.generics, &k.output);
    let params = k.params.iter().map(|p| &p.tokens);
    let inline = (!k.inline).then(|| quote!(#[inline]));
    quote! {
        #(#attrs)*
        #inline
        #[allow(unused_mut)]
        #vis fn #name #generics (#(#params),*) #output {
            #dispatch
        }
        #holder
    }
}

/// `match Target::choose(&[..]) { Target::Parallel => name::parallel(..), _ => name::serial(..) }`.
fn dispatch(k: &Kernel, a: &analyze::Analysis, variants: &[Variant]) -> TokenStream {
    let target = quote!(::kernelize::__private::runtime::Target);
    let (name, args) = (&k.name, k.params.iter().map(|p| &p.name).collect::<Vec<_>>());
    let variants: Vec<&Variant> = variants.iter().filter(|v| !v.target.is_empty()).collect();
    let available: Vec<Ident> = variants.iter().map(|v| Ident::new(v.target, Span::call_site())).collect();
    let cpu_arm = |v: &Variant| {
        let (t, f) = (Ident::new(v.target, Span::call_site()), Ident::new(v.fn_name, name.span()));
        match v.fn_name {
            "serial" => quote!(_ => #name::#f(#(#args),*),),
            _ => quote!(#target::#t => #name::#f(#(#args),*),),
        }
    };
    let cpu_arms: Vec<TokenStream> =
        variants.iter().rev().filter(|v| v.fn_name != "cuda").map(|v| cpu_arm(v)).collect();
    let kernel = k.name.to_string().trim_start_matches("r#").to_owned();
    let arms = variants.iter().rev().map(|v| match v.fn_name {
        // `cuda_sim` runs the same variant: the runtime's device is then the simulator. The
        // context and the module are set up first, before anything is copied or written: if
        // that fails, the CPU variants run instead.
        "cuda" => {
            let (t, f) = (Ident::new(v.target, Span::call_site()), Ident::new(v.fn_name, name.span()));
            quote! {
                #target::#t | #target::CudaSim => match ::kernelize::__private::cuda::module(#kernel, #name::PTX) {
                    ::core::result::Result::Ok(_) => match #name::#f(#(#args),*) {
                        ::core::result::Result::Ok(__kz_r) => __kz_r,
                        ::core::result::Result::Err(__kz_e) => ::kernelize::__private::gpu_failed(__kz_e),
                    },
                    ::core::result::Result::Err(__kz_e) => {
                        #[allow(clippy::match_single_binding)]
                        match ::kernelize::__private::gpu_setup_failed(&[#(#target::#available),*], &__kz_e) {
                            #(#cpu_arms)*
                        }
                    }
                },
            }
        }
        _ => cpu_arm(v),
    });
    if variants.iter().any(|v| v.fn_name == "cuda") {
        // The GPU pays off where its copies and launches cost less than the CPU's work.
        let cost = call_cost(k, a);
        return quote! {
            #[allow(clippy::match_single_binding)]
            match #target::choose_costed(&[#(#target::#available,)* #target::CudaSim], #cost) {
                #(#arms)*
            }
        };
    }
    quote! {
        #[allow(clippy::match_single_binding)]
        match #target::choose(&[#(#target::#available),*]) {
            #(#arms)*
        }
    }
}

/// The `CallCost` of a call, computed from the arguments' lengths: the bytes `name::cuda`
/// copies (each array once each way where it keeps arrays on the GPU for the call, see
/// `analyze::copies`; once per loop otherwise), and each loop's work estimated as its cost per
/// iteration (inner loops counted once) times the elements of the largest array it uses.
fn call_cost(k: &Kernel, a: &analyze::Analysis) -> TokenStream {
    use crate::ir::Ty;
    let array = |v: crate::ir::VarId| {
        let name = back::rust::var_ident(k, v, k.var(v).span);
        let Ty::Array(t) = k.var(v).ty else { return (quote!(0u64), quote!(0u64)) };
        let size = Literal::u64_suffixed(t.elem.bytes());
        (quote!((#name.len() as u64)), quote!(#size))
    };
    let bytes_of = |v| {
        let (len, size) = array(v);
        quote!(#len.saturating_mul(#size))
    };
    let mut bytes = Vec::new();
    if back::cuda::device_variant_blocker(k, a).is_none() {
        for c in analyze::copies::plan(k, a) {
            let (b, ways) = (bytes_of(c.var), Literal::u64_suffixed(c.crossings()));
            bytes.push(quote!(#b.saturating_mul(#ways)));
        }
    } else {
        for info in &a.loops {
            bytes.extend(info.reads.iter().map(|&v| bytes_of(v)));
            bytes.extend(info.writes.iter().map(|w| {
                let b = bytes_of(w.array);
                quote!(#b.saturating_mul(2))
            }));
        }
    }
    let work = a.loops.iter().map(|info| {
        let per: u64 = info.trips.iter().fold(info.cost, |c, t| c.saturating_add(t.body));
        let per = Literal::u64_suffixed(per.max(1));
        let used: Vec<crate::ir::VarId> =
            info.reads.iter().copied().chain(info.writes.iter().map(|w| w.array)).collect();
        let lens = used.iter().map(|&v| array(v).0);
        quote!(#per.saturating_mul(0u64 #(.max(#lens))*))
    });
    let elements = k.params.iter().filter(|p| matches!(k.var(p.var).ty, Ty::Array(_))).map(|p| {
        let n = &p.name;
        quote!(+ #n.len())
    });
    let launches = Literal::u64_suffixed(k.loops.len() as u64);
    quote!(::kernelize::__private::runtime::CallCost {
        elements: 0usize #(#elements)*,
        bytes: 0u64 #(.saturating_add(#bytes))*,
        work: 0u64 #(.saturating_add(#work))*,
        launches: #launches,
    })
}

/// After an error: each variant forwards to the user's function, so callers keep compiling
/// (the crate does not build anyway).
fn fallback_variants(k: &Kernel, options: &Options) -> TokenStream {
    let (name, args) = (&k.name, k.params.iter().map(|p| &p.name).collect::<Vec<_>>());
    let variants = variants(options, |_| quote!({ #name(#(#args),*) }));
    items(k, &variants, Literal::string("(not generated: the kernel has compile errors)"), None)
}

/// The type that holds the variants: `name::serial`, `name::REPORT`.
///
/// An empty struct with the function's name (types and functions live in different
/// namespaces) whose inherent items are the variants. Unlike a module, its items see every
/// name the function sees, so kernels work inside function bodies and doctests too.
fn items(k: &Kernel, variants: &[Variant], report: Literal, ptx: Option<Literal>) -> TokenStream {
    let (vis, name, generics, output) = (&k.vis, &k.name, &k.generics, &k.output);
    let params: Vec<TokenStream> = k.params.iter().map(|p| p.tokens.clone()).collect();
    let (cfgs, cfgs2) = (&k.cfgs, &k.cfgs);
    let doc = format!(" Variants and compile-time report of the kernel [`{name}`](fn@{name}).");
    let fns = variants.iter().map(|v| {
        let (body, doc) = (&v.body, format!(" The `{}` variant of [`{name}`](fn@{name}): {}", v.fn_name, v.doc));
        let doc = if v.doc.is_empty() { quote!(#[doc(hidden)]) } else { quote!(#[doc = #doc]) };
        let params = v.params.as_ref().unwrap_or(&params);
        let output = v.output.as_ref().unwrap_or(output);
        let v = Ident::new(v.fn_name, name.span());
        quote_spanned! {name.span()=>
            #doc
            #[allow(unused_mut, unused_variables, unused_parens, unused_braces, clippy::all)]
            #vis fn #v #generics (#(#params),*) #output #body
        }
    });
    let ptx = ptx.map(|text| {
        quote! {
            /// The PTX module of the `cuda` variant: one `.entry` per prange loop (`NAME_loopK`),
            /// compiled by the CUDA driver for the GPU it runs on.
            #vis const PTX: &'static str = #text;
        }
    });
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        #(#cfgs2)*
        #[allow(dead_code)]
        impl #name {
            #(#fns)*
            /// What `#[kernel]` did to each prange loop: reductions found, writes, hoisted bounds checks.
            #vis const REPORT: &'static str = #report;
            #ptx
        }
    }
}
