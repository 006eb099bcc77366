pub fn dist((x1, y1): (f64, f64), (x2, y2): (f64, f64)) -> f64 {
    ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt()
}

pub fn decay(mut x: f64, rate: f64, steps: u32) -> f64 {
    for _ in 0..steps {
        x *= 1.0 - rate;
    }
    x
}

pub struct Pt { pub x: i32, pub y: i32 }

pub fn manhattan(Pt { x, y }: Pt, &(ox, oy): &(i32, i32)) -> i32 {
    (x - ox).abs() + (y - oy).abs()
}

pub fn ignore(_: u8, [a, b, _]: [u8; 3], mut _c: &str) -> u8 {
    a ^ b
}
