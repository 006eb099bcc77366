pub struct Token { pub r#type: u8, pub r#match: bool }

pub fn r#fn(r#type: u32, r#in: &[u32]) -> u32 {
    let r#loop = r#in.len() as u32;
    let r#struct = Token { r#type: r#type as u8, r#match: r#loop > 0 };
    if r#struct.r#match { r#type + r#loop } else { 0 }
}

pub fn r#yield(r#async: i32) -> i32 { r#async + 1 }
