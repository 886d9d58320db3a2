//! `checkpoint export --template` against templates that build gigabytes or compute for
//! minutes without running out of fuel: each ends quickly with an error that names the template
//! and the limit, and a normal template still renders. The binary runs as a user runs it.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

/// The longest a hostile template may take to be stopped: its limit is 1 s of CPU time, and
/// the machine may be busy with other tests.
const BUDGET: Duration = Duration::from_secs(10);

const MEMORY: &str = "MB of memory, the limit; it was stopped";
const TIME: &str = "s of CPU time, the limit; it was stopped";

/// Templates that fit in fuel and output but not in memory or time, with the limit each
/// breaks. Without the limits each takes a gigabyte or more (the doublings take all there is),
/// or a minute.
const HOSTILE: [(&str, &str, &str); 12] = [
    (
        "namespace",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}\
         {% endfor %}{{ ns.s|length }}",
        MEMORY,
    ),
    (
        "macro",
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}\
         {% endmacro %}{{ d('x', 40) }}",
        MEMORY,
    ),
    ("repeat", "{{ ('x' * 100000000)|length }}", MEMORY),
    (
        "concat",
        "{% set a = 'x' * 50000000 %}{{ (a ~ a ~ a ~ a ~ a ~ a ~ a ~ a)|length }}",
        MEMORY,
    ),
    (
        "plus",
        "{% set a = 'x' * 50000000 %}{{ (a + a + a + a + a + a + a + a)|length }}",
        MEMORY,
    ),
    ("join", "{{ (['x' * 10000000] * 100)|join|length }}", MEMORY),
    (
        "replace",
        "{{ ('x' * 10000)|replace('x', 'xxxxxxxxxx')|replace('x', 'xxxxxxxxxx')\
         |replace('x', 'xxxxxxxxxx')|replace('x', 'xxxxxxxxxx')|length }}",
        MEMORY,
    ),
    (
        "format",
        "{{ '%s%s%s%s%s%s%s%s%s%s'|format(*(['x' * 20000000] * 10))|length }}",
        MEMORY,
    ),
    ("chars", "{{ ('x' * 10000000)|list|length }}", MEMORY),
    ("upper", "{{ ('x' * 50000000)|upper|lower|length }}", MEMORY),
    ("sum", "{{ ([1] * 100000000)|sum }}", TIME),
    ("string", "{{ ([1] * 100000000)|string|length }}", TIME),
];

#[path = "harness/cli.rs"]
mod cli_env;
use cli_env::stderr;

/// A checkpoint imported from the test ballots, in a temporary home.
struct Env {
    home: cli_env::Env,
    checkpoint: PathBuf,
}

impl Env {
    fn new() -> Env {
        let home = cli_env::Env::new();
        let out = home.ok(&[
            "import",
            "--squad",
            "Partner Tooling",
            "--date",
            "2023-01-17",
            "tests/fixtures/ballots/ana.yaml",
            "tests/fixtures/ballots/ben.yaml",
        ]);
        Env {
            home,
            checkpoint: PathBuf::from(out.trim()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.home.run(args)
    }

    /// Exports the checkpoint with `template`, written to a file called `name`.
    fn export(&self, name: &str, template: &str) -> (Output, PathBuf) {
        let path = self.home.dir.path().join(name);
        std::fs::write(&path, template).unwrap();
        let out = self.run(&[
            "export",
            self.checkpoint.to_str().unwrap(),
            "--template",
            path.to_str().unwrap(),
        ]);
        (out, path)
    }
}

fn check_stopped(env: &Env, name: &str, template: &str, expect: &str) {
    let start = Instant::now();
    let (out, path) = env.export(&format!("{name}.j2"), template);
    let took = start.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(out.stdout.is_empty(), "{name}: printed a page");
    let wanted = format!("error: {}: the template used more than ", path.display());
    assert!(err.starts_with(&wanted), "{name}: {err}");
    assert!(err.contains(expect), "{name}: {err}");
    assert_eq!(err.lines().count(), 1, "{name}: {err}");
    assert!(took < BUDGET, "{name}: {took:?}");
}

#[test]
fn templates_that_grow_or_spin_are_stopped_at_a_limit_with_a_clear_error() {
    let env = Env::new();
    // Two at a time: the CPU-bound ones take a second each.
    std::thread::scope(|scope| {
        for pair in HOSTILE.chunks(2) {
            let handles: Vec<_> = pair
                .iter()
                .map(|&(name, template, expect)| {
                    let env = &env;
                    scope.spawn(move || check_stopped(env, name, template, expect))
                })
                .collect();
            for handle in handles {
                handle.join().unwrap();
            }
        }
    });
}

#[test]
fn normal_templates_still_render_and_report_their_errors() {
    let env = Env::new();
    let (out, _) = env.export(
        "short.md.j2",
        "{{ squad }}: {{ dora.level.name }}{% for p in participants %}, {{ p }}{% endfor +%}\n\
         {{ ('x' * 1000)|length }} {{ ([1] * 1000)|sum }} {{ (['ab'] * 3)|join('-') }}\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Partner Tooling: Elite, Ana, Ben\n1000 1000 ab-ab-ab\n"
    );
    // The built-in template's text as a user's template makes the same page as the built-in.
    let builtin = env.run(&["export", env.checkpoint.to_str().unwrap()]);
    let text = std::fs::read_to_string(Path::new("assets/summary.md.j2")).unwrap();
    let (copy, _) = env.export("copy.md.j2", &text);
    assert!(copy.status.success(), "{}", stderr(&copy));
    assert_eq!(copy.stdout, builtin.stdout);
    // A template's own errors keep their line.
    let (out, path) = env.export("bad.md.j2", "fine\n{{ nothing.here }}\n");
    let err = stderr(&out);
    let wanted = format!("error: {}:2: undefined value", path.display());
    assert!(err.starts_with(&wanted), "{err}");
}
