use kernelize::prange;

async fn load(i: usize) -> f64 {
    i as f64
}

pub async fn par_in_async(out: &mut [f64]) {
    let base = load(0).await;
    for i in prange(0..out.len()) {
        out[i] = base + i as f64;
    }
}

pub async fn await_in_prange(out: &mut [f64]) {
    for i in prange(0..out.len()) {
        out[i] = load(i).await;
    }
}

pub fn async_block_in_prange(n: usize) -> Vec<std::pin::Pin<Box<dyn std::future::Future<Output = f64>>>> {
    let mut v: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = f64>>>> = Vec::new();
    for i in prange(0..n) {
        v.push(Box::pin(async move { load(i).await * 2.0 }));
    }
    v
}
