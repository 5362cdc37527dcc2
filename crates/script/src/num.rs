//! Float helpers for `no_std` (core has no `floor`/`round`/`fract`).

/// Largest integer ≤ x (for |x| < 2^63).
pub fn floor(x: f64) -> f64 {
    let t = x as i64 as f64;
    if t > x {
        t - 1.0
    } else {
        t
    }
}

/// Nearest integer, halves away from zero.
pub fn round(x: f64) -> f64 {
    if x < 0.0 {
        -floor(-x + 0.5)
    } else {
        floor(x + 0.5)
    }
}

/// True when x is a whole number small enough to print as an integer.
pub fn is_whole(x: f64) -> bool {
    x.is_finite() && x.abs() < 9.0e15 && floor(x) == x
}
