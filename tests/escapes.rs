//! Terminal escape injection: whatever a checkpoint, a ballot or an argument holds, the binary
//! never prints a control character (but its own newlines and tabs), an ESC sequence or a bidi
//! override; it shows them spelled out instead. Names with them are refused at the door.

use std::path::{Path, PathBuf};
use std::process::Output;

/// Text that would act on a terminal: colour, a window title, a C1 CSI, a bidi override, a
/// carriage return that overwrites the line.
const NASTY: &str = "Kilo \x1b[31mred\x1b[0m \x1b]0;title\x07 \u{9b}2J \u{202e}evil\u{202c} \r";

#[path = "harness/cli.rs"]
mod cli_env;
use cli_env::Env;

impl Env {
    /// A home that exists, empty.
    fn made() -> Env {
        let env = Env::new();
        std::fs::create_dir_all(env.home()).unwrap();
        env
    }

    /// A checkpoint file in the store whose squad (and more) is `squad`, as a hand edit or
    /// another tool could leave it.
    fn checkpoint(&self, file: &str, squad: &str, date: &str) -> PathBuf {
        let path = self.home().join(format!("{file}.toml"));
        let text = format!(
            "format = 1\nsquad = {s}\ntribe = {s}\nfacilitator = {s}\ndate = {date}\n\
             participants = [{s}]\n\n[answers.{s}.votes]\n{s} = 3\n",
            s = toml_string(squad),
        );
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// `text` as a TOML basic string, every character but plain ASCII escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            ' ' | '!' | '#'..='[' | ']'..='~' => out.push(c),
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Asserts that `out`'s stdout and stderr hold nothing a terminal would act on.
fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| checkpoint::text::is_unsafe(c) && c != '\n' && c != '\t')
            .collect();
        assert!(bad.is_empty(), "{what}: {stream} printed {bad:?}: {text:?}");
    }
}

fn both(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn list_shows_nasty_squads_and_names_spelled_out() {
    let env = Env::made();
    env.checkpoint("kilo-2026-08-20", NASTY, "2026-08-20");
    env.checkpoint("kilo\x1b[2J-2026-09-20", "Kilo", "2026-09-20");
    std::fs::write(
        env.home().join("broken\x1b[5m.toml"),
        "squad = \"\x1b[31m\n",
    )
    .unwrap();
    let out = env.run(&["list"]);
    assert!(out.status.success(), "{}", both(&out));
    assert_clean("list", &out);
    let text = both(&out);
    assert!(text.contains("Kilo \\u{1b}[31mred"), "{text}");
    assert!(text.contains("kilo\\u{1b}[2J-2026-09-20"), "{text}");
}

#[test]
fn compare_and_export_print_nothing_a_terminal_acts_on() {
    let env = Env::made();
    env.checkpoint("a-2026-08-20", NASTY, "2026-08-20");
    env.checkpoint("b-2026-11-20", "Lima \x1b[1m", "2026-11-20");
    for args in [
        &["compare", "a-2026-08-20", "b-2026-11-20"][..],
        &["export", "a-2026-08-20"],
        &["export", "a-2026-08-20", "--format", "json"],
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", both(&out));
        assert_clean(&format!("{args:?}"), &out);
        assert!(both(&out).contains("Kilo"), "{args:?}: {}", both(&out));
    }
}

#[test]
fn errors_quote_user_values_spelled_out() {
    let env = Env::made();
    let ballot = env.dir.path().join("ballot.yaml");
    std::fs::write(
        &ballot,
        "participant: Ana\nvotes:\n  \"x\\e[31m\\u202e\": 3\n  dora.lead-time: \"\\e[2J\"\n",
    )
    .unwrap();
    let bad_toml = env.home().join("bad-2026-01-01.toml");
    std::fs::write(&bad_toml, "format = 1\nsquad = \"x\"\x1b[31m\u{202e}\n").unwrap();
    let ballot = ballot.to_str().unwrap();
    // Each failing command, and whether its error quotes the nasty value.
    let cases: [(&[&str], bool); 5] = [
        (&["export", "no\x1b]0;such\x07\u{202e}"], true),
        (&["import", "--squad", "Kilo", ballot], true),
        (&["export", bad_toml.to_str().unwrap()], false),
        (&["compare", "bad-2026-01-01", "x\x1b[1m"], false),
        (&["compare", "x\x1b[1m", "bad-2026-01-01"], true),
    ];
    for (args, quotes) in cases {
        let out = env.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_clean(&format!("{args:?}"), &out);
        if quotes {
            assert!(both(&out).contains("\\u{1b}"), "{args:?}: {}", both(&out));
        }
    }
}

#[test]
fn names_with_control_characters_are_refused_before_anything_is_saved() {
    let env = Env::made();
    let ballot = Path::new("tests/fixtures/ballots/ana.yaml");
    for flag in ["--squad", "--tribe", "--facilitator"] {
        for name in ["Kilo\x1b[31m", "Kilo\u{202e}", "Ki\nlo", "Kilo\u{9b}"] {
            let mut args = vec!["import", "--squad", "Kilo"];
            args.extend([flag, name, ballot.to_str().unwrap()]);
            let out = env.run(&args);
            assert!(!out.status.success(), "{args:?} should be refused");
            assert_clean(&format!("{args:?}"), &out);
            assert!(both(&out).contains(flag), "{args:?}: {}", both(&out));
        }
    }
    // A ballot's participant goes through the same check.
    let bidi = env.dir.path().join("bidi.yaml");
    std::fs::write(
        &bidi,
        "participant: \"Ana\\u202e\"\nvotes:\n  dora.lead-time: 3\n",
    )
    .unwrap();
    let out = env.run(&["import", "--squad", "Kilo", bidi.to_str().unwrap()]);
    assert!(!out.status.success(), "a bidi participant is refused");
    assert_clean("bidi ballot", &out);
    assert_eq!(std::fs::read_dir(env.home()).unwrap().count(), 0);
    // The workshop screen refuses them too, before it asks for a terminal.
    for args in [
        &["new", "--squad", "Kilo\x1b[31m"][..],
        &["new", "--squad", "Kilo", "--facilitator", "F\u{202e}"],
        &["new", "--squad", "Kilo", "--participant", "Ana\x1b[1m"],
    ] {
        let out = env.run(args);
        assert!(!out.status.success());
        assert_clean(&format!("{args:?}"), &out);
        let text = both(&out);
        assert!(text.contains("control"), "{args:?}: {text}");
    }
}

#[test]
fn a_quoted_value_cannot_forge_a_line_of_its_own() {
    let env = Env::made();
    let ballot = env.dir.path().join("ballot.yaml");
    std::fs::write(
        &ballot,
        "participant: Ana\nvotes:\n  \"x\\nforged: id\": 3\n  dora.lead-time: \"9\\nforged: value\"\n",
    )
    .unwrap();
    for args in [
        &["export", "no\nforged: name"][..],
        &["import", "--squad", "Kilo", ballot.to_str().unwrap()],
    ] {
        let out = env.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        let text = both(&out);
        assert!(text.contains("forged"), "{args:?}: {text}");
        assert!(
            !text.lines().any(|l| l.starts_with("forged")),
            "{args:?}: {text}"
        );
    }
}
