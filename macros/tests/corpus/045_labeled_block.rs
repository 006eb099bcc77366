pub fn validate(x: i32) -> i32 {
    let code = 'check: {
        if x < 0 {
            break 'check 1;
        }
        if x > 100 {
            break 'check 2;
        }
        0
    };
    code
}

pub fn early_exit_block(v: &[f64]) -> f64 {
    let r = 'a: {
        if v.is_empty() { break 'a 0.0; }
        let s: f64 = v.iter().sum();
        if s.is_nan() { break 'a -1.0; }
        s / v.len() as f64
    };
    r
}
