fn id(x: f64) -> f64 { x }

fn nothing() {}

fn answer() -> u8 { 42 }
