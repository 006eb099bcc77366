pub fn parse_pair(s: &str) -> Option<(i64, i64)> {
    let Some((a, b)) = s.split_once(',') else {
        return None;
    };
    let Ok(a) = a.trim().parse::<i64>() else { return None };
    let Ok(b) = b.trim().parse::<i64>() else {
        return None;
    };
    Some((a, b))
}

pub fn first_even(v: &[u32]) -> u32 {
    let [x, ..] = v else { panic!("empty") };
    let Some(&e) = v.iter().find(|&&y| y % 2 == 0) else {
        return *x;
    };
    e
}
