//! The formulas: deployment frequency by fourkeys' bucket rule, median lead time, the
//! change-failure proxy and the time-to-restore proxy, each mapped to an option of its DORA
//! question. Pure functions over an [`Input`]; nothing here runs git.

use std::collections::HashMap;

use jiff::Timestamp;

use super::names::{self, Reverted};
use super::{Input, Window, day_of};

pub use super::frequency::{Bucket, Frequency, frequency, frequency_option};

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

/// Everything the evidence says, per question, with what it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub window: Window,
    /// What counted as a deployment.
    pub source: String,
    /// The deployments counted: name and time, oldest first.
    pub deployments: Vec<(String, Timestamp)>,
    /// Lead time, deployment frequency, time to restore, change failure rate.
    pub findings: Vec<Finding>,
    /// What the figures cannot see.
    pub caveats: Vec<String>,
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

fn percent(part: usize, total: usize) -> u64 {
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
fn one_decimal(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Why each deployment failed (empty for one that did not), by the proxy rules: the changes
/// after it, up to and including the next deployment (or, for the last, the commits not shipped
/// yet), hold a revert of a commit it had shipped, or a merge of a hotfix branch; or the next
/// deployment's tag names a hotfix (or, with `patches_are_fixes`, is a patch release of the same
/// x.y); or a hotfix branch or tag was made between it and the next.
pub fn failures(input: &Input) -> Vec<Vec<String>> {
    let deployments = &input.deployments;
    let n = deployments.len();
    // Commit id → index of the deployment that shipped it first (n: not shipped yet).
    let mut shipped: HashMap<&str, usize> = HashMap::new();
    for (i, d) in deployments.iter().enumerate() {
        for c in &d.commits {
            shipped.insert(c.id.as_str(), i);
        }
    }
    for c in &input.pending {
        shipped.insert(c.id.as_str(), n);
    }
    let shipped_at = |id: &str| -> Option<usize> {
        shipped.get(id).copied().or_else(|| {
            shipped
                .iter()
                .find(|(full, _)| full.starts_with(id))
                .map(|(_, i)| *i)
        })
    };
    (0..n)
        .map(|i| {
            let this = &deployments[i];
            let next = deployments.get(i + 1);
            let after = next.map_or(input.pending.as_slice(), |d| d.commits.as_slice());
            let mut why = Vec::new();
            for c in after {
                match names::reverts(&c.message) {
                    // A revert of a commit that had not shipped yet undoes no deployment.
                    Some(Reverted::Commit(id)) if shipped_at(&id).is_some_and(|j| j > i) => {}
                    Some(Reverted::Commit(id)) => {
                        why.push(format!("{} reverts {}", short(&c.id), short(&id)));
                    }
                    Some(Reverted::Unknown) => {
                        why.push(format!("{} is a revert: {}", short(&c.id), c.subject()));
                    }
                    None if c.is_merge() && names::merges_hotfix(c.subject()) => {
                        why.push(format!("{} merges a hotfix: {}", short(&c.id), c.subject()));
                    }
                    None => {}
                }
            }
            if let (true, Some(next)) = (input.tags, next) {
                if names::is_hotfix(&next.name) {
                    why.push(format!("the next deployment, {}, is a hotfix", next.name));
                } else if input.patches_are_fixes
                    && let (Some(a), Some(b)) = (
                        names::release_version(&this.name),
                        names::release_version(&next.name),
                    )
                    && (a.major, a.minor) == (b.major, b.minor)
                    && b.patch > a.patch
                {
                    why.push(format!(
                        "the next deployment, {}, is a patch release",
                        next.name
                    ));
                }
            }
            for m in &input.hotfixes {
                let before_next = match next {
                    Some(next) => m.at <= next.at,
                    None => day_of(m.at) <= input.window.until,
                };
                if m.at > this.at && before_next {
                    why.push(format!("hotfix ref {} on {}", m.name, day_of(m.at)));
                }
            }
            why
        })
        .collect()
}

/// The report on `input`: a finding per DORA question, in the checklist's order (lead time,
/// deployment frequency, time to restore, change failure rate).
pub fn report(input: &Input) -> Report {
    let deployments: Vec<(String, Timestamp)> = input
        .deployments
        .iter()
        .map(|d| (d.name.clone(), d.at))
        .collect();
    let n = deployments.len();
    let mut caveats = vec![if input.tags {
        "Tags are a proxy for deployments: a tag that never reached production, or a \
         deployment without a tag, is miscounted."
            .to_string()
    } else {
        "Merges to the main branch are a proxy for deployments: they count as deployed when \
         merged."
            .to_string()
    }];
    caveats.push(
        "Failures are a proxy: only reverts and hotfixes show in git; a failure fixed forward \
         in an ordinary commit, or an incident that needed no change, does not."
            .into(),
    );
    caveats.push(
        "Time to restore runs from a failing deployment to the next one, not from when users \
         were first hit."
            .into(),
    );
    caveats.push(
        "Lead time starts at the committer date: a rebase or a squash renews it, which \
         shortens the time measured."
            .into(),
    );
    let findings = if n < MIN_DEPLOYMENTS {
        let why = match n {
            0 => "no deployment in the window".to_string(),
            _ => format!("only 1 deployment in the window ({})", deployments[0].0),
        };
        [
            LEAD_TIME,
            DEPLOY_FREQUENCY,
            TIME_TO_RESTORE,
            CHANGE_FAILURE_RATE,
        ]
        .into_iter()
        .map(|question| Finding {
            question,
            suggested: None,
            evidence: vec![format!(
                "Not enough data: {why}; at least {MIN_DEPLOYMENTS} are needed. A longer \
                     --since, or another --tag pattern, may find more."
            )],
        })
        .collect()
    } else {
        let why = failures(input);
        let mut findings = vec![
            lead_time(input),
            deploy_frequency(input),
            time_to_restore(input, &why),
            change_failure_rate(input, &why),
        ];
        if n < 5 {
            for f in findings.iter_mut().filter(|f| f.suggested.is_some()) {
                f.evidence.push(format!(
                    "Only {n} deployments: a hint rather than a measure."
                ));
            }
        }
        findings
    };
    Report {
        window: input.window,
        source: input.source.clone(),
        deployments,
        findings,
        caveats,
    }
}

fn deploy_frequency(input: &Input) -> Finding {
    let w = &input.window;
    let times: Vec<Timestamp> = input.deployments.iter().map(|d| d.at).collect();
    let f = frequency(w, &times);
    let option = frequency_option(&f, times.len(), w.days());
    let bucket = match f.bucket {
        Bucket::Daily => "Daily",
        Bucket::Weekly => "Weekly",
        Bucket::Monthly => "Monthly",
        Bucket::Yearly => "Yearly",
    };
    let mut evidence = vec![
        format!(
            "{} on {} in {} days ({} to {}); {} of {} weeks had one.",
            plural(times.len(), "deployment"),
            plural(f.days_deployed, "day"),
            w.days(),
            w.first_day(),
            w.until,
            f.weeks_deployed,
            f.weeks
        ),
        format!(
            "fourkeys' bucket: {bucket} (median days with a deployment per week {}, needs 3 for \
             Daily; median of weeks with one {}, needs 1 for Weekly; median weeks with one per \
             month {}, needs 1 for Monthly).",
            one_decimal(f.median_days_per_week),
            one_decimal(f.median_week_deployed),
            one_decimal(f.median_monthly)
        ),
    ];
    if w.days() < MIN_DAYS {
        // The bucket of so short a window says nothing: only the counts stay.
        evidence.truncate(1);
        evidence.push(format!(
            "Not enough data: the window holds {} of history{}; fourkeys' rule takes medians \
             over weeks, so at least {MIN_DAYS} are needed.",
            plural(usize::try_from(w.days()).unwrap_or(0), "day"),
            match w.data_start {
                Some(start) if start > w.since => format!(" (the first commit is on {start})"),
                _ => String::new(),
            }
        ));
        return Finding {
            question: DEPLOY_FREQUENCY,
            suggested: None,
            evidence,
        };
    }
    match (f.bucket, option) {
        (Bucket::Daily, 6) => evidence.push(format!(
            "Days with a deployment had a median of {} deployments: several a day.",
            one_decimal(f.median_per_deploy_day)
        )),
        (Bucket::Daily, _) => evidence.push(format!(
            "Days with a deployment had a median of {}: on demand needs 2 or more.",
            one_decimal(f.median_per_deploy_day)
        )),
        (Bucket::Yearly, _) => evidence.push(format!(
            "{} in {} days: {} once per six months on average.",
            plural(times.len(), "deployment"),
            w.days(),
            if option == 2 { "at least" } else { "less than" }
        )),
        _ => {}
    }
    Finding {
        question: DEPLOY_FREQUENCY,
        suggested: Some(option),
        evidence,
    }
}

fn lead_time(input: &Input) -> Finding {
    let mut times = Vec::new();
    let (mut merges, mut not_after, mut older) = (0, 0, 0);
    for d in &input.deployments {
        for c in &d.commits {
            if c.is_merge() {
                merges += 1;
                continue;
            }
            if d.first_ever && !input.window.holds(c.at) {
                older += 1;
                continue;
            }
            let seconds = (d.at.as_second() - c.at.as_second()) as f64;
            if seconds <= 0.0 {
                not_after += 1;
                continue;
            }
            times.push(seconds);
        }
    }
    let mut evidence = Vec::new();
    let suggested = match median(&times) {
        Some(m) => {
            let low = times.iter().copied().fold(f64::INFINITY, f64::min);
            let high = times.iter().copied().fold(0.0, f64::max);
            evidence.push(format!(
                "Median {} from commit (committer date) to the first deployment that shipped \
                 it, over {} in {}; fastest {}, slowest {}.",
                duration(m),
                plural(times.len(), "commit"),
                plural(input.deployments.len(), "deployment"),
                duration(low),
                duration(high)
            ));
            Some(time_option(m))
        }
        None => {
            evidence.push(
                "Not enough data: no commit shipped by these deployments can be timed.".into(),
            );
            None
        }
    };
    let mut left_out = Vec::new();
    if merges > 0 {
        left_out.push(plural(merges, "merge commit"));
    }
    if not_after > 0 {
        left_out.push(format!(
            "{} dated at or after its deployment",
            plural(not_after, "commit")
        ));
    }
    if older > 0 {
        left_out.push(format!(
            "{} from before the window that the first deployment ever shipped",
            plural(older, "commit")
        ));
    }
    if !left_out.is_empty() {
        evidence.push(format!("Left out: {}.", left_out.join("; ")));
    }
    Finding {
        question: LEAD_TIME,
        suggested,
        evidence,
    }
}

/// How failures were looked for, in words.
fn detection(input: &Input) -> String {
    let mut how = vec![
        "reverts (`This reverts commit`, or a subject `Revert \"…\"`) of shipped commits"
            .to_string(),
        format!(
            "merges of, and branches or tags named, {}",
            names::HOTFIX_PATTERNS.join(" or ")
        ),
    ];
    if input.tags {
        how.push("a next tag named so".into());
    }
    if input.tags && input.patches_are_fixes {
        how.push("a next tag that is a patch release of the same x.y".into());
    }
    format!(
        "Failures detected, up to the next deployment: {}.",
        how.join("; ")
    )
}

fn change_failure_rate(input: &Input, why: &[Vec<String>]) -> Finding {
    let n = input.deployments.len();
    let failed: Vec<String> = input
        .deployments
        .iter()
        .zip(why)
        .filter(|(_, w)| !w.is_empty())
        .map(|(d, w)| format!("{} ({})", d.name, w.join("; ")))
        .collect();
    let mut evidence = vec![format!(
        "{} of {} deployments ({}%) were followed by a fix before the next one{}",
        failed.len(),
        n,
        percent(failed.len(), n),
        if failed.is_empty() {
            ".".to_string()
        } else {
            format!(": {}.", failed.join(", "))
        }
    )];
    evidence.push(detection(input));
    Finding {
        question: CHANGE_FAILURE_RATE,
        suggested: Some(failure_option(failed.len(), n)),
        evidence,
    }
}

fn time_to_restore(input: &Input, why: &[Vec<String>]) -> Finding {
    let deployments = &input.deployments;
    let mut times = Vec::new();
    let mut open = Vec::new();
    for (i, d) in deployments.iter().enumerate() {
        if why[i].is_empty() {
            continue;
        }
        match deployments.get(i + 1) {
            Some(next) => times.push((next.at.as_second() - d.at.as_second()) as f64),
            None => open.push(d.name.clone()),
        }
    }
    let mut evidence = Vec::new();
    let suggested = match median(&times) {
        Some(m) => {
            evidence.push(format!(
                "Median {} from a failing deployment to the next one, over {}.",
                duration(m),
                plural(times.len(), "failure")
            ));
            Some(time_option(m))
        }
        None if open.is_empty() => {
            evidence
                .push("No failing deployment detected: nothing to time, so no suggestion.".into());
            evidence.push(detection(input));
            None
        }
        None => {
            evidence.push("Not enough data: no failing deployment was followed by another.".into());
            None
        }
    };
    if !open.is_empty() {
        evidence.push(format!(
            "Not restored by a deployment in the window yet: {}.",
            open.join(", ")
        ));
    }
    Finding {
        question: TIME_TO_RESTORE,
        suggested,
        evidence,
    }
}

#[cfg(test)]
mod tests;
