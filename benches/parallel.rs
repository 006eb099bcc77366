//! Placeholder: the parallel benchmark suite is being written.
fn main() {}
