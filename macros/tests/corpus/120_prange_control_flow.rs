use kernelize::prange;

pub fn skip_negative(a: &[f64], out: &mut [f64]) {
    for i in prange(0..a.len()) {
        if a[i] < 0.0 {
            continue;
        }
        out[i] = a[i].sqrt();
    }
}

pub fn inner_while(a: &[u32], out: &mut [u32]) {
    for i in prange(0..a.len()) {
        let mut x = a[i];
        let mut steps = 0;
        while x > 1 {
            x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
            steps += 1;
            if steps > 1_000 {
                break;
            }
        }
        out[i] = steps;
    }
}

pub fn labeled_out_of_prange(a: &[i32]) -> bool {
    let mut found = false;
    'outer: for i in prange(0..a.len()) {
        for j in 0..a.len() {
            if i != j && a[i] == -a[j] {
                found = true;
                break 'outer;
            }
        }
    }
    found
}

pub fn loop_in_prange(a: &mut [f64]) {
    for i in prange(0..a.len()) {
        let v = loop {
            if a[i] < 1.0 { break a[i]; }
            a[i] *= 0.5;
        };
        a[i] = v;
    }
}
