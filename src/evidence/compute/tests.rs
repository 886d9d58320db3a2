use jiff::civil::{Date, date};

use super::*;
use crate::evidence::{Commit, Deployment, Input, Marker};

/// 2026-03-01 is a Sunday.
fn ts(month: i8, day: i8, hour: i8) -> Timestamp {
    date(2026, month, day)
        .at(hour, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
}

fn window(since: Date, until: Date) -> Window {
    Window {
        since,
        until,
        data_start: None,
    }
}

fn commit(id: &str, at: Timestamp, message: &str) -> Commit {
    Commit {
        id: format!("{id:0<40}"),
        at,
        parents: 1,
        message: message.to_string(),
    }
}

fn deploy(name: &str, at: Timestamp, commits: Vec<Commit>) -> Deployment {
    Deployment {
        name: name.to_string(),
        at,
        commits,
        first_ever: false,
    }
}

fn input(deployments: Vec<Deployment>) -> Input {
    Input {
        window: window(date(2026, 3, 1), date(2026, 5, 30)),
        source: "release tags".into(),
        tags: true,
        deployments,
        pending: Vec::new(),
        hotfixes: Vec::new(),
        patches_are_fixes: false,
    }
}

fn finding<'a>(report: &'a Report, question: &str) -> &'a Finding {
    report
        .findings
        .iter()
        .find(|f| f.question == question)
        .unwrap()
}

#[test]
fn the_median_interpolates_an_even_count() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[4.0]), Some(4.0));
    assert_eq!(median(&[9.0, 1.0, 5.0]), Some(5.0));
    assert_eq!(median(&[1.0, 2.0, 3.0, 4.0]), Some(2.5));
    assert_eq!(median(&[0.0, 1.0]), Some(0.5));
    assert_eq!(median(&[7.0, 7.0, 1.0, 1.0]), Some(4.0));
}

/// Two full weeks, Sunday 1 March to Saturday 14 March 2026.
fn two_weeks() -> Window {
    window(date(2026, 3, 1), date(2026, 3, 14))
}

#[test]
fn three_days_a_week_is_daily() {
    let times: Vec<_> = [2, 3, 4, 9, 10, 11].iter().map(|d| ts(3, *d, 12)).collect();
    let f = frequency(&two_weeks(), &times);
    assert_eq!(f.bucket, Bucket::Daily);
    assert_eq!(f.median_days_per_week, 3.0);
    assert_eq!(frequency_option(&f, times.len(), 14), 5, "once a day");
    // Twice on each of those days: several a day.
    let twice: Vec<_> = times.iter().flat_map(|t| [*t, *t]).collect();
    let f = frequency(&two_weeks(), &twice);
    assert_eq!(f.median_per_deploy_day, 2.0);
    assert_eq!(frequency_option(&f, twice.len(), 14), 6, "on demand");
}

#[test]
fn a_median_of_two_and_a_half_days_is_weekly() {
    // Weeks with 2 and 3 days: the median is 2.5, under 3.
    let times: Vec<_> = [2, 3, 9, 10, 11].iter().map(|d| ts(3, *d, 12)).collect();
    let f = frequency(&two_weeks(), &times);
    assert_eq!(f.median_days_per_week, 2.5);
    assert_eq!(f.bucket, Bucket::Weekly);
    assert_eq!(frequency_option(&f, times.len(), 14), 4);
}

#[test]
fn half_the_weeks_is_not_weekly_but_monthly() {
    // March 2026: weeks starting 1, 8, 15, 22 March; deployments in two of them.
    let w = window(date(2026, 3, 1), date(2026, 3, 28));
    let times = [ts(3, 2, 9), ts(3, 16, 9)];
    let f = frequency(&w, &times);
    assert_eq!(f.median_week_deployed, 0.5, "median of 1, 0, 1, 0");
    assert_eq!(f.median_monthly, 2.0);
    assert_eq!(f.bucket, Bucket::Monthly);
    assert_eq!(frequency_option(&f, 2, w.days()), 3);
    // Three weeks of four: the median is 1.
    let times = [ts(3, 2, 9), ts(3, 16, 9), ts(3, 23, 9)];
    assert_eq!(frequency(&w, &times).bucket, Bucket::Weekly);
}

#[test]
fn one_month_of_three_is_yearly() {
    // 1 March to 30 May: 13 weeks; all deployments in March's weeks, so most weeks' months
    // (April's and May's) had none.
    let w = input(vec![]).window;
    let times = [ts(3, 2, 9), ts(3, 10, 9)];
    let f = frequency(&w, &times);
    assert_eq!(f.weeks, 13);
    assert_eq!(f.median_monthly, 0.0);
    assert_eq!(f.bucket, Bucket::Yearly);
    assert_eq!(frequency_option(&f, 2, w.days()), 2, "2 in 91 days");
    // Two deployments in 400 days: fewer than once per six months.
    assert_eq!(frequency_option(&f, 2, 400), 1);
    assert_eq!(
        frequency_option(&f, 2, 365),
        2,
        "exactly once per 182.5 days"
    );
}

#[test]
fn the_edge_weeks_count_their_days_only() {
    // Saturday 7 to Sunday 15 March: three weeks (7, 8-14, 15), one or seven days each.
    let w = window(date(2026, 3, 7), date(2026, 3, 15));
    let f = frequency(&w, &[ts(3, 7, 9), ts(3, 15, 9)]);
    assert_eq!(f.weeks, 3);
    assert_eq!(f.weeks_deployed, 2);
    assert_eq!(f.bucket, Bucket::Weekly);
    // Deployments outside the window are not counted.
    let f = frequency(&w, &[ts(3, 6, 23), ts(3, 16, 0)]);
    assert_eq!(f.days_deployed, 0);
    assert_eq!(f.bucket, Bucket::Yearly);
}

#[test]
fn days_before_the_first_commit_are_not_weeks_without_deployments() {
    let mut w = window(date(2026, 1, 1), date(2026, 3, 14));
    let times: Vec<_> = [2, 9].iter().map(|d| ts(3, *d, 12)).collect();
    assert_eq!(frequency(&w, &times).bucket, Bucket::Yearly);
    w.data_start = Some(date(2026, 3, 1));
    assert_eq!(frequency(&w, &times).bucket, Bucket::Weekly);
}

#[test]
fn time_options_use_fourkeys_bounds_in_hours() {
    let h = 3600.0;
    for (seconds, option) in [
        (0.0, 6),
        (59.0 * 60.0, 6),
        (h, 5),
        (23.9 * h, 5),
        (24.0 * h, 4),
        (167.0 * h, 4),
        (168.0 * h, 3),
        (729.0 * h, 3),
        (730.0 * h, 2),
        (4379.0 * h, 2),
        (4380.0 * h, 1),
    ] {
        assert_eq!(time_option(seconds), option, "{seconds}");
    }
}

#[test]
fn failure_rates_round_to_a_whole_percent() {
    for (failed, total, option) in [
        (0, 7, 6),
        (1, 7, 6),  // 14%
        (2, 13, 6), // 15.4% → 15
        (1, 6, 5),  // 16.7% → 17
        (3, 10, 5), // 30%
        (5, 11, 4), // 45.5% → 45
        (1, 2, 3),  // 50%
        (3, 4, 2),  // 75%
        (4, 5, 1),  // 80%
        (3, 3, 1),
    ] {
        assert_eq!(failure_option(failed, total), option, "{failed}/{total}");
    }
}

#[test]
fn durations_read_as_people_say_them() {
    assert_eq!(duration(30.0), "under a minute");
    assert_eq!(duration(89.0), "1 minute");
    assert_eq!(duration(45.0 * 60.0), "45 minutes");
    assert_eq!(duration(3600.0), "1 hour");
    assert_eq!(duration(3.0 * 3600.0), "3 hours");
    assert_eq!(duration(86400.0 * 2.0), "2 days");
    assert_eq!(duration(36.0 * 3600.0), "36 hours");
    assert_eq!(duration(3.5 * 86400.0), "3.5 days");
}

#[test]
fn lead_time_is_the_median_over_commits_to_their_first_deployment() {
    let mut merge = commit("m", ts(3, 4, 10), "Merge branch 'x'");
    merge.parents = 2;
    let deployments = vec![
        deploy(
            "v1.0",
            ts(3, 5, 12),
            vec![
                commit("a", ts(3, 5, 10), "a"), // 2 hours
                commit("b", ts(3, 4, 12), "b"), // 24 hours
                merge,
            ],
        ),
        deploy(
            "v1.1",
            ts(3, 12, 12),
            vec![
                commit("c", ts(3, 12, 11), "c"), // 1 hour
                commit("d", ts(3, 9, 12), "d"),  // 72 hours
                commit("e", ts(3, 12, 13), "after its tag"),
            ],
        ),
    ];
    let r = report(&input(deployments));
    let f = finding(&r, LEAD_TIME);
    // 1, 2, 24, 72 hours: the median is 13 hours.
    assert_eq!(f.suggested, Some(5), "{f:?}");
    assert!(f.evidence[0].starts_with("Median 13 hours"), "{f:?}");
    assert!(f.evidence[0].contains("over 4 commits"), "{f:?}");
    assert!(f.evidence[1].contains("1 merge commit"), "{f:?}");
    assert!(
        f.evidence[1].contains("1 commit dated at or after"),
        "{f:?}"
    );
}

#[test]
fn the_first_deployment_ever_counts_only_the_window_s_commits() {
    let mut first = deploy(
        "v1.0",
        ts(3, 5, 12),
        vec![
            commit("a", ts(3, 5, 11), "a"),
            commit("old", ts(1, 5, 11), "from January"),
        ],
    );
    first.first_ever = true;
    let second = deploy("v1.1", ts(3, 6, 12), vec![commit("b", ts(3, 6, 11), "b")]);
    let r = report(&input(vec![first, second]));
    let f = finding(&r, LEAD_TIME);
    assert_eq!(f.suggested, Some(5));
    assert!(f.evidence[0].starts_with("Median 1 hour from"), "{f:?}");
    assert!(
        f.evidence[1].contains("1 commit from before the window"),
        "{f:?}"
    );
}

#[test]
fn a_revert_of_a_shipped_commit_fails_the_deployment_before_it() {
    let a = commit("a1", ts(3, 2, 9), "Add login");
    let revert = commit(
        "r1",
        ts(3, 3, 9),
        &format!("Revert \"Add login\"\n\nThis reverts commit {}.", a.id),
    );
    let deployments = vec![
        deploy("v1.0", ts(3, 2, 12), vec![a]),
        deploy("v1.1", ts(3, 3, 12), vec![revert]),
        deploy("v1.2", ts(3, 4, 12), vec![commit("c1", ts(3, 4, 9), "c")]),
    ];
    let why = failures(&input(deployments.clone()));
    assert_eq!(why[0], vec!["r100000 reverts a100000".to_string()]);
    assert!(why[1].is_empty() && why[2].is_empty());
    let r = report(&input(deployments));
    let cfr = finding(&r, CHANGE_FAILURE_RATE);
    assert!(
        cfr.evidence[0].starts_with("1 of 3 deployments (33%)"),
        "{cfr:?}"
    );
    assert_eq!(cfr.suggested, Some(4));
    let restore = finding(&r, TIME_TO_RESTORE);
    assert_eq!(
        restore.suggested,
        Some(4),
        "24 hours to v1.1: one day to one week"
    );
}

#[test]
fn a_revert_of_a_commit_not_shipped_yet_fails_nothing() {
    let b = commit("b1", ts(3, 3, 8), "Try something");
    let revert = commit(
        "r1",
        ts(3, 3, 9),
        &format!("Revert it\n\nThis reverts commit {}.", &b.id[..7]),
    );
    let deployments = vec![
        deploy("v1.0", ts(3, 2, 12), vec![commit("a1", ts(3, 2, 9), "a")]),
        deploy("v1.1", ts(3, 3, 12), vec![b, revert]),
    ];
    assert!(failures(&input(deployments)).iter().all(Vec::is_empty));
}

#[test]
fn a_revert_after_the_last_deployment_leaves_it_failed_and_not_restored() {
    let a = commit("a1", ts(3, 3, 9), "a");
    let revert = commit(
        "r1",
        ts(3, 4, 9),
        &format!("Revert\n\nThis reverts commit {}.", a.id),
    );
    let mut i = input(vec![
        deploy("v1.0", ts(3, 2, 12), vec![commit("z1", ts(3, 2, 9), "z")]),
        deploy("v1.1", ts(3, 3, 12), vec![a]),
    ]);
    i.pending = vec![revert];
    let r = report(&i);
    assert!(finding(&r, CHANGE_FAILURE_RATE).evidence[0].starts_with("1 of 2"));
    let restore = finding(&r, TIME_TO_RESTORE);
    assert_eq!(restore.suggested, None);
    assert!(
        restore
            .evidence
            .iter()
            .any(|l| l.contains("Not restored by a deployment in the window yet: v1.1")),
        "{restore:?}"
    );
}

#[test]
fn hotfix_tags_branches_and_merges_fail_the_deployment_before() {
    let mut merge = commit("m1", ts(3, 5, 10), "Merge branch 'hotfix/login'");
    merge.parents = 2;
    let mut i = input(vec![
        deploy("v1.0.0", ts(3, 2, 12), vec![]),
        deploy("v1.0.1-hotfix", ts(3, 3, 12), vec![]),
        deploy("v1.1.0", ts(3, 4, 12), vec![]),
        deploy("v1.1.1", ts(3, 5, 12), vec![merge]),
        deploy("v1.2.0", ts(3, 8, 12), vec![]),
        deploy("v1.2.1", ts(3, 9, 12), vec![]),
    ]);
    i.hotfixes = vec![Marker {
        name: "hotfix-1.2".into(),
        at: ts(3, 6, 9),
    }];
    let why = failures(&i);
    assert_eq!(
        why[0],
        vec!["the next deployment, v1.0.1-hotfix, is a hotfix"]
    );
    assert!(why[1].is_empty());
    assert_eq!(
        why[2],
        vec!["m100000 merges a hotfix: Merge branch 'hotfix/login'"]
    );
    assert_eq!(why[3], vec!["hotfix ref hotfix-1.2 on 2026-03-06"]);
    assert!(why[4].is_empty(), "patch releases are not fixes by default");
    i.patches_are_fixes = true;
    let why = failures(&i);
    assert_eq!(
        why[4],
        vec!["the next deployment, v1.2.1, is a patch release"]
    );
    assert!(why[3].len() == 1, "v1.2.0 is not a patch of 1.1");
    // Merges to main: names are not versions, the patch and hotfix-name rules do not apply.
    i.tags = false;
    let why = failures(&i);
    assert!(why[0].is_empty() && why[4].is_empty());
}

#[test]
fn a_squashed_revert_without_an_id_still_counts() {
    let i = input(vec![
        deploy("v1", ts(3, 2, 12), vec![]),
        deploy(
            "v2",
            ts(3, 2, 14),
            vec![commit("s1", ts(3, 2, 13), "Revert \"Add login\" (#14)")],
        ),
    ]);
    let r = report(&i);
    let restore = finding(&r, TIME_TO_RESTORE);
    assert_eq!(restore.suggested, Some(5), "2 hours: less than one day");
    assert_eq!(finding(&r, CHANGE_FAILURE_RATE).suggested, Some(3), "50%");
}

#[test]
fn no_failures_suggests_no_restore_time() {
    let r = report(&input(vec![
        deploy("v1", ts(3, 2, 12), vec![]),
        deploy("v2", ts(3, 9, 12), vec![]),
    ]));
    assert_eq!(finding(&r, TIME_TO_RESTORE).suggested, None);
    assert_eq!(finding(&r, CHANGE_FAILURE_RATE).suggested, Some(6));
    assert!(
        finding(&r, LEAD_TIME).evidence[0].starts_with("Not enough data"),
        "no commits to time"
    );
}

#[test]
fn zero_or_one_deployment_suggests_nothing() {
    for deployments in [vec![], vec![deploy("v1", ts(3, 2, 12), vec![])]] {
        let r = report(&input(deployments));
        assert_eq!(r.findings.len(), 4);
        for f in &r.findings {
            assert_eq!(f.suggested, None, "{f:?}");
            assert!(f.evidence[0].starts_with("Not enough data"), "{f:?}");
        }
    }
    let r = report(&input(vec![deploy("v1", ts(3, 2, 12), vec![])]));
    assert!(r.findings[0].evidence[0].contains("only 1 deployment in the window (v1)"));
    let order: Vec<_> = r.findings.iter().map(|f| f.question).collect();
    assert_eq!(
        order,
        [
            LEAD_TIME,
            DEPLOY_FREQUENCY,
            TIME_TO_RESTORE,
            CHANGE_FAILURE_RATE
        ]
    );
}

#[test]
fn under_two_weeks_of_history_suggests_no_frequency() {
    let mut i = input(vec![
        deploy("v1", ts(3, 2, 12), vec![]),
        deploy("v2", ts(3, 3, 12), vec![]),
    ]);
    i.window.since = date(2026, 1, 1);
    i.window.data_start = Some(date(2026, 3, 1));
    i.window.until = date(2026, 3, 13);
    let r = report(&i);
    let f = finding(&r, DEPLOY_FREQUENCY);
    assert_eq!(f.suggested, None);
    assert!(
        f.evidence[1].starts_with(
            "Not enough data: the window holds 13 days of history (the first commit is on \
             2026-03-01)"
        ),
        "{f:?}"
    );
    assert_eq!(
        f.evidence.len(),
        2,
        "no bucket, and no small-sample hint, without a suggestion"
    );
    i.window.until = date(2026, 3, 14);
    assert_eq!(finding(&report(&i), DEPLOY_FREQUENCY).suggested, Some(3));
}
