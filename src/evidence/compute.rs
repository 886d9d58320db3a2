//! The formulas: deployment frequency by fourkeys' bucket rule, median lead time, the
//! change-failure proxy and the time-to-restore proxy, each mapped to an option of its DORA
//! question. Pure functions over an [`Input`]; nothing here runs git.

use jiff::Timestamp;

use super::{Input, Window};

pub use super::failure::failures;
use super::failure::{change_failure_rate, time_to_restore};
pub use super::frequency::{Bucket, Frequency, frequency, frequency_option};
use super::measure::one_decimal;
pub use super::measure::{
    CHANGE_FAILURE_RATE, DEPLOY_FREQUENCY, Finding, LEAD_TIME, MIN_DAYS, MIN_DEPLOYMENTS,
    TIME_TO_RESTORE,
};
pub use super::measure::{duration, failure_option, median, time_option};
use crate::text::count;

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
            count(times.len(), "deployment"),
            count(f.days_deployed, "day"),
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
            count(usize::try_from(w.days()).unwrap_or(0), "day"),
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
            count(times.len(), "deployment"),
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
                count(times.len(), "commit"),
                count(input.deployments.len(), "deployment"),
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
        left_out.push(count(merges, "merge commit"));
    }
    if not_after > 0 {
        left_out.push(format!(
            "{} dated at or after its deployment",
            count(not_after, "commit")
        ));
    }
    if older > 0 {
        left_out.push(format!(
            "{} from before the window that the first deployment ever shipped",
            count(older, "commit")
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

#[cfg(test)]
mod tests;
