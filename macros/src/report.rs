//! `name::REPORT`: what the macro did to each prange loop (Numba's `parallel_diagnostics`,
//! written at compile time).

use crate::analyze::{Analysis, LoopInfo};
use crate::ir::display::expr_text;
use crate::ir::{Kernel, PrangeLoop, Ty};
use std::fmt::Write;

/// `fastmath` holds, per loop, what the SIMD back end did (empty without that variant).
/// What the `cuda` option did, for the report.
pub struct Gpu {
    /// Why `name::cuda_device` was not written, if it was not.
    pub device_blocker: Option<String>,
}

pub fn write(
    k: &Kernel,
    a: &Analysis,
    variants: &[&str],
    fastmath: &[crate::analyze::vector::Facts],
    gpu: Option<&Gpu>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "kernel `{}`: variants {}", k.name, variants.join(", "));
    if k.loops.is_empty() {
        let _ = writeln!(out, "no prange loops: every variant runs the function as written");
    }
    for (n, (l, info)) in k.loops.iter().zip(&a.loops).enumerate() {
        write_loop(&mut out, k, n, l, info, variants, fastmath.get(n));
        if gpu.is_some() {
            let _ = writeln!(out, "  cuda: {}", cuda_line(k, n, l, info));
        }
    }
    if let Some(g) = gpu {
        write_copies(&mut out, k, a, g);
    }
    out
}

fn cuda_line(k: &Kernel, n: usize, l: &PrangeLoop, info: &LoopInfo) -> String {
    let shape = if l.dims.len() == 2 { "the 2-D range flattened, j fastest" } else { "one iteration per thread" };
    let reductions = if info.reductions.is_empty() {
        String::new()
    } else {
        "; reductions combined per warp (shuffles), per block (shared memory), then block partials in \
         block order on the host"
            .to_owned()
    };
    format!("entry `{}` in `PTX`, {shape}, grid-stride loop{reductions}", k.entry_name(n))
}

/// numba-cuda's NumbaPerformanceWarning, at compile time: which host arrays `name::cuda`
/// copies at every call.
fn write_copies(out: &mut String, k: &Kernel, a: &Analysis, g: &Gpu) {
    if g.device_blocker.is_none() {
        return write_whole_call(out, k, a);
    }
    let mut copies: Vec<String> = Vec::new();
    for info in &a.loops {
        for &v in &info.reads {
            copies.push(format!("`{}` to the GPU", k.var(v).name));
        }
        for w in &info.writes {
            copies.push(format!("`{}` to the GPU and back", k.var(w.array).name));
        }
    }
    if copies.is_empty() {
        return;
    }
    let _ = writeln!(out, "cuda: every call of `{}::cuda` copies {}", k.name, copies.join(", "));
    match &g.device_blocker {
        None => {
            let _ = writeln!(
                out,
                "  to keep arrays on the GPU between calls, pass device arrays to `{}::cuda_device`",
                k.name
            );
        }
        Some(why) => {
            let _ = writeln!(out, "  no `{}::cuda_device` (device-resident arrays): {why}", k.name);
        }
    }
}

fn write_loop(
    out: &mut String,
    k: &Kernel,
    n: usize,
    l: &PrangeLoop,
    info: &LoopInfo,
    variants: &[&str],
    fastmath: Option<&crate::analyze::vector::Facts>,
) {
    let dims: Vec<String> = l
        .dims
        .iter()
        .map(|d| format!("{} in {}..{}", k.var(d.var).name, expr_text(k, &d.start), expr_text(k, &d.end)))
        .collect();
    let shape = if dims.len() == 2 { "2-D prange" } else { "prange" };
    let _ = writeln!(out, "loop {} (line {}): {shape} over {}", n + 1, l.line, dims.join(", "));
    let reductions: Vec<String> = info
        .reductions
        .iter()
        .map(|r| {
            let v = k.var(r.var);
            let ty = match v.ty {
                Ty::Scalar(s) => format!(", {s}, identity {}", r.op.identity(s)),
                _ => String::new(),
            };
            format!("`{}` ({}{ty}, line {})", v.name, r.op.describe(), r.span.start().line)
        })
        .collect();
    line(out, "reductions", &reductions);
    let writes: Vec<String> = info
        .writes
        .iter()
        .map(|w| {
            let name = &k.var(w.array).name;
            let own: Vec<&str> = w.own.iter().map(|_| "own").collect();
            format!("`{name}` (iteration's {} element only)", if own.len() == 2 { "2-D" } else { "own" })
        })
        .collect();
    line(out, "writes", &writes);
    let reads: Vec<String> = info.reads.iter().map(|&v| format!("`{}`", k.var(v).name)).collect();
    line(out, "reads", &reads);
    let hoisted: Vec<String> = info
        .hoisted
        .iter()
        .map(|h| {
            let p = &k.var(l.dims[h.dim].var).name;
            let at = |c: i64| match c {
                0 => p.clone(),
                c if c > 0 => format!("{p} + {c}"),
                c => format!("{p} - {}", c.unsigned_abs()),
            };
            let a = &k.var(h.array).name;
            let range = if h.first == h.last { at(h.first) } else { format!("{}..={}", at(h.first), at(h.last)) };
            match k.var(h.array).ty {
                crate::ir::Ty::Array(arr) if !h.window => {
                    let parts: Vec<String> = (0..usize::from(arr.ndim))
                        .map(|ax| if ax == h.axis { range.clone() } else { "..".into() })
                        .collect();
                    format!("`{a}[[{}]]` (checked; ndarray keeps its own checks)", parts.join(", "))
                }
                _ => format!("`{a}[{range}]`"),
            }
        })
        .collect();
    if hoisted.is_empty() {
        let _ = writeln!(out, "  bounds checks: kept in the loop (no access every iteration makes at a fixed offset)");
    } else {
        let _ = writeln!(out, "  bounds checked before the loop: {}", hoisted.join(", "));
    }
    let opaque: Vec<String> = info.opaque.iter().map(|(s, what)| format!("{what} (line {})", s.start().line)).collect();
    line(out, "outside the kernel language (kept as written)", &opaque);
    let _ = writeln!(out, "  serial: iterations in order on the calling thread");
    if let Some(f) = fastmath {
        let _ = writeln!(out, "  fastmath: {}", fastmath_line(k, l, info, f));
    }
    if variants.contains(&"parallel") {
        let outer = &k.var(l.dims[0].var).name;
        let chunks = if l.dims.len() == 2 {
            "chunks of whole rows (kernelize::parallel::chunk_rows_for: about 256 chunks of at least 4 iterations \
             and kernelize::parallel::MIN_CHUNK_WORK)"
        } else {
            "chunks of max(ceil(n / 256), 4) iterations and at least kernelize::parallel::MIN_CHUNK_WORK of work \
             (kernelize::parallel::chunk_len_for)"
        };
        let _ = writeln!(
            out,
            "  parallel: yes; the {outer} range is cut into {chunks}, handed out dynamically to the threads of the \
             team, the calling thread's included; each written array is split into the chunks' disjoint parts; \
             reduction partials are combined in chunk order (same result for every thread count); estimated \
             cost {}{} per iteration: loops with less work than kernelize::parallel::MIN_WORK run on the calling \
             thread",
            info.cost,
            (info.trips.iter())
                .filter_map(|t| {
                    let (start, end) = t.range(l)?;
                    let dots = if t.inclusive { "..=" } else { ".." };
                    Some(format!(
                        " + {} per trip of the inner loop over {}{dots}{}",
                        t.body,
                        expr_text(k, start),
                        expr_text(k, end)
                    ))
                })
                .collect::<String>()
        );
    }
}

fn line(out: &mut String, what: &str, items: &[String]) {
    let items = if items.is_empty() { "none".to_owned() } else { items.join(", ") };
    let _ = writeln!(out, "  {what}: {items}");
}

fn fastmath_line(k: &Kernel, l: &PrangeLoop, info: &LoopInfo, f: &crate::analyze::vector::Facts) -> String {
    use crate::analyze::vector::{CLONES, Strategy, describe};
    let Some(plan) = info.vector.as_ref() else { return "the serial code of this loop".to_owned() };
    let clones: Vec<String> = CLONES
        .iter()
        .zip(&f.clones)
        .map(|(isa, c)| {
            let mut text = format!("{}: {}", isa.label, clone_text(k, l, c));
            if let Some((at, var, short)) = &c.below {
                text.push_str(&format!(", or {} below {at} trips of the `{var}` loop", clone_text(k, l, short)));
            }
            if isa.level == "Baseline" && !(matches!(c.strategy, Strategy::Scalar) && c.below.is_none()) {
                // See `back/simd.rs`: no SSE2 clone is compiled.
                text = format!("{text} (on x86-64 the scalar code: no SSE2 clone is compiled)");
            }
            text
        })
        .collect();
    let mut out = clones.join("; ");
    if let (Some(choice), Some(first)) = (plan.clones.first(), f.clones.first()) {
        let mut estimates: Vec<String> =
            choice.ranked.iter().map(|(s, c)| format!("{} {c:.1}", describe(k, l, s))).collect();
        estimates.sort();
        estimates.dedup();
        let why = if matches!(first.strategy, Strategy::Scalar) {
            format!(
                " (no lanes: none is estimated below {:.0}% of the scalar code)",
                crate::analyze::vector::MARGIN * 100.0
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n    estimated cost per iteration ({}): {}; chosen: {}{why}",
            CLONES[0].label,
            estimates.join(", "),
            describe(k, l, &first.strategy)
        ));
        for (what, reason) in choice.refused.iter().chain(f.clones.iter().flat_map(|c| c.tried.iter())) {
            out.push_str(&format!("\n    not possible: {what}: {reason}"));
        }
    }
    let list = |v: &[String]| {
        if v.is_empty() { "none".to_owned() } else { v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ") }
    };
    let vectorized = f.clones.iter().any(|c| !matches!(c.strategy, Strategy::Scalar));
    if vectorized {
        let masked = if f.masked.is_empty() { "none".to_owned() } else { f.masked.join(", ") };
        let reductions = if f.clones.iter().any(|c| reduces_in_lanes(info, &c.strategy)) {
            "; reductions keep partial lanes, folded pairwise in a fixed order"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n    masks for {masked}; gather required for {}; scatter required for {}{reductions}",
            list(&f.gathers),
            list(&f.scatters),
        ));
    }
    out
}

fn clone_text(k: &Kernel, l: &PrangeLoop, c: &crate::analyze::vector::CloneFacts) -> String {
    use crate::analyze::vector::{Strategy, describe};
    let what = describe(k, l, &c.strategy);
    let n = vectors_of(&c.strategy);
    let lanes = match &c.strategy {
        Strategy::Scalar if c.as_avx2 => " (the AVX2 clone's)".to_owned(),
        Strategy::Scalar => String::new(),
        _ => {
            let vectors = if n > 1 { format!(" ({n} vectors)") } else { String::new() };
            let avx2 = if c.as_avx2 { " (the AVX2 code: memory-bound)" } else { "" };
            format!(", {} lanes{vectors}{avx2}", c.lanes)
        }
    };
    format!("{what}{lanes}")
}

fn vectors_of(s: &crate::analyze::vector::Strategy) -> usize {
    use crate::analyze::vector::Strategy;
    match s {
        Strategy::Across { vectors } => *vectors,
        Strategy::Along(list) => list.iter().map(|a| a.vectors).max().unwrap_or(1),
        Strategy::Scalar => 0,
    }
}

fn reduces_in_lanes(info: &LoopInfo, s: &crate::analyze::vector::Strategy) -> bool {
    use crate::analyze::vector::Strategy;
    match s {
        Strategy::Across { .. } => !info.reductions.is_empty(),
        Strategy::Along(list) => list.iter().any(|a| !a.reductions.is_empty()),
        Strategy::Scalar => false,
    }
}

/// [`write_copies`] where `name::cuda` keeps each array on the GPU for the whole call.
fn write_whole_call(out: &mut String, k: &Kernel, a: &Analysis) {
    let plan = crate::analyze::copies::plan(k, a);
    if plan.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "cuda: each call of `{}::cuda` copies each array at most once each way, not once per loop:",
        k.name
    );
    for c in &plan {
        let name = &k.var(c.var).name;
        let lens = match k.var(c.var).ty {
            crate::ir::Ty::Array(t) if t.ndim == 2 => format!("`{name}.nrows()` x `{name}.ncols()`"),
            _ => format!("`{name}.len()`"),
        };
        let to = match (c.upload, &c.overwritten) {
            (false, _) => "not to the GPU (no loop reads it; allocated there for its lengths)".to_owned(),
            (true, None) => "to the GPU before the first loop".to_owned(),
            (true, Some(o)) => format!(
                "to the GPU only if the loop at line {} does not overwrite all of it first (it does when its \
                 ranges have {lens} iterations, checked at the call)",
                o.line
            ),
        };
        let back = if c.download { "; back to the host after the last loop" } else { "" };
        let _ = writeln!(out, "  `{name}`: {to}{back}");
    }
    let _ = writeln!(out, "  to keep arrays on the GPU between calls, pass device arrays to `{}::cuda_device`", k.name);
    let bytes: u64 = plan
        .iter()
        .map(|c| {
            let size = match k.var(c.var).ty {
                crate::ir::Ty::Array(t) => t.elem.bytes(),
                _ => 0,
            };
            size * c.crossings()
        })
        .sum();
    let _ = writeln!(
        out,
        "  `{}(..)` runs `cuda` only where the copies ({bytes} bytes per element of equal-length arrays), {} \
         launch(es) and the GPU's share of the work beat the CPU variants on this machine's threads \
         (kernelize::Target::choose_costed)",
        k.name,
        k.loops.len()
    );
}
