pub fn count_digits(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, '0'..='9')).count()
}

pub fn is_small_prime(n: u32) -> bool {
    matches!(n, 2 | 3 | 5 | 7 | 11 | 13) || matches!(n, x if x > 13 && false)
}
