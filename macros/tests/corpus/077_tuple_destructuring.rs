pub fn fib_pair(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        (a, b) = (b, a + b);
    }
    a
}

pub fn nested_destructure(v: &[((i32, i32), [i32; 2])]) -> i32 {
    let mut s = 0;
    for &((a, b), [c, d]) in v {
        s += a * d - b * c;
    }
    let ((_, _), ..) = ((1, 2), 3, 4);
    let [.., last] = [1, 2, 3];
    s + last
}

pub fn swap_in_place(v: &mut [f64]) {
    let n = v.len();
    for i in 0..n / 2 {
        let (l, r) = (v[i], v[n - 1 - i]);
        [v[i], v[n - 1 - i]] = [r, l];
    }
}
