pub struct Grid {
    pub w: usize,
    pub h: usize,
    pub data: Vec<f32>,
}

impl Grid {
    pub fn new(w: usize, h: usize) -> Self {
        Self { w, h, data: vec![0.0; w * h] }
    }

    pub fn get(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.w + x]
    }

    pub fn smooth(&mut self) {
        let old = self.data.clone();
        for y in 1..self.h - 1 {
            for x in 1..self.w - 1 {
                let i = y * self.w + x;
                self.data[i] = 0.25 * (old[i - 1] + old[i + 1] + old[i - self.w] + old[i + self.w]);
            }
        }
    }

    pub fn into_data(self) -> Vec<f32> {
        self.data
    }
}

pub fn grid_sum(g: &Grid) -> f32 {
    g.data.iter().sum()
}
