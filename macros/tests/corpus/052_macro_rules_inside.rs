pub fn poly(x: f64) -> f64 {
    macro_rules! horner {
        ($x:expr; $c:expr) => { $c };
        ($x:expr; $c:expr, $($rest:expr),+) => { $c + $x * horner!($x; $($rest),+) };
    }
    horner!(x; 1.0, -0.5, 0.25, -0.125)
}

pub fn squares() -> [u32; 4] {
    macro_rules! sq { ($e:expr) => { $e * $e }; }
    [sq!(1), sq!(2), sq!(3), sq!(1 + 3)]
}
