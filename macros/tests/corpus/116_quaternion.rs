pub type Quat = [f64; 4];

pub fn qmul(a: Quat, b: Quat) -> Quat {
    let [aw, ax, ay, az] = a;
    let [bw, bx, by, bz] = b;
    [
        aw * bw - ax * bx - ay * by - az * bz,
        aw * bx + ax * bw + ay * bz - az * by,
        aw * by - ax * bz + ay * bw + az * bx,
        aw * bz + ax * by - ay * bx + az * bw,
    ]
}

pub fn from_axis_angle(axis: [f64; 3], angle: f64) -> Quat {
    let (s, c) = (angle * 0.5).sin_cos();
    let n = (axis[0].powi(2) + axis[1].powi(2) + axis[2].powi(2)).sqrt();
    [c, s * axis[0] / n, s * axis[1] / n, s * axis[2] / n]
}

pub fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}
