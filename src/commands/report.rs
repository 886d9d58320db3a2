//! `checkpoint report`: the organisation's page, from one or more stores.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::checklist::Catalog;
use crate::checkpoint::Store;
use crate::cli::ReportFormat;
use crate::export::xhtml::Flavour;
use crate::report::{Options, Report, Targets, html, markdown};

/// What the command line asked for.
pub(super) struct Asked {
    pub tribe: Option<String>,
    pub since: Option<jiff::civil::Date>,
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    pub stale_months: i64,
}

pub(super) fn run(catalog: &Catalog, dirs: Vec<PathBuf>, asked: Asked) -> Result<ExitCode> {
    let report = gather(
        catalog,
        dirs,
        asked.tribe.clone(),
        asked.since,
        asked.stale_months,
    )?;
    let scope = markdown::scope(asked.tribe.as_deref());
    let text = match asked.format {
        ReportFormat::Markdown => markdown::render(&report, &scope),
        ReportFormat::Html => html::render(&report, &scope),
        ReportFormat::Confluence => html::body(&report, Flavour::Storage),
    };
    match &asked.output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(out) => {
            crate::export::write(out, &text)?;
            say!(
                "Wrote the report on {} squads to {}",
                report.squads.len(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The report on the stores `dirs` (the checkpoint store when none), with their targets.
fn gather(
    catalog: &Catalog,
    dirs: Vec<PathBuf>,
    tribe: Option<String>,
    since: Option<jiff::civil::Date>,
    stale_months: i64,
) -> Result<Report> {
    let dirs = if dirs.is_empty() {
        vec![Store::open_default()?.dir().to_path_buf()]
    } else {
        dirs
    };
    for dir in &dirs {
        if !dir.is_dir() {
            bail!("{}: not a directory of checkpoints", dir.display());
        }
    }
    let targets = match Targets::load(&dirs, catalog) {
        Ok(targets) => targets,
        Err(problems) => bail!(
            "the targets have {}:\n{}",
            super::count(problems.len(), "problem"),
            problems.join("\n")
        ),
    };
    let options = Options {
        tribe,
        since,
        today: super::today(),
        stale_months,
    };
    let report = Report::gather(&dirs, catalog, &targets, &options);
    for skipped in &report.skipped {
        say!("warning: not in the report: {skipped}");
    }
    Ok(report)
}

/// `checkpoint publish --report`: the report of the checkpoint store on the page
/// `DevOps Checkpoints | <scope>` (no date in the title, so that each publish updates it).
pub(super) fn publish(
    catalog: &Catalog,
    tribe: Option<String>,
    args: &super::publish::Args,
) -> Result<ExitCode> {
    super::publish::space_key(args)?;
    let scope = markdown::scope(tribe.as_deref());
    let report = gather(
        catalog,
        Vec::new(),
        tribe,
        None,
        crate::report::STALE_MONTHS,
    )?;
    let title = format!("DevOps Checkpoints | {scope}");
    let body = html::body(&report, Flavour::Storage);
    let labels = vec![
        "devops-checkpoint".to_string(),
        "devops-checkpoint-report".to_string(),
    ];
    super::publish::send(args, &title, &body, labels, None)?;
    Ok(ExitCode::SUCCESS)
}
