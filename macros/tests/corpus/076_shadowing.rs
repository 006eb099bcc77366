pub fn shadowed(x: &str) -> f64 {
    let x = x.trim();
    let x: f64 = x.parse().unwrap_or(0.0);
    let x = x * 2.0;
    let x = { let x = x + 1.0; x * x };
    x
}

pub fn let_no_init(flag: bool) -> i32 {
    let y: i32;
    let z;
    if flag {
        y = 1;
        z = 10;
    } else {
        y = -1;
        z = 20;
    }
    let (a, b);
    (a, b) = (y, z);
    a * b
}
