pub fn outer(v: &[f64]) -> f64 {
    use std::cmp::Ordering;

    const SCALE: f64 = 0.5;
    static NAME: &str = "outer";

    fn helper(x: f64) -> f64 {
        x * SCALE
    }

    #[derive(Debug)]
    struct Acc {
        total: f64,
        n: usize,
    }

    impl Acc {
        fn add(&mut self, x: f64) {
            self.total += x;
            self.n += 1;
        }
    }

    enum Mode { Low, High }

    let mut acc = Acc { total: 0.0, n: 0 };
    for &x in v {
        let mode = match x.partial_cmp(&0.0) {
            Some(Ordering::Less) => Mode::Low,
            _ => Mode::High,
        };
        match mode {
            Mode::Low => acc.add(-helper(x)),
            Mode::High => acc.add(helper(x)),
        }
    }
    let _ = NAME;
    acc.total / acc.n.max(1) as f64
}
