use kernelize::prange;
use ndarray::{ArrayView2, ArrayViewMut2};

pub fn life_step(cur: ArrayView2<u8>, mut next: ArrayViewMut2<u8>) {
    let h = cur.nrows();
    let w = cur.ncols();
    for y in prange(0..h) {
        for x in 0..w {
            let mut n = 0;
            for dy in [h - 1, 0, 1] {
                for dx in [w - 1, 0, 1] {
                    if dy == 0 && dx == 0 {
                        continue;
                    }
                    n += cur[[(y + dy) % h, (x + dx) % w]] as u32;
                }
            }
            next[[y, x]] = match (cur[[y, x]], n) {
                (1, 2) | (1, 3) => 1,
                (0, 3) => 1,
                _ => 0,
            };
        }
    }
}
