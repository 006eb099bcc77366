pub trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> &str { "shape" }
}

pub struct Circle { pub r: f64 }
pub struct Rect { pub w: f64, pub h: f64 }

impl Shape for Circle {
    fn area(&self) -> f64 { std::f64::consts::PI * self.r * self.r }
    fn name(&self) -> &str { "circle" }
}

impl Shape for Rect {
    fn area(&self) -> f64 { self.w * self.h }
}

pub fn total_area(shapes: &[&dyn Shape]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}

pub fn largest<'a>(shapes: &'a [Box<dyn Shape + Send + Sync>]) -> Option<&'a dyn Shape> {
    let mut best: Option<&dyn Shape> = None;
    for s in shapes {
        match best {
            Some(b) if b.area() >= s.area() => {}
            _ => best = Some(s.as_ref()),
        }
    }
    best
}
