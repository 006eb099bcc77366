pub fn classify(code: u16) -> &'static str {
    match code {
        0 => "zero",
        1..=99 => "small",
        100 | 200 | 300 => "round",
        n if n % 2 == 0 && n < 1_000 => "even",
        101..=999 => "odd",
        1_000.. => "big",
    }
}

pub fn grade(score: f64) -> char {
    match score as i32 {
        i32::MIN..=-1 => '?',
        0..=59 => 'F',
        60..=69 => 'D',
        70..=79 => 'C',
        80..=89 => 'B',
        90..=100 => 'A',
        _ => '!',
    }
}
