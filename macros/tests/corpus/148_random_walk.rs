use kernelize::prange;

pub fn random_walks(n_walkers: usize, steps: u32, seed: u64, final_pos: &mut [i64]) {
    for w in prange(0..n_walkers) {
        let mut state = seed ^ (w as u64).wrapping_mul(0x9E3779B97F4A7C15);
        let mut pos = 0i64;
        for _ in 0..steps {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            pos += if state & 1 == 1 { 1 } else { -1 };
        }
        final_pos[w] = pos;
    }
}

pub fn shared_rng_bad(out: &mut [u64], mut state: u64) {
    for i in prange(0..out.len()) {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        out[i] = state >> 33;
    }
}
