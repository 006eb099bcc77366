// The launch API that generated code calls trusts its arguments; it is not part of
// `kernelize::cuda`.
use kernelize::cuda::hidden::module;

fn main() {
    let _ = module("k", "");
}
