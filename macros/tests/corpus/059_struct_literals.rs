#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Vec3 { pub x: f64, pub y: f64, pub z: f64 }

#[derive(Debug, Clone)]
pub struct Particle { pub p: Vec3, pub v: Vec3, pub id: u32, pub alive: bool }

pub fn spawn(id: u32) -> Particle {
    let p = Vec3 { x: id as f64, ..Default::default() };
    Particle { p, v: Vec3 { x: 0.0, y: 1.0, z: 0.0 }, id, alive: true }
}

pub fn advance(ps: &mut [Particle], dt: f64) {
    for part in ps.iter_mut().filter(|q| q.alive) {
        part.p.x += part.v.x * dt;
        part.p.y += part.v.y * dt;
        part.p.z += part.v.z * dt;
        if part.p.y > 100.0 {
            part.alive = false;
        }
    }
}

pub fn centroid(ps: &[Particle]) -> Vec3 {
    let n = ps.len() as f64;
    let Vec3 { x, y, z } = ps.iter().fold(Vec3::default(), |a, q| Vec3 { x: a.x + q.p.x, y: a.y + q.p.y, z: a.z + q.p.z });
    Vec3 { x: x / n, y: y / n, z: z / n }
}
