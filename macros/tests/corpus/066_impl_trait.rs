pub fn evens(n: u32) -> impl Iterator<Item = u32> {
    (0..n).filter(|x| x % 2 == 0)
}

pub fn total(it: impl IntoIterator<Item = f64>) -> f64 {
    it.into_iter().sum()
}

pub fn print_all(items: impl IntoIterator<Item = impl std::fmt::Display>) -> String {
    items.into_iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
}
