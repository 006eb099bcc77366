pub fn ends(v: &[i32]) -> Option<(i32, i32)> {
    match v {
        [] => None,
        [x] => Some((*x, *x)),
        [first, .., last] => Some((*first, *last)),
    }
}

pub fn describe(v: &[u8]) -> String {
    match v {
        [0, rest @ ..] => format!("starts with zero, {} more", rest.len()),
        [a, b] if a == b => "pair".to_string(),
        [.., 0xFF] => "ends with FF".into(),
        [_, mid @ .., _] if mid.len() > 3 => format!("long middle {:?}", mid),
        _ => String::new(),
    }
}

pub fn sum_pairs(v: &[f64]) -> f64 {
    let mut s = 0.0;
    let mut rest = v;
    while let [a, b, tail @ ..] = rest {
        s += a * b;
        rest = tail;
    }
    if let [last] = rest {
        s += last;
    }
    s
}
