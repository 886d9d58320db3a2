//! `checkpoint export --template` renders a user's template in a child process: this same
//! program, run as `checkpoint internal-render-template`, with its memory (address space) and
//! CPU time limited by the operating system.
//!
//! Fuel bounds how many instructions a template runs and [`MAX_OUTPUT_BYTES`] what it writes,
//! but neither bounds what one instruction builds: `s ~ s` doubled thirty times is a gigabyte,
//! `([1] * 100000000)|sort` two, and `([1] * 100000000)|sum` runs for a minute inside one filter
//! call. Checked filters would leave the `~`, `+` and `*` operators open, and minijinja has no
//! hook for them; the operating system's limits hold whatever the template does. When the
//! child dies on a limit, the error names the template and the limit.
//!
//! [`MAX_OUTPUT_BYTES`]: crate::limits::MAX_OUTPUT_BYTES

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use minijinja::value::Value;
use serde::{Deserialize, Serialize};

use super::Summary;
use super::markdown::{TemplateError, fuel_for, render_user};
use super::rlimit;
use crate::limits::{
    MAX_TEMPLATE_MEMORY, MAX_TEMPLATE_SECONDS, TEMPLATE_MEMORY_PER_SUMMARY_BYTE,
    TEMPLATE_SUMMARY_BYTES_PER_SECOND, quote,
};

/// The hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "internal-render-template";

/// The child's exit code when the template failed with an error, written to its standard
/// output as JSON.
const FAILED: u8 = 3;

/// The most bytes of the child's standard error kept to tell how it died.
const STDERR_BYTES: u64 = 4096;

/// The first line of the child's standard input; the summary as JSON follows it.
#[derive(Serialize, Deserialize)]
struct Job {
    name: String,
    template: String,
    fuel: u64,
}

/// What the child may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of address space.
    pub memory: u64,
    /// Seconds of CPU time.
    pub seconds: u64,
}

impl Limits {
    /// The limits for a summary of `size` bytes as JSON: [`MAX_TEMPLATE_MEMORY`] and
    /// [`MAX_TEMPLATE_SECONDS`], and more for a large summary.
    pub fn for_summary(size: usize) -> Limits {
        let size = size as u64;
        Limits {
            memory: MAX_TEMPLATE_MEMORY
                .saturating_add(size.saturating_mul(TEMPLATE_MEMORY_PER_SUMMARY_BYTE)),
            seconds: MAX_TEMPLATE_SECONDS + size / TEMPLATE_SUMMARY_BYTES_PER_SECOND,
        }
    }

    /// How long the parent waits, in case the child waits on something instead of computing.
    fn wall(&self) -> Duration {
        Duration::from_secs(self.seconds * 3 + 2)
    }

    fn megabytes(&self) -> u64 {
        self.memory / (1024 * 1024)
    }
}

/// Renders `summary` with a user's `template` (named `name` in errors) in a child process that
/// runs `exe`, this program: within [`Limits::for_summary`], and the fuel and output limits of
/// [`super::markdown::render_with`].
pub fn render_isolated(
    exe: &Path,
    summary: &Summary,
    name: &str,
    template: &str,
) -> Result<String, TemplateError> {
    let fail = |message: String| TemplateError {
        name: name.to_string(),
        line: None,
        message,
    };
    let summary = serde_json::to_vec(summary)
        .map_err(|e| fail(format!("cannot give the summary to the template: {e}")))?;
    let limits = Limits::for_summary(summary.len());
    let job = Job {
        name: name.to_string(),
        template: template.to_string(),
        fuel: fuel_for(summary.len()),
    };
    let mut input = serde_json::to_vec(&job)
        .map_err(|e| fail(format!("cannot give the template to the renderer: {e}")))?;
    input.push(b'\n');
    input.extend_from_slice(&summary);
    drop(summary);
    let run = run(exe, input, limits)
        .map_err(|e| fail(format!("cannot run {} to render it: {e}", exe.display())))?;
    outcome(run, limits).map_err(|message| match message {
        Ok(e) => e,
        Err(message) => fail(message),
    })
}

/// The child's side: reads the job and the summary from standard input, renders, and writes the
/// page to standard output (exit 0) or the template's error as JSON (exit [`FAILED`]).
pub fn serve() -> anyhow::Result<ExitCode> {
    let mut stdin = std::io::stdin().lock();
    if stdin.is_terminal() {
        bail!("{SUBCOMMAND} is run by `checkpoint export --template`, not by hand");
    }
    let mut input = Vec::new();
    stdin.read_to_end(&mut input)?;
    let split = input
        .iter()
        .position(|&b| b == b'\n')
        .context("no template on standard input")?;
    let job: Job = serde_json::from_slice(&input[..split]).context("the template job")?;
    let context: Value = serde_json::from_slice(&input[split + 1..]).context("the summary")?;
    drop(input);
    let mut stdout = std::io::stdout().lock();
    let code = match render_user(context, &job.name, &job.template, job.fuel) {
        Ok(text) => {
            stdout.write_all(text.as_bytes())?;
            ExitCode::SUCCESS
        }
        Err(e) => {
            serde_json::to_writer(&mut stdout, &e)?;
            ExitCode::from(FAILED)
        }
    };
    stdout.flush()?;
    Ok(code)
}

/// How the child ended.
struct Run {
    status: ExitStatus,
    /// The parent stopped it at [`Limits::wall`].
    timed_out: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs the child on `input` within `limits`, reading what it writes as it goes.
fn run(exe: &Path, input: Vec<u8>, limits: Limits) -> std::io::Result<Run> {
    let mut command = Command::new(exe);
    command
        .arg(SUBCOMMAND)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    rlimit::apply(&mut command, limits.memory, limits.seconds)?;
    let mut child = command.spawn()?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        unreachable!("all three are piped");
    };
    // A child that dies early makes this write fail; how it died tells why.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    // The child holds its page in memory before writing it: it cannot write more than that.
    let out = std::thread::spawn(move || keep(stdout, limits.memory));
    let err = std::thread::spawn(move || keep(stderr, STDERR_BYTES));
    let deadline = Instant::now() + limits.wall();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                timed_out = true;
                let _ = child.kill();
                break child.wait()?;
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        }
    };
    let _ = writer.join();
    Ok(Run {
        status,
        timed_out,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

/// The first `max` bytes `pipe` gives; the rest is read and dropped, so the child never blocks.
fn keep(mut pipe: impl Read, max: u64) -> Vec<u8> {
    let mut kept = Vec::new();
    let _ = (&mut pipe).take(max).read_to_end(&mut kept);
    let _ = std::io::copy(&mut pipe, &mut std::io::sink());
    kept
}

/// The page, or why there is none: the template's own error, or how it broke a limit.
fn outcome(run: Run, limits: Limits) -> Result<String, Result<TemplateError, String>> {
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let out_of_memory = ["memory allocation of", "capacity overflow", "out of memory"]
        .iter()
        .any(|sign| stderr.contains(sign));
    let broke = |message: String| Err(Err(message));
    if run.timed_out {
        broke(format!(
            "the template ran for more than {} s, the limit; it was stopped",
            limits.wall().as_secs()
        ))
    } else if rlimit::out_of_time(&run.status) {
        broke(format!(
            "the template used more than {} s of CPU time, the limit; it was stopped",
            limits.seconds
        ))
    } else if run.status.success() {
        String::from_utf8(run.stdout).or_else(|_| broke("the page is not UTF-8".into()))
    } else if run.status.code() == Some(FAILED.into())
        && let Ok(e) = serde_json::from_slice::<TemplateError>(&run.stdout)
    {
        Err(Ok(e))
    } else if out_of_memory {
        broke(format!(
            "the template used more than {} MB of memory, the limit; it was stopped",
            limits.megabytes()
        ))
    } else {
        let first = stderr.lines().next().unwrap_or_default();
        broke(format!(
            "the renderer stopped ({}): {}",
            run.status,
            quote(first.strip_prefix("error: ").unwrap_or(first))
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_as_json_renders_as_the_summary_itself() {
        let catalog = crate::checklist::Catalog::builtin().unwrap();
        let mut c = crate::checkpoint::Checkpoint::new("S|q", jiff::civil::date(2026, 1, 1));
        c.add_participant("Ana").unwrap();
        c.set_note("dora.lead-time", "two\nlines <b>");
        for q in catalog.questions().iter().step_by(3) {
            let vote = crate::checkpoint::Vote::Value(q.scale().max);
            c.vote(&q.id, "Ana", vote);
        }
        let summary = Summary::new(&catalog, &c);
        let direct = Value::from(minijinja::value::Serde(&summary));
        let json = serde_json::to_vec(&summary).unwrap();
        let read: Value = serde_json::from_slice(&json).unwrap();
        let template = super::super::markdown::TEMPLATE;
        let a = render_user(direct, "t", template, 1 << 40).unwrap();
        let b = render_user(read, "t", template, 1 << 40).unwrap();
        assert_eq!(a, b);
        assert!(a.contains("S\\|q"), "{a}");
    }

    #[test]
    fn the_child_subcommand_is_hidden_from_help() {
        use clap::{CommandFactory, Parser};
        let cli = crate::cli::Cli::try_parse_from(["checkpoint", SUBCOMMAND]).unwrap();
        assert!(matches!(
            cli.command,
            Some(crate::cli::Command::RenderTemplate)
        ));
        let help = crate::cli::Cli::command().render_help().to_string();
        assert!(!help.contains(SUBCOMMAND), "{help}");
    }

    #[test]
    fn limits_grow_with_the_summary() {
        let small = Limits::for_summary(10_000);
        assert_eq!(small.memory, MAX_TEMPLATE_MEMORY + 160_000);
        assert_eq!(small.seconds, MAX_TEMPLATE_SECONDS);
        let big = Limits::for_summary(12 * 1024 * 1024);
        assert_eq!(big.megabytes(), 100 + 12 * 16);
        assert_eq!(big.seconds, 13);
    }

    #[cfg(unix)]
    #[test]
    fn how_the_child_ended_becomes_an_error_that_names_the_limit() {
        use std::os::unix::process::ExitStatusExt;
        let limits = Limits::for_summary(0);
        let run = |raw: i32, stdout: &str, stderr: &str| Run {
            status: ExitStatus::from_raw(raw),
            timed_out: false,
            stdout: stdout.into(),
            stderr: stderr.into(),
        };
        let message =
            |r: Result<String, Result<TemplateError, String>>| r.unwrap_err().unwrap_err();
        assert_eq!(outcome(run(0, "page", ""), limits).unwrap(), "page");
        let abort = run(libc::SIGABRT, "", "memory allocation of 8 bytes failed\n");
        assert_eq!(
            message(outcome(abort, limits)),
            "the template used more than 100 MB of memory, the limit; it was stopped"
        );
        assert_eq!(
            message(outcome(run(libc::SIGXCPU, "", ""), limits)),
            "the template used more than 1 s of CPU time, the limit; it was stopped"
        );
        let mut hung = run(libc::SIGKILL, "", "");
        hung.timed_out = true;
        assert!(message(outcome(hung, limits)).contains("ran for more than 5 s"));
        let error = r#"{"name":"t.j2","line":2,"message":"undefined value"}"#;
        let failed = outcome(run(3 << 8, error, ""), limits)
            .unwrap_err()
            .unwrap();
        assert_eq!(failed.to_string(), "t.j2:2: undefined value");
        let crashed = message(outcome(run(libc::SIGSEGV, "", "boom\nmore"), limits));
        assert!(
            crashed.starts_with("the renderer stopped (signal: 11"),
            "{crashed}"
        );
        assert!(crashed.ends_with("): boom"), "{crashed}");
    }
}
