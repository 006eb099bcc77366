// The f64 math functions of kernelize's GPU back end, written in the kernel language.
//
// Each function is ordinary Rust (so it is tested on the CPU against a 192-bit reference) and
// uses only what the kernel language lowers to PTX: f64/integer scalars, `let`, `if`/`else`,
// `match` on integers, `for` over integer ranges, arithmetic, bit operations, `as` casts,
// `f64::from_bits`/`to_bits`, and the methods `abs sqrt trunc mul_add`. No function calls
// another one, so there are no call cycles, and the tests measure each algorithm on its own.
//
// The algorithms are those of the project's SIMD math library (runtime/src/math/explog.rs and
// trig.rs), written out for one scalar: exponents are taken apart and put together with
// `to_bits`/`from_bits`, integers are rounded with the 1.5 * 2^52 magic number, and choices
// are selects (`if c { a } else { b }`) on values computed anyway. `mul_add` is relied on to
// be fused (it is a real FMA on the GPU): the exact products `a * b - fl(a * b)` of the
// double-double steps are written `a.mul_add(b, -p)`.
//
// Plain `a * b + c` must NOT be contracted into an FMA by the code generator (PTX: emit
// `mul.rn`/`add.rn`, which ptxas never fuses): several error-free transformations below pair a
// rounded product with its separately computed error, and fusing one of them breaks the pair.
//
// Integer arithmetic never overflows, whatever the input (NaN payloads included): bit patterns
// are masked before anything is added to them.
//
// Special values (±0, subnormals, ±inf, NaN, overflow and underflow thresholds, poles and
// domain edges) give what std gives. The "measured max error" of each function is the largest
// error over 10^6 random inputs and the special and edge inputs of tests/ulp.rs, in ulps,
// against a 192-bit reference.

/// `e^x`.
///
/// Cody–Waite reduction `x = k ln2 + r`, `|r| <= ln2/2`; `e^r = 1 + r + r^2 q(r)` with `q` the
/// Taylor polynomial to degree 13 (error below 2^-57) by Estrin's scheme, `1 + r` summed
/// exactly; `2^k` is applied in two multiplications so that a subnormal or overflowing result
/// is rounded once. Overflow and underflow at std's thresholds.
/// Measured max error: 0.738 ulp.
pub fn exp(x: f64) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    // 1.5 * 2^52: adding it rounds any |v| < 2^51 to an integer, held in the low mantissa bits
    let magic = 6755399441055744.0;
    // beyond [-746, 710] the result is 0 or inf anyway; the clamp keeps k small (NaN stays NaN)
    let z = if x > 710.0 { 710.0 } else { x };
    let z = if z < -746.0 { -746.0 } else { z };
    // z = k ln2 + rh + rl, ln 2 in two parts (the high part has 32 bits, so k * ln2_hi is exact)
    let t = z.mul_add(log2e, magic);
    let k = t - magic;
    let rh = z - k * 6.931471803691238e-1;
    let rl = 0.0 - k * 1.9082149292705877e-10;
    // tail = e^(rh + rl) - 1 - rh = rl + r^2 q(r), q(r) = 1/2! + r/3! + ... + r^11/13!
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    // e^(rh + rl) = s + (e + tail), where s + e = 1 + rh exactly
    let s = 1.0 + rh;
    let e = rh - (s - 1.0);
    let mant = s + (e + tail);
    // mant * 2^k as mant * 2^k1 * 2^(k - k1), k1 = k/2 rounded: both factors are normal numbers
    let t1 = k * 0.5 + magic;
    let t2 = (k - (t1 - magic)) + magic;
    let scale1 = f64::from_bits(((t1.to_bits() & 0xfff) + 1023) << 52);
    let scale2 = f64::from_bits(((t2.to_bits() & 0xfff) + 1023) << 52);
    mant * scale1 * scale2
}

/// `2^x`.
///
/// `x = k + r`, `|r| <= 1/2`, `k` rounded with the magic number; `r ln2` as an exact
/// double-double, then `e^(r ln2)` and the scaling by `2^k` as in [`exp`].
/// Measured max error: 0.749 ulp.
pub fn exp2(x: f64) -> f64 {
    let ln2 = f64::from_bits(0x3fe6_2e42_fefa_39ef); // ln(2), high part
    let magic = 6755399441055744.0;
    let z = if x > 1030.0 { 1030.0 } else { x };
    let z = if z < -1080.0 { -1080.0 } else { z };
    let t = z + magic;
    let k = t - magic;
    let r = z - k;
    // r ln2 = rh + rl: ln 2 = LN_2 + 2.3190468138462996e-17, the product by LN_2 taken exactly
    let rh = r * ln2;
    let rl = r.mul_add(ln2, -rh);
    let rl = r.mul_add(2.3190468138462996e-17, rl);
    // tail = e^(rh + rl) - 1 - rh, as in exp
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    let s = 1.0 + rh;
    let e = rh - (s - 1.0);
    let mant = s + (e + tail);
    let t1 = k * 0.5 + magic;
    let t2 = (k - (t1 - magic)) + magic;
    let scale1 = f64::from_bits(((t1.to_bits() & 0xfff) + 1023) << 52);
    let scale2 = f64::from_bits(((t2.to_bits() & 0xfff) + 1023) << 52);
    mant * scale1 * scale2
}

/// `e^x - 1`, accurate near zero.
///
/// The reduction and polynomial of [`exp`] on `x` clamped to `[-40, 710]`, then
/// `2^k (1 + rh + tail) - 1 = 2 ((h - 1/2) + h rh + h tail)` with `h = 2^(k-1)`, the first two
/// terms summed exactly. Below 2^-54 in magnitude the result is `x`.
/// Measured max error: 1.210 ulp.
pub fn exp_m1(x: f64) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    let magic = 6755399441055744.0;
    let z = if x > 710.0 { 710.0 } else { x };
    let z = if z < -40.0 { -40.0 } else { z };
    let t = z.mul_add(log2e, magic);
    let k = t - magic;
    let rh = z - k * 6.931471803691238e-1;
    let rl = 0.0 - k * 1.9082149292705877e-10;
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    // h = 2^(k-1), k in -58..=1024
    let h = f64::from_bits(((t.to_bits() & 0xfff) + 1022) << 52);
    // (a, ea) = h - 1/2 exactly, then (s, e) = a + h rh exactly (two-sums)
    let a = h - 0.5;
    let ab = a - h;
    let ea = (h - (a - ab)) + (-0.5 - ab);
    let hr = h * rh;
    let s = a + hr;
    let sb = s - a;
    let e = (a - (s - sb)) + (hr - sb);
    let v = 2.0 * (s + h.mul_add(tail, e + ea));
    if x.abs() < 5.551115123125783e-17 { x } else { v }
}

/// `ln x`.
///
/// fdlibm's method: `x = 2^k (1 + f)` with `1 + f` in `[sqrt(1/2), sqrt(2))` (subnormals scaled
/// by 2^54 first), `s = f / (2 + f)` (by Newton's method, no division), `ln(1 + f) = f - f^2/2 +
/// s (f^2/2 + R(s^2))` with fdlibm's minimax `R`, and `k ln2` added in two parts.
/// Measured max error: 0.793 ulp.
pub fn ln(x: f64) -> f64 {
    // x = 2^k z, z in [sqrt(1/2), sqrt(2)): kb = k + 1023 from the bits of x / sqrt(1/2)
    let sub = x < f64::MIN_POSITIVE;
    let ix = (if sub { x * 18014398509481984.0 } else { x }).to_bits() & 0x7fff_ffff_ffff_ffff;
    let kb = (ix + 0x0009_5f61_9980_c433) >> 52; // 0x3ff0_0000_0000_0000 - bits of sqrt(1/2)
    let z = f64::from_bits((ix + 0x3ff0_0000_0000_0000) - (kb << 52));
    let k = (kb as f64 - 1023.0) - if sub { 54.0 } else { 0.0 };
    let f = z - 1.0;
    let hfsq = 0.5 * f * f;
    // s = f / (2 + f) without a division (on a GPU, division is a long sequence with a slow
    // path): 1 / d for d = 2 + f in [1.707, 2.414] from the linear minimax guess (relative
    // error 2^-6.06), then four Newton steps y += y (1 - d y), each squaring the error: within
    // 0.5 ulp of 1 / d (measured on 40,000 points), so s is within 1 ulp of f / d.
    let d = 2.0 + f;
    let y = d.mul_add(-0.23901599922648414, 0.9850615000483447);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let s = f * y;
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s4 * s4.mul_add(s4.mul_add(1.5313837699209373e-1, 2.2222198432149784e-1), 3.999999999940942e-1);
    let t2 = s2
        * s4.mul_add(
            s4.mul_add(s4.mul_add(1.4798198605116586e-1, 1.818357216161805e-1), 2.857142874366239e-1),
            6.666666666666735e-1,
        );
    let r = s * (hfsq + (t2 + t1));
    let v = k * 6.931471803691238e-1 - ((hfsq - k.mul_add(1.9082149292705877e-10, r)) - f);
    // +inf at +inf, -inf at +-0, NaN below zero and at NaN
    let v = if x > f64::MAX { f64::INFINITY } else { v };
    let v = if x == 0.0 { f64::NEG_INFINITY } else { v };
    if x >= 0.0 { v } else { f64::NAN }
}

/// `ln(1 + x)`, accurate near zero.
///
/// `u = 1 + x` rounded, with its rounding error `err` kept exactly (two-sum); [`ln`]'s method
/// on `u`, plus the correction `err / u`. Below 2^-54 in magnitude the result is `x`.
/// Measured max error: 0.815 ulp.
pub fn ln_1p(x: f64) -> f64 {
    let u = 1.0 + x;
    let ub = u - 1.0;
    let err = (1.0 - (u - ub)) + (x - ub);
    // u = 2^k z as in ln (u is never subnormal: it is 0, negative, or at least 2^-53)
    let iu = u.to_bits() & 0x7fff_ffff_ffff_ffff;
    let kb = (iu + 0x0009_5f61_9980_c433) >> 52;
    let z = f64::from_bits((iu + 0x3ff0_0000_0000_0000) - (kb << 52));
    let k = kb as f64 - 1023.0;
    let f = z - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s4 * s4.mul_add(s4.mul_add(1.5313837699209373e-1, 2.2222198432149784e-1), 3.999999999940942e-1);
    let t2 = s2
        * s4.mul_add(
            s4.mul_add(s4.mul_add(1.4798198605116586e-1, 1.818357216161805e-1), 2.857142874366239e-1),
            6.666666666666735e-1,
        );
    let r = s * (hfsq + (t2 + t1));
    // ln(1 + x) = ln(u) + ln(1 + err/u), the second term ~ err/u
    let c = err / u;
    let v = k * 6.931471803691238e-1 - ((hfsq - (r + k.mul_add(1.9082149292705877e-10, c))) - f);
    let v = if u > f64::MAX { f64::INFINITY } else { v };
    let v = if u == 0.0 { f64::NEG_INFINITY } else { v };
    let v = if u >= 0.0 { v } else { f64::NAN };
    if x.abs() < 5.551115123125783e-17 { x } else { v }
}

/// `log2 x`.
///
/// [`ln`]'s reduction and polynomial; `ln(1 + f)` is split as `hi + lo` with `hi` holding 21
/// bits, so that `hi / ln2` is nearly exact, and `k` is added exactly (fdlibm's `log2`).
/// Measured max error: 0.773 ulp.
pub fn log2(x: f64) -> f64 {
    let sub = x < f64::MIN_POSITIVE;
    let ix = (if sub { x * 18014398509481984.0 } else { x }).to_bits() & 0x7fff_ffff_ffff_ffff;
    let kb = (ix + 0x0009_5f61_9980_c433) >> 52;
    let z = f64::from_bits((ix + 0x3ff0_0000_0000_0000) - (kb << 52));
    let k = (kb as f64 - 1023.0) - if sub { 54.0 } else { 0.0 };
    let f = z - 1.0;
    let hfsq = 0.5 * f * f;
    // s = f / (2 + f) by Newton's method, as in `ln`.
    let d = 2.0 + f;
    let y = d.mul_add(-0.23901599922648414, 0.9850615000483447);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let s = f * y;
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s4 * s4.mul_add(s4.mul_add(1.5313837699209373e-1, 2.2222198432149784e-1), 3.999999999940942e-1);
    let t2 = s2
        * s4.mul_add(
            s4.mul_add(s4.mul_add(1.4798198605116586e-1, 1.818357216161805e-1), 2.857142874366239e-1),
            6.666666666666735e-1,
        );
    let r = s * (hfsq + (t2 + t1));
    // ln(1 + f) = hi + lo, hi = f - hfsq with its low 32 bits cleared
    let hi = f64::from_bits((f - hfsq).to_bits() & 0xffff_ffff_0000_0000);
    let lo = ((f - hi) - hfsq) + r;
    // (hi + lo) / ln2 with 1/ln2 = 1.4426950407214463 + 1.6751713164886512e-10
    let val_hi = hi * 1.4426950407214463;
    let val_lo = (lo + hi).mul_add(1.6751713164886512e-10, lo * 1.4426950407214463);
    let w = k + val_hi;
    let val_lo = val_lo + ((k - w) + val_hi);
    let v = val_lo + w;
    let v = if x > f64::MAX { f64::INFINITY } else { v };
    let v = if x == 0.0 { f64::NEG_INFINITY } else { v };
    if x >= 0.0 { v } else { f64::NAN }
}

/// `log10 x`.
///
/// As [`log2`], with `1/ln10` and `log10(2)` in two parts (fdlibm's `log10`).
/// Measured max error: 0.656 ulp.
pub fn log10(x: f64) -> f64 {
    let sub = x < f64::MIN_POSITIVE;
    let ix = (if sub { x * 18014398509481984.0 } else { x }).to_bits() & 0x7fff_ffff_ffff_ffff;
    let kb = (ix + 0x0009_5f61_9980_c433) >> 52;
    let z = f64::from_bits((ix + 0x3ff0_0000_0000_0000) - (kb << 52));
    let k = (kb as f64 - 1023.0) - if sub { 54.0 } else { 0.0 };
    let f = z - 1.0;
    let hfsq = 0.5 * f * f;
    // s = f / (2 + f) by Newton's method, as in `ln`.
    let d = 2.0 + f;
    let y = d.mul_add(-0.23901599922648414, 0.9850615000483447);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let s = f * y;
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s4 * s4.mul_add(s4.mul_add(1.5313837699209373e-1, 2.2222198432149784e-1), 3.999999999940942e-1);
    let t2 = s2
        * s4.mul_add(
            s4.mul_add(s4.mul_add(1.4798198605116586e-1, 1.818357216161805e-1), 2.857142874366239e-1),
            6.666666666666735e-1,
        );
    let r = s * (hfsq + (t2 + t1));
    let hi = f64::from_bits((f - hfsq).to_bits() & 0xffff_ffff_0000_0000);
    let lo = ((f - hi) - hfsq) + r;
    // 1/ln10 = 4.342944818781689e-1 + 2.5082946711645275e-11,
    // log10(2) = 3.0102999566361177e-1 + 3.694239077158931e-13
    let val_hi = hi * 4.342944818781689e-1;
    let y2 = k * 3.0102999566361177e-1;
    let val_lo = k.mul_add(3.694239077158931e-13, (lo + hi).mul_add(2.5082946711645275e-11, lo * 4.342944818781689e-1));
    let w = y2 + val_hi;
    let val_lo = val_lo + ((y2 - w) + val_hi);
    let v = val_lo + w;
    let v = if x > f64::MAX { f64::INFINITY } else { v };
    let v = if x == 0.0 { f64::NEG_INFINITY } else { v };
    if x >= 0.0 { v } else { f64::NAN }
}

/// `sinh x`.
///
/// One evaluation of `e^a = 2^k (1 + rh + tail)`, `a = |x|` (as in [`exp`]), gives both
/// `t = e^a - 1` (as in [`exp_m1`]) and `A = e^a / 2`; `sinh a = (t + t / (t + 1)) / 2` below 1
/// and `A - 1/(4A)` above, with one division. Overflow at `|x| > 710.4758600739439`.
/// Measured max error: 2.001 ulp.
pub fn sinh(x: f64) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    let magic = 6755399441055744.0;
    let ax = x.abs();
    let z = if ax > 711.0 { 711.0 } else { ax };
    let t = z.mul_add(log2e, magic);
    let k = t - magic;
    let rh = z - k * 6.931471803691238e-1;
    let rl = 0.0 - k * 1.9082149292705877e-10;
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    // em1 = e^a - 1 (only used for a < 1, where k <= 1)
    let h = f64::from_bits(((t.to_bits() & 0xfff) + 1022) << 52);
    let a = h - 0.5;
    let ab = a - h;
    let ea = (h - (a - ab)) + (-0.5 - ab);
    let hr = h * rh;
    let s = a + hr;
    let sb = s - a;
    let e = (a - (s - sb)) + (hr - sb);
    let em1 = 2.0 * (s + h.mul_add(tail, e + ea));
    // big = e^a / 2 = (1 + rh + tail) 2^(k-1), scaled in two steps as in exp
    let s1 = 1.0 + rh;
    let e1 = rh - (s1 - 1.0);
    let mant = s1 + (e1 + tail);
    let km = k - 1.0;
    let t1 = km * 0.5 + magic;
    let t2 = (km - (t1 - magic)) + magic;
    let big = mant
        * f64::from_bits(((t1.to_bits() & 0xfff) + 1023) << 52)
        * f64::from_bits(((t2.to_bits() & 0xfff) + 1023) << 52);
    let small = ax < 1.0;
    let qd = (if small { em1 } else { 0.25 }) / (if small { em1 + 1.0 } else { big });
    let v = if small { 0.5 * (em1 + qd) } else { big - qd };
    let v = f64::from_bits((v.to_bits() & 0x7fff_ffff_ffff_ffff) | (x.to_bits() & 0x8000_0000_0000_0000));
    if ax < 5.551115123125783e-17 { x } else { v }
}

/// `cosh x`.
///
/// As [`sinh`]: `1 + t^2 / (2 (1 + t))` below `ln2/2`, `A + 1/(4A)` above.
/// Measured max error: 1.127 ulp.
pub fn cosh(x: f64) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    let magic = 6755399441055744.0;
    let ax = x.abs();
    let z = if ax > 711.0 { 711.0 } else { ax };
    let t = z.mul_add(log2e, magic);
    let k = t - magic;
    let rh = z - k * 6.931471803691238e-1;
    let rl = 0.0 - k * 1.9082149292705877e-10;
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    let h = f64::from_bits(((t.to_bits() & 0xfff) + 1022) << 52);
    let a = h - 0.5;
    let ab = a - h;
    let ea = (h - (a - ab)) + (-0.5 - ab);
    let hr = h * rh;
    let s = a + hr;
    let sb = s - a;
    let e = (a - (s - sb)) + (hr - sb);
    let em1 = 2.0 * (s + h.mul_add(tail, e + ea));
    let s1 = 1.0 + rh;
    let e1 = rh - (s1 - 1.0);
    let mant = s1 + (e1 + tail);
    let km = k - 1.0;
    let t1 = km * 0.5 + magic;
    let t2 = (km - (t1 - magic)) + magic;
    let big = mant
        * f64::from_bits(((t1.to_bits() & 0xfff) + 1023) << 52)
        * f64::from_bits(((t2.to_bits() & 0xfff) + 1023) << 52);
    let small = ax < 0.3465735902799726; // ln2 / 2
    let qd = (if small { em1 * em1 } else { 0.25 }) / (if small { 2.0 + 2.0 * em1 } else { big });
    if small { 1.0 + qd } else { big + qd }
}

/// `tanh x`.
///
/// `t = e^(2a) - 1` as in [`exp_m1`] (`a = |x|`, `2a` replaced by 40 above `a = 20`), then
/// `tanh a = t / (t + 2)` below 1/2 and `1 - 2 / (t + 2)` above, `1 / (t + 2)` by Newton's
/// method (no division: half the GPU instructions).
/// Measured max error: 2.601 ulp.
pub fn tanh(x: f64) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    let magic = 6755399441055744.0;
    let ax = x.abs();
    let z = if ax > 20.0 { 40.0 } else { ax + ax };
    let t = z.mul_add(log2e, magic);
    let k = t - magic;
    let rh = z - k * 6.931471803691238e-1;
    let rl = 0.0 - k * 1.9082149292705877e-10;
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    let h = f64::from_bits(((t.to_bits() & 0xfff) + 1022) << 52);
    let a = h - 0.5;
    let ab = a - h;
    let ea = (h - (a - ab)) + (-0.5 - ab);
    let hr = h * rh;
    let s = a + hr;
    let sb = s - a;
    let e = (a - (s - sb)) + (hr - sb);
    let em1 = 2.0 * (s + h.mul_add(tail, e + ea));
    let small = ax < 0.5;
    // (small ? t : 2) / (t + 2) without a division: 1 / d, d = t + 2 in [2, 2.4e17], from the
    // magic-constant guess (relative error 2^-4.3 at worst), then four Newton steps (each
    // squaring the error): within 0.5 ulp of 1 / d (measured on 25,000 points).
    let d = em1 + 2.0;
    // (a NaN's bits, from a NaN argument, replaced so that the integer subtraction cannot
    // overflow; the result is NaN anyway)
    let db = d.to_bits();
    let db = if db > 0x4400_0000_0000_0000 { 0x4000_0000_0000_0000 } else { db };
    let y = f64::from_bits(0x7fde_6238_da3c_2118 - db);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let y = y.mul_add(d.mul_add(-y, 1.0), y);
    let qd = (if small { em1 } else { 2.0 }) * y;
    let v = if small { qd } else { 1.0 - qd };
    let v = f64::from_bits((v.to_bits() & 0x7fff_ffff_ffff_ffff) | (x.to_bits() & 0x8000_0000_0000_0000));
    if ax < 5.551115123125783e-17 { x } else { v }
}

/// `x^y`, with the special cases of C99's `pow` (as std's `powf`).
///
/// `ln |x|` to about 100 bits as a double-double (`x = 2^k (1 + f)`, `s = f / (2 + f)` as a
/// double-double, the atanh series `ln(1 + f) = 2s + s^3 (2/3 + s^2 T(s^2))`), times `y`
/// exactly, then `e^(zh + zl)` as in [`exp`] with `zl` added to the reduced argument; the sign
/// and the special cases by selects.
/// Measured max error: 0.728 ulp.
pub fn powf(x: f64, y: f64) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    let magic = 6755399441055744.0;
    let ax = x.abs();
    let regular = ax > 0.0 && ax <= f64::MAX;
    // ax = 2^k z, z in [sqrt(1/2), sqrt(2)), as in ln
    let sub = ax < f64::MIN_POSITIVE;
    let ix = (if sub { ax * 18014398509481984.0 } else { ax }).to_bits() & 0x7fff_ffff_ffff_ffff;
    let kb = (ix + 0x0009_5f61_9980_c433) >> 52;
    let z = f64::from_bits((ix + 0x3ff0_0000_0000_0000) - (kb << 52));
    let kl = (kb as f64 - 1023.0) - if sub { 54.0 } else { 0.0 };
    let f = z - 1.0;
    // s = f / (2 + f) as sh + sl (d + dl = 2 + f exactly; sl from the exact remainder)
    let d = 2.0 + f;
    let dl = f - (d - 2.0);
    let inv = 1.0 / d;
    let sh = f * inv;
    let ph = sh * d;
    let pl = sh.mul_add(d, -ph);
    let sl = (((f - ph) - pl) - sh * dl) * inv;
    // c = 2/3 + s^2 T(s^2) as ch + cl, T = 2/5 + 2/7 s^2 + ... + 2/23 s^18 (Estrin)
    let w = sh * sh;
    let w2 = w * w;
    let w4 = w2 * w2;
    let p01 = w2.mul_add(w.mul_add(0.18181818181818182, 0.2222222222222222), w.mul_add(0.2857142857142857, 0.4));
    let p23 = w2.mul_add(
        w.mul_add(0.10526315789473684, 0.11764705882352941),
        w.mul_add(0.13333333333333333, 0.15384615384615385),
    );
    let p4 = w.mul_add(0.08695652173913043, 0.09523809523809523);
    let tpoly = (w4 * w4).mul_add(p4, w4.mul_add(p23, p01));
    let cadd = w * tpoly;
    let ch = 0.6666666666666666 + cadd;
    let cl = (cadd - (ch - 0.6666666666666666)) + 3.700743415417188e-17;
    // s^3 = q3h + q3l and s^3 c = th + tl
    let q2h = sh * sh;
    let q2l = (sh + sh).mul_add(sl, sh.mul_add(sh, -q2h));
    let q3h = q2h * sh;
    let q3l = q2h.mul_add(sh, -q3h) + q2h.mul_add(sl, q2l * sh);
    let th = q3h * ch;
    let tl = q3h.mul_add(ch, -th) + q3h.mul_add(cl, q3l * ch);
    // ln ax = k ln2 + 2s + s^3 c = lh + ll
    let a1 = kl * 6.931471803691238e-1;
    let b1 = sh + sh;
    let h1 = a1 + b1;
    let bb1 = h1 - a1;
    let e1 = (a1 - (h1 - bb1)) + (b1 - bb1);
    let h2 = h1 + th;
    let bb2 = h2 - h1;
    let e2 = (h1 - (h2 - bb2)) + (th - bb2);
    let lo = (e1 + e2) + (kl.mul_add(1.9082149292705877e-10, sl + sl) + tl);
    let lh = h2 + lo;
    let ll = lo - (lh - h2);
    // y ln ax = zh + zl (ln of 0 is -inf, of inf or NaN the argument itself)
    let lh = if regular {
        lh
    } else if ax == 0.0 {
        f64::NEG_INFINITY
    } else {
        ax
    };
    let zh = y * lh;
    let zl = y.mul_add(ll, y.mul_add(lh, -zh));
    let zl = if regular && zl.abs() < 1.0 { zl } else { 0.0 };
    // e^(zh + zl), as in exp
    let inside = zh < 710.0 && zh > -746.0;
    let zl = if inside { zl } else { 0.0 };
    let zh = if zh > 710.0 { 710.0 } else { zh };
    let zh = if zh < -746.0 { -746.0 } else { zh };
    let t = zh.mul_add(log2e, magic);
    let k = t - magic;
    let rh = zh - k * 6.931471803691238e-1;
    let rl = zl - k * 1.9082149292705877e-10;
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    let s = 1.0 + rh;
    let e = rh - (s - 1.0);
    let mant = s + (e + tail);
    let t1 = k * 0.5 + magic;
    let t2 = (k - (t1 - magic)) + magic;
    let v = mant
        * f64::from_bits(((t1.to_bits() & 0xfff) + 1023) << 52)
        * f64::from_bits(((t2.to_bits() & 0xfff) + 1023) << 52);
    // signs and the special cases of C99's pow (infinities count as even integers)
    let y_int = y.trunc() == y;
    let y_odd = y_int && (y * 0.5).trunc() != y * 0.5;
    let v = if y_odd { f64::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000)) } else { v };
    let v = if x < 0.0 && x > f64::NEG_INFINITY && !y_int { f64::NAN } else { v };
    if x == 1.0 || y == 0.0 || (x == -1.0 && y.abs() > f64::MAX) { 1.0 } else { v }
}

/// `x^n` for an integer `n`: the value of std's `x.powf(n as f64)`, accurate for every `n`
/// (unlike repeated multiplication), and std's `powi` on special values (`x^0 = 1` even for NaN).
///
/// [`powf`]'s algorithm with `y = n` (exact), the parity taken from `n`.
/// Measured max error: 0.705 ulp.
pub fn powi(x: f64, n: i32) -> f64 {
    let log2e = f64::from_bits(0x3ff7_1547_652b_82fe); // log2(e)
    let magic = 6755399441055744.0;
    let y = n as f64;
    let ax = x.abs();
    let regular = ax > 0.0 && ax <= f64::MAX;
    let sub = ax < f64::MIN_POSITIVE;
    let ix = (if sub { ax * 18014398509481984.0 } else { ax }).to_bits() & 0x7fff_ffff_ffff_ffff;
    let kb = (ix + 0x0009_5f61_9980_c433) >> 52;
    let z = f64::from_bits((ix + 0x3ff0_0000_0000_0000) - (kb << 52));
    let kl = (kb as f64 - 1023.0) - if sub { 54.0 } else { 0.0 };
    let f = z - 1.0;
    let d = 2.0 + f;
    let dl = f - (d - 2.0);
    let inv = 1.0 / d;
    let sh = f * inv;
    let ph = sh * d;
    let pl = sh.mul_add(d, -ph);
    let sl = (((f - ph) - pl) - sh * dl) * inv;
    let w = sh * sh;
    let w2 = w * w;
    let w4 = w2 * w2;
    let p01 = w2.mul_add(w.mul_add(0.18181818181818182, 0.2222222222222222), w.mul_add(0.2857142857142857, 0.4));
    let p23 = w2.mul_add(
        w.mul_add(0.10526315789473684, 0.11764705882352941),
        w.mul_add(0.13333333333333333, 0.15384615384615385),
    );
    let p4 = w.mul_add(0.08695652173913043, 0.09523809523809523);
    let tpoly = (w4 * w4).mul_add(p4, w4.mul_add(p23, p01));
    let cadd = w * tpoly;
    let ch = 0.6666666666666666 + cadd;
    let cl = (cadd - (ch - 0.6666666666666666)) + 3.700743415417188e-17;
    let q2h = sh * sh;
    let q2l = (sh + sh).mul_add(sl, sh.mul_add(sh, -q2h));
    let q3h = q2h * sh;
    let q3l = q2h.mul_add(sh, -q3h) + q2h.mul_add(sl, q2l * sh);
    let th = q3h * ch;
    let tl = q3h.mul_add(ch, -th) + q3h.mul_add(cl, q3l * ch);
    let a1 = kl * 6.931471803691238e-1;
    let b1 = sh + sh;
    let h1 = a1 + b1;
    let bb1 = h1 - a1;
    let e1 = (a1 - (h1 - bb1)) + (b1 - bb1);
    let h2 = h1 + th;
    let bb2 = h2 - h1;
    let e2 = (h1 - (h2 - bb2)) + (th - bb2);
    let lo = (e1 + e2) + (kl.mul_add(1.9082149292705877e-10, sl + sl) + tl);
    let lh = h2 + lo;
    let ll = lo - (lh - h2);
    let lh = if regular {
        lh
    } else if ax == 0.0 {
        f64::NEG_INFINITY
    } else {
        ax
    };
    let zh = y * lh;
    let zl = y.mul_add(ll, y.mul_add(lh, -zh));
    let zl = if regular && zl.abs() < 1.0 { zl } else { 0.0 };
    let inside = zh < 710.0 && zh > -746.0;
    let zl = if inside { zl } else { 0.0 };
    let zh = if zh > 710.0 { 710.0 } else { zh };
    let zh = if zh < -746.0 { -746.0 } else { zh };
    let t = zh.mul_add(log2e, magic);
    let k = t - magic;
    let rh = zh - k * 6.931471803691238e-1;
    let rl = zl - k * 1.9082149292705877e-10;
    let r = rh + rl;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q01 = r2.mul_add(r.mul_add(0.008333333333333333, 0.041666666666666664), r.mul_add(0.16666666666666666, 0.5));
    let q23 = r2.mul_add(
        r.mul_add(2.7557319223985893e-6, 2.48015873015873e-5),
        r.mul_add(0.0001984126984126984, 0.001388888888888889),
    );
    let q45 = r2.mul_add(
        r.mul_add(1.6059043836821613e-10, 2.08767569878681e-9),
        r.mul_add(2.505210838544172e-8, 2.755731922398589e-7),
    );
    let q = (r4 * r4).mul_add(q45, r4.mul_add(q23, q01));
    let tail = r2.mul_add(q, rl);
    let s = 1.0 + rh;
    let e = rh - (s - 1.0);
    let mant = s + (e + tail);
    let t1 = k * 0.5 + magic;
    let t2 = (k - (t1 - magic)) + magic;
    let v = mant
        * f64::from_bits(((t1.to_bits() & 0xfff) + 1023) << 52)
        * f64::from_bits(((t2.to_bits() & 0xfff) + 1023) << 52);
    // the sign of x for odd n; x^0 = 1 and 1^n = 1, NaN included
    let v = if (n & 1) != 0 { f64::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000)) } else { v };
    if x == 1.0 || n == 0 { 1.0 } else { v }
}

/// `cbrt x`.
///
/// FreeBSD's method: a first guess from the bits (the exponent divided by 3), a polynomial to
/// 23 bits, rounded away from zero to 23 bits, then one Newton step to 53 bits.
/// Measured max error: 0.666 ulp.
pub fn cbrt(x: f64) -> f64 {
    let ax = x.abs();
    let sub = ax < f64::MIN_POSITIVE;
    // the high word of |x| (subnormals scaled by 2^54), divided by 3, plus the bias
    let hx = ((if sub { ax * 18014398509481984.0 } else { ax }).to_bits() >> 32) & 0x7fff_ffff;
    let hx3 = ((hx * 0xaaaa_aaab) >> 33) + if sub { 696219795 } else { 715094163 };
    let t = f64::from_bits(hx3 << 32);
    // to 23 bits: cbrt(a) = t cbrt(a / t^3) ~= t P(t^3 / a)
    let r = (t * t) * (t / ax);
    let p012 = r.mul_add(r.mul_add(1.6214297201053545, -1.8849797954337717), 1.87595182427177);
    let t = t * ((r * r) * r).mul_add(r.mul_add(0.14599619288661245, -0.758397934778766), p012);
    // round away from zero to 23 bits, then one Newton step
    let t = f64::from_bits(((t.to_bits() & 0x7fff_ffff_ffff_ffff) + 0x8000_0000) & 0xffff_ffff_c000_0000);
    let s = t * t;
    let r = ax / s;
    let r = (r - t) / ((t + t) + r);
    let t = t.mul_add(r, t);
    let v = f64::from_bits(t.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000));
    // +-0, +-inf and NaN are returned as they are
    if ax <= f64::MAX && ax != 0.0 { v } else { x + x }
}

/// `sqrt(x^2 + y^2)` without undue overflow or underflow.
///
/// Both arguments scaled by a power of two `1/e` near the larger one, `h = sqrt(b^2 + s^2)`
/// corrected once with the exact residual `b^2 + s^2 - h^2` (Borges, 2019), then scaled back.
/// `hypot(+-inf, NaN) = inf`.
/// Measured max error: 0.742 ulp.
pub fn hypot(x: f64, y: f64) -> f64 {
    let ax = x.abs();
    let ay = y.abs();
    let gt = ax > ay;
    let big = if gt { ax } else { ay };
    let small = if gt { ay } else { ax };
    // e = 2^(exponent of big), clamped to [2^-1022, 2^1022] so that 1/e is a normal number
    let e = f64::from_bits(big.to_bits() & 0x7ff0_0000_0000_0000);
    let two_1022 = f64::from_bits(0x7fd0_0000_0000_0000);
    let e = if e > two_1022 { two_1022 } else { e };
    let e = if e < f64::MIN_POSITIVE { f64::MIN_POSITIVE } else { e };
    let inv = f64::from_bits(0x7fe0_0000_0000_0000 - e.to_bits());
    let b = big * inv;
    let s = small * inv;
    let b2 = b * b;
    let b2l = b.mul_add(b, -b2);
    let s2 = s * s;
    let s2l = s.mul_add(s, -s2);
    let h = (b2 + s2).sqrt();
    let h2 = h * h;
    let h2l = h.mul_add(h, -h2);
    let resid = ((b2 - h2) + s2) + ((b2l + s2l) - h2l);
    let h = h + resid / (h + h);
    let v = if big + small == 0.0 { 0.0 } else { h * e };
    if ax > f64::MAX || ay > f64::MAX { f64::INFINITY } else { v }
}

/// `sin x`.
///
/// `x = k pi/2 + hi + lo` with `hi + lo` good to about 2^-100 relative: Cody–Waite with pi/2 in
/// three 33-bit pieces and a tail for `|x| <= 1.6e6`, Payne–Hanek beyond (the bits of 2/pi at
/// the argument's exponent, multiplied exactly in 32-bit limbs). Minimax polynomials for
/// `sin` and `cos` on `[-pi/4, pi/4]` with a first-order correction for `lo` (fdlibm's
/// kernels); `k mod 4` picks the kernel and the sign. Below 2^-27 the result is `x`.
/// Measured max error: 0.759 ulp.
pub fn sin(x: f64) -> f64 {
    let two_over_pi = f64::from_bits(0x3fe4_5f30_6dc9_c883); // 2/pi
    let pio2 = f64::from_bits(0x3ff9_21fb_5444_2d18); // pi/2, high part
    let ax = x.abs();
    // x = k pi/2 + hi + lo, q = k mod 4. Cody–Waite first (cheap, right for |x| <= 1.6e6 and
    // NaN), with pi/2 in three 33-bit pieces and a tail: k * piece is exact for k < 2^20.
    let magic = 6755399441055744.0;
    let t = x * two_over_pi + magic;
    let k = t - magic;
    let a = x - k * 1.5707963267341256;
    let b = -(k * 6.077100506303966e-11);
    let s1 = a + b;
    let bb = s1 - a;
    let e1 = (a - (s1 - bb)) + (b - bb);
    let c = -(k * 2.0222662487111665e-21);
    let s2 = s1 + c;
    let cb = s2 - s1;
    let e2 = (s1 - (s2 - cb)) + (c - cb);
    let tl = (e1 + e2) - k * 8.4784276603689e-32;
    let mut hi = s2 + tl;
    let mut lo = tl - (hi - s2);
    let mut q = t.to_bits() & 3;
    if ax > 1.6e6 {
        // Payne–Hanek. |x| = m 2^e with m a 53-bit integer and e = exponent - 1075 >= -32. The
        // bits of 2/pi worth 2^-i for i <= e - 2 only add multiples of 4 to x 2/pi, so the 192
        // bits from the one worth 2^-(e-1) on (table bit p = e + 62: the table starts with 64
        // zero bits) give k mod 4 and the fraction to within 2^-137. The product m * window,
        // taken mod 2^192, is worth 2^-190 per unit: its bits 190 and 191 are k mod 4.
        let bits = ax.to_bits();
        let m = (bits & 0x000f_ffff_ffff_ffff) | 0x0010_0000_0000_0000;
        let m0 = m & 0xffff_ffff;
        let m1 = m >> 32;
        let p = (bits >> 52) - 1013; // (exponent field - 1075) + 62, at least 30 here
        // schoolbook product, 32-bit limbs, lowest column first: column j gets the low halves
        // of m0 w_j and m1 w_(j-1) and the high halves of m0 w_(j-1) and m1 w_(j-2); the window
        // limb w_j holds table bits p + 160 - 32j onwards. Columns 1..5 end up in r1..r5.
        let mut w1: u64 = 0;
        let mut w2: u64 = 0;
        let mut carry: u64 = 0;
        let mut r1: u64 = 0;
        let mut r2: u64 = 0;
        let mut r3: u64 = 0;
        let mut r4: u64 = 0;
        let mut r5: u64 = 0;
        // limb j starts at table bit p + 160 - 32j: in pair (p >> 5) + 5 - j, shifted right by
        // 32 - (p & 31)
        let top = ((p >> 5) + 5) as u32;
        let shift = 32 - (p & 31);
        for j in 0..6u32 {
            // bits 32i .. 32i + 63 of the table of 2/pi (after the binary point, 64 zeros first);
            // i <= 37 even for |x| = inf
            let pair: u64 = match top - j {
                0 => 0x0000_0000_0000_0000,
                1 => 0x0000_0000_a2f9_836e,
                2 => 0xa2f9_836e_4e44_1529,
                3 => 0x4e44_1529_fc27_57d1,
                4 => 0xfc27_57d1_f534_ddc0,
                5 => 0xf534_ddc0_db62_9599,
                6 => 0xdb62_9599_3c43_9041,
                7 => 0x3c43_9041_fe51_63ab,
                8 => 0xfe51_63ab_debb_c561,
                9 => 0xdebb_c561_b724_6e3a,
                10 => 0xb724_6e3a_424d_d2e0,
                11 => 0x424d_d2e0_0649_2eea,
                12 => 0x0649_2eea_09d1_921c,
                13 => 0x09d1_921c_fe1d_eb1c,
                14 => 0xfe1d_eb1c_b129_a73e,
                15 => 0xb129_a73e_e882_35f5,
                16 => 0xe882_35f5_2ebb_4484,
                17 => 0x2ebb_4484_e99c_7026,
                18 => 0xe99c_7026_b45f_7e41,
                19 => 0xb45f_7e41_3991_d639,
                20 => 0x3991_d639_8353_39f4,
                21 => 0x8353_39f4_9c84_5f8b,
                22 => 0x9c84_5f8b_bdf9_283b,
                23 => 0xbdf9_283b_1ff8_97ff,
                24 => 0x1ff8_97ff_de05_980f,
                25 => 0xde05_980f_ef2f_118b,
                26 => 0xef2f_118b_5a0a_6d1f,
                27 => 0x5a0a_6d1f_6d36_7ecf,
                28 => 0x6d36_7ecf_27cb_09b7,
                29 => 0x27cb_09b7_4f46_3f66,
                30 => 0x4f46_3f66_9e5f_ea2d,
                31 => 0x9e5f_ea2d_7527_bac7,
                32 => 0x7527_bac7_ebe5_f17b,
                33 => 0xebe5_f17b_3d07_39f7,
                34 => 0x3d07_39f7_8a52_92ea,
                35 => 0x8a52_92ea_6bfb_5fb1,
                36 => 0x6bfb_5fb1_1f8d_5d08,
                37 => 0x1f8d_5d08_5603_3046,
                _ => 0,
            };
            let wj = (pair >> shift) & 0xffff_ffff;
            let col =
                carry + ((m0 * wj) & 0xffff_ffff) + ((m0 * w1) >> 32) + ((m1 * w1) & 0xffff_ffff) + ((m1 * w2) >> 32);
            r1 = r2;
            r2 = r3;
            r3 = r4;
            r4 = r5;
            r5 = col & 0xffff_ffff;
            carry = col >> 32;
            w2 = w1;
            w1 = wj;
        }
        // a fraction of 1/2 or more rounds k up: f in [-1/2, 1/2) quarter turns, as a sum of
        // exact terms f0 + ... + f4 (scaled limbs) turned into a double-double fh + fl
        let half = (r5 >> 29) & 1;
        let k4 = ((r5 >> 30) + half) & 3;
        let f0 = ((r5 & 0x3fff_ffff) as f64) * f64::from_bits(0x3e10_0000_0000_0000) - half as f64; // 2^-30
        let f1 = (r4 as f64) * f64::from_bits(0x3c10_0000_0000_0000); // 2^-62
        let f2 = (r3 as f64) * f64::from_bits(0x3a10_0000_0000_0000); // 2^-94
        let f3 = (r2 as f64) * f64::from_bits(0x3810_0000_0000_0000); // 2^-126
        let f4 = (r1 as f64) * f64::from_bits(0x3610_0000_0000_0000); // 2^-158
        let g1 = f0 + f1;
        let gb1 = g1 - f0;
        let ge1 = (f0 - (g1 - gb1)) + (f1 - gb1);
        let g2 = g1 + f2;
        let gb2 = g2 - g1;
        let ge2 = (g1 - (g2 - gb2)) + (f2 - gb2);
        let g3 = g2 + f3;
        let gb3 = g3 - g2;
        let ge3 = (g2 - (g3 - gb3)) + (f3 - gb3);
        let gl = ((ge1 + ge2) + ge3) + f4;
        let fh = g3 + gl;
        let fl = gl - (fh - g3);
        // times pi/2 = 1.5707963267948966 + 6.123233995736766e-17
        let ph = fh * pio2;
        let pl = fh.mul_add(pio2, -ph);
        let pt = pl + (fh * 6.123233995736766e-17 + fl * pio2);
        let h = ph + pt;
        let l = pt - (h - ph);
        let neg = x < 0.0;
        q = if neg { (4 - k4) & 3 } else { k4 };
        hi = if neg { -h } else { h };
        lo = if neg { -l } else { l };
    }
    // the sine and cosine kernels at hi + lo
    let z = hi * hi;
    let v = z * hi;
    let rs = z.mul_add(
        z.mul_add(
            z.mul_add(z.mul_add(1.5896811789298266e-10, -2.5050758384291443e-08), 2.7557313693572864e-06),
            -0.00019841269829812383,
        ),
        0.008333333333322418,
    );
    let inner = z.mul_add((-v).mul_add(rs, 0.5 * lo), -lo);
    let sn = hi - (-v).mul_add(-0.16666666666666632, inner);
    let rc = z * z.mul_add(
        z.mul_add(
            z.mul_add(
                z.mul_add(z.mul_add(-1.1359658868485467e-11, 2.0875723479636736e-09), -2.75573143537947e-07),
                2.4801587289487036e-05,
            ),
            -0.0013888888888874131,
        ),
        0.0416666666666666,
    );
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    let cs = w + (((1.0 - w) - hz) + z.mul_add(rc, -(hi * lo)));
    // sin(k pi/2 + r) = sin r, cos r, -sin r, -cos r
    let v = if (q & 1) != 0 { cs } else { sn };
    let v = if (q & 2) != 0 { -v } else { v };
    let v = if ax > f64::MAX { f64::NAN } else { v };
    if ax < 7.450580596923828e-9 { x } else { v }
}

/// `cos x`.
///
/// As [`sin`], a quarter turn further: `cos x = sin(x + pi/2)`.
/// Measured max error: 0.760 ulp.
pub fn cos(x: f64) -> f64 {
    let two_over_pi = f64::from_bits(0x3fe4_5f30_6dc9_c883); // 2/pi
    let pio2 = f64::from_bits(0x3ff9_21fb_5444_2d18); // pi/2, high part
    let ax = x.abs();
    // x = k pi/2 + hi + lo, q = k mod 4. Cody–Waite first (cheap, right for |x| <= 1.6e6 and
    // NaN), with pi/2 in three 33-bit pieces and a tail: k * piece is exact for k < 2^20.
    let magic = 6755399441055744.0;
    let t = x * two_over_pi + magic;
    let k = t - magic;
    let a = x - k * 1.5707963267341256;
    let b = -(k * 6.077100506303966e-11);
    let s1 = a + b;
    let bb = s1 - a;
    let e1 = (a - (s1 - bb)) + (b - bb);
    let c = -(k * 2.0222662487111665e-21);
    let s2 = s1 + c;
    let cb = s2 - s1;
    let e2 = (s1 - (s2 - cb)) + (c - cb);
    let tl = (e1 + e2) - k * 8.4784276603689e-32;
    let mut hi = s2 + tl;
    let mut lo = tl - (hi - s2);
    let mut q = t.to_bits() & 3;
    if ax > 1.6e6 {
        // Payne–Hanek. |x| = m 2^e with m a 53-bit integer and e = exponent - 1075 >= -32. The
        // bits of 2/pi worth 2^-i for i <= e - 2 only add multiples of 4 to x 2/pi, so the 192
        // bits from the one worth 2^-(e-1) on (table bit p = e + 62: the table starts with 64
        // zero bits) give k mod 4 and the fraction to within 2^-137. The product m * window,
        // taken mod 2^192, is worth 2^-190 per unit: its bits 190 and 191 are k mod 4.
        let bits = ax.to_bits();
        let m = (bits & 0x000f_ffff_ffff_ffff) | 0x0010_0000_0000_0000;
        let m0 = m & 0xffff_ffff;
        let m1 = m >> 32;
        let p = (bits >> 52) - 1013; // (exponent field - 1075) + 62, at least 30 here
        // schoolbook product, 32-bit limbs, lowest column first: column j gets the low halves
        // of m0 w_j and m1 w_(j-1) and the high halves of m0 w_(j-1) and m1 w_(j-2); the window
        // limb w_j holds table bits p + 160 - 32j onwards. Columns 1..5 end up in r1..r5.
        let mut w1: u64 = 0;
        let mut w2: u64 = 0;
        let mut carry: u64 = 0;
        let mut r1: u64 = 0;
        let mut r2: u64 = 0;
        let mut r3: u64 = 0;
        let mut r4: u64 = 0;
        let mut r5: u64 = 0;
        // limb j starts at table bit p + 160 - 32j: in pair (p >> 5) + 5 - j, shifted right by
        // 32 - (p & 31)
        let top = ((p >> 5) + 5) as u32;
        let shift = 32 - (p & 31);
        for j in 0..6u32 {
            // bits 32i .. 32i + 63 of the table of 2/pi (after the binary point, 64 zeros first);
            // i <= 37 even for |x| = inf
            let pair: u64 = match top - j {
                0 => 0x0000_0000_0000_0000,
                1 => 0x0000_0000_a2f9_836e,
                2 => 0xa2f9_836e_4e44_1529,
                3 => 0x4e44_1529_fc27_57d1,
                4 => 0xfc27_57d1_f534_ddc0,
                5 => 0xf534_ddc0_db62_9599,
                6 => 0xdb62_9599_3c43_9041,
                7 => 0x3c43_9041_fe51_63ab,
                8 => 0xfe51_63ab_debb_c561,
                9 => 0xdebb_c561_b724_6e3a,
                10 => 0xb724_6e3a_424d_d2e0,
                11 => 0x424d_d2e0_0649_2eea,
                12 => 0x0649_2eea_09d1_921c,
                13 => 0x09d1_921c_fe1d_eb1c,
                14 => 0xfe1d_eb1c_b129_a73e,
                15 => 0xb129_a73e_e882_35f5,
                16 => 0xe882_35f5_2ebb_4484,
                17 => 0x2ebb_4484_e99c_7026,
                18 => 0xe99c_7026_b45f_7e41,
                19 => 0xb45f_7e41_3991_d639,
                20 => 0x3991_d639_8353_39f4,
                21 => 0x8353_39f4_9c84_5f8b,
                22 => 0x9c84_5f8b_bdf9_283b,
                23 => 0xbdf9_283b_1ff8_97ff,
                24 => 0x1ff8_97ff_de05_980f,
                25 => 0xde05_980f_ef2f_118b,
                26 => 0xef2f_118b_5a0a_6d1f,
                27 => 0x5a0a_6d1f_6d36_7ecf,
                28 => 0x6d36_7ecf_27cb_09b7,
                29 => 0x27cb_09b7_4f46_3f66,
                30 => 0x4f46_3f66_9e5f_ea2d,
                31 => 0x9e5f_ea2d_7527_bac7,
                32 => 0x7527_bac7_ebe5_f17b,
                33 => 0xebe5_f17b_3d07_39f7,
                34 => 0x3d07_39f7_8a52_92ea,
                35 => 0x8a52_92ea_6bfb_5fb1,
                36 => 0x6bfb_5fb1_1f8d_5d08,
                37 => 0x1f8d_5d08_5603_3046,
                _ => 0,
            };
            let wj = (pair >> shift) & 0xffff_ffff;
            let col =
                carry + ((m0 * wj) & 0xffff_ffff) + ((m0 * w1) >> 32) + ((m1 * w1) & 0xffff_ffff) + ((m1 * w2) >> 32);
            r1 = r2;
            r2 = r3;
            r3 = r4;
            r4 = r5;
            r5 = col & 0xffff_ffff;
            carry = col >> 32;
            w2 = w1;
            w1 = wj;
        }
        // a fraction of 1/2 or more rounds k up: f in [-1/2, 1/2) quarter turns, as a sum of
        // exact terms f0 + ... + f4 (scaled limbs) turned into a double-double fh + fl
        let half = (r5 >> 29) & 1;
        let k4 = ((r5 >> 30) + half) & 3;
        let f0 = ((r5 & 0x3fff_ffff) as f64) * f64::from_bits(0x3e10_0000_0000_0000) - half as f64; // 2^-30
        let f1 = (r4 as f64) * f64::from_bits(0x3c10_0000_0000_0000); // 2^-62
        let f2 = (r3 as f64) * f64::from_bits(0x3a10_0000_0000_0000); // 2^-94
        let f3 = (r2 as f64) * f64::from_bits(0x3810_0000_0000_0000); // 2^-126
        let f4 = (r1 as f64) * f64::from_bits(0x3610_0000_0000_0000); // 2^-158
        let g1 = f0 + f1;
        let gb1 = g1 - f0;
        let ge1 = (f0 - (g1 - gb1)) + (f1 - gb1);
        let g2 = g1 + f2;
        let gb2 = g2 - g1;
        let ge2 = (g1 - (g2 - gb2)) + (f2 - gb2);
        let g3 = g2 + f3;
        let gb3 = g3 - g2;
        let ge3 = (g2 - (g3 - gb3)) + (f3 - gb3);
        let gl = ((ge1 + ge2) + ge3) + f4;
        let fh = g3 + gl;
        let fl = gl - (fh - g3);
        // times pi/2 = 1.5707963267948966 + 6.123233995736766e-17
        let ph = fh * pio2;
        let pl = fh.mul_add(pio2, -ph);
        let pt = pl + (fh * 6.123233995736766e-17 + fl * pio2);
        let h = ph + pt;
        let l = pt - (h - ph);
        let neg = x < 0.0;
        q = if neg { (4 - k4) & 3 } else { k4 };
        hi = if neg { -h } else { h };
        lo = if neg { -l } else { l };
    }
    let z = hi * hi;
    let v = z * hi;
    let rs = z.mul_add(
        z.mul_add(
            z.mul_add(z.mul_add(1.5896811789298266e-10, -2.5050758384291443e-08), 2.7557313693572864e-06),
            -0.00019841269829812383,
        ),
        0.008333333333322418,
    );
    let inner = z.mul_add((-v).mul_add(rs, 0.5 * lo), -lo);
    let sn = hi - (-v).mul_add(-0.16666666666666632, inner);
    let rc = z * z.mul_add(
        z.mul_add(
            z.mul_add(
                z.mul_add(z.mul_add(-1.1359658868485467e-11, 2.0875723479636736e-09), -2.75573143537947e-07),
                2.4801587289487036e-05,
            ),
            -0.0013888888888874131,
        ),
        0.0416666666666666,
    );
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    let cs = w + (((1.0 - w) - hz) + z.mul_add(rc, -(hi * lo)));
    // cos(k pi/2 + r) = cos r, -sin r, -cos r, sin r
    let q = (q + 1) & 3;
    let v = if (q & 1) != 0 { cs } else { sn };
    let v = if (q & 2) != 0 { -v } else { v };
    if ax > f64::MAX { f64::NAN } else { v }
}

/// `tan x`.
///
/// [`sin`]'s reduction and kernels, both as double-doubles; `tan = sin r / cos r` for even `k`,
/// `-cos r / sin r` for odd, divided as double-doubles (the quotient, corrected from the exact
/// remainder). Below 2^-27 the result is `x`.
/// Measured max error: 0.879 ulp.
pub fn tan(x: f64) -> f64 {
    let two_over_pi = f64::from_bits(0x3fe4_5f30_6dc9_c883); // 2/pi
    let pio2 = f64::from_bits(0x3ff9_21fb_5444_2d18); // pi/2, high part
    let ax = x.abs();
    // x = k pi/2 + hi + lo, q = k mod 4. Cody–Waite first (cheap, right for |x| <= 1.6e6 and
    // NaN), with pi/2 in three 33-bit pieces and a tail: k * piece is exact for k < 2^20.
    let magic = 6755399441055744.0;
    let t = x * two_over_pi + magic;
    let k = t - magic;
    let a = x - k * 1.5707963267341256;
    let b = -(k * 6.077100506303966e-11);
    let s1 = a + b;
    let bb = s1 - a;
    let e1 = (a - (s1 - bb)) + (b - bb);
    let c = -(k * 2.0222662487111665e-21);
    let s2 = s1 + c;
    let cb = s2 - s1;
    let e2 = (s1 - (s2 - cb)) + (c - cb);
    let tl = (e1 + e2) - k * 8.4784276603689e-32;
    let mut hi = s2 + tl;
    let mut lo = tl - (hi - s2);
    let mut q = t.to_bits() & 3;
    if ax > 1.6e6 {
        // Payne–Hanek. |x| = m 2^e with m a 53-bit integer and e = exponent - 1075 >= -32. The
        // bits of 2/pi worth 2^-i for i <= e - 2 only add multiples of 4 to x 2/pi, so the 192
        // bits from the one worth 2^-(e-1) on (table bit p = e + 62: the table starts with 64
        // zero bits) give k mod 4 and the fraction to within 2^-137. The product m * window,
        // taken mod 2^192, is worth 2^-190 per unit: its bits 190 and 191 are k mod 4.
        let bits = ax.to_bits();
        let m = (bits & 0x000f_ffff_ffff_ffff) | 0x0010_0000_0000_0000;
        let m0 = m & 0xffff_ffff;
        let m1 = m >> 32;
        let p = (bits >> 52) - 1013; // (exponent field - 1075) + 62, at least 30 here
        // schoolbook product, 32-bit limbs, lowest column first: column j gets the low halves
        // of m0 w_j and m1 w_(j-1) and the high halves of m0 w_(j-1) and m1 w_(j-2); the window
        // limb w_j holds table bits p + 160 - 32j onwards. Columns 1..5 end up in r1..r5.
        let mut w1: u64 = 0;
        let mut w2: u64 = 0;
        let mut carry: u64 = 0;
        let mut r1: u64 = 0;
        let mut r2: u64 = 0;
        let mut r3: u64 = 0;
        let mut r4: u64 = 0;
        let mut r5: u64 = 0;
        // limb j starts at table bit p + 160 - 32j: in pair (p >> 5) + 5 - j, shifted right by
        // 32 - (p & 31)
        let top = ((p >> 5) + 5) as u32;
        let shift = 32 - (p & 31);
        for j in 0..6u32 {
            // bits 32i .. 32i + 63 of the table of 2/pi (after the binary point, 64 zeros first);
            // i <= 37 even for |x| = inf
            let pair: u64 = match top - j {
                0 => 0x0000_0000_0000_0000,
                1 => 0x0000_0000_a2f9_836e,
                2 => 0xa2f9_836e_4e44_1529,
                3 => 0x4e44_1529_fc27_57d1,
                4 => 0xfc27_57d1_f534_ddc0,
                5 => 0xf534_ddc0_db62_9599,
                6 => 0xdb62_9599_3c43_9041,
                7 => 0x3c43_9041_fe51_63ab,
                8 => 0xfe51_63ab_debb_c561,
                9 => 0xdebb_c561_b724_6e3a,
                10 => 0xb724_6e3a_424d_d2e0,
                11 => 0x424d_d2e0_0649_2eea,
                12 => 0x0649_2eea_09d1_921c,
                13 => 0x09d1_921c_fe1d_eb1c,
                14 => 0xfe1d_eb1c_b129_a73e,
                15 => 0xb129_a73e_e882_35f5,
                16 => 0xe882_35f5_2ebb_4484,
                17 => 0x2ebb_4484_e99c_7026,
                18 => 0xe99c_7026_b45f_7e41,
                19 => 0xb45f_7e41_3991_d639,
                20 => 0x3991_d639_8353_39f4,
                21 => 0x8353_39f4_9c84_5f8b,
                22 => 0x9c84_5f8b_bdf9_283b,
                23 => 0xbdf9_283b_1ff8_97ff,
                24 => 0x1ff8_97ff_de05_980f,
                25 => 0xde05_980f_ef2f_118b,
                26 => 0xef2f_118b_5a0a_6d1f,
                27 => 0x5a0a_6d1f_6d36_7ecf,
                28 => 0x6d36_7ecf_27cb_09b7,
                29 => 0x27cb_09b7_4f46_3f66,
                30 => 0x4f46_3f66_9e5f_ea2d,
                31 => 0x9e5f_ea2d_7527_bac7,
                32 => 0x7527_bac7_ebe5_f17b,
                33 => 0xebe5_f17b_3d07_39f7,
                34 => 0x3d07_39f7_8a52_92ea,
                35 => 0x8a52_92ea_6bfb_5fb1,
                36 => 0x6bfb_5fb1_1f8d_5d08,
                37 => 0x1f8d_5d08_5603_3046,
                _ => 0,
            };
            let wj = (pair >> shift) & 0xffff_ffff;
            let col =
                carry + ((m0 * wj) & 0xffff_ffff) + ((m0 * w1) >> 32) + ((m1 * w1) & 0xffff_ffff) + ((m1 * w2) >> 32);
            r1 = r2;
            r2 = r3;
            r3 = r4;
            r4 = r5;
            r5 = col & 0xffff_ffff;
            carry = col >> 32;
            w2 = w1;
            w1 = wj;
        }
        // a fraction of 1/2 or more rounds k up: f in [-1/2, 1/2) quarter turns, as a sum of
        // exact terms f0 + ... + f4 (scaled limbs) turned into a double-double fh + fl
        let half = (r5 >> 29) & 1;
        let k4 = ((r5 >> 30) + half) & 3;
        let f0 = ((r5 & 0x3fff_ffff) as f64) * f64::from_bits(0x3e10_0000_0000_0000) - half as f64; // 2^-30
        let f1 = (r4 as f64) * f64::from_bits(0x3c10_0000_0000_0000); // 2^-62
        let f2 = (r3 as f64) * f64::from_bits(0x3a10_0000_0000_0000); // 2^-94
        let f3 = (r2 as f64) * f64::from_bits(0x3810_0000_0000_0000); // 2^-126
        let f4 = (r1 as f64) * f64::from_bits(0x3610_0000_0000_0000); // 2^-158
        let g1 = f0 + f1;
        let gb1 = g1 - f0;
        let ge1 = (f0 - (g1 - gb1)) + (f1 - gb1);
        let g2 = g1 + f2;
        let gb2 = g2 - g1;
        let ge2 = (g1 - (g2 - gb2)) + (f2 - gb2);
        let g3 = g2 + f3;
        let gb3 = g3 - g2;
        let ge3 = (g2 - (g3 - gb3)) + (f3 - gb3);
        let gl = ((ge1 + ge2) + ge3) + f4;
        let fh = g3 + gl;
        let fl = gl - (fh - g3);
        // times pi/2 = 1.5707963267948966 + 6.123233995736766e-17
        let ph = fh * pio2;
        let pl = fh.mul_add(pio2, -ph);
        let pt = pl + (fh * 6.123233995736766e-17 + fl * pio2);
        let h = ph + pt;
        let l = pt - (h - ph);
        let neg = x < 0.0;
        q = if neg { (4 - k4) & 3 } else { k4 };
        hi = if neg { -h } else { h };
        lo = if neg { -l } else { l };
    }
    let z = hi * hi;
    let v = z * hi;
    let rs = z.mul_add(
        z.mul_add(
            z.mul_add(z.mul_add(1.5896811789298266e-10, -2.5050758384291443e-08), 2.7557313693572864e-06),
            -0.00019841269829812383,
        ),
        0.008333333333322418,
    );
    let inner = z.mul_add((-v).mul_add(rs, 0.5 * lo), -lo);
    let sadd = -(-v).mul_add(-0.16666666666666632, inner);
    let sh = hi + sadd;
    let sl = sadd - (sh - hi);
    let rc = z * z.mul_add(
        z.mul_add(
            z.mul_add(
                z.mul_add(z.mul_add(-1.1359658868485467e-11, 2.0875723479636736e-09), -2.75573143537947e-07),
                2.4801587289487036e-05,
            ),
            -0.0013888888888874131,
        ),
        0.0416666666666666,
    );
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    let cadd = ((1.0 - w) - hz) + z.mul_add(rc, -(hi * lo));
    let ch = w + cadd;
    let cl = cadd - (ch - w);
    // (nh + nl) / (dh + dl): q = nh / dh, plus the exact remainder and the low parts over dh
    let odd = (q & 1) != 0;
    let nh = if odd { -ch } else { sh };
    let nl = if odd { -cl } else { sl };
    let dh = if odd { sh } else { ch };
    let dl = if odd { sl } else { cl };
    let rcp = 1.0 / dh;
    let qt = nh * rcp;
    let v = qt + ((-qt).mul_add(dh, nh) + (-qt).mul_add(dl, nl)) * rcp;
    let v = if ax > f64::MAX { f64::NAN } else { v };
    if ax < 7.450580596923828e-9 { x } else { v }
}

/// `asin x`.
///
/// One minimax polynomial for `asin(sqrt t)/sqrt t - 1` on `t <= 1/4`: `t = x^2` below
/// `|x| = 1/2`, and `t = (1 - |x|)/2` above, where `asin x = pi/2 - 2 asin(sqrt t)` with `sqrt t`
/// split in two so that the subtraction from pi/2 keeps its low bits. NaN outside `[-1, 1]`.
/// Measured max error: 0.790 ulp.
pub fn asin(x: f64) -> f64 {
    let pio4 = f64::from_bits(0x3fe9_21fb_5444_2d18); // pi/4, high part
    let ax = x.abs();
    let small = ax < 0.5;
    let t = if small { x * x } else { (1.0 - ax) * 0.5 };
    // asin(sqrt t)/sqrt t - 1 = t P(t) (minimax on t <= 1/4, error 2^-59.8)
    let p = t.mul_add(0.03267692012478461, -0.02107734223215317);
    let p = t.mul_add(p, 0.021763535746152224);
    let p = t.mul_add(p, 0.003683026248810841);
    let p = t.mul_add(p, 0.010786533477374417);
    let p = t.mul_add(p, 0.011397775131270627);
    let p = t.mul_add(p, 0.013980961567805162);
    let p = t.mul_add(p, 0.01735160008077914);
    let p = t.mul_add(p, 0.022372215661018397);
    let p = t.mul_add(p, 0.03038194268358725);
    let p = t.mul_add(p, 0.04464285717512154);
    let p = t.mul_add(p, 0.07499999999970261);
    let p = t.mul_add(p, 0.16666666666666763);
    let w = t * p;
    // s = sqrt t = df + c, df its top 21 bits (df^2 exact)
    let s = t.sqrt();
    let df = f64::from_bits(s.to_bits() & 0xffff_ffff_0000_0000);
    let c = (t - df * df) / (s + df);
    let near = x.mul_add(w, x);
    // pi/2 - 2 (s + s w) = pi/4 - ((2 s w - (pio2_lo - 2c)) - (pi/4 - 2 df))
    let pf = (2.0 * s).mul_add(w, -(6.123233995736766e-17 - 2.0 * c));
    let qf = pio4 - 2.0 * df;
    let far = pio4 - (pf - qf);
    let far = f64::from_bits(far.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000));
    let edge = f64::from_bits(0x3ff9_21fb_5444_2d18 | (x.to_bits() & 0x8000_0000_0000_0000)); // +-pi/2
    if ax == 1.0 {
        edge
    } else if small {
        near
    } else {
        far
    }
}

/// `acos x`.
///
/// [`asin`]'s polynomial: `pi/2 - asin x` below `|x| = 1/2`, `2 asin(sqrt t)` above for
/// positive `x`, `pi - 2 asin(sqrt t)` for negative. NaN outside `[-1, 1]`.
/// Measured max error: 0.864 ulp.
pub fn acos(x: f64) -> f64 {
    let pio2 = f64::from_bits(0x3ff9_21fb_5444_2d18); // pi/2, high part
    let pi = f64::from_bits(0x4009_21fb_5444_2d18); // pi, high part
    let ax = x.abs();
    let small = ax < 0.5;
    let t = if small { x * x } else { (1.0 - ax) * 0.5 };
    // asin(sqrt t)/sqrt t - 1 = t P(t) (minimax on t <= 1/4, error 2^-59.8)
    let p = t.mul_add(0.03267692012478461, -0.02107734223215317);
    let p = t.mul_add(p, 0.021763535746152224);
    let p = t.mul_add(p, 0.003683026248810841);
    let p = t.mul_add(p, 0.010786533477374417);
    let p = t.mul_add(p, 0.011397775131270627);
    let p = t.mul_add(p, 0.013980961567805162);
    let p = t.mul_add(p, 0.01735160008077914);
    let p = t.mul_add(p, 0.022372215661018397);
    let p = t.mul_add(p, 0.03038194268358725);
    let p = t.mul_add(p, 0.04464285717512154);
    let p = t.mul_add(p, 0.07499999999970261);
    let p = t.mul_add(p, 0.16666666666666763);
    let w = t * p;
    let s = t.sqrt();
    let df = f64::from_bits(s.to_bits() & 0xffff_ffff_0000_0000);
    let c = (t - df * df) / (s + df);
    // pi/2 = 1.5707963267948966 + 6.123233995736766e-17, pi = 3.141592653589793 + ...
    let mid = pio2 - (x - (-x).mul_add(w, 6.123233995736766e-17));
    let neg = pi - 2.0 * (s + s.mul_add(w, -6.123233995736766e-17));
    let pos = 2.0 * (df + s.mul_add(w, c));
    if x == 1.0 {
        0.0
    } else if small {
        mid
    } else if x < 0.0 {
        neg
    } else {
        pos
    }
}

/// `atan x`.
///
/// The ratio picks `c` in `{0, 1/2, 1, 3/2, inf}` by comparisons, `atan x = atan c + atan s`,
/// `s = (x - c)/(1 + c x)` with `|s| <= 7/16`, computed so that the ratio is rounded once and
/// its remainder kept; minimax polynomial for `atan s`, `atan c` added as a double-double.
/// Below 2^-27 the result is `x`.
/// Measured max error: 0.723 ulp.
pub fn atan(x: f64) -> f64 {
    let pio2 = f64::from_bits(0x3ff9_21fb_5444_2d18); // pi/2, high part
    let pio4 = f64::from_bits(0x3fe9_21fb_5444_2d18); // pi/4, high part
    let ax = x.abs();
    // beyond 2^900 atan x rounds to pi/2 anyway; the clamp keeps 3.5 a finite
    let a = if ax > f64::from_bits(0x7830_0000_0000_0000) { f64::from_bits(0x7830_0000_0000_0000) } else { ax };
    let b = 1.0;
    // atan(a/b) = atan c + atan s, c in {0, 1/2, 1, 3/2, inf} picked by comparisons,
    // s = (a - c b)/(b + c a) with |s| <= 7/16; the numerators are exact (Sterbenz) or
    // rounded once (c = 3/2)
    let i1 = a >= 0.4375 * b;
    let i2 = a >= 0.6875 * b;
    let i3 = a >= 1.1875 * b;
    let i4 = a >= 2.4375 * b;
    let num = if i4 {
        -b
    } else if i3 {
        (a - 2.0 * b) + 0.5 * b
    } else if i2 {
        a - b
    } else if i1 {
        2.0 * a - b
    } else {
        a
    };
    let den = if i4 {
        a
    } else if i3 {
        a.mul_add(1.5, b)
    } else if i2 {
        a + b
    } else if i1 {
        2.0 * b + a
    } else {
        b
    };
    // atan c = hi + lo
    let hi = if i4 {
        pio2
    } else if i3 {
        0.982793723247329
    } else if i2 {
        pio4
    } else if i1 {
        0.4636476090008061
    } else {
        0.0
    };
    let lo = if i4 {
        6.123233995736766e-17
    } else if i3 {
        1.3903311031230998e-17
    } else if i2 {
        3.061616997868383e-17
    } else if i1 {
        2.2698777452961687e-17
    } else {
        0.0
    };
    // s + s_lo = num / den to about 2^-100: one reciprocal, and the exact remainder
    let rcp = 1.0 / den;
    let s = num * rcp;
    let s_lo = if den == f64::INFINITY { 0.0 } else { (-s).mul_add(den, num) * rcp };
    // atan s / s - 1 = z P(z), z = s^2 (minimax, error 2^-57.7)
    let z = s * s;
    let p = z.mul_add(-0.016283270857225727, 0.03652893135581364);
    let p = z.mul_add(p, -0.049767595406458164);
    let p = z.mul_add(p, 0.05833540020180843);
    let p = z.mul_add(p, -0.06661068363192418);
    let p = z.mul_add(p, 0.07691875715908256);
    let p = z.mul_add(p, -0.09090887100983734);
    let p = z.mul_add(p, 0.11111110404104435);
    let p = z.mul_add(p, -0.14285714272469804);
    let p = z.mul_add(p, 0.19999999999876047);
    let p = z.mul_add(p, -0.3333333333333293);
    let zp = z * p;
    // atan(s + s_lo) = atan s + s_lo / (1 + s^2) + ..., and s_lo / (1 + z) ~ s_lo (1 - z) here
    let small = s.mul_add(zp, lo + (-s_lo).mul_add(z, s_lo)) + s;
    let v = hi + small;
    let v = f64::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000_0000_0000));
    if ax < 7.450580596923828e-9 { x } else { v }
}

/// `atan2(y, x)`: the angle of the point `(x, y)`, in `[-pi, pi]`, with C's signed-zero and
/// infinity cases (as std's `y.atan2(x)`).
///
/// [`atan`]'s method on `|y|` and `|x|` (scaled by a power of two so that neither overflows
/// nor loses the ratio's remainder among the subnormals), then `pi - angle` for negative `x`
/// (with pi as a double-double) and the sign of `y`.
/// Measured max error: 0.781 ulp.
pub fn atan2(y: f64, x: f64) -> f64 {
    let pio2 = f64::from_bits(0x3ff9_21fb_5444_2d18); // pi/2, high part
    let pio4 = f64::from_bits(0x3fe9_21fb_5444_2d18); // pi/4, high part
    let pi = f64::from_bits(0x4009_21fb_5444_2d18); // pi, high part
    let a0 = y.abs();
    let b0 = x.abs();
    let m = if a0 > b0 { a0 } else { b0 };
    // scale by 2^-100 above 2^800, else by 2^120
    let scale = if m > f64::from_bits(0x71f0_0000_0000_0000) {
        f64::from_bits(0x39b0_0000_0000_0000)
    } else {
        f64::from_bits(0x4770_0000_0000_0000)
    };
    let a = a0 * scale;
    let b = b0 * scale;
    // atan(a/b) = atan c + atan s, c in {0, 1/2, 1, 3/2, inf} picked by comparisons,
    // s = (a - c b)/(b + c a) with |s| <= 7/16; the numerators are exact (Sterbenz) or
    // rounded once (c = 3/2)
    let i1 = a >= 0.4375 * b;
    let i2 = a >= 0.6875 * b;
    let i3 = a >= 1.1875 * b;
    let i4 = a >= 2.4375 * b;
    let num = if i4 {
        -b
    } else if i3 {
        (a - 2.0 * b) + 0.5 * b
    } else if i2 {
        a - b
    } else if i1 {
        2.0 * a - b
    } else {
        a
    };
    let den = if i4 {
        a
    } else if i3 {
        a.mul_add(1.5, b)
    } else if i2 {
        a + b
    } else if i1 {
        2.0 * b + a
    } else {
        b
    };
    // atan c = hi + lo
    let hi = if i4 {
        pio2
    } else if i3 {
        0.982793723247329
    } else if i2 {
        pio4
    } else if i1 {
        0.4636476090008061
    } else {
        0.0
    };
    let lo = if i4 {
        6.123233995736766e-17
    } else if i3 {
        1.3903311031230998e-17
    } else if i2 {
        3.061616997868383e-17
    } else if i1 {
        2.2698777452961687e-17
    } else {
        0.0
    };
    // s + s_lo = num / den to about 2^-100: one reciprocal, and the exact remainder
    let rcp = 1.0 / den;
    let s = num * rcp;
    let s_lo = if den == f64::INFINITY { 0.0 } else { (-s).mul_add(den, num) * rcp };
    // atan s / s - 1 = z P(z), z = s^2 (minimax, error 2^-57.7)
    let z = s * s;
    let p = z.mul_add(-0.016283270857225727, 0.03652893135581364);
    let p = z.mul_add(p, -0.049767595406458164);
    let p = z.mul_add(p, 0.05833540020180843);
    let p = z.mul_add(p, -0.06661068363192418);
    let p = z.mul_add(p, 0.07691875715908256);
    let p = z.mul_add(p, -0.09090887100983734);
    let p = z.mul_add(p, 0.11111110404104435);
    let p = z.mul_add(p, -0.14285714272469804);
    let p = z.mul_add(p, 0.19999999999876047);
    let p = z.mul_add(p, -0.3333333333333293);
    let zp = z * p;
    // atan(s + s_lo) = atan s + s_lo / (1 + s^2) + ..., and s_lo / (1 + z) ~ s_lo (1 - z) here
    let small = s.mul_add(zp, lo + (-s_lo).mul_add(z, s_lo)) + s;
    let both_inf = a0 == f64::INFINITY && b0 == f64::INFINITY;
    let hi = if a0 == 0.0 {
        0.0
    } else if both_inf {
        pio4
    } else {
        hi
    };
    let small = if a0 == 0.0 {
        0.0
    } else if both_inf {
        3.061616997868383e-17
    } else {
        small
    };
    // left half-plane: pi - angle = (pi_hi - hi) + (pi_lo - small), the first difference exact
    let left = (x.to_bits() >> 63) != 0;
    let dh = pi - hi;
    let dbb = dh - pi;
    let dl = (pi - (dh - dbb)) + (-hi - dbb);
    let top = if left { dh } else { hi };
    let rest = if left { (dl + 1.2246467991473532e-16) - small } else { small };
    let v = top + rest;
    let v = f64::from_bits(v.to_bits() | (y.to_bits() & 0x8000_0000_0000_0000));
    let nan = (x.to_bits() & 0x7fff_ffff_ffff_ffff) > 0x7ff0_0000_0000_0000
        || (y.to_bits() & 0x7fff_ffff_ffff_ffff) > 0x7ff0_0000_0000_0000;
    if nan { x + y } else { v }
}
