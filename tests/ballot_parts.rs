//! `checkpoint ballot --part`: a squad votes on the DORA questions first, then fills a second
//! ballot for the three capabilities the DORA level named, as the workshop does.

use std::path::{Path, PathBuf};

#[path = "harness/cli.rs"]
mod cli_env;
use cli_env::Env;

impl Env {
    /// A ballot filled in by `who` from `blank`, each id in `answers` given its answer.
    fn fill(&self, blank: &str, who: &str, answers: &[(&str, &str)]) -> PathBuf {
        let mut text = blank.replace("participant: \"\"", &format!("participant: {who}"));
        for (id, answer) in answers {
            let line = format!("\n  {id}:\n");
            assert!(text.contains(&line), "{id} is not on the ballot");
            text = text.replace(&line, &format!("\n  {id}: {answer}\n"));
        }
        let path = self.dir.path().join(format!("{who}.yaml"));
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// The question ids a ballot asks, in order.
fn ids(ballot: &str) -> Vec<&str> {
    ballot
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.strip_suffix(':'))
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .collect()
}

/// Imports the ballots at `paths` as a checkpoint of squad S on 2023-01-17; its name.
fn import(env: &Env, paths: &[PathBuf]) -> String {
    let mut args = vec!["import", "--squad", "S", "--date", "2023-01-17"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let saved = env.ok(&args);
    Path::new(saved.trim())
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

const DORA: [&str; 4] = [
    "dora.lead-time",
    "dora.deploy-frequency",
    "dora.time-to-restore",
    "dora.change-failure-rate",
];

#[test]
fn dora_first_then_the_capabilities_the_level_named() {
    let env = Env::new();
    let dora = env.ok(&["ballot", "--part", "dora"]);
    assert_eq!(ids(&dora), DORA);
    assert!(
        dora.contains("# your best guess rather than n/a."),
        "the n/a advice: {dora}"
    );
    assert!(dora.contains("--part capabilities --checkpoint"), "{dora}");

    // Before any level, the capabilities ballot is refused, saying what to do.
    let err = env.fails(&["ballot", "--part", "capabilities"]);
    assert!(
        err.contains("the capabilities ballot follows the squad's DORA level"),
        "{err}"
    );
    assert!(err.contains("checkpoint ballot --part dora"), "{err}");

    // Three people vote 5 on every DORA question: High.
    let ballots: Vec<PathBuf> = ["Ana", "Ben", "Cy"]
        .iter()
        .map(|who| env.fill(&dora, who, &DORA.map(|id| (id, "5"))))
        .collect();
    let name = import(&env, &ballots);
    assert_eq!(name, "s-2023-01-17");

    let caps = env.ok(&["ballot", "--part", "capabilities", "--checkpoint", &name]);
    let asked = ids(&caps);
    assert_eq!(asked.len(), 17, "{asked:?}");
    let capabilities: Vec<&str> =
        asked
            .iter()
            .map(|id| id.rsplit_once('.').unwrap().0)
            .fold(Vec::new(), |mut all, c| {
                if all.last() != Some(&c) {
                    all.push(c);
                }
                all
            });
    assert_eq!(
        capabilities,
        [
            "capabilities.learning-culture",
            "capabilities.wip-limits",
            "capabilities.trunk-based-development"
        ]
    );
    assert!(
        caps.contains("recommended for High, the DORA level of s-2023-01-17"),
        "{caps}"
    );
    // Filled in, it is a ballot like any other.
    let filled = env.fill(
        &caps,
        "Ana",
        &[("capabilities.wip-limits.explicit-limits", "2")],
    );
    import(&env, &[filled]);

    // A capability chosen on purpose joins the three; the level alone works too.
    let more = env.ok(&[
        "ballot",
        "--checkpoint",
        &name,
        "--capability",
        "continuous-delivery",
    ]);
    assert_eq!(ids(&more).len(), 23);
    assert!(ids(&more).contains(&"capabilities.continuous-delivery.always-deployable"));
    let elite = env.ok(&["ballot", "--level", "elite"]);
    assert_eq!(ids(&elite).len(), 16);
    assert!(ids(&elite)[0].starts_with("capabilities.westrum-culture."));
}

#[test]
fn a_checkpoint_without_a_level_is_refused_unless_capabilities_are_chosen() {
    let env = Env::new();
    let dora = env.ok(&["ballot", "--part", "dora"]);
    let answers = [
        ("dora.lead-time", "5"),
        ("dora.deploy-frequency", "5"),
        ("dora.time-to-restore", "n/a"),
    ];
    let name = import(&env, &[env.fill(&dora, "Ana", &answers)]);
    let err = env.fails(&["ballot", "--part", "capabilities", "--checkpoint", &name]);
    assert!(
        err.contains(
            "s-2023-01-17 has no DORA level yet (Time to restore service: only n/a; Change \
             failure rate: no votes yet)"
        ),
        "{err}"
    );
    assert!(err.contains("--capability ID"), "{err}");
    // Chosen on purpose, a capability makes a ballot of its own.
    let chosen = env.ok(&[
        "ballot",
        "--checkpoint",
        &name,
        "--capability",
        "Continuous delivery",
    ]);
    assert_eq!(ids(&chosen).len(), 6);
    assert!(chosen.contains("has no DORA level yet"), "{chosen}");
    // Flags that cannot go together, or name nothing known.
    let err = env.fails(&["ballot", "--part", "dora", "--level", "high"]);
    assert!(err.contains("use it with --part capabilities"), "{err}");
    let err = env.fails(&["ballot", "--level", "great"]);
    assert!(
        err.contains("unknown level `great`: one of low, medium, high, elite"),
        "{err}"
    );
    let err = env.fails(&["ballot", "--part", "nope"]);
    assert!(
        err.contains("one of dora, capabilities, baseline, phases"),
        "{err}"
    );
}
