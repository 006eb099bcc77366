pub fn table() -> [u32; 8] {
    const { [1, 2, 4, 8, 16, 32, 64, 128] }
}

pub fn with_const(x: usize) -> usize {
    let mask = const { (1usize << 10) - 1 };
    x & mask
}

pub fn zeros<const N: usize>() -> [f64; N] {
    [const { 0.0 }; N]
}
