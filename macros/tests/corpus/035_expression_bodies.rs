fn hyp(a: f64, b: f64) -> f64 { (a * a + b * b).sqrt() }

fn lerp(a: f32, b: f32, t: f32) -> f32 { t.mul_add(b - a, a) }

fn sign(x: i64) -> i64 { if x > 0 { 1 } else if x < 0 { -1 } else { 0 } }

fn clamp01(x: f64) -> f64 { x.clamp(0.0, 1.0) }
