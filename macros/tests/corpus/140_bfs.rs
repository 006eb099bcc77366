use std::collections::VecDeque;

pub fn bfs(adj: &[Vec<usize>], src: usize) -> Vec<Option<u32>> {
    let mut dist = vec![None; adj.len()];
    let mut q = VecDeque::new();
    dist[src] = Some(0);
    q.push_back(src);
    while let Some(u) = q.pop_front() {
        let du = dist[u].unwrap();
        for &v in &adj[u] {
            if dist[v].is_none() {
                dist[v] = Some(du + 1);
                q.push_back(v);
            }
        }
    }
    dist
}

pub fn connected_components(adj: &[Vec<usize>]) -> usize {
    let mut seen = vec![false; adj.len()];
    let mut comps = 0;
    for s in 0..adj.len() {
        if seen[s] {
            continue;
        }
        comps += 1;
        let mut stack = vec![s];
        seen[s] = true;
        while let Some(u) = stack.pop() {
            for &v in adj[u].iter() {
                if !std::mem::replace(&mut seen[v], true) {
                    stack.push(v);
                }
            }
        }
    }
    comps
}
