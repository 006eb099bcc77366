use kernelize::prange;

#[derive(Clone, Copy)]
pub struct Body {
    pub pos: [f64; 3],
    pub vel: [f64; 3],
    pub mass: f64,
}

pub fn accelerations(bodies: &[Body], acc: &mut [[f64; 3]], soft: f64) {
    let n = bodies.len();
    for i in prange(0..n) {
        let mut a = [0.0; 3];
        let pi = bodies[i].pos;
        for j in 0..n {
            if i == j {
                continue;
            }
            let pj = bodies[j].pos;
            let dx = pj[0] - pi[0];
            let dy = pj[1] - pi[1];
            let dz = pj[2] - pi[2];
            let r2 = dx * dx + dy * dy + dz * dz + soft * soft;
            let inv_r3 = 1.0 / (r2 * r2.sqrt());
            let f = bodies[j].mass * inv_r3;
            a[0] += f * dx;
            a[1] += f * dy;
            a[2] += f * dz;
        }
        acc[i] = a;
    }
}

pub fn kick_drift(bodies: &mut [Body], acc: &[[f64; 3]], dt: f64) {
    for (b, a) in bodies.iter_mut().zip(acc.iter()) {
        for d in 0..3 {
            b.vel[d] += a[d] * dt;
            b.pos[d] += b.vel[d] * dt;
        }
    }
}

pub fn kinetic_energy(bodies: &[Body]) -> f64 {
    let mut e = 0.0;
    for i in prange(0..bodies.len()) {
        let v = bodies[i].vel;
        e += 0.5 * bodies[i].mass * (v[0].powi(2) + v[1].powi(2) + v[2].powi(2));
    }
    e
}
