pub fn bump(x: &mut i32) {
    *x += 1;
}

pub fn swap_max(a: &mut f64, b: &mut f64) {
    if *a < *b {
        std::mem::swap(a, b);
    }
}

pub fn deref_chain(x: &&&Box<i32>) -> i32 {
    ***x.as_ref() + **x.clone().clone() as i32 * 0 + *(**x).clone()
}

pub fn largest_ref<'a>(v: &'a [f64]) -> &'a f64 {
    let mut best = &v[0];
    for x in v {
        if *x > *best {
            best = x;
        }
    }
    best
}
