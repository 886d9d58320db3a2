//! What the benches share: the median and worst of a set of timings, and the report against a
//! budget.

use std::time::Duration;

/// The median and the worst of `times`.
pub fn median_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let last = times.len().saturating_sub(1);
    (times[times.len() / 2], times[last])
}

/// Prints one line per result; true when any median is over `budget`.
pub fn report(results: &[(String, (Duration, Duration))], budget: Duration) -> bool {
    let width = results
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let mut over = false;
    for (name, (median, worst)) in results {
        let verdict = if *median <= budget {
            "ok"
        } else {
            "OVER BUDGET"
        };
        over |= *median > budget;
        println!("{name:<width$} median {median:>10.3?}  worst {worst:>10.3?}  {verdict}");
    }
    over
}
