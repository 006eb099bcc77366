//! The PTX back end: each prange loop becomes one `.entry` of a PTX module written as text
//! while the crate compiles (`name::PTX`). The CUDA driver compiles the PTX for the GPU it
//! finds, so no CUDA toolkit is needed to build.
//!
//! **Target.** `.version 6.0` and `.target sm_50`: PTX 6.0 (CUDA 9) is the oldest version
//! with `shfl.sync`, and sm_50 (Maxwell) the oldest architecture CUDA 12 drivers still load,
//! so the module runs on every GPU a current driver supports. Nothing newer is used: no
//! `atom.add.f64` (sm_60), no `tanh.approx` (sm_75).
//!
//! **Execution.** One iteration per thread in a grid-stride loop, so any grid covers the loop:
//! `for (idx = ctaid * ntid + tid; idx < n; idx += nctaid * ntid)`. A 2-D loop is flattened
//! (`i = lo0 + idx / n1`, `j = lo1 + idx % n1`): consecutive threads take consecutive `j`,
//! which for row-major arrays are consecutive addresses. The division happens once per thread;
//! each grid stride then advances `(i, j)` by the stride's rows and columns with a carry. The range test wraps the body; the
//! reduction code after the loop, which holds the barriers, runs in every thread.
//!
//! **Checks.** Indices are checked against the array's lengths; integer division by zero or
//! `MIN / -1` is caught. A failing thread writes an error code to a flag word and leaves its
//! loop; the host reads the flag after the launch and returns a `kernelize::Error`.
//!
//! **Reductions.** Each thread accumulates its iterations from the identity; the warp combines
//! by `shfl.sync.down` in a fixed tree; warp results meet in shared memory and warp 0 combines
//! them the same way; thread 0 writes the block's partial. The host combines the partials in
//! block order. For a given length and grid the order of every operation is fixed, so the
//! result is the same on every run.
//!
//! **Parameters** of an entry, in order (see `entry::params`): the flag's address; per dimension
//! the start and the trip count (`u64`); per array its address and lengths (`u64`), arrays
//! being contiguous and row-major on the device; captured scalars by value (`.f32`, `.f64`,
//! `.u32` for integers up to 32 bits and `bool`, `.u64` otherwise); per reduction the address
//! of its partials (one per block).

mod emit;
mod entry;
mod fx;
mod math;
mod reduce;
mod regs;

use crate::diag::Diag;
use crate::ir::Kernel;
use fx::Fx;
use proc_macro2::Span;
use regs::param_type;
use std::collections::BTreeSet;

/// The PTX version and target written in every module.
pub const VERSION: &str = "6.0";
pub const TARGET: &str = "sm_50";

/// Writes the module of `k`, or pushes an error for each construct the GPU cannot run.
pub fn write(
    k: &Kernel,
    a: &crate::analyze::Analysis,
    lower: Library<'_>,
    fastmath: bool,
    diag: &mut Diag,
) -> Option<String> {
    let mut entries = String::new();
    let mut calls = BTreeSet::new();
    let mut errors = Vec::new();
    let mut tables = String::new();
    for (slot, (l, info)) in k.loops.iter().zip(&a.loops).enumerate() {
        let mut fx = Fx::new(k, fastmath);
        fx.table_prefix = k.entry_name(slot);
        entry::entry(&mut fx, l, info, &k.entry_name(slot));
        for t in &fx.tables {
            tables.push_str(t);
            tables.push('\n');
        }
        calls.extend(fx.calls.iter().copied());
        errors.append(&mut fx.errors);
        entries.push_str(&fx.out);
    }
    let library = library(&calls, lower, fastmath, &mut errors);
    if !errors.is_empty() {
        for (span, message) in errors {
            diag.error(span, message);
        }
        return None;
    }
    let mut text = format!(
        "// PTX written by kernelize's #[kernel(cuda)] for `{}`.\n.version {VERSION}\n.target {TARGET}\n.address_size 64\n\n",
        k.name
    );
    if !tables.is_empty() {
        text.push_str(&tables);
        text.push('\n');
    }
    text.push_str(&library);
    text.push_str(&entries);
    Some(text)
}

/// Gives the math library's function of a name, lowered (the front end's
/// `MathLibrary::function`), or why not.
pub type Library<'a> = &'a dyn Fn(&str) -> Result<crate::ir::Function, String>;

/// The device functions `calls` needs (and those they call), with prototypes first.
fn library(
    calls: &BTreeSet<&'static str>,
    lower: Library<'_>,
    fastmath: bool,
    errors: &mut Vec<(Span, String)>,
) -> String {
    let mut wanted: Vec<&'static str> = calls.iter().copied().collect();
    let mut done: BTreeSet<&'static str> = BTreeSet::new();
    let (mut protos, mut bodies) = (String::new(), String::new());
    while let Some(name) = wanted.pop() {
        if !done.insert(name) {
            continue;
        }
        let dev = match lower(name) {
            Ok(f) => f,
            Err(e) => {
                errors.push((Span::call_site(), format!("internal: {e}")));
                continue;
            }
        };
        let (tables_and_proto, body, more) = device_function(&dev, fastmath, errors);
        // The tables once, before the prototypes; the prototype again with the body.
        let proto = tables_and_proto.rsplit_once('\n').map_or(tables_and_proto.as_str(), |(_, p)| p);
        protos.insert_str(0, &tables_and_proto[..tables_and_proto.len() - proto.len()]);
        protos.push_str(proto);
        protos.push_str(";\n");
        bodies.push_str(proto);
        bodies.push_str(&body);
        wanted.extend(more);
    }
    if protos.is_empty() && bodies.is_empty() {
        return String::new();
    }
    format!("{protos}\n{bodies}")
}

/// The prototype and body of one device function, and the functions it calls.
fn device_function(
    dev: &crate::ir::Function,
    fastmath: bool,
    errors: &mut Vec<(Span, String)>,
) -> (String, String, Vec<&'static str>) {
    let k = Kernel {
        name: proc_macro2::Ident::new(&dev.name, Span::call_site()),
        vis: Default::default(),
        attrs: Vec::new(),
        inline: false,
        cfgs: Vec::new(),
        generics: Default::default(),
        params: Vec::new(),
        output: Default::default(),
        ret: Default::default(),
        host: crate::ir::HostBody { tokens: Default::default(), tries: Vec::new() },
        loops: Vec::new(),
        vars: dev.vars.clone(),
    };
    // The library is IEEE code whatever the kernel's options: `fastmath` only picks the
    // approximate f32 instructions at the call site.
    let _ = fastmath;
    let mut fx = Fx::new(&k, false);
    let fname = regs::device_name(&dev.name);
    fx.table_prefix = fname.clone();
    let args: Vec<String> =
        dev.params.iter().enumerate().map(|(n, (_, s))| format!(".param .{} {fname}_arg{n}", param_type(*s))).collect();
    let proto = format!(".func (.param .{} {fname}_ret) {fname}({})", param_type(dev.ret), args.join(", "));
    for (n, (v, s)) in dev.params.iter().enumerate() {
        let r = fx.var(*v);
        fx.ins(format_args!("ld.param.{} {r}, [{fname}_arg{n}]", param_type(*s)));
    }
    let result = fx.block(&dev.body);
    if let Some(r) = result {
        fx.ins(format_args!("st.param.{} [{fname}_ret], {r}", param_type(dev.ret)));
    }
    fx.ins("ret");
    errors.append(&mut fx.errors);
    let body = format!("\n{{\n{}{}}}\n\n", fx.declarations(), fx.out);
    // The function's tables go before it, at module level.
    let tables: String = fx.tables.iter().map(|t| format!("{t}\n")).collect();
    (format!("{tables}{proto}"), body, fx.calls.iter().copied().collect())
}

#[cfg(test)]
mod sass;
#[cfg(test)]
pub mod tests;
