use kernelize::prange;

/// Pull-based PageRank over an incoming-edge CSR graph.
pub fn pagerank(in_ptr: &[usize], in_src: &[usize], out_deg: &[u32], damping: f64, iters: u32) -> Vec<f64> {
    let n = out_deg.len();
    let mut rank = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..iters {
        let mut dangling = 0.0;
        for v in prange(0..n) {
            if out_deg[v] == 0 {
                dangling += rank[v];
            }
        }
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        for v in prange(0..n) {
            let mut s = 0.0;
            for e in in_ptr[v]..in_ptr[v + 1] {
                let u = in_src[e];
                s += rank[u] / out_deg[u] as f64;
            }
            next[v] = base + damping * s;
        }
        std::mem::swap(&mut rank, &mut next);
    }
    rank
}
