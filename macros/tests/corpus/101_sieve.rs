pub fn sieve(n: usize) -> Vec<usize> {
    let mut is_p = vec![true; n + 1];
    is_p[0] = false;
    if n >= 1 {
        is_p[1] = false;
    }
    let mut i = 2;
    while i * i <= n {
        if is_p[i] {
            let mut j = i * i;
            while j <= n {
                is_p[j] = false;
                j += i;
            }
        }
        i += 1;
    }
    is_p.iter().enumerate().filter_map(|(k, &p)| if p { Some(k) } else { None }).collect()
}

pub fn count_primes_par(n: u64) -> u64 {
    let mut count = 0;
    for k in kernelize::prange(2..n) {
        let mut prime = true;
        let mut d = 2;
        while d * d <= k {
            if k % d == 0 {
                prime = false;
                break;
            }
            d += 1;
        }
        if prime {
            count += 1;
        }
    }
    count
}
