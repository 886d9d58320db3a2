//! What a finding is, and the units the evidence is told in: medians, durations and
//! percentages, and the DORA options they fall in.

/// The DORA questions' ids, as the checklists define them.
pub const LEAD_TIME: &str = "dora.lead-time";
pub const DEPLOY_FREQUENCY: &str = "dora.deploy-frequency";
pub const TIME_TO_RESTORE: &str = "dora.time-to-restore";
pub const CHANGE_FAILURE_RATE: &str = "dora.change-failure-rate";

/// Fewer deployments than this in the window, and no question gets a suggestion.
pub const MIN_DEPLOYMENTS: usize = 2;

/// Fewer days of history than this in the window (two weeks), and the deployment frequency
/// gets no suggestion: fourkeys' rule takes medians over weeks.
pub const MIN_DAYS: i64 = 14;

/// What the data says about one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The question's id.
    pub question: &'static str,
    /// The option (1..=6, as the checklist numbers them) the data points to; `None` when there
    /// is not enough data.
    pub suggested: Option<u8>,
    /// The evidence, one line each: counts, medians, what was detected and how.
    pub evidence: Vec<String>,
}

/// The median (the mean of the middle two for an even count, as fourkeys' `PERCENTILE_CONT(x,
/// 0.5)` interpolates); `None` for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The option of a time question (lead time, time to restore) for a duration in seconds, with
/// fourkeys' bounds in hours: under 1 "less than one hour" (6), under 24 "less than one day" (5),
/// under 168 "one day to one week" (4), under 730 "one week to one month" (3), under 4,380 "one
/// to six months" (2), else "more than six months" (1).
pub fn time_option(seconds: f64) -> u8 {
    let hours = seconds / 3600.0;
    match hours {
        h if h < 1.0 => 6,
        h if h < 24.0 => 5,
        h if h < 168.0 => 4,
        h if h < 730.0 => 3,
        h if h < 730.0 * 6.0 => 2,
        _ => 1,
    }
}

/// The change-failure-rate option for `failed` of `total` deployments: the percentage rounded
/// to a whole number, then the option whose range holds it (0-15% is 6, …, 76-100% is 1).
pub fn failure_option(failed: usize, total: usize) -> u8 {
    let percent = percent(failed, total);
    match percent {
        0..=15 => 6,
        16..=30 => 5,
        31..=45 => 4,
        46..=60 => 3,
        61..=75 => 2,
        _ => 1,
    }
}

pub(super) fn percent(part: usize, total: usize) -> u64 {
    if total == 0 {
        return 0;
    }
    ((part as f64 * 100.0 / total as f64).round()) as u64
}

/// A duration for people: minutes under an hour, hours under two days, else days.
pub fn duration(seconds: f64) -> String {
    if seconds < 60.0 {
        return "under a minute".into();
    }
    let minutes = seconds / 60.0;
    if minutes < 60.0 {
        let m = minutes.round() as i64;
        return if m == 1 {
            "1 minute".into()
        } else {
            format!("{m} minutes")
        };
    }
    let hours = minutes / 60.0;
    let (n, unit) = if hours < 48.0 {
        (one_decimal(hours), "hour")
    } else {
        (one_decimal(hours / 24.0), "day")
    };
    if n == "1" {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// `2.5`, and `3` rather than `3.0`.
pub(super) fn one_decimal(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

pub(super) fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}
