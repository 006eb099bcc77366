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
// rounded coefficients. The "measured max error" of each function is in f32 ulps of the exact
// result, over every 7th f32 bit pattern (`KERNELIZE_EXHAUSTIVE=7`, 6.1·10^8 inputs) for
// the functions of one argument.
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
/// Measured max error: 1.031 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 0.848 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 0.945 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.164 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.061 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.154 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.160 ulp (every f32).
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
/// Measured max error: 1.569 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.311 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.565 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.342 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.598 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 1.481 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 0.500 ulp (every 7th f32 bit pattern).
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
/// Measured max error: 0.913 ulp (10^6 random pairs and the specials).
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

/// `x^y` for `f32`, with the special cases of C99's `pow` (as std's `powf`).
///
/// `log2 |x| = k + log2(c) + log2(1 + r)` as a double-f32 (`c` from a 32-entry table, `r = z/c -
/// 1` exact as a pair, `ln(1 + r) = r - r^2/2 + r^3 q(r)`, the first two terms in double-f32),
/// times `y` exactly; then `2^(zh + zl) = 2^k e^t`, `e^t = 1 + t + t^2 p(t)` with `1 + t` summed
/// exactly, `2^k` applied in two multiplications; the sign and the special cases by selects.
/// Measured max error: 0.790 ulp (10^8 random pairs and the specials).
pub fn powf_f32(x: f32, y: f32) -> f32 {
    let magic = 12582912.0; // 1.5 * 2^23: adding it rounds any |v| < 2^22 to an integer
    let ln2_hi = f32::from_bits(0x3f31_7218); // ln(2) = ln2_hi + ln2_lo
    let ln2_lo = f32::from_bits(0xb102_e308);
    let log2e_hi = f32::from_bits(0x3fb8_aa3b); // 1/ln(2) = log2e_hi + log2e_lo
    let log2e_lo = f32::from_bits(0x32a5_7060);
    let ax = x.abs();
    let regular = ax > 0.0 && ax <= f32::MAX;
    // ax = 2^k z, z in [0.6953125, 1.390625): adding 0x004e_0000 carries into the exponent field
    // exactly where the mantissa field reaches 0x32_0000, that of 1.390625
    let sub = ax < f32::MIN_POSITIVE;
    let ix = (if sub { ax * 8388608.0 } else { ax }).to_bits() & 0x7fff_ffff;
    let iy = ix + 0x004e_0000;
    let kb = iy >> 23;
    let z = f32::from_bits((ix + 0x3f80_0000) - (kb << 23));
    let k = (kb as f32 - 127.0) - if sub { 23.0 } else { 0.0 };
    // z's interval: 32 of 2^18 mantissa steps each, 1.0 inside interval 19, [1 - 2^-7, 1 + 2^-6)
    let i = (iy >> 18) & 31;
    // invc: 1/c rounded to f32, c the midpoint of interval i (1.0 exactly for interval 19, so
    // that powers of 2 come out exact); |z invc - 1| <= 2^-6
    let invc = f32::from_bits(match i {
        0 => 0x3fb6_0b61,
        1 => 0x3fb2_1643,
        2 => 0x3fae_4c41,
        3 => 0x3faa_aaab,
        4 => 0x3fa7_2f05,
        5 => 0x3fa3_d70a,
        6 => 0x3fa0_a0a1,
        7 => 0x3f9d_89d9,
        8 => 0x3f9a_90e8,
        9 => 0x3f97_b426,
        10 => 0x3f94_f209,
        11 => 0x3f92_4925,
        12 => 0x3f8f_b824,
        13 => 0x3f8d_3dcb,
        14 => 0x3f8a_d8f3,
        15 => 0x3f88_8889,
        16 => 0x3f86_4b8a,
        17 => 0x3f84_2108,
        18 => 0x3f82_0821,
        19 => 0x3f80_0000,
        20 => 0x3f78_3e10,
        21 => 0x3f70_f0f1,
        22 => 0x3f6a_0ea1,
        23 => 0x3f63_8e39,
        24 => 0x3f5d_67c9,
        25 => 0x3f57_9436,
        26 => 0x3f52_0d21,
        27 => 0x3f4c_cccd,
        28 => 0x3f47_ce0c,
        29 => 0x3f43_0c31,
        30 => 0x3f3e_82fa,
        31 => 0x3f3a_2e8c,
        _ => 0x3f80_0000,
    });
    // -log2(invc) = lc_hi + lc_lo (mpmath, 50 digits, rounded to f32 twice)
    let lc_hi = f32::from_bits(match i {
        0 => 0xbf02_15eb,
        1 => 0xbef3_efb1,
        2 => 0xbee4_0ced,
        3 => 0xbed4_7fcd,
        4 => 0xbec5_44bf,
        5 => 0xbeb6_587a,
        6 => 0xbea7_b7df,
        7 => 0xbe99_5ff9,
        8 => 0xbe8b_4e03,
        9 => 0xbe7a_fec6,
        10 => 0xbe5f_e33a,
        11 => 0xbe45_44c5,
        12 => 0xbe2b_1ee2,
        13 => 0xbe11_6d6e,
        14 => 0xbdf0_58d8,
        15 => 0xbdbe_b02f,
        16 => 0xbd8d_d98a,
        17 => 0xbd3b_9c9b,
        18 => 0xbcba_1fa1,
        19 => 0x0000_0000,
        20 => 0x3d35_d690,
        21 => 0x3db3_1fb7,
        22 => 0x3e04_62c4,
        23 => 0x3e2e_00d1,
        24 => 0x3e56_7aef,
        25 => 0x3e7d_e0b5,
        26 => 0x3e92_203d,
        27 => 0x3ea4_d3c2,
        28 => 0x3eb7_1110,
        29 => 0x3ec8_ddd3,
        30 => 0x3eda_3f60,
        31 => 0x3eeb_3a9e,
        _ => 0,
    });
    let lc_lo = f32::from_bits(match i {
        0 => 0x3152_1cb5,
        1 => 0x319a_3b82,
        2 => 0x3263_8d7e,
        3 => 0x2fa8_cdc6,
        4 => 0xb230_27b0,
        5 => 0xb1b8_bbb9,
        6 => 0xb21a_14f2,
        7 => 0x3136_77cb,
        8 => 0xb227_938c,
        9 => 0xae5c_2cc2,
        10 => 0xb13c_b0a8,
        11 => 0x31ac_096a,
        12 => 0xb00a_7a0b,
        13 => 0x318d_f6f2,
        14 => 0x3138_25ef,
        15 => 0x30c0_cbb7,
        16 => 0xb13c_1251,
        17 => 0x306f_63bb,
        18 => 0x2f2e_60b8,
        19 => 0x0000_0000,
        20 => 0x3007_50f2,
        21 => 0x306c_f2ed,
        22 => 0xb10e_af75,
        23 => 0x30b9_a3c9,
        24 => 0x30ab_f127,
        25 => 0x3076_9053,
        26 => 0xb212_4974,
        27 => 0xb234_82bd,
        28 => 0x31ea_47ee,
        29 => 0x3244_47dd,
        30 => 0xb140_8ae1,
        31 => 0xb25f_7a4b,
        _ => 0,
    });
    // r = z invc - 1 = a + pe exactly (p - 1 is exact by Sterbenz, pe is the product's error),
    // as rh + rl (|a| >= |pe| unless a = 0)
    let p = z * invc;
    let pe = z.mul_add(invc, -p);
    let a = p - 1.0;
    let rh = a + pe;
    let rl = pe - (rh - a);
    // ln(1 + r) = vh + vl: r - r^2/2 as a double-f32 (r^2 = s2h + s2l), plus r^3 q(r),
    // q(r) = 1/3 - r/4 + r^2/5 - r^3/6 (Taylor; error below 2^-39 relative to r)
    let s2h = rh * rh;
    let s2l = rh.mul_add(rh, -s2h) + (rh + rh) * rl;
    let hh = 0.5 * s2h;
    let vh = rh - hh;
    let ve = (rh - vh) - hh;
    let q = rh.mul_add(rh.mul_add(rh.mul_add(-0.16666667, 0.2), -0.25), 0.33333334);
    let vl = (s2h * rh).mul_add(q, ve + (rl - 0.5 * s2l));
    // log2(1 + r) = (vh + vl) / ln 2 = wh + wl
    let wh = vh * log2e_hi;
    let wl = vh.mul_add(log2e_hi, -wh) + vh.mul_add(log2e_lo, vl * log2e_hi);
    // log2 ax = k + lc_hi + wh + (lc_lo + wl) = lh + ll. Both sums are fast two-sums: |k| >= 1 >
    // |lc_hi| or k = 0; |wh| < 0.023 < |k + lc_hi| (the intervals next to 19 have |lc_hi| >
    // 0.022 and |wh| < 0.012 or 0.022 < 0.044) or k + lc_hi = 0
    let h1 = k + lc_hi;
    let e1 = lc_hi - (h1 - k);
    let h2 = h1 + wh;
    let e2 = wh - (h2 - h1);
    let lo = (e1 + e2) + (lc_lo + wl);
    let lh = h2 + lo;
    let ll = lo - (lh - h2);
    // y log2 ax = zh + zl (log2 of 0 is -inf, of inf or NaN the argument itself)
    let lh = if regular {
        lh
    } else if ax == 0.0 {
        f32::NEG_INFINITY
    } else {
        ax
    };
    let zh = y * lh;
    let zl = y.mul_add(ll, y.mul_add(lh, -zh));
    let zl = if regular && zl.abs() < 1.0 { zl } else { 0.0 };
    // 2^(zh + zl): beyond [-160, 130] the result is 0 or inf anyway (NaN stays NaN)
    let inside = zh < 130.0 && zh > -160.0;
    let zl = if inside { zl } else { 0.0 };
    let zh = if zh > 130.0 { 130.0 } else { zh };
    let zh = if zh < -160.0 { -160.0 } else { zh };
    // zh = kk + f, |f| <= 1/2, f exact; t = (f + zl) ln 2 = th + tl, |t| < 0.3466
    let t = zh + magic;
    let kk = t - magic;
    let f = zh - kk;
    let th = f * ln2_hi;
    let tl = f.mul_add(ln2_hi, -th) + f.mul_add(ln2_lo, zl * ln2_hi);
    // e^t = 1 + th + (tl + t^2 p(t)), p(t) ~ (e^t - 1 - t)/t^2 of degree 5: least squares at 400
    // Chebyshev nodes on [-0.3466, 0.3466] (mpmath), rounded to f32: error 2^-30.4 relative to e^t
    let tt = th + tl;
    let pt = tt.mul_add(
        tt.mul_add(
            tt.mul_add(tt.mul_add(tt.mul_add(0.00019899287, 0.0013933652), 0.008333298), 0.041666467),
            0.16666667,
        ),
        0.5,
    );
    let tail = (tt * tt).mul_add(pt, tl);
    // 1 + th = s + e exactly
    let s = 1.0 + th;
    let e = th - (s - 1.0);
    let mant = s + (e + tail);
    // mant 2^kk as mant 2^k1 2^(kk - k1), k1 = kk/2 rounded: both factors are normal numbers, so
    // that a subnormal result is rounded once and an overflow gives inf
    let t1 = kk * 0.5 + magic;
    let t2 = (kk - (t1 - magic)) + magic;
    let v = mant
        * f32::from_bits(((t1.to_bits() & 0x1ff) + 127) << 23)
        * f32::from_bits(((t2.to_bits() & 0x1ff) + 127) << 23);
    // signs and the special cases of C99's pow (infinities count as even integers; every |y| >=
    // 2^24 is an even integer, and y/2 is exact for the others)
    let y_int = y.trunc() == y;
    let y_odd = y_int && (y * 0.5).trunc() != y * 0.5;
    let v = if y_odd { f32::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000)) } else { v };
    let v = if x < 0.0 && x > f32::NEG_INFINITY && !y_int { f32::NAN } else { v };
    if x == 1.0 || y == 0.0 || (x == -1.0 && y.abs() > f32::MAX) { 1.0 } else { v }
}

/// `x^n` for `f32` and an integer `n`: the value of `x.powf(n)` computed exactly in `n`,
/// accurate for every `n` (unlike repeated multiplication), and std's `powi` on special
/// values (`x^0 = 1` even for NaN).
///
/// [`powf_f32`]'s algorithm with `y = n` as the exact sum `yh + yl` (`n as f32` rounds above
/// 2^24), the parity taken from `n`.
/// Measured max error: 0.757 ulp (10^6 random pairs, n up to 2^31 near x = 1, and the specials).
pub fn powi_f32(x: f32, n: i32) -> f32 {
    // y = n as yh + yl, both exact (|yl| <= 128)
    let y = n as f32;
    let yl = (n - y as i32) as f32;
    let magic = 12582912.0; // 1.5 * 2^23: adding it rounds any |v| < 2^22 to an integer
    let ln2_hi = f32::from_bits(0x3f31_7218); // ln(2) = ln2_hi + ln2_lo
    let ln2_lo = f32::from_bits(0xb102_e308);
    let log2e_hi = f32::from_bits(0x3fb8_aa3b); // 1/ln(2) = log2e_hi + log2e_lo
    let log2e_lo = f32::from_bits(0x32a5_7060);
    let ax = x.abs();
    let regular = ax > 0.0 && ax <= f32::MAX;
    // ax = 2^k z, z in [0.6953125, 1.390625): adding 0x004e_0000 carries into the exponent field
    // exactly where the mantissa field reaches 0x32_0000, that of 1.390625
    let sub = ax < f32::MIN_POSITIVE;
    let ix = (if sub { ax * 8388608.0 } else { ax }).to_bits() & 0x7fff_ffff;
    let iy = ix + 0x004e_0000;
    let kb = iy >> 23;
    let z = f32::from_bits((ix + 0x3f80_0000) - (kb << 23));
    let k = (kb as f32 - 127.0) - if sub { 23.0 } else { 0.0 };
    // z's interval: 32 of 2^18 mantissa steps each, 1.0 inside interval 19, [1 - 2^-7, 1 + 2^-6)
    let i = (iy >> 18) & 31;
    // invc: 1/c rounded to f32, c the midpoint of interval i (1.0 exactly for interval 19, so
    // that powers of 2 come out exact); |z invc - 1| <= 2^-6
    let invc = f32::from_bits(match i {
        0 => 0x3fb6_0b61,
        1 => 0x3fb2_1643,
        2 => 0x3fae_4c41,
        3 => 0x3faa_aaab,
        4 => 0x3fa7_2f05,
        5 => 0x3fa3_d70a,
        6 => 0x3fa0_a0a1,
        7 => 0x3f9d_89d9,
        8 => 0x3f9a_90e8,
        9 => 0x3f97_b426,
        10 => 0x3f94_f209,
        11 => 0x3f92_4925,
        12 => 0x3f8f_b824,
        13 => 0x3f8d_3dcb,
        14 => 0x3f8a_d8f3,
        15 => 0x3f88_8889,
        16 => 0x3f86_4b8a,
        17 => 0x3f84_2108,
        18 => 0x3f82_0821,
        19 => 0x3f80_0000,
        20 => 0x3f78_3e10,
        21 => 0x3f70_f0f1,
        22 => 0x3f6a_0ea1,
        23 => 0x3f63_8e39,
        24 => 0x3f5d_67c9,
        25 => 0x3f57_9436,
        26 => 0x3f52_0d21,
        27 => 0x3f4c_cccd,
        28 => 0x3f47_ce0c,
        29 => 0x3f43_0c31,
        30 => 0x3f3e_82fa,
        31 => 0x3f3a_2e8c,
        _ => 0x3f80_0000,
    });
    // -log2(invc) = lc_hi + lc_lo (mpmath, 50 digits, rounded to f32 twice)
    let lc_hi = f32::from_bits(match i {
        0 => 0xbf02_15eb,
        1 => 0xbef3_efb1,
        2 => 0xbee4_0ced,
        3 => 0xbed4_7fcd,
        4 => 0xbec5_44bf,
        5 => 0xbeb6_587a,
        6 => 0xbea7_b7df,
        7 => 0xbe99_5ff9,
        8 => 0xbe8b_4e03,
        9 => 0xbe7a_fec6,
        10 => 0xbe5f_e33a,
        11 => 0xbe45_44c5,
        12 => 0xbe2b_1ee2,
        13 => 0xbe11_6d6e,
        14 => 0xbdf0_58d8,
        15 => 0xbdbe_b02f,
        16 => 0xbd8d_d98a,
        17 => 0xbd3b_9c9b,
        18 => 0xbcba_1fa1,
        19 => 0x0000_0000,
        20 => 0x3d35_d690,
        21 => 0x3db3_1fb7,
        22 => 0x3e04_62c4,
        23 => 0x3e2e_00d1,
        24 => 0x3e56_7aef,
        25 => 0x3e7d_e0b5,
        26 => 0x3e92_203d,
        27 => 0x3ea4_d3c2,
        28 => 0x3eb7_1110,
        29 => 0x3ec8_ddd3,
        30 => 0x3eda_3f60,
        31 => 0x3eeb_3a9e,
        _ => 0,
    });
    let lc_lo = f32::from_bits(match i {
        0 => 0x3152_1cb5,
        1 => 0x319a_3b82,
        2 => 0x3263_8d7e,
        3 => 0x2fa8_cdc6,
        4 => 0xb230_27b0,
        5 => 0xb1b8_bbb9,
        6 => 0xb21a_14f2,
        7 => 0x3136_77cb,
        8 => 0xb227_938c,
        9 => 0xae5c_2cc2,
        10 => 0xb13c_b0a8,
        11 => 0x31ac_096a,
        12 => 0xb00a_7a0b,
        13 => 0x318d_f6f2,
        14 => 0x3138_25ef,
        15 => 0x30c0_cbb7,
        16 => 0xb13c_1251,
        17 => 0x306f_63bb,
        18 => 0x2f2e_60b8,
        19 => 0x0000_0000,
        20 => 0x3007_50f2,
        21 => 0x306c_f2ed,
        22 => 0xb10e_af75,
        23 => 0x30b9_a3c9,
        24 => 0x30ab_f127,
        25 => 0x3076_9053,
        26 => 0xb212_4974,
        27 => 0xb234_82bd,
        28 => 0x31ea_47ee,
        29 => 0x3244_47dd,
        30 => 0xb140_8ae1,
        31 => 0xb25f_7a4b,
        _ => 0,
    });
    // r = z invc - 1 = a + pe exactly (p - 1 is exact by Sterbenz, pe is the product's error),
    // as rh + rl (|a| >= |pe| unless a = 0)
    let p = z * invc;
    let pe = z.mul_add(invc, -p);
    let a = p - 1.0;
    let rh = a + pe;
    let rl = pe - (rh - a);
    // ln(1 + r) = vh + vl: r - r^2/2 as a double-f32 (r^2 = s2h + s2l), plus r^3 q(r),
    // q(r) = 1/3 - r/4 + r^2/5 - r^3/6 (Taylor; error below 2^-39 relative to r)
    let s2h = rh * rh;
    let s2l = rh.mul_add(rh, -s2h) + (rh + rh) * rl;
    let hh = 0.5 * s2h;
    let vh = rh - hh;
    let ve = (rh - vh) - hh;
    let q = rh.mul_add(rh.mul_add(rh.mul_add(-0.16666667, 0.2), -0.25), 0.33333334);
    let vl = (s2h * rh).mul_add(q, ve + (rl - 0.5 * s2l));
    // log2(1 + r) = (vh + vl) / ln 2 = wh + wl
    let wh = vh * log2e_hi;
    let wl = vh.mul_add(log2e_hi, -wh) + vh.mul_add(log2e_lo, vl * log2e_hi);
    // log2 ax = k + lc_hi + wh + (lc_lo + wl) = lh + ll. Both sums are fast two-sums: |k| >= 1 >
    // |lc_hi| or k = 0; |wh| < 0.023 < |k + lc_hi| (the intervals next to 19 have |lc_hi| >
    // 0.022 and |wh| < 0.012 or 0.022 < 0.044) or k + lc_hi = 0
    let h1 = k + lc_hi;
    let e1 = lc_hi - (h1 - k);
    let h2 = h1 + wh;
    let e2 = wh - (h2 - h1);
    let lo = (e1 + e2) + (lc_lo + wl);
    let lh = h2 + lo;
    let ll = lo - (lh - h2);
    // y log2 ax = zh + zl (log2 of 0 is -inf, of inf or NaN the argument itself)
    let lh = if regular {
        lh
    } else if ax == 0.0 {
        f32::NEG_INFINITY
    } else {
        ax
    };
    let zh = y * lh;
    let zl = yl.mul_add(lh, y.mul_add(ll, y.mul_add(lh, -zh)));
    let zl = if regular && zl.abs() < 1.0 { zl } else { 0.0 };
    // 2^(zh + zl): beyond [-160, 130] the result is 0 or inf anyway (NaN stays NaN)
    let inside = zh < 130.0 && zh > -160.0;
    let zl = if inside { zl } else { 0.0 };
    let zh = if zh > 130.0 { 130.0 } else { zh };
    let zh = if zh < -160.0 { -160.0 } else { zh };
    // zh = kk + f, |f| <= 1/2, f exact; t = (f + zl) ln 2 = th + tl, |t| < 0.3466
    let t = zh + magic;
    let kk = t - magic;
    let f = zh - kk;
    let th = f * ln2_hi;
    let tl = f.mul_add(ln2_hi, -th) + f.mul_add(ln2_lo, zl * ln2_hi);
    // e^t = 1 + th + (tl + t^2 p(t)), p(t) ~ (e^t - 1 - t)/t^2 of degree 5: least squares at 400
    // Chebyshev nodes on [-0.3466, 0.3466] (mpmath), rounded to f32: error 2^-30.4 relative to e^t
    let tt = th + tl;
    let pt = tt.mul_add(
        tt.mul_add(
            tt.mul_add(tt.mul_add(tt.mul_add(0.00019899287, 0.0013933652), 0.008333298), 0.041666467),
            0.16666667,
        ),
        0.5,
    );
    let tail = (tt * tt).mul_add(pt, tl);
    // 1 + th = s + e exactly
    let s = 1.0 + th;
    let e = th - (s - 1.0);
    let mant = s + (e + tail);
    // mant 2^kk as mant 2^k1 2^(kk - k1), k1 = kk/2 rounded: both factors are normal numbers, so
    // that a subnormal result is rounded once and an overflow gives inf
    let t1 = kk * 0.5 + magic;
    let t2 = (kk - (t1 - magic)) + magic;
    let v = mant
        * f32::from_bits(((t1.to_bits() & 0x1ff) + 127) << 23)
        * f32::from_bits(((t2.to_bits() & 0x1ff) + 127) << 23);
    // the sign of x for odd n; x^0 = 1 and 1^n = 1, NaN included
    let v = if (n & 1) != 0 { f32::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000)) } else { v };
    if x == 1.0 || n == 0 { 1.0 } else { v }
}

/// `atan x` for `f32`.
///
/// `|x| = a`; comparisons with tan(pi/8) and tan(3pi/8) pick `c` in `{0, 1, inf}`, `atan a = atan
/// c + atan s` with `s = a`, `(a - 1)/(a + 1)` or `-1/a`, `|s| <= tan(pi/8)`: numerator and
/// denominator as exact pairs, the quotient by a Newton reciprocal and its exact remainder, so
/// `s + s_lo`. `atan s = s + s z p(z)`, `z = s^2`, `p` of degree 4 (error 2^-30.3); `atan c`
/// added as an exact sum, then the sign of `x`. Beyond 2^30 `a` is clamped (the result rounds to
/// pi/2 there, infinity included); a tiny `x` comes out as `x` (-0 kept) by the same steps.
/// Measured max error: 0.645 ulp.
pub fn atan_f32(x: f32) -> f32 {
    let ax = x.abs();
    let a = if ax > 1073741824.0 { 1073741824.0 } else { ax };
    let red = a >= 0.41421357; // tan(pi/8), rounded up; NaN: not reduced, stays NaN
    let far = a > 2.4142137; // tan(3pi/8)
    // a - 1 and a + 1 as exact pairs nh + nl, dh + dl (Fast2Sum, the larger first: a - 1 is
    // exact above 1, and there nh + 1 = a)
    let nh = a - 1.0;
    let nl = a - (nh + 1.0);
    let big = if a > 1.0 { a } else { 1.0 };
    let sml = if a > 1.0 { 1.0 } else { a };
    let dh = a + 1.0;
    let dl = sml - (dh - big);
    let nh = if far { -1.0 } else { nh };
    let nl = if far { 0.0 } else { nl };
    let dh = if far { a } else { dh };
    let dl = if far { 0.0 } else { dl };
    // 1 / dh (dh in [1, 2^30]): a magic-constant first guess (within 1/8), three FMA Newton
    // steps; the quotient s = q + q_lo from the exact remainder of (nh + nl) - q (dh + dl)
    let db = if dh < 2.0e9 { dh.to_bits() } else { 0x3f80_0000 };
    let y = f32::from_bits(0x7ef3_11c3 - db);
    let y = y.mul_add((-dh).mul_add(y, 1.0), y);
    let y = y.mul_add((-dh).mul_add(y, 1.0), y);
    let y = y.mul_add((-dh).mul_add(y, 1.0), y);
    let q = nh * y;
    let rem = (-q).mul_add(dl, (-q).mul_add(dh, nh) + nl);
    let s = if red { q } else { a };
    let s_lo = if red { rem * y } else { 0.0 };
    // atan c = hi + lo: pi/4 = 0.7853982 - 2.1855694e-8, pi/2 = 1.5707964 - 4.371139e-8
    let hi = if far {
        1.5707964
    } else if red {
        0.7853982
    } else {
        0.0
    };
    let lo = if far {
        -4.371139e-8
    } else if red {
        -2.1855694e-8
    } else {
        0.0
    };
    // atan s / s - 1 = z p(z), z = s^2 <= tan(pi/8)^2
    let z = s * s;
    let p = z.mul_add(z.mul_add(z.mul_add(z.mul_add(-0.060594793, 0.105855145), -0.14242241), 0.1999839), -0.33333313);
    // atan(s + s_lo) = atan s + s_lo / (1 + z) + ..., s_lo / (1 + z) ~ s_lo (1 - z)
    let tail = s.mul_add(z * p, lo + (-s_lo).mul_add(z, s_lo));
    // hi + s exactly (Fast2Sum: hi = 0 or hi > |s|), the rest added to its error, rounded once
    let sum = hi + s;
    let err = (hi - sum) + s;
    let v = sum + (err + tail);
    f32::from_bits(v.to_bits() | (x.to_bits() & 0x8000_0000))
}

/// `atan2(y, x)` for `f32`: the angle of the point `(x, y)`, in `[-pi, pi]`, with C's signed-zero
/// and infinity cases (as std's `y.atan2(x)`).
///
/// [`atan_f32`]'s method on `a = |y|`, `b = |x|`: an infinite one becomes 1 and the other 0 (1 if
/// both are infinite); both are scaled by one power of two so that the larger is in `[2, 4)`
/// (first by 2^24 if both are below 2^-100), `c` is picked by comparing the smaller with tan(pi/8)
/// times the larger, and `(a - b)/(a + b)` has both parts as exact pairs. Then `pi - angle` for
/// negative `x`, pi, the angle and its pieces summed exactly and rounded once, and the sign of `y`.
/// A quotient below 2^-100 (whose remainder would not be exact near the subnormals) is computed
/// 2^64 times larger and multiplied by 2^-64: exactly, or rounded once into the subnormals and
/// corrected by the sign of its remainder where that rounding was a tie.
/// Measured max error: 0.656 ulp (10^8 random pairs and the test's special pairs).
pub fn atan2_f32(y: f32, x: f32) -> f32 {
    let a0 = y.abs();
    let b0 = x.abs();
    let ai = a0 == f32::INFINITY;
    let bi = b0 == f32::INFINITY;
    let a1 = if ai {
        1.0
    } else if bi {
        0.0
    } else {
        a0
    };
    let b1 = if bi {
        1.0
    } else if ai {
        0.0
    } else {
        b0
    };
    // both below 2^-100 (subnormals among them): times 2^24, exact
    let m1 = if a1 > b1 { a1 } else { b1 };
    let pre = if m1 < 7.888609e-31 { 16777216.0 } else { 1.0 };
    let a1 = a1 * pre;
    let b1 = b1 * pre;
    let m1 = m1 * pre;
    // the larger times 2^(128 - e) in [2, 4), e its exponent field in [2, 254] (clamped for 0
    // and NaN): 2^(128 - e) is a normal f32; the smaller may underflow (see `tiny` below)
    let em = (m1.to_bits() >> 23) & 0xff;
    let em = if em > 254 { 254 } else { em };
    let em = if em < 2 { 2 } else { em };
    let sc = f32::from_bits((255 - em) << 23);
    let a = a1 * sc;
    let b = b1 * sc;
    let up = a > b; // y's side the larger
    let mx = if up { a } else { b };
    let mn = if up { b } else { a };
    let red = mn > 0.41421357 * mx; // c = 1 (tan(pi/8)); c = inf if up, else c = 0
    // mx - mn and mx + mn as exact pairs (Fast2Sum)
    let nh = mx - mn;
    let nl = (mx - nh) - mn;
    let dh = mx + mn;
    let dl = mn - (dh - mx);
    let nr = if up { nh } else { -nh };
    let nrl = if up { nl } else { -nl };
    let nm = if up { -mn } else { mn };
    let nh = if red { nr } else { nm };
    let nl = if red { nrl } else { 0.0 };
    let dh = if red { dh } else { mx };
    let dl = if red { dl } else { 0.0 };
    // 1 / dh (dh in [2, 8), but 0 for two zeros, or NaN: then 1): a magic-constant first guess
    // (within 1/8), three FMA Newton steps; s = q + s_lo from the exact remainder
    let db = if dh >= 1.0 { dh.to_bits() } else { 0x3f80_0000 };
    let r = f32::from_bits(0x7ef3_11c3 - db);
    let r = r.mul_add((-dh).mul_add(r, 1.0), r);
    let r = r.mul_add((-dh).mul_add(r, 1.0), r);
    let r = r.mul_add((-dh).mul_add(r, 1.0), r);
    let s = nh * r;
    let rem = (-s).mul_add(dl, (-s).mul_add(dh, nh) + nl);
    let s_lo = rem * r;
    // atan c = hi + lo: pi/4 = 0.7853982 - 2.1855694e-8, pi/2 = 1.5707964 - 4.371139e-8
    let hi = if red {
        0.7853982
    } else if up {
        1.5707964
    } else {
        0.0
    };
    let lo = if red {
        -2.1855694e-8
    } else if up {
        -4.371139e-8
    } else {
        0.0
    };
    // atan s / s - 1 = z p(z), z = s^2 <= tan(pi/8)^2 (the polynomial of atan_f32)
    let z = s * s;
    let p = z.mul_add(z.mul_add(z.mul_add(z.mul_add(-0.060594793, 0.105855145), -0.14242241), 0.1999839), -0.33333313);
    let tail = s.mul_add(z * p, lo + (-s_lo).mul_add(z, s_lo));
    // x < 0 (-0 included): pi - angle, pi = 3.1415927 - 8.742278e-8; base + hi + s as exact sums
    // (Fast2Sum twice: base = 0 or base > hi, hi + base = 0 or |hi + base| > |s|), rounded once
    let left = (x.to_bits() >> 31) != 0;
    let base = if left { 3.1415927 } else { 0.0 };
    let base_lo = if left { -8.742278e-8 } else { 0.0 };
    let hs = if left { -hi } else { hi };
    let ss = if left { -s } else { s };
    let ts = if left { -tail } else { tail };
    let e1 = base + hs;
    let e1l = (base - e1) + hs;
    let e2 = e1 + ss;
    let e2l = (e1 - e2) + ss;
    let v = e2 + (e2l + (e1l + (base_lo + ts)));
    // a quotient below 2^-100 (c = 0, x > 0; above, the remainder is not exact near the
    // subnormals): q1 = 2^64 a / b correctly rounded (Newton's quotient corrected once), with
    // its remainder's sign in lo; t = q1 2^-64, exact or, below 2^-126, rounded once to the
    // subnormals; there d = q1 - t 2^64 is exact, h = 2^-86 half their spacing times 2^64, and
    // past a tie (d + lo beyond +-h) t moves one subnormal
    let at = (a1 * 18446744073709551616.0) * sc;
    let q0 = at * r;
    let q1 = (-q0).mul_add(dh, at).mul_add(r, q0);
    let lo = (-q1).mul_add(dh, at) * r;
    let t = q1 * 5.421011e-20;
    let d = q1 - t * 18446744073709551616.0;
    let h = 1.2924697e-26;
    let sub = q1 < 2.1684043e-19; // 2^-62
    let t = if sub && lo > h - d {
        t + f32::from_bits(1)
    } else if sub && lo < -h - d {
        t - f32::from_bits(1)
    } else {
        t
    };
    let tiny = !red && !up && !left && q1 < 1.4551915e-11; // 2^-36
    let v = if tiny { t } else { v };
    let v = f32::from_bits(v.to_bits() | (y.to_bits() & 0x8000_0000));
    let nan = (x.to_bits() & 0x7fff_ffff) > 0x7f80_0000 || (y.to_bits() & 0x7fff_ffff) > 0x7f80_0000;
    if nan { x + y } else { v }
}

/// `asin x` for `f32`.
///
/// One polynomial for `asin(sqrt t)/sqrt t - 1 = t p(t)` on `t <= 1/4`, `p` of degree 5 (error
/// 2^-31.7): `t = x^2` below `|x| = 1/2`, `x + x t p(t)`; above, `t = (1 - |x|)/2` (exact) and
/// `asin |x| = pi/2 - 2 asin(sqrt t)`, `sqrt t = s + s_lo` (the remainder exact, divided by `2s`
/// with a Newton reciprocal good to 2^-6), `pi/2 - 2s` an exact sum, rounded once, then the sign
/// of `x`. NaN outside `[-1, 1]` (the square root of a negative `t`).
/// Measured max error: 0.627 ulp.
pub fn asin_f32(x: f32) -> f32 {
    let ax = x.abs();
    let near = ax < 0.5;
    let t = if near { x * x } else { (1.0 - ax) * 0.5 };
    let p = t.mul_add(
        t.mul_add(t.mul_add(t.mul_add(t.mul_add(0.03754977, 0.014409406), 0.03181746), 0.04451543), 0.07500515),
        0.1666666,
    );
    let w = t * p;
    let small = x.mul_add(w, x);
    // s_lo = (t - s^2) / 2s: 1 / s from a magic-constant guess and one Newton step (s in
    // [2^-12.5, 1/2] where it is used; 1 for t = 0 or NaN)
    let s = t.sqrt();
    let sb = if t > 0.0 { s.to_bits() } else { 0x3f80_0000 };
    let rs = f32::from_bits(0x7ef3_11c3 - sb);
    let rs = rs.mul_add((-s).mul_add(rs, 1.0), rs);
    let s_lo = (-s).mul_add(s, t) * (0.5 * rs);
    // pi/2 - 2 (s + s_lo)(1 + w), pi/2 = 1.5707964 - 4.371139e-8: 1.5707964 - 2s as h + l (Fast2Sum)
    let s2 = s + s;
    let h = 1.5707964 - s2;
    let l = (1.5707964 - h) - s2;
    let big = h + (l + (-2.0f32).mul_add(s.mul_add(w, s_lo), -4.371139e-8));
    let big = f32::from_bits(big.to_bits() | (x.to_bits() & 0x8000_0000));
    if near { small } else { big }
}

/// `acos x` for `f32`.
///
/// [`asin_f32`]'s polynomial and square root: `pi/2 - asin x` below `|x| = 1/2`, `2 asin(sqrt t)`
/// above for positive `x`, `pi - 2 asin(sqrt t)` for negative, each with its leading difference
/// an exact sum and rounded once. NaN outside `[-1, 1]`; `acos 1 = +0`.
/// Measured max error: 0.602 ulp.
pub fn acos_f32(x: f32) -> f32 {
    let ax = x.abs();
    let near = ax < 0.5;
    let t = if near { x * x } else { (1.0 - ax) * 0.5 };
    let p = t.mul_add(
        t.mul_add(t.mul_add(t.mul_add(t.mul_add(0.03754977, 0.014409406), 0.03181746), 0.04451543), 0.07500515),
        0.1666666,
    );
    let w = t * p;
    // pi/2 - (x + x w), 1.5707964 - x as h + l (Fast2Sum)
    let h = 1.5707964 - x;
    let l = (1.5707964 - h) - x;
    let mid = h + (l + (-x).mul_add(w, -4.371139e-8));
    let s = t.sqrt();
    let sb = if t > 0.0 { s.to_bits() } else { 0x3f80_0000 };
    let rs = f32::from_bits(0x7ef3_11c3 - sb);
    let rs = rs.mul_add((-s).mul_add(rs, 1.0), rs);
    let s_lo = (-s).mul_add(s, t) * (0.5 * rs);
    let tail = s.mul_add(w, s_lo);
    // 2 (s + s_lo)(1 + w) for x > 0; pi - that for x < 0, pi = 3.1415927 - 8.742278e-8
    let pos = 2.0 * (s + tail);
    let s2 = s + s;
    let hn = 3.1415927 - s2;
    let ln = (3.1415927 - hn) - s2;
    let neg = hn + (ln + (-2.0f32).mul_add(tail, -8.742278e-8));
    if near {
        mid
    } else if x < 0.0 {
        neg
    } else {
        pos
    }
}
