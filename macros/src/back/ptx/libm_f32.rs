// The f32 math functions of kernelize's GPU back end, written in the kernel language with f32
// and integer arithmetic only: consumer GPUs run f64 at 1/64 of the f32 rate (1/2 on an H100),
// so an f32 kernel must not pay for the f64 functions of libm.rs and a rounding.
//
// The rules are libm.rs's: ordinary Rust (tested on the CPU, runtime/tests/ulp_libm_ptx_f32.rs,
// against std's f64 functions, exact enough for f32: their error is below 2^-29 f32 ulps), only
// what the kernel language lowers to PTX, no function calls another, `mul_add` is a real FMA,
// plain `a * b + c` is not fused, integer arithmetic never overflows (bit patterns are masked
// first), and special values give what std gives.
//
// Polynomial coefficients are least-squares fits at 400 Chebyshev nodes (mpmath, 50 digits),
// rounded to f32 and then measured: the bound quoted with each is its relative error with the
// rounded coefficients. The "measured max error" of each function is over every f32 input
// (`KERNELIZE_EXHAUSTIVE=1`), in f32 ulps of the exact result.
//
// Constants are written as the shortest decimal that gives their f32 (or, for the exact pieces
// of ln2 and log10(2), the exact value): clippy's suggestions of std's constants and of fewer
// digits do not apply; nor do those of `clamp` and `contains`, which libm.rs does without too.
#![allow(clippy::approx_constant, clippy::excessive_precision, clippy::manual_clamp, clippy::manual_range_contains)]

/// `e^x` for `f32`.
///
/// `x = k ln2 + r`, `|r| <= ln2/2` (the first step of the two-piece reduction is exact); `e^r =
/// 1 + r + r^2 p(r)`, `p` of degree 5 (error 2^-27.5); `2^k` applied in two multiplications so
/// that a subnormal or overflowing result is rounded once.
/// Measured max error: see `exp_f32` in the test's table.
pub fn exp_f32(x: f32) -> f32 {
    let magic = 12582912.0; // 1.5 * 2^23: adding it rounds to an integer
    // inf and NaN: 89 overflows, -104 underflows to 0, NaN stays NaN
    let x = if x > 89.0 { 89.0 } else { x };
    let x = if x < -104.0 { -104.0 } else { x };
    let t = x * 1.442695 + magic;
    let k = t - magic;
    // ln2 = 0.693145751953125 (15 bits: k times it is exact) + 1.4286068e-6
    let r = k.mul_add(-0.693145751953125, x);
    let r = k.mul_add(-1.4286068e-6, r);
    let p = r.mul_add(r.mul_add(r.mul_add(r.mul_add(0.0013946455, 0.008369157), 0.04166626), 0.16666517), 0.5);
    let v = 1.0 + (r * r).mul_add(p, r);
    // k in [-150, 129] (0 for NaN, whose result is NaN anyway)
    let ki = k as i32;
    let k1 = ki >> 1;
    let k2 = ki - k1;
    let s1 = f32::from_bits((((k1 + 127) as u32) & 0xff) << 23);
    let s2 = f32::from_bits((((k2 + 127) as u32) & 0xff) << 23);
    v * s1 * s2
}

/// `2^x` for `f32`.
///
/// `x = k + r`, `|r| <= 1/2` (exact); `2^r = 1 + r q(r)`, `q` of degree 6 (error 2^-28.4);
/// `2^k` as in [`exp_f32`].
/// Measured max error: see `exp2_f32` in the test's table.
pub fn exp2_f32(x: f32) -> f32 {
    let magic = 12582912.0;
    let x = if x > 129.0 { 129.0 } else { x };
    let x = if x < -151.0 { -151.0 } else { x };
    let t = x + magic;
    let k = t - magic;
    let r = x - k;
    let q = r.mul_add(
        r.mul_add(
            r.mul_add(
                r.mul_add(r.mul_add(r.mul_add(1.5310081e-05, 0.00015467365), 0.0013333451), 0.0096180355),
                0.05550411,
            ),
            0.2402265,
        ),
        0.6931472,
    );
    let v = r.mul_add(q, 1.0);
    let ki = k as i32;
    let k1 = ki >> 1;
    let k2 = ki - k1;
    let s1 = f32::from_bits((((k1 + 127) as u32) & 0xff) << 23);
    let s2 = f32::from_bits((((k2 + 127) as u32) & 0xff) << 23);
    v * s1 * s2
}

/// `ln x` for `f32`.
///
/// `x = 2^e z`, `z` in `[2/3, 4/3)`, `f = z - 1` exact; `ln(1 + f) = f + f^2 p(f)`, `p` of degree
/// 8 (error 2^-26.2); `e ln2` in two pieces, the first exact.
/// Measured max error: see `ln_f32` in the test's table.
pub fn ln_f32(x: f32) -> f32 {
    let sub = x < f32::MIN_POSITIVE;
    let ix = (if sub { x * 8388608.0 } else { x }).to_bits() & 0x7fff_ffff;
    // the exponent of x rounded so that z = x / 2^e lands in [2/3, 4/3): 0x3f2aaaab is 2/3
    let kb = (ix + 0x0055_5555) >> 23;
    let z = f32::from_bits((ix + 0x3f80_0000) - (kb << 23));
    let e = (kb as f32 - 127.0) - if sub { 23.0 } else { 0.0 };
    let f = z - 1.0;
    let p = f.mul_add(
        f.mul_add(
            f.mul_add(
                f.mul_add(
                    f.mul_add(
                        f.mul_add(f.mul_add(f.mul_add(-0.13046104, 0.1401382), -0.12141629), 0.13999087),
                        -0.16684593,
                    ),
                    0.20010896,
                ),
                -0.24999638,
            ),
            0.33333206,
        ),
        -0.5,
    );
    let q = (f * f).mul_add(p, f);
    // ln2 = 0.693145751953125 (15 bits: e times it is exact) + 1.4286068e-6
    let v = e.mul_add(0.693145751953125, e.mul_add(1.4286068e-6, q));
    if x > 0.0 && x < f32::INFINITY {
        v
    } else if x == 0.0 {
        f32::NEG_INFINITY
    } else if x > 0.0 {
        x
    } else {
        f32::NAN
    }
}

/// `log2 x` for `f32`.
///
/// As [`ln_f32`], then `e + ln(1 + f) log2(e)`, `log2(e)` in two pieces: exact at powers of 2.
/// Measured max error: see `log2_f32` in the test's table.
pub fn log2_f32(x: f32) -> f32 {
    let sub = x < f32::MIN_POSITIVE;
    let ix = (if sub { x * 8388608.0 } else { x }).to_bits() & 0x7fff_ffff;
    let kb = (ix + 0x0055_5555) >> 23;
    let z = f32::from_bits((ix + 0x3f80_0000) - (kb << 23));
    let e = (kb as f32 - 127.0) - if sub { 23.0 } else { 0.0 };
    let f = z - 1.0;
    let p = f.mul_add(
        f.mul_add(
            f.mul_add(
                f.mul_add(
                    f.mul_add(
                        f.mul_add(f.mul_add(f.mul_add(-0.13046104, 0.1401382), -0.12141629), 0.13999087),
                        -0.16684593,
                    ),
                    0.20010896,
                ),
                -0.24999638,
            ),
            0.33333206,
        ),
        -0.5,
    );
    // log2(e) = 1.442695 + 1.925963e-8; e + f log2(e) (its first product exact as a + al, its sum
    // with e exact as hi + err: e = 0 or |e| >= 1 > |a|), then the rest, rounded once
    let a = f * 1.442695;
    let al = f.mul_add(1.442695, -a);
    let hi = e + a;
    let err = (e - hi) + a;
    let rest = (f * f * p).mul_add(1.442695, f.mul_add(1.925963e-8, al));
    let v = hi + (err + rest);
    if x > 0.0 && x < f32::INFINITY {
        v
    } else if x == 0.0 {
        f32::NEG_INFINITY
    } else if x > 0.0 {
        x
    } else {
        f32::NAN
    }
}

/// `log10 x` for `f32`.
///
/// As [`ln_f32`], then `e log10(2) + ln(1 + f) log10(e)`, `log10(2)` in two pieces, the first
/// exact times `e`.
/// Measured max error: see `log10_f32` in the test's table.
pub fn log10_f32(x: f32) -> f32 {
    let sub = x < f32::MIN_POSITIVE;
    let ix = (if sub { x * 8388608.0 } else { x }).to_bits() & 0x7fff_ffff;
    let kb = (ix + 0x0055_5555) >> 23;
    let z = f32::from_bits((ix + 0x3f80_0000) - (kb << 23));
    let e = (kb as f32 - 127.0) - if sub { 23.0 } else { 0.0 };
    let f = z - 1.0;
    let p = f.mul_add(
        f.mul_add(
            f.mul_add(
                f.mul_add(
                    f.mul_add(
                        f.mul_add(f.mul_add(f.mul_add(-0.13046104, 0.1401382), -0.12141629), 0.13999087),
                        -0.16684593,
                    ),
                    0.20010896,
                ),
                -0.24999638,
            ),
            0.33333206,
        ),
        -0.5,
    );
    // log10(2) = 0.301025390625 (0x3e9a2000, 11 bits: e times it exact) + 4.605039e-6, log10(e) =
    // 0.4342945 - 1.010305e-8; e log10(2) + f log10(e) as in log2_f32 (|e log10(2)| >= 0.3 > |a|)
    let eh = e * 0.301025390625;
    let a = f * 0.4342945;
    let al = f.mul_add(0.4342945, -a);
    let hi = eh + a;
    let err = (eh - hi) + a;
    let rest = (f * f * p).mul_add(0.4342945, f.mul_add(-1.010305e-8, e.mul_add(4.605039e-6, al)));
    let v = hi + (err + rest);
    if x > 0.0 && x < f32::INFINITY {
        v
    } else if x == 0.0 {
        f32::NEG_INFINITY
    } else if x > 0.0 {
        x
    } else {
        f32::NAN
    }
}

/// `sin x` for `f32`.
///
/// `x = k pi/2 + r`, `|r| <= pi/4`, `q = k mod 4`: Cody–Waite with FMA and pi/2 in three pieces
/// for `|x| <= 105615`; beyond, Payne–Hanek in integers (below). `sin r = r + r^3 s(r^2)`,
/// `s` of degree 3 (error 2^-28.0), `cos r = 1 - r^2/2 + r^4 c(r^2)`, `c` of degree 2 (error
/// 2^-30.5); the quadrant picks one and its sign.
/// Measured max error: see `sin_f32` in the test's table.
pub fn sin_f32(x: f32) -> f32 {
    let ax = x.abs();
    let magic = 12582912.0;
    let t = x * 0.63661975 + magic; // 2/pi
    let k = t - magic;
    // pi/2 = 1.5707964 - 4.371139e-8 - 1.7151245e-15
    // r + rl: r1 exact; k times the second piece exactly (ph + pl), added with its error
    let r1 = k.mul_add(-1.5707964, x);
    let ph = k * 4.371139e-8;
    let pl = k.mul_add(4.371139e-8, -ph);
    let s = r1 + ph;
    let sb = s - r1;
    let se = (r1 - (s - sb)) + (ph - sb);
    let mut r = s;
    let mut rl = k.mul_add(1.7151245e-15, se + pl);
    let mut q = t.to_bits() & 3;
    if ax > 105615.0 {
        // Payne–Hanek. |x| = m 2^e with m a 24-bit integer, e = exponent field - 150 >= -7.
        // The bits of 2/pi worth 2^-i for i <= e - 2 only add multiples of 4 to x 2/pi, so 96
        // bits from the one worth 2^-(e-1) on (table bit b = e + 62: the table starts with 64
        // zero bits) give k mod 4 and the fraction to within 2^-70. m times that window, mod
        // 2^96, is worth 2^-94 per unit: its top 2 bits are k mod 4.
        let bits = ax.to_bits();
        let m = ((bits & 0x007f_ffff) | 0x0080_0000) as u64;
        let b = (bits >> 23) - 88; // at least 55 here, at most 167 (inf, NaN)
        let top = b >> 5;
        let shift = (32 - (b & 31)) as u64;
        let mut l0: u64 = 0;
        let mut l1: u64 = 0;
        let mut l2: u64 = 0;
        for j in 0..3u32 {
            // bits 32i .. 32i + 63 of the table of 2/pi; i <= 7
            let pair: u64 = match top + j {
                0 => 0x0000_0000_0000_0000,
                1 => 0x0000_0000_a2f9_836e,
                2 => 0xa2f9_836e_4e44_1529,
                3 => 0x4e44_1529_fc27_57d1,
                4 => 0xfc27_57d1_f534_ddc0,
                5 => 0xf534_ddc0_db62_9599,
                6 => 0xdb62_9599_3c43_9041,
                7 => 0x3c43_9041_fe51_63ab,
                _ => 0,
            };
            l0 = l1;
            l1 = l2;
            l2 = (pair >> shift) & 0xffff_ffff;
        }
        // the low 96 bits of m (l0 l1 l2), 32 at a time
        let a2 = m * l2;
        let a1 = m * l1 + (a2 >> 32);
        let h = (m * l0 + (a1 >> 32)) & 0xffff_ffff;
        // a fraction of 1/2 or more rounds k up: f in [-1/2, 1/2) quarter turns, as the 62-bit
        // fixed-point number fx (units of 2^-62), then as fh + fl
        let half = (h >> 29) & 1;
        let k4 = (((h >> 30) + half) & 3) as u32;
        let fx = ((((h & 0x3fff_ffff) << 32) | (a1 & 0xffff_ffff)) as i64) - ((half << 62) as i64);
        let fh = fx as f32;
        let fl = (fx - fh as i64) as f32;
        let unit = f32::from_bits(0x2080_0000); // 2^-62
        let fh = fh * unit;
        let fl = fl * unit;
        // times pi/2 = 1.5707964 - 4.371139e-8, rounded once
        let ph = fh * 1.5707964;
        let pl = fh.mul_add(1.5707964, -ph);
        let tail = pl + fh.mul_add(-4.371139e-8, fl * 1.5707964);
        let v = ph + tail;
        let vl = tail - (v - ph);
        let neg = x < 0.0;
        q = if neg { (4 - k4) & 3 } else { k4 };
        r = if neg { -v } else { v };
        rl = if neg { -vl } else { vl };
    }
    // sin(r + rl) = r + (r^3 s + rl), cos(r + rl) = 1 + (r^2 (-1/2 + r^2 c) - r rl), each rounded once
    let z = r * r;
    let st =
        (r * z).mul_add(z.mul_add(z.mul_add(z.mul_add(2.7186452e-06, -0.00019839375), 0.008333329), -0.16666667), rl);
    let sn = r + st;
    let ct = z.mul_add(z.mul_add(z.mul_add(z.mul_add(2.4438232e-05, -0.0013887365), 0.041666646), -0.5), -(r * rl));
    let cs = 1.0 + ct;
    // sin(k pi/2 + r) = sin r, cos r, -sin r, -cos r
    let v = if (q & 1) != 0 { cs } else { sn };
    let v = if (q & 2) != 0 { -v } else { v };
    let v = if ax > f32::MAX { f32::NAN } else { v };
    // sin x rounds to x below 2^-12 (and -0 stays -0)
    if ax < 0.00024414062 { x } else { v }
}

/// `cos x` for `f32`.
///
/// As [`sin_f32`], a quarter turn further: `cos x = sin(x + pi/2)`.
/// Measured max error: see `cos_f32` in the test's table.
pub fn cos_f32(x: f32) -> f32 {
    let ax = x.abs();
    let magic = 12582912.0;
    let t = x * 0.63661975 + magic; // 2/pi
    let k = t - magic;
    // pi/2 = 1.5707964 - 4.371139e-8 - 1.7151245e-15
    // r + rl: r1 exact; k times the second piece exactly (ph + pl), added with its error
    let r1 = k.mul_add(-1.5707964, x);
    let ph = k * 4.371139e-8;
    let pl = k.mul_add(4.371139e-8, -ph);
    let s = r1 + ph;
    let sb = s - r1;
    let se = (r1 - (s - sb)) + (ph - sb);
    let mut r = s;
    let mut rl = k.mul_add(1.7151245e-15, se + pl);
    let mut q = ((t.to_bits() & 3) + 1) & 3;
    if ax > 105615.0 {
        // Payne–Hanek. |x| = m 2^e with m a 24-bit integer, e = exponent field - 150 >= -7.
        // The bits of 2/pi worth 2^-i for i <= e - 2 only add multiples of 4 to x 2/pi, so 96
        // bits from the one worth 2^-(e-1) on (table bit b = e + 62: the table starts with 64
        // zero bits) give k mod 4 and the fraction to within 2^-70. m times that window, mod
        // 2^96, is worth 2^-94 per unit: its top 2 bits are k mod 4.
        let bits = ax.to_bits();
        let m = ((bits & 0x007f_ffff) | 0x0080_0000) as u64;
        let b = (bits >> 23) - 88; // at least 55 here, at most 167 (inf, NaN)
        let top = b >> 5;
        let shift = (32 - (b & 31)) as u64;
        let mut l0: u64 = 0;
        let mut l1: u64 = 0;
        let mut l2: u64 = 0;
        for j in 0..3u32 {
            // bits 32i .. 32i + 63 of the table of 2/pi; i <= 7
            let pair: u64 = match top + j {
                0 => 0x0000_0000_0000_0000,
                1 => 0x0000_0000_a2f9_836e,
                2 => 0xa2f9_836e_4e44_1529,
                3 => 0x4e44_1529_fc27_57d1,
                4 => 0xfc27_57d1_f534_ddc0,
                5 => 0xf534_ddc0_db62_9599,
                6 => 0xdb62_9599_3c43_9041,
                7 => 0x3c43_9041_fe51_63ab,
                _ => 0,
            };
            l0 = l1;
            l1 = l2;
            l2 = (pair >> shift) & 0xffff_ffff;
        }
        // the low 96 bits of m (l0 l1 l2), 32 at a time
        let a2 = m * l2;
        let a1 = m * l1 + (a2 >> 32);
        let h = (m * l0 + (a1 >> 32)) & 0xffff_ffff;
        // a fraction of 1/2 or more rounds k up: f in [-1/2, 1/2) quarter turns, as the 62-bit
        // fixed-point number fx (units of 2^-62), then as fh + fl
        let half = (h >> 29) & 1;
        let k4 = (((h >> 30) + half) & 3) as u32;
        let fx = ((((h & 0x3fff_ffff) << 32) | (a1 & 0xffff_ffff)) as i64) - ((half << 62) as i64);
        let fh = fx as f32;
        let fl = (fx - fh as i64) as f32;
        let unit = f32::from_bits(0x2080_0000); // 2^-62
        let fh = fh * unit;
        let fl = fl * unit;
        // times pi/2 = 1.5707964 - 4.371139e-8, rounded once
        let ph = fh * 1.5707964;
        let pl = fh.mul_add(1.5707964, -ph);
        let tail = pl + fh.mul_add(-4.371139e-8, fl * 1.5707964);
        let v = ph + tail;
        let vl = tail - (v - ph);
        let neg = x < 0.0;
        q = ((if neg { (4 - k4) & 3 } else { k4 }) + 1) & 3;
        r = if neg { -v } else { v };
        rl = if neg { -vl } else { vl };
    }
    // sin(r + rl) = r + (r^3 s + rl), cos(r + rl) = 1 + (r^2 (-1/2 + r^2 c) - r rl), each rounded once
    let z = r * r;
    let st =
        (r * z).mul_add(z.mul_add(z.mul_add(z.mul_add(2.7186452e-06, -0.00019839375), 0.008333329), -0.16666667), rl);
    let sn = r + st;
    let ct = z.mul_add(z.mul_add(z.mul_add(z.mul_add(2.4438232e-05, -0.0013887365), 0.041666646), -0.5), -(r * rl));
    let cs = 1.0 + ct;
    // cos(k pi/2 + r) = sin((k + 1) pi/2 + r): sin r, cos r, -sin r, -cos r by k + 1
    let v = if (q & 1) != 0 { cs } else { sn };
    let v = if (q & 2) != 0 { -v } else { v };
    if ax > f32::MAX { f32::NAN } else { v }
}

/// `tan x` for `f32`.
///
/// As [`sin_f32`], then `sin r / cos r` for even `k`, `-cos r / sin r` for odd `k`, the
/// reciprocal by Newton's method and the quotient corrected by its remainder.
/// Measured max error: see `tan_f32` in the test's table.
pub fn tan_f32(x: f32) -> f32 {
    let ax = x.abs();
    let magic = 12582912.0;
    let t = x * 0.63661975 + magic; // 2/pi
    let k = t - magic;
    // pi/2 = 1.5707964 - 4.371139e-8 - 1.7151245e-15
    // r + rl: r1 exact; k times the second piece exactly (ph + pl), added with its error
    let r1 = k.mul_add(-1.5707964, x);
    let ph = k * 4.371139e-8;
    let pl = k.mul_add(4.371139e-8, -ph);
    let s = r1 + ph;
    let sb = s - r1;
    let se = (r1 - (s - sb)) + (ph - sb);
    let mut r = s;
    let mut rl = k.mul_add(1.7151245e-15, se + pl);
    let mut q = t.to_bits() & 3;
    if ax > 105615.0 {
        // Payne–Hanek. |x| = m 2^e with m a 24-bit integer, e = exponent field - 150 >= -7.
        // The bits of 2/pi worth 2^-i for i <= e - 2 only add multiples of 4 to x 2/pi, so 96
        // bits from the one worth 2^-(e-1) on (table bit b = e + 62: the table starts with 64
        // zero bits) give k mod 4 and the fraction to within 2^-70. m times that window, mod
        // 2^96, is worth 2^-94 per unit: its top 2 bits are k mod 4.
        let bits = ax.to_bits();
        let m = ((bits & 0x007f_ffff) | 0x0080_0000) as u64;
        let b = (bits >> 23) - 88; // at least 55 here, at most 167 (inf, NaN)
        let top = b >> 5;
        let shift = (32 - (b & 31)) as u64;
        let mut l0: u64 = 0;
        let mut l1: u64 = 0;
        let mut l2: u64 = 0;
        for j in 0..3u32 {
            // bits 32i .. 32i + 63 of the table of 2/pi; i <= 7
            let pair: u64 = match top + j {
                0 => 0x0000_0000_0000_0000,
                1 => 0x0000_0000_a2f9_836e,
                2 => 0xa2f9_836e_4e44_1529,
                3 => 0x4e44_1529_fc27_57d1,
                4 => 0xfc27_57d1_f534_ddc0,
                5 => 0xf534_ddc0_db62_9599,
                6 => 0xdb62_9599_3c43_9041,
                7 => 0x3c43_9041_fe51_63ab,
                _ => 0,
            };
            l0 = l1;
            l1 = l2;
            l2 = (pair >> shift) & 0xffff_ffff;
        }
        // the low 96 bits of m (l0 l1 l2), 32 at a time
        let a2 = m * l2;
        let a1 = m * l1 + (a2 >> 32);
        let h = (m * l0 + (a1 >> 32)) & 0xffff_ffff;
        // a fraction of 1/2 or more rounds k up: f in [-1/2, 1/2) quarter turns, as the 62-bit
        // fixed-point number fx (units of 2^-62), then as fh + fl
        let half = (h >> 29) & 1;
        let k4 = (((h >> 30) + half) & 3) as u32;
        let fx = ((((h & 0x3fff_ffff) << 32) | (a1 & 0xffff_ffff)) as i64) - ((half << 62) as i64);
        let fh = fx as f32;
        let fl = (fx - fh as i64) as f32;
        let unit = f32::from_bits(0x2080_0000); // 2^-62
        let fh = fh * unit;
        let fl = fl * unit;
        // times pi/2 = 1.5707964 - 4.371139e-8, rounded once
        let ph = fh * 1.5707964;
        let pl = fh.mul_add(1.5707964, -ph);
        let tail = pl + fh.mul_add(-4.371139e-8, fl * 1.5707964);
        let v = ph + tail;
        let vl = tail - (v - ph);
        let neg = x < 0.0;
        q = if neg { (4 - k4) & 3 } else { k4 };
        r = if neg { -v } else { v };
        rl = if neg { -vl } else { vl };
    }
    // sin(r + rl) = r + (r^3 s + rl), cos(r + rl) = 1 + (r^2 (-1/2 + r^2 c) - r rl), each rounded once
    let z = r * r;
    let st =
        (r * z).mul_add(z.mul_add(z.mul_add(z.mul_add(2.7186452e-06, -0.00019839375), 0.008333329), -0.16666667), rl);
    let sn = r + st;
    let ct = z.mul_add(z.mul_add(z.mul_add(z.mul_add(2.4438232e-05, -0.0013887365), 0.041666646), -0.5), -(r * rl));
    let cs = 1.0 + ct;
    // sin r and cos r as sums sn + snl, cs + csl (both exact: |r| >= |st|, and cs - 1 is exact),
    // their quotient n / d corrected by its exact remainder: one division
    let snl = st - (sn - r);
    let csl = ct - (cs - 1.0);
    let odd = (q & 1) != 0;
    let nh = if odd { -cs } else { sn };
    let nl = if odd { -csl } else { snl };
    let dh = if odd { sn } else { cs };
    let dl = if odd { snl } else { csl };
    let ad = dh.abs();
    // 1 / ad: a magic-constant first guess (within 1/8), four FMA Newton steps (a division
    // is a long SASS sequence with a slow path)
    let db = if ad < 1.0e30 { ad.to_bits() } else { 0x3f80_0000 };
    let y = f32::from_bits(0x7ef3_11c3 - db);
    let y = y.mul_add((-ad).mul_add(y, 1.0), y);
    let y = y.mul_add((-ad).mul_add(y, 1.0), y);
    let y = y.mul_add((-ad).mul_add(y, 1.0), y);
    let y = y.mul_add((-ad).mul_add(y, 1.0), y);
    let inv = if dh < 0.0 { -y } else { y };
    let y0 = nh * inv;
    let res = (-y0).mul_add(dh, nh);
    let v = (res + (-y0).mul_add(dl, nl)).mul_add(inv, y0);
    let v = if ax > f32::MAX { f32::NAN } else { v };
    // tan x rounds to x below 2^-12 (and -0 stays -0)
    if ax < 0.00024414062 { x } else { v }
}

/// `tanh x` for `f32`.
///
/// `x + x^3 p(x^2)` for `|x| < 0.625`, `p` of degree 5 (error 2^-29.9); beyond, `1 - 2 / (e^2|x| +
/// 1)` with the sign of `x`, `e^2|x|` as in [`exp_f32`] (no overflow or underflow: `2|x|` is
/// capped at 20, where tanh rounds to 1), the division by Newton's method.
/// Measured max error: see `tanh_f32` in the test's table.
pub fn tanh_f32(x: f32) -> f32 {
    let ax = x.abs();
    let z = x * x;
    let p = z.mul_add(
        z.mul_add(z.mul_add(z.mul_add(z.mul_add(0.0021536245, -0.008189983), 0.021706266), -0.053947892), 0.13333216),
        -0.3333333,
    );
    let small = (x * z).mul_add(p, x);
    let y = if ax > 10.0 { 20.0 } else { ax + ax };
    let magic = 12582912.0;
    let t = y * 1.442695 + magic;
    let k = t - magic;
    let r = k.mul_add(-0.693145751953125, y);
    let r = k.mul_add(-1.4286068e-6, r);
    let pe = r.mul_add(r.mul_add(r.mul_add(r.mul_add(0.0013946455, 0.008369157), 0.04166626), 0.16666517), 0.5);
    let e = (1.0 + (r * r).mul_add(pe, r)) * f32::from_bits((((k as i32 + 127) as u32) & 0xff) << 23);
    let d = e + 1.0;
    // 1 / d: a magic-constant first guess (within 1/8), four FMA Newton steps (a division
    // is a long SASS sequence with a slow path)
    let db = if d < 1.0e30 { d.to_bits() } else { 0x3f80_0000 };
    let y = f32::from_bits(0x7ef3_11c3 - db);
    let y = y.mul_add((-d).mul_add(y, 1.0), y);
    let y = y.mul_add((-d).mul_add(y, 1.0), y);
    let y = y.mul_add((-d).mul_add(y, 1.0), y);
    let y = y.mul_add((-d).mul_add(y, 1.0), y);
    // 2 / d, corrected by its exact remainder
    let q0 = y + y;
    let big = 1.0 - (-q0).mul_add(d, 2.0).mul_add(y, q0);
    let big = f32::from_bits(big.to_bits() | (x.to_bits() & 0x8000_0000));
    let v = if ax < 0.625 { small } else { big };
    // tanh x rounds to x below 2^-12 (and -0 stays -0)
    if ax < 0.00024414062 { x } else { v }
}

/// `e^x - 1` for `f32`.
///
/// As [`exp_f32`]: `x = k ln2 + r`, `e^r - 1 = r + r^2 p(r)` exactly as far as it goes, then
/// `2^k (e^r - 1) + (2^k - 1)` in one FMA (`2^k - 1` is exact for the `k` where it matters);
/// `e^x` itself where `e^x - 1` rounds to it (`k > 24`), scaled in two steps.
/// Measured max error: see `exp_m1_f32` in the test's table.
pub fn exp_m1_f32(x: f32) -> f32 {
    let magic = 12582912.0;
    let ax = x.abs();
    let xc = if x > 89.0 { 89.0 } else { x };
    let xc = if xc < -104.0 { -104.0 } else { xc };
    let t = xc * 1.442695 + magic;
    let k = t - magic;
    let r = k.mul_add(-0.693145751953125, xc);
    let r = k.mul_add(-1.4286068e-6, r);
    let p = r.mul_add(r.mul_add(r.mul_add(r.mul_add(0.0013946455, 0.008369157), 0.04166626), 0.16666517), 0.5);
    let em = (r * r).mul_add(p, r);
    let ki = k as i32;
    // 2^k for k in [-30, 24]: below, the result is -1; above, it is e^x
    let kc = if ki < -30 {
        -30
    } else if ki > 24 {
        24
    } else {
        ki
    };
    let s = f32::from_bits((((kc + 127) as u32) & 0xff) << 23);
    let small = s.mul_add(em, s - 1.0);
    let k1 = ki >> 1;
    let k2 = ki - k1;
    let big = (1.0 + em)
        * f32::from_bits((((k1 + 127) as u32) & 0xff) << 23)
        * f32::from_bits((((k2 + 127) as u32) & 0xff) << 23);
    let v = if ki > 24 { big } else { small };
    // e^x - 1 rounds to x below 2^-25 (and -0 stays -0)
    if ax < 2.9802322e-8 { x } else { v }
}

/// `ln(1 + x)` for `f32`.
///
/// For `x` in `[-1/3, 1/3)`, [`ln_f32`]'s polynomial at `f = x` itself (no rounding of `1 + x`);
/// beyond, `ln u` for `u = 1 + x` rounded, as in [`ln_f32`], plus `c / u` with `c = 1 + x - u`
/// exactly (the reciprocal by Newton's method: `c / u` is below 2^-24 of the result).
/// Measured max error: see `ln_1p_f32` in the test's table.
pub fn ln_1p_f32(x: f32) -> f32 {
    let u = 1.0 + x;
    let ub = u - 1.0;
    let c = (1.0 - (u - ub)) + (x - ub);
    let near = x >= -0.33333334 && x < 0.33333334;
    // ln u (u >= 2/3 on this path), or ln(1 + f) with f = x
    let ix = u.to_bits() & 0x7fff_ffff;
    let kb = (ix + 0x0055_5555) >> 23;
    let z = f32::from_bits((ix + 0x3f80_0000) - (kb << 23));
    let e = if near { 0.0 } else { kb as f32 - 127.0 };
    let f = if near { x } else { z - 1.0 };
    let p = f.mul_add(
        f.mul_add(
            f.mul_add(
                f.mul_add(
                    f.mul_add(
                        f.mul_add(f.mul_add(f.mul_add(-0.13046104, 0.1401382), -0.12141629), 0.13999087),
                        -0.16684593,
                    ),
                    0.20010896,
                ),
                -0.24999638,
            ),
            0.33333206,
        ),
        -0.5,
    );
    // 1 / u to 2^-12 (enough for the correction): two Newton steps from the magic guess
    let ub2 = if u > 0.0 && u < 1.0e30 { u.to_bits() } else { 0x3f80_0000 };
    let y = f32::from_bits(0x7ef3_11c3 - ub2);
    let y = y.mul_add((-u).mul_add(y, 1.0), y);
    let y = y.mul_add((-u).mul_add(y, 1.0), y);
    // (beyond 1e30, c / u is below 2^-24 of ln u's last bit)
    let corr = if near || u >= 1.0e30 { 0.0 } else { c * y };
    let q = (f * f).mul_add(p, f + corr);
    let v = e.mul_add(0.693145751953125, e.mul_add(1.4286068e-6, q));
    // ln(1 + x) rounds to x below 2^-25 (and -0 stays -0)
    let v = if x.abs() < 2.9802322e-8 { x } else { v };
    if x > -1.0 && x < f32::INFINITY {
        v
    } else if x == -1.0 {
        f32::NEG_INFINITY
    } else if x > 0.0 {
        x
    } else {
        f32::NAN
    }
}

/// `sinh x` for `f32`.
///
/// `x + x^3 p(x^2)` for `|x| < 1`, `p` of degree 3 (error 2^-27.5); beyond, `E - 1/(4E)` with
/// `E = e^|x| / 2` as in [`exp_f32`] (scaled in two steps, so that it overflows only where
/// sinh does), the reciprocal by Newton's method, and the sign of `x`.
/// Measured max error: see `sinh_f32` in the test's table.
pub fn sinh_f32(x: f32) -> f32 {
    let ax = x.abs();
    let z = x * x;
    let small =
        (x * z).mul_add(z.mul_add(z.mul_add(z.mul_add(2.8168672e-06, 0.0001983618), 0.00833335), 0.16666667), x);
    let magic = 12582912.0;
    let y = if ax > 90.0 { 90.0 } else { ax };
    let t = y * 1.442695 + magic;
    let k = t - magic;
    let r = k.mul_add(-0.693145751953125, y);
    let r = k.mul_add(-1.4286068e-6, r);
    let p = r.mul_add(r.mul_add(r.mul_add(r.mul_add(0.0013946455, 0.008369157), 0.04166626), 0.16666517), 0.5);
    let m = 1.0 + (r * r).mul_add(p, r);
    // E = m 2^(k - 1), k - 1 in [-1, 129], in two steps
    let ki = k as i32 - 1;
    let k1 = ki >> 1;
    let k2 = ki - k1;
    let big_e =
        m * f32::from_bits((((k1 + 127) as u32) & 0xff) << 23) * f32::from_bits((((k2 + 127) as u32) & 0xff) << 23);
    // 1 / (4E) by Newton's method; 0 once it is below half an ulp of E
    let d = 4.0 * big_e;
    let db = if d < 1.0e30 { d.to_bits() } else { 0x3f80_0000 };
    let w = f32::from_bits(0x7ef3_11c3 - db);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = if d < 1.0e30 { w } else { 0.0 };
    let big = big_e - w;
    let big = f32::from_bits(big.to_bits() | (x.to_bits() & 0x8000_0000));
    let v = if ax < 1.0 { small } else { big };
    // sinh x rounds to x below 2^-12 (and -0 stays -0)
    if ax < 0.00024414062 { x } else { v }
}

/// `cosh x` for `f32`.
///
/// `E + 1/(4E)` with `E = e^|x| / 2` as in [`sinh_f32`] (no cancellation, so no polynomial).
/// Measured max error: see `cosh_f32` in the test's table.
pub fn cosh_f32(x: f32) -> f32 {
    let ax = x.abs();
    let magic = 12582912.0;
    let y = if ax > 90.0 { 90.0 } else { ax };
    let t = y * 1.442695 + magic;
    let k = t - magic;
    let r = k.mul_add(-0.693145751953125, y);
    let r = k.mul_add(-1.4286068e-6, r);
    let p = r.mul_add(r.mul_add(r.mul_add(r.mul_add(0.0013946455, 0.008369157), 0.04166626), 0.16666517), 0.5);
    let m = 1.0 + (r * r).mul_add(p, r);
    let ki = k as i32 - 1;
    let k1 = ki >> 1;
    let k2 = ki - k1;
    let big_e =
        m * f32::from_bits((((k1 + 127) as u32) & 0xff) << 23) * f32::from_bits((((k2 + 127) as u32) & 0xff) << 23);
    let d = 4.0 * big_e;
    let db = if d < 1.0e30 { d.to_bits() } else { 0x3f80_0000 };
    let w = f32::from_bits(0x7ef3_11c3 - db);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = w.mul_add((-d).mul_add(w, 1.0), w);
    let w = if d < 1.0e30 { w } else { 0.0 };
    big_e + w
}

/// `cbrt x` for `f32`.
///
/// `|x| = 2^(3q) m`, `m` in `[1, 8)` (the exponent divided by 3 with a multiply); the reciprocal
/// cube root of `m` by Newton's method from a quadratic guess (four steps, no division), `cbrt m
/// = m r^2`, corrected once by its FMA residual; `2^q` and the sign put back.
/// Measured max error: see `cbrt_f32` in the test's table.
pub fn cbrt_f32(x: f32) -> f32 {
    let ax = x.abs();
    let sub = ax < f32::MIN_POSITIVE;
    let bits = (if sub { ax * 16777216.0 } else { ax }).to_bits() & 0x7fff_ffff; // 2^24
    // the unbiased exponent e (in [-150, 128] for finite, inf and NaN) as 3q + j, j in 0..3
    let eb = (bits >> 23) as i32 - if sub { 24 } else { 0 };
    // n = e + 429 in [279, 557]: n * 21846 >> 16 is floor(n / 3) for n < 32768, and
    // floor(n / 3) - 143 = floor(e / 3)
    let n = (eb + 302) as u32;
    let q = ((n * 21846) >> 16) as i32 - 143;
    let j = (eb - 127) - 3 * q;
    let m = f32::from_bits(((bits & 0x007f_ffff) | 0x3f80_0000) + ((j as u32) << 23));
    // r ~ m^(-1/3) on [1, 8): a quadratic guess within 9%, then four steps of
    // r + r (1 - m r^3) / 3, each squaring the error (times 2)
    let r = m.mul_add(m.mul_add(0.009110359, -0.13870808), 1.0445118);
    let r = r.mul_add((-m * r).mul_add(r * r, 1.0) * 0.33333334, r);
    let r = r.mul_add((-m * r).mul_add(r * r, 1.0) * 0.33333334, r);
    let r = r.mul_add((-m * r).mul_add(r * r, 1.0) * 0.33333334, r);
    let r = r.mul_add((-m * r).mul_add(r * r, 1.0) * 0.33333334, r);
    // c = m r^2, then c + (m - c^3) / (3 c^2) with 1/(3c^2) = r^2 / 3 (c^2 = ch + cl exactly)
    let r2 = r * r;
    let c = m * r2;
    let ch = c * c;
    let cl = c.mul_add(c, -ch);
    let res = (-ch).mul_add(c, m) - cl * c;
    let c = res.mul_add(r2 * 0.33333334, c);
    let v = c * f32::from_bits((((q + 127) as u32) & 0xff) << 23);
    let v = f32::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000));
    if ax > 0.0 && ax < f32::INFINITY { v } else { x + x }
}

/// `hypot(x, y)` for `f32`.
///
/// Both scaled by the power of 2 that puts the larger in `[2, 4)`; the sum of squares as an
/// exact sum of FMA products, rounded once; `sqrt.rn`; the scale put back in two steps. `inf`
/// if either is infinite (even with a NaN), as C's `hypot`.
/// Measured max error: see `hypot_f32` in the test's table.
pub fn hypot_f32(x: f32, y: f32) -> f32 {
    let ax = x.abs();
    let ay = y.abs();
    let hi = if ax > ay { ax } else { ay };
    let lo = if ax > ay { ay } else { ax };
    let eb0 = (hi.to_bits() >> 23) & 0xff;
    let eb = if eb0 == 0 {
        1
    } else if eb0 == 255 {
        254
    } else {
        eb0
    };
    // hi 2^(128 - eb) is in [2, 4) (or below, for subnormals)
    let s = f32::from_bits((255 - eb) << 23);
    let a = hi * s;
    let b = lo * s;
    let pa = a * a;
    let ea = a.mul_add(a, -pa);
    let pb = b * b;
    let eb2 = b.mul_add(b, -pb);
    let sum = pa + pb;
    let err = (pa - sum) + pb;
    let h = (sum + (err + (ea + eb2))).sqrt();
    // times 2^(eb - 128), in two steps
    let k = eb as i32 - 128;
    let k1 = k >> 1;
    let k2 = k - k1;
    let v = h * f32::from_bits((((k1 + 127) as u32) & 0xff) << 23) * f32::from_bits((((k2 + 127) as u32) & 0xff) << 23);
    if ax == f32::INFINITY || ay == f32::INFINITY { f32::INFINITY } else { v }
}
