//! Failed deployments by the proxy rules (reverts and hotfixes), and the two DORA questions
//! they answer: the change failure rate and the time to restore.

use std::collections::HashMap;

use super::measure::{
    CHANGE_FAILURE_RATE, Finding, TIME_TO_RESTORE, duration, failure_option, median, percent,
    short, time_option,
};
use super::names::{self, Reverted};
use super::{Input, day_of};
use crate::text::count;

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

/// How failures were looked for, in words.
pub(super) fn detection(input: &Input) -> String {
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

pub(super) fn change_failure_rate(input: &Input, why: &[Vec<String>]) -> Finding {
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

pub(super) fn time_to_restore(input: &Input, why: &[Vec<String>]) -> Finding {
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
                count(times.len(), "failure")
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
