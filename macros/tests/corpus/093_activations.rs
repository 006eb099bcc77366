use kernelize::prange;
use std::f32::consts::PI;

pub fn relu(x: &mut [f32]) {
    for i in prange(0..x.len()) {
        x[i] = x[i].max(0.0);
    }
}

pub fn gelu(x: &[f32], out: &mut [f32]) {
    let c = (2.0f32 / PI).sqrt();
    for i in prange(0..x.len()) {
        let v = x[i];
        out[i] = 0.5 * v * (1.0 + (c * (v + 0.044715 * v.powi(3))).tanh());
    }
}

pub fn leaky_relu(x: &mut [f64], alpha: f64) {
    for i in prange(0..x.len()) {
        if x[i] < 0.0 {
            x[i] *= alpha;
        }
    }
}

pub fn silu(x: f32) -> f32 { x / (1.0 + (-x).exp()) }
