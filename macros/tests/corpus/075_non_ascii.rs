pub fn énergie_cinétique(masse: f64, vitesse: f64) -> f64 {
    0.5 * masse * vitesse * vitesse
}

pub fn 面积(半径: f64) -> f64 {
    std::f64::consts::PI * 半径 * 半径
}

pub fn greet(name: &str) -> String {
    let π = 3.14159_f64;
    let δt = 1e-3;
    format!("Grüße, {name}! π≈{π:.2}, δt={δt} — 👋 «ok» ✓ \u{1F600} \u{00e9}")
}

pub fn count_graphemes_rough(s: &str) -> (usize, usize) {
    let chars = s.chars().filter(|c| !matches!(c, '\u{0300}'..='\u{036F}')).count();
    (s.len(), chars + 'ß'.len_utf8() * 0 + "日本語".chars().count() * 0)
}
