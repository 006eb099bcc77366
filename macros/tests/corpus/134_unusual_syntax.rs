use std::collections::HashMap;

pub struct Unit;

pub trait HasId { const ID: u32; fn id() -> u32 { Self::ID } }
impl HasId for Unit { const ID: u32 = 7; }

pub fn odd_syntax(v: &mut Vec<u8>) -> u32 {
    let all = &v[..];
    let tail = &v[1..];
    let head = &v[..=0];
    let d = <Vec<u8> as Default>::default();
    let id = <Unit as HasId>::ID + Unit::id();
    let parsed = "5".parse::<u32>().unwrap_or_default();
    let m: HashMap<_, _> = HashMap::<u8, u8>::new();
    let r = &mut *v;
    r.push(1);
    let rr = &&*all;
    let inferred: u64 = parsed as _;
    let _unit = ();
    let _u = Unit;
    let f = |_| ();
    f(0);
    let _ = (m.len(), d.len(), tail.len(), head.len(), rr.len(), inferred);
    if v.is_empty() { return 0; }
    id + (..).contains(&3u8) as u32 + (1..2).len() as u32
}

pub fn never() -> ! {
    loop {}
}

pub fn diverging(x: Option<u8>) -> u8 {
    match x {
        Some(0) => unreachable!("zero handled elsewhere"),
        Some(1) => todo!(),
        Some(2) => unimplemented!("two: {}", 2),
        Some(v) => v,
        None => panic!(),
    }
}
