pub const fn square(x: u64) -> u64 {
    x * x
}

pub const fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = b;
        b = a % b;
        a = t;
    }
    a
}

const TABLE: [u64; 4] = [square(1), square(2), gcd(12, 18), square(gcd(4, 6))];

pub const fn lookup(i: usize) -> u64 {
    TABLE[i % 4]
}
