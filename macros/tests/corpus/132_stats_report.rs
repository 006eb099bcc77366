use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    pub std: f64,
    pub min: f64,
    pub max: f64,
    pub quartiles: [f64; 3],
}

pub fn summarize(data: &[f64]) -> Option<Summary> {
    let mut v: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let mean = v.iter().sum::<f64>() / n as f64;
    let var = if n > 1 {
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64
    } else {
        0.0
    };
    let q = |p: f64| -> f64 {
        let r = p * (n - 1) as f64;
        let (lo, hi) = (r.floor() as usize, r.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (r - lo as f64)
    };
    Some(Summary {
        n,
        mean,
        std: var.sqrt(),
        min: v[0],
        max: v[n - 1],
        quartiles: [q(0.25), q(0.5), q(0.75)],
    })
}

pub fn report(groups: &BTreeMap<String, Vec<f64>>) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    writeln!(out, "{:<12}{:>6}{:>10}{:>10}{:>10}{:>10}", "group", "n", "mean", "std", "min", "max")?;
    writeln!(out, "{}", "-".repeat(58))?;
    for (name, values) in groups {
        match summarize(values) {
            Some(Summary { n, mean, std, min, max, .. }) => {
                writeln!(out, "{name:<12}{n:>6}{mean:>10.3}{std:>10.3}{min:>10.3}{max:>10.3}")?;
            }
            None => writeln!(out, "{name:<12}{:>6}{:>10}", 0, "n/a")?,
        }
    }
    let total: usize = groups.values().map(Vec::len).sum();
    write!(out, "total observations: {total}")?;
    Ok(out)
}

pub fn zscores(data: &[f64]) -> Vec<f64> {
    let Some(s) = summarize(data) else { return vec![] };
    data.iter().map(|x| if s.std > 0.0 { (x - s.mean) / s.std } else { 0.0 }).collect()
}
