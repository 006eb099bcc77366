use kernelize::{kernel, prange};

struct Scaler {
    factor: f64,
}

impl Scaler {
    #[kernel]
    fn scale(&self, a: &[f64], out: &mut [f64]) {
        for i in prange(0..a.len()) {
            out[i] = self.factor * a[i];
        }
    }
}

fn main() {
    let _ = Scaler { factor: 2.0 };
}
