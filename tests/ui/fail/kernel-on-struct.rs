use kernelize::{kernel, prange};

#[kernel]
struct Grid {
    cells: Vec<f64>,
}

fn main() {
    for i in prange(0..1) {
        let _ = i;
    }
}
