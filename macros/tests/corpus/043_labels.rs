pub fn find_pair(a: &[i32], target: i32) -> Option<(usize, usize)> {
    let mut found = None;
    'outer: for i in 0..a.len() {
        'inner: for j in (i + 1)..a.len() {
            if a[i] + a[j] > target * 2 {
                continue 'outer;
            }
            if a[j] < 0 {
                continue 'inner;
            }
            if a[i] + a[j] == target {
                found = Some((i, j));
                break 'outer;
            }
        }
    }
    found
}

pub fn labeled_while(grid: &[Vec<u8>]) -> usize {
    let mut r = 0;
    let mut steps = 0;
    'rows: while r < grid.len() {
        let mut c = 0;
        'cols: loop {
            if c >= grid[r].len() {
                break 'cols;
            }
            if grid[r][c] == 0xFF {
                break 'rows;
            }
            steps += 1;
            c += 1;
        }
        r += 1;
    }
    steps
}
