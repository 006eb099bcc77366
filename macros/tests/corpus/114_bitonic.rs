use kernelize::prange;

pub fn bitonic_sort(v: &mut [u32]) {
    let n = v.len();
    let mut k = 2;
    while k <= n {
        let mut j = k >> 1;
        while j > 0 {
            for i in prange(0..n) {
                let l = i ^ j;
                if l > i {
                    let asc = i & k == 0;
                    if (asc && v[i] > v[l]) || (!asc && v[i] < v[l]) {
                        v.swap(i, l);
                    }
                }
            }
            j >>= 1;
        }
        k <<= 1;
    }
}
