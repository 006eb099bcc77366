#[inline]
#[must_use]
pub fn attrs(x: f64) -> f64 {
    #[allow(unused)]
    let y = 1;
    #[allow(unused_mut)]
    let mut z = x;
    #[cfg(debug_assertions)]
    {
        z += 0.0;
    }
    #[rustfmt::skip]
    let m = [1.0, 0.0,
             0.0, 1.0];
    #[allow(clippy::float_cmp)]
    if z == m[0] {
        z = 1.0;
    }
    z
}

#[cfg_attr(feature = "fast", inline(always))]
#[doc(hidden)]
pub fn expr_attrs(v: &mut Vec<i32>) {
    #[allow(unused_must_use)]
    v.pop();
    let _ = #[allow(unused_parens)] (v.len());
}
