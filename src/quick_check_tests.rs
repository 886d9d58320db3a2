//! The 2025 formulas with DORA's own figures (its `data-service.test.ts`), and the shipped
//! benchmark data checked against itself.

use super::*;
use crate::checklist::{ALL, Catalog, Cohort};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn six_option_answers_score_like_doras_app() {
    // DORA: calculatePerformanceScore(1) = 0, (6) = 10, (3.5) = 5.
    assert!(close(choice_score(1.0), 0.0));
    assert!(close(choice_score(6.0), 10.0));
    assert!(close(choice_score(3.5), 5.0));
    assert!(close(choice_score(5.0), 8.0));
}

#[test]
fn percentages_score_ten_minus_a_tenth() {
    // DORA: (0%) = 10, (100%) = 0, (50%) = 5.
    assert!(close(percent_score(0.0), 10.0));
    assert!(close(percent_score(100.0), 0.0));
    assert!(close(percent_score(50.0), 5.0));
    assert!(close(percent_score(15.0), 8.5));
}

#[test]
fn a_squad_mean_between_two_steps_is_the_percentage_between_them() {
    let steps = [100, 75, 50, 40, 30, 20, 10, 5, 0];
    assert_eq!(percentage_at(&steps, 1.0), Some(100.0));
    assert_eq!(percentage_at(&steps, 9.0), Some(0.0));
    assert_eq!(percentage_at(&steps, 7.0), Some(10.0));
    assert_eq!(percentage_at(&steps, 7.5), Some(7.5));
    assert_eq!(percentage_at(&steps, 1.5), Some(87.5));
    assert_eq!(percentage_at(&[], 3.0), None);
}

#[test]
fn the_best_answers_everywhere_score_ten_like_doras_calculate_all() {
    let s = scores([Some(10.0); 5]);
    assert_eq!(
        (s.overall, s.throughput, s.stability),
        (Some(10.0), Some(10.0), Some(10.0))
    );
}

#[test]
fn overall_throughput_and_stability_are_means_of_the_answered_metrics() {
    // Lead time 5 (8), deploys 4 (6), recovery 6 (10), change fail 10% (9), rework 20% (8).
    let s = scores([Some(8.0), Some(6.0), Some(10.0), Some(9.0), Some(8.0)]);
    assert!(close(s.overall.unwrap(), 8.2));
    assert!(close(s.throughput.unwrap(), 8.0));
    assert!(close(s.stability.unwrap(), 8.5));
    let partial = scores([Some(8.0), None, None, None, Some(6.0)]);
    assert_eq!(partial.overall, Some(7.0));
    assert_eq!(partial.throughput, Some(8.0));
    assert_eq!(partial.stability, Some(6.0));
    assert_eq!(scores([None; 5]).overall, None);
}

fn data() -> (Vec<Cohort>, Vec<Cohort>) {
    let catalog = Catalog::builtin().unwrap();
    let b = catalog.benchmarks().unwrap().clone();
    (b.industries, b.organization_sizes)
}

#[test]
fn all_industries_average_672_as_doras_test_says() {
    // DORA's data-service.test.ts: after inverting change fail (1.9 → 8.1) and rework
    // (2.2 → 7.8), "(5.5 + 4.8 + 7.4 + 8.1 + 7.8) / 5 = 6.72"; stability 10 − 2.1 = 7.9.
    let (industries, _) = data();
    let all = oriented(industries.iter().find(|c| c.id == ALL).unwrap());
    assert!(close(all.metrics[3].mean, 8.1));
    assert!(close(all.metrics[4].mean, 7.8));
    assert!(close(all.stability.mean, 7.9));
    assert!(close(all.overall.mean, 6.72), "{}", all.overall.mean);
    assert_eq!(all.overall.std, 1.2);
    assert_eq!(all.name, "All industries");
}

#[test]
fn org_size_all_is_the_industry_all_once_recovery_is_corrected() {
    // DORA's organisation-size file has failurerecovery 2.6 for "all" against 7.4 in the
    // industry file, for the same respondents; the shipped data has 10 − 2.6.
    let (industries, sizes) = data();
    let (ind, org) = (&industries[0], &sizes[0]);
    assert_eq!((ind.id.as_str(), org.id.as_str()), (ALL, ALL));
    assert_eq!(ind.figures(), org.figures());
    assert!(close(org.failurerecovery.mean, 7.4));
    assert!(close(oriented(org).overall.mean, 6.72));
}

#[test]
fn every_rows_throughput_is_the_mean_of_its_three_metrics() {
    // The check that shows which way recovery points: DORA's throughput mean is the mean of
    // lead time, deployment frequency and recovery within rounding, in every row of both files
    // once the organisation sizes' recovery is 10 − x (with DORA's values, "all" would be
    // (5.5 + 4.8 + 2.6) / 3 = 4.3 against a published 6.0).
    let (industries, sizes) = data();
    for c in industries.iter().chain(&sizes) {
        let three = (c.leadtime.mean + c.deployfreq.mean + c.failurerecovery.mean) / 3.0;
        let off = (three - c.software_delivery_throughput.mean).abs();
        assert!(
            off < 0.35,
            "{}: {three:.2} vs {}",
            c.id,
            c.software_delivery_throughput.mean
        );
    }
}

#[test]
fn a_score_is_within_one_std_of_the_mean_or_above_or_below() {
    let stat = Stat {
        mean: 6.72,
        std: 1.2,
    };
    let c = compare(8.2, stat);
    assert!(close(c.difference, 1.48));
    assert_eq!(c.band, Band::Above);
    assert_eq!(compare(6.0, stat).band, Band::Within);
    assert_eq!(
        compare(7.92, stat).band,
        Band::Within,
        "exactly one std is within"
    );
    assert_eq!(compare(5.0, stat).band, Band::Below);
}

#[test]
fn the_shipped_industries_and_sizes_are_doras() {
    let (industries, sizes) = data();
    assert_eq!(industries.len(), 14);
    assert_eq!(sizes.len(), 9);
    let ids: Vec<&str> = sizes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "all",
            "solo",
            "fewer-than-10",
            "fewer-than-100",
            "fewer-than-500",
            "fewer-than-1000",
            "fewer-than-5000",
            "fewer-than-10000",
            "more-than-9999"
        ]
    );
}
