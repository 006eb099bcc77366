pub async fn fetch_value(k: u32) -> u32 {
    k * 2
}

pub async fn sum_values(keys: &[u32]) -> u32 {
    let mut s = 0;
    for &k in keys {
        s += fetch_value(k).await;
    }
    s
}

pub async fn with_block() -> Result<u64, String> {
    let fut = async move { 7u64 };
    let x = fut.await;
    let y = async { x + 1 }.await;
    Ok(y)
}
