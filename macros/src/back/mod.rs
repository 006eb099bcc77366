//! Back ends: each reads the IR and the analysis (never syn) and writes one variant.

pub mod rust;
pub mod serial;

#[cfg(test)]
mod tests;
