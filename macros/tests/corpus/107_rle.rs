pub fn rle_encode(s: &str) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::new();
    for c in s.chars() {
        match out.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => out.push((c, 1)),
        }
    }
    out
}

pub fn rle_decode(runs: &[(char, usize)]) -> String {
    runs.iter().flat_map(|&(c, n)| std::iter::repeat(c).take(n)).collect()
}
