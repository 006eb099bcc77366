use kernelize::prange;

fn lcg(state: u64) -> u64 {
    state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407)
}

pub fn mc_pi(samples: u64, seed: u64) -> f64 {
    let mut hits = 0u64;
    for i in prange(0..samples) {
        let s1 = lcg(seed ^ i);
        let s2 = lcg(s1);
        let x = (s1 >> 11) as f64 / (1u64 << 53) as f64;
        let y = (s2 >> 11) as f64 / (1u64 << 53) as f64;
        if x * x + y * y <= 1.0 {
            hits += 1;
        }
    }
    4.0 * hits as f64 / samples as f64
}
