pub fn adder(n: i32) -> impl Fn(i32) -> i32 {
    move |x| x + n
}

pub fn counter() -> impl FnMut() -> u32 {
    let mut c = 0;
    move || {
        c += 1;
        c
    }
}

pub fn apply_n<F>(f: F, n: usize, x: f64) -> f64
where
    F: Fn(f64) -> f64,
{
    (0..n).fold(x, |acc, _| f(acc))
}

pub fn closures_everywhere(v: &mut Vec<f64>) {
    let scale = 2.0;
    let mut touched = 0;
    let mut f = |x: &mut f64| { *x *= scale; touched += 1; };
    v.iter_mut().for_each(&mut f);
    let g = |a: f64, b: f64| -> f64 { a.max(b) };
    let m = v.iter().copied().fold(f64::MIN, g);
    v.push(m);
    let h = || touched;
    assert!(h() <= v.len());
}
