use kernelize::prange;
use ndarray::ArrayViewMut2;

#[derive(Clone, Copy)]
pub struct Sphere { pub c: [f32; 3], pub r: f32 }

fn hit(s: &Sphere, o: [f32; 3], d: [f32; 3]) -> Option<f32> {
    let oc = [o[0] - s.c[0], o[1] - s.c[1], o[2] - s.c[2]];
    let b = oc[0] * d[0] + oc[1] * d[1] + oc[2] * d[2];
    let c = oc[0] * oc[0] + oc[1] * oc[1] + oc[2] * oc[2] - s.r * s.r;
    let disc = b * b - c;
    if disc < 0.0 {
        return None;
    }
    let t = -b - disc.sqrt();
    (t > 1e-4).then_some(t)
}

pub fn render(spheres: &[Sphere], mut img: ArrayViewMut2<f32>, fov: f32) {
    let (h, w) = img.dim();
    let scale = (fov.to_radians() * 0.5).tan();
    for y in prange(0..h) {
        for x in 0..w {
            let px = (2.0 * (x as f32 + 0.5) / w as f32 - 1.0) * scale * w as f32 / h as f32;
            let py = (1.0 - 2.0 * (y as f32 + 0.5) / h as f32) * scale;
            let len = (px * px + py * py + 1.0).sqrt();
            let d = [px / len, py / len, -1.0 / len];
            let mut nearest = f32::MAX;
            for s in spheres {
                if let Some(t) = hit(s, [0.0; 3], d) && t < nearest {
                    nearest = t;
                }
            }
            img[[y, x]] = if nearest < f32::MAX { 1.0 / (1.0 + nearest) } else { 0.0 };
        }
    }
}
