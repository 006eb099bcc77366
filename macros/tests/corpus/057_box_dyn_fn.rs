pub fn make_ops() -> Vec<Box<dyn Fn(f64) -> f64>> {
    let k = 3.0;
    vec![
        Box::new(|x| x + 1.0),
        Box::new(move |x| x * k),
        Box::new(f64::sqrt),
        Box::new(|x: f64| x.powi(2)),
    ]
}

pub fn compose(fs: &[Box<dyn Fn(f64) -> f64>], x: f64) -> f64 {
    fs.iter().fold(x, |acc, f| f(acc))
}

pub fn pick_op(name: &str) -> Box<dyn FnMut(&mut Vec<i32>) + '_> {
    match name {
        "sort" => Box::new(|v| v.sort()),
        "rev" => Box::new(|v| v.reverse()),
        _ => Box::new(move |v| v.retain(|x| x.to_string() != name)),
    }
}
