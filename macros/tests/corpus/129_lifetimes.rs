pub struct Window<'a, T> {
    pub data: &'a [T],
    pub start: usize,
}

pub fn longest<'a, 'b: 'a>(x: &'a str, y: &'b str) -> &'a str {
    if x.len() >= y.len() { x } else { y }
}

pub fn window<'a, T>(data: &'a [T], start: usize, len: usize) -> Window<'a, T> {
    Window { data: &data[start..start + len], start }
}

pub fn split_words<'s>(s: &'s str) -> impl Iterator<Item = &'s str> + 's {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

pub fn static_str() -> &'static str {
    let s: &'static str = "static";
    s
}
