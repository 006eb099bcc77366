//! Facts about each prange loop that every back end reads, and the rules that make a loop
//! safe to run in any order: the race check, reductions, jumps out of the loop. These rules
//! hold for every option, plain `#[kernel]` included: a racy kernel does not compile.

mod bounds;
pub mod copies;
pub mod cost;
mod facts;
mod races;
pub mod uniform;
pub mod vector;

use crate::diag::Diag;
use crate::ir::{Kernel, PrangeLoop, VarId};
use proc_macro2::Span;

pub use bounds::affine as bounds_affine;
pub use facts::{Combine, Hoist, Identity, RedOp, Reduction, Written};

pub struct Analysis {
    pub loops: Vec<LoopInfo>,
}

#[derive(Default)]
pub struct LoopInfo {
    pub reductions: Vec<Reduction>,
    /// Arrays from outside the loop that it writes, each at the iteration's own element.
    pub writes: Vec<Written>,
    /// Arrays from outside the loop that it only reads.
    pub reads: Vec<VarId>,
    /// Scalars from outside the loop that it reads (reductions excluded).
    pub captures: Vec<VarId>,
    /// Its serial loops whose trip count is known before it starts (see `cost::trip_loops`).
    pub trips: Vec<cost::TripLoop>,
    /// Array accesses whose bounds checks can move before the loop.
    pub hoisted: Vec<Hoist>,
    /// Constructs outside the kernel language: where, and what.
    pub opaque: Vec<(Span, String)>,
    /// Estimated work of one iteration, in simple operations (see `cost.rs`).
    pub cost: u64,
    /// What `fastmath` does with the loop (see `vector.rs`).
    pub vector: Option<vector::Plan>,
}

pub fn run(k: &Kernel, diag: &mut Diag) -> Analysis {
    let loops = k.loops.iter().map(|l| check_loop(k, l, diag)).collect();
    Analysis { loops }
}

fn check_loop(k: &Kernel, l: &PrangeLoop, diag: &mut Diag) -> LoopInfo {
    let found = races::check(k, l, diag);
    let cost = cost::estimate(k, l);
    let vector = Some(vector::plan(k, l, &found.reductions, cost));
    LoopInfo {
        reductions: found.reductions,
        writes: found.writes,
        reads: found.reads,
        captures: found.captures,
        trips: cost::trip_loops(k, l),
        hoisted: bounds::hoistable(k, l),
        opaque: found.opaque,
        cost,
        vector,
    }
}
#[cfg(test)]
mod tests;
