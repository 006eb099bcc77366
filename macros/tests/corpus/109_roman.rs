pub fn to_roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in T.iter() {
        while n >= v {
            s += r;
            n -= v;
        }
    }
    s
}

pub fn from_roman(s: &str) -> Option<u32> {
    let val = |c| match c { 'I' => Some(1), 'V' => Some(5), 'X' => Some(10), 'L' => Some(50),
        'C' => Some(100), 'D' => Some(500), 'M' => Some(1000), _ => None };
    let digits: Option<Vec<u32>> = s.chars().map(val).collect();
    let d = digits?;
    let mut total = 0;
    for i in 0..d.len() {
        if i + 1 < d.len() && d[i] < d[i + 1] { total -= d[i] as i64; } else { total += d[i] as i64; }
    }
    u32::try_from(total).ok()
}
