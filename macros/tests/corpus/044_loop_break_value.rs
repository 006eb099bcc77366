pub fn collatz_len(mut n: u64) -> u32 {
    let mut steps = 0;
    let result = loop {
        if n == 1 {
            break steps;
        }
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    };
    result
}

pub fn first_power_over(limit: u64) -> u32 {
    let mut k = 0;
    'search: loop {
        if 2u64.pow(k) > limit {
            break 'search k;
        }
        k += 1;
    }
}
