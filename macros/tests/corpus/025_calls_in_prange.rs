use kernelize::prange;

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

pub fn activate(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        out[i] = sigmoid(a[i]);
        println!("i = {i}, out = {}", out[i]);
        assert!(out[i] >= 0.0 && out[i] <= 1.0, "bad value at {}", i);
    }
}

pub fn vec_in_loop(n: usize) -> Vec<Vec<u8>> {
    let mut rows = Vec::new();
    for i in prange(0..n) {
        let row = vec![0u8; i];
        rows.push(row);
    }
    rows
}
