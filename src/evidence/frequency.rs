//! Deployment frequency by fourkeys' bucket rule, and the option of the DORA question each
//! bucket points to.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::measure::median;
use super::{Window, day_of};

/// fourkeys' deployment frequency buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// The figures of fourkeys' rule over a window.
#[derive(Debug, Clone, PartialEq)]
pub struct Frequency {
    pub bucket: Bucket,
    /// Weeks (Sunday to Saturday) with at least one day in the window.
    pub weeks: usize,
    /// Weeks with a deployment.
    pub weeks_deployed: usize,
    /// Days with a deployment.
    pub days_deployed: usize,
    /// Median, over the weeks, of the days with a deployment.
    pub median_days_per_week: f64,
    /// Median, over the weeks, of 1 for a week with a deployment and 0 for one without.
    pub median_week_deployed: f64,
    /// Median, over the weeks, of the weeks with a deployment in the week's month.
    pub median_monthly: f64,
    /// Median, over the days with a deployment, of the deployments that day.
    pub median_per_deploy_day: f64,
}

/// The Sunday that starts `day`'s week (BigQuery's `TIMESTAMP_TRUNC(day, WEEK)`).
fn week_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_sunday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

/// fourkeys' bucket rule (`dashboard/fourkeys_dashboard.json`, panel "Deployment Frequency"):
/// every day of the window belongs to its week (weeks start on Sunday); per week, whether it had
/// a deployment and on how many days; then **Daily** when the median days with a deployment per
/// week is at least 3, else **Weekly** when the median of "the week had a deployment" (1 or 0)
/// is at least 1 (most weeks had one), else **Monthly** when the median, over the weeks, of the
/// number of weeks with a deployment in the week's month is at least 1, else **Yearly**.
pub fn frequency(window: &Window, times: &[Timestamp]) -> Frequency {
    let mut per_day: BTreeMap<Date, usize> = BTreeMap::new();
    for at in times.iter().filter(|t| window.holds(**t)) {
        *per_day.entry(day_of(*at)).or_default() += 1;
    }
    // Week start → days with a deployment.
    let mut weeks: BTreeMap<Date, usize> = BTreeMap::new();
    let mut day = window.first_day();
    while day <= window.until {
        let n = weeks.entry(week_of(day)).or_default();
        if per_day.contains_key(&day) {
            *n += 1;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    let mut per_month: BTreeMap<(i16, i8), usize> = BTreeMap::new();
    for (week, days) in &weeks {
        *per_month.entry((week.year(), week.month())).or_default() += usize::from(*days > 0);
    }
    let column = |f: &dyn Fn(&Date, usize) -> f64| -> f64 {
        let values: Vec<f64> = weeks.iter().map(|(w, d)| f(w, *d)).collect();
        median(&values).unwrap_or(0.0)
    };
    let median_days_per_week = column(&|_, d| d as f64);
    let median_week_deployed = column(&|_, d| f64::from(u8::from(d > 0)));
    let median_monthly = column(&|w, _| per_month[&(w.year(), w.month())] as f64);
    let bucket = if median_days_per_week >= 3.0 {
        Bucket::Daily
    } else if median_week_deployed >= 1.0 {
        Bucket::Weekly
    } else if median_monthly >= 1.0 {
        Bucket::Monthly
    } else {
        Bucket::Yearly
    };
    let counts: Vec<f64> = per_day.values().map(|n| *n as f64).collect();
    Frequency {
        bucket,
        weeks: weeks.len(),
        weeks_deployed: weeks.values().filter(|d| **d > 0).count(),
        days_deployed: per_day.len(),
        median_days_per_week,
        median_week_deployed,
        median_monthly,
        median_per_deploy_day: median(&counts).unwrap_or(0.0),
    }
}

/// The deployment-frequency option a [`Frequency`] points to, `deployments` in `days`:
/// Daily is "between once per hour and once per day" (5), or "on demand (multiple deploys per
/// day)" (6) when the days with a deployment had a median of 2 or more; Weekly is "between once
/// per day and once per week" (4); Monthly "between once per week and once per month" (3);
/// Yearly "between once per month and once every six months" (2) when the deployments came at
/// least once per six months on average (182.5 days), else "fewer than once per six months" (1).
pub fn frequency_option(f: &Frequency, deployments: usize, days: i64) -> u8 {
    match f.bucket {
        Bucket::Daily if f.median_per_deploy_day >= 2.0 => 6,
        Bucket::Daily => 5,
        Bucket::Weekly => 4,
        Bucket::Monthly => 3,
        Bucket::Yearly if deployments as f64 * 182.5 >= days as f64 => 2,
        Bucket::Yearly => 1,
    }
}
