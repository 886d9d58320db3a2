//! How every number reads, wherever it is shown: the workshop screen, the summary, `compare`,
//! `list`. One rounding rule, so that a value never reads two ways in two places.
//!
//! The rule: round half away from zero at the decimal shown (5.125 reads 5.13 with two decimals,
//! 0.875 reads 88%), after a nudge of a billionth of a step so that a value the scoring computed
//! as 4.3499999999999996 (for 4.35) rounds as the 4.35 it stands for. Progress reads 100% only
//! when it is complete and 0% only when nothing is done, so "100%" never hides a missing
//! milestone.

/// How far a value is moved towards its nearest step before rounding, in steps.
const NUDGE: f64 = 1e-9;

/// The most decimals shown; more are cut to this (a template may ask for any number).
pub const MAX_DECIMALS: usize = 12;

/// `value` rounded by the rule above to whole steps of `10^-decimals`, counted in steps (as a
/// float, so that no value is too large); `None` when not a number.
fn rounded(value: f64, decimals: usize) -> Option<f64> {
    let scaled = value * 10f64.powi(decimals.min(MAX_DECIMALS) as i32);
    scaled
        .is_finite()
        .then(|| (scaled + scaled.signum() * NUDGE).round())
}

/// `value` in whole steps of `10^-decimals`, by the rule above; `None` when not a number.
pub fn steps(value: f64, decimals: usize) -> Option<i64> {
    // `as` saturates, so an absurd value cannot overflow.
    rounded(value, decimals).map(|steps| steps as i64)
}

/// `value` with `decimals` decimals: `fixed(5.125, 2)` is `5.13`.
pub fn fixed(value: f64, decimals: usize) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    match rounded(value, decimals) {
        Some(steps) => {
            let shown = steps / 10f64.powi(decimals as i32);
            format!("{shown:.decimals$}")
        }
        None => "–".to_string(),
    }
}

/// A 0..=1 fraction in whole percent: 100 only when it is 1, 0 only when it is 0.
pub fn percent_points(ratio: f64) -> Option<i64> {
    let points = steps(ratio * 100.0, 0)?;
    Some(match points {
        100.. if ratio < 1.0 => 99,
        ..=0 if ratio > 0.0 => 1,
        p => p,
    })
}

/// A 0..=1 fraction as a whole percentage: `percent(0.895)` is `90%`, `percent(0.999)` is `99%`.
pub fn percent(ratio: f64) -> String {
    percent_points(ratio).map_or("–".to_string(), |p| format!("{p}%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero_at_the_decimal_shown() {
        assert_eq!(fixed(5.125, 2), "5.13");
        assert_eq!(fixed(5.135, 2), "5.14");
        assert_eq!(fixed(4.35, 1), "4.4");
        assert_eq!(
            fixed(87.0 / 20.0, 1),
            "4.4",
            "a computed 4.35 reads as 4.35 would"
        );
        assert_eq!(fixed(0.25, 1), "0.3");
        assert_eq!(fixed(-0.25, 1), "-0.3");
        assert_eq!(fixed(2.0, 1), "2.0");
        assert_eq!(fixed(77.5, 0), "78");
        assert_eq!(fixed(f64::NAN, 2), "–");
        assert_eq!(
            fixed(123_456_789.0, 12),
            "123456789.000000000000",
            "no step count overflows"
        );
    }

    #[test]
    fn percent_is_complete_only_when_complete() {
        assert_eq!(percent(0.895), "90%");
        assert_eq!(percent(0.885), "89%");
        assert_eq!(percent(0.875), "88%");
        assert_eq!(percent(0.999), "99%", "one milestone short is not 100%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.001), "1%", "something done is not 0%");
        assert_eq!(percent(0.0), "0%");
    }
}
