//! `checkpoint evidence`: reads a git repository, prints what it suggests per DORA question,
//! and with --attach stores it in a checkpoint beside the votes.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use jiff::tz::TimeZone;

use super::load_verified;
use crate::checklist::Catalog;
use crate::checkpoint::{self, Evidence, Lock, QuestionEvidence, Store};
use crate::cli::EvidenceArgs;
use crate::evidence::{self, Report, git};
use crate::text::printable_lines;

/// A stored line is cut here, well under the checkpoint's limit for a text.
const MAX_LINE_CHARS: usize = 2_000;
/// The deployments a checkpoint lists by name.
const MAX_COUNTED: usize = 200;
/// The deployments printed by name before the list is shortened.
const MAX_LISTED: usize = 30;

pub(super) fn run(catalog: &Catalog, args: &EvidenceArgs) -> Result<ExitCode> {
    let until = args
        .until
        .unwrap_or_else(|| jiff::Timestamp::now().to_zoned(TimeZone::UTC).date());
    let since = evidence::since(&args.since, until).map_err(|e| anyhow!("--since: {e}"))?;
    // A checkpoint that cannot be attached to is refused before the repository is read.
    let target = match &args.attach {
        Some(name) => {
            let path = Store::open_default()?.resolve(name)?;
            load_verified(catalog, &path)?;
            Some(path)
        }
        None => None,
    };
    let options = git::Options {
        tag: args.tag.clone(),
        since,
        until,
        patches_are_fixes: args.patches_are_fixes,
    };
    let gathered = git::read(&args.repo, &options)?;
    let report = evidence::report(&gathered.input);
    let text = render(catalog, &gathered, &report);
    std::io::stdout()
        .lock()
        .write_all(printable_lines(&text).as_bytes())?;
    if let Some(path) = target {
        let _lock = Lock::acquire(&path)?;
        let mut checkpoint = load_verified(catalog, &path)?;
        let replaced = checkpoint.evidence.replace(stored(&gathered, &report));
        checkpoint::save(&path, &checkpoint)
            .with_context(|| format!("{}: the evidence was not attached", path.display()))?;
        say!(
            "Attached the evidence to {}{}",
            path.display(),
            replaced.map_or(String::new(), |old| format!(
                " (replacing the evidence gathered {})",
                when(old.gathered)
            ))
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn when(at: jiff::Timestamp) -> String {
    at.to_zoned(TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M UTC")
        .to_string()
}

/// The question's title and the label of option `value`, from the checklists.
fn labels(catalog: &Catalog, id: &str, value: Option<u8>) -> (String, Option<String>) {
    let question = catalog.question(id);
    let title = question.map_or(id.to_string(), |q| format!("{} ({id})", q.name()));
    let label = value.map(|v| {
        let label = question
            .and_then(|q| q.options.get(usize::from(v).wrapping_sub(1)))
            .map_or(String::new(), |l| format!(" · {l}"));
        format!("{v}{label}")
    });
    (title, label)
}

/// The report as the terminal shows it.
fn render(catalog: &Catalog, gathered: &git::Gathered, report: &Report) -> String {
    let w = &report.window;
    let mut out = String::new();
    let branch = gathered
        .branch
        .as_deref()
        .map_or(String::new(), |b| format!(" ({b})"));
    let _ = writeln!(
        out,
        "Evidence from {}{branch}, {} to {} ({} days, UTC)",
        gathered.repo.display(),
        w.first_day(),
        w.until,
        w.days()
    );
    let _ = writeln!(
        out,
        "Deployments: {}; {} in the window",
        report.source,
        report.deployments.len()
    );
    let listed: Vec<String> = report
        .deployments
        .iter()
        .map(|(name, at)| format!("  {}  {name}", when(*at)))
        .collect();
    if listed.len() > MAX_LISTED {
        out.extend(listed[..10].iter().map(|l| format!("{l}\n")));
        let _ = writeln!(out, "  … {} more", listed.len() - 20);
        out.extend(listed[listed.len() - 10..].iter().map(|l| format!("{l}\n")));
    } else {
        out.extend(listed.iter().map(|l| format!("{l}\n")));
    }
    for note in &gathered.notes {
        let _ = writeln!(out, "Note: {note}");
    }
    for f in &report.findings {
        let (title, label) = labels(catalog, f.question, f.suggested);
        let _ = writeln!(out, "\n{title}");
        match label {
            Some(label) => {
                let _ = writeln!(out, "  Points to: {label}");
            }
            None => out.push_str("  No suggestion\n"),
        }
        for line in &f.evidence {
            let _ = writeln!(out, "  - {line}");
        }
    }
    out.push_str("\nCaveats:\n");
    for c in &report.caveats {
        let _ = writeln!(out, "  - {c}");
    }
    out.push_str(
        "\nThis is evidence for the squad's discussion: nobody's vote, and no agreed value.\n",
    );
    out
}

/// A line as a checkpoint stores it: cut at [`MAX_LINE_CHARS`].
fn clip(line: &str) -> String {
    if line.chars().count() <= MAX_LINE_CHARS {
        return line.to_string();
    }
    let mut cut: String = line.chars().take(MAX_LINE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The report as a checkpoint stores it.
fn stored(gathered: &git::Gathered, report: &Report) -> Evidence {
    let mut counted: Vec<String> = report
        .deployments
        .iter()
        .take(MAX_COUNTED)
        .map(|(name, at)| clip(&format!("{name} ({})", evidence::day_of(*at))))
        .collect();
    if report.deployments.len() > MAX_COUNTED {
        counted.push(format!(
            "… and {} more",
            report.deployments.len() - MAX_COUNTED
        ));
    }
    let mut caveats: Vec<String> = gathered.notes.iter().map(|n| clip(n)).collect();
    caveats.extend(report.caveats.iter().map(|c| clip(c)));
    Evidence {
        gathered: {
            let now = jiff::Timestamp::now();
            now.round(jiff::Unit::Second).unwrap_or(now)
        },
        repo: clip(&gathered.repo.display().to_string()),
        since: report.window.first_day(),
        until: report.window.until,
        deployments: clip(&report.source),
        counted,
        caveats,
        questions: report
            .findings
            .iter()
            .map(|f| {
                (
                    f.question.to_string(),
                    QuestionEvidence {
                        suggested: f.suggested,
                        text: f.evidence.iter().map(|l| clip(l)).collect(),
                    },
                )
            })
            .collect(),
    }
}
