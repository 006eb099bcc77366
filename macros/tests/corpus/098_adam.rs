use kernelize::prange;

pub struct Adam { pub lr: f32, pub b1: f32, pub b2: f32, pub eps: f32, pub t: i32 }

pub fn adam_step(opt: &Adam, w: &mut [f32], g: &[f32], m: &mut [f32], v: &mut [f32]) {
    let bc1 = 1.0 - opt.b1.powi(opt.t);
    let bc2 = 1.0 - opt.b2.powi(opt.t);
    for i in prange(0..w.len()) {
        m[i] = opt.b1 * m[i] + (1.0 - opt.b1) * g[i];
        v[i] = opt.b2 * v[i] + (1.0 - opt.b2) * g[i] * g[i];
        let mh = m[i] / bc1;
        let vh = v[i] / bc2;
        w[i] -= opt.lr * mh / (vh.sqrt() + opt.eps);
    }
}

pub fn sgd_momentum(w: &mut [f64], g: &[f64], vel: &mut [f64], lr: f64, mu: f64) {
    for i in prange(0..w.len()) {
        vel[i] = mu * vel[i] - lr * g[i];
        w[i] += vel[i];
    }
}
