//! The `checkpoint` binary as a user runs it: every headless subcommand, its output and its
//! errors, against a temporary checkpoint home.

use std::path::PathBuf;
use std::process::Command;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[path = "harness/cli.rs"]
mod cli_env;
use cli_env::{Env, stderr, stdout};

const BALLOTS: [&str; 3] = [
    "tests/fixtures/ballots/ana.yaml",
    "tests/fixtures/ballots/ben.yaml",
    "tests/fixtures/ballots/cy.yaml",
];

fn import(env: &Env, squad: &str) -> PathBuf {
    let mut args = vec![
        "import",
        "--squad",
        squad,
        "--facilitator",
        "Fay",
        "--date",
        "2023-01-17",
    ];
    args.extend(BALLOTS);
    PathBuf::from(env.ok(&args).trim())
}

#[test]
fn worked_example_three_ballots_make_an_elite_summary() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    assert_eq!(path, env.home().join("partner-tooling-2023-01-17.toml"));
    let md = env.ok(&["export", "partner-tooling-2023-01-17"]);
    assert!(
        md.starts_with("# Partner Tooling | 2023-01 | DevOps Checkpoint\n"),
        "{md}"
    );
    assert!(md.contains("DevOps maturity is... **Elite**!"), "{md}");
    assert!(
        md.contains("\n\n| Squad | Partner Tooling |\n|---|---|\n| Workshop date |"),
        "the overview's header row is the squad, not an empty row: {md}"
    );
    assert!(
        md.contains("Performing better than 89% of respondents (DORA 2019)"),
        "{md}"
    );
    for capability in [
        "Westrum organizational culture",
        "Monitoring and observability",
        "Working in small batches",
    ] {
        assert!(md.contains(capability), "{capability} missing");
    }
    // Ana rated Westrum 4 and monitoring 2: monitoring scores lowest, so it comes first.
    assert!(
        md.contains("| Monitoring and observability | 25% | **Focus first** |"),
        "{md}"
    );
    // Time to restore was voted 4, 5, 6: a spread of 2 flags it for discussion.
    assert!(
        md.contains("| Time to restore service | 4 ×1 · 5 ×1 · 6 ×1 | 2 | – |"),
        "{md}"
    );
    assert!(md.contains("| Participants | Ana, Ben, Cy |"), "{md}");
    // Only Ben answered openness, with n/a: the squad's answer is n/a, not "no answer".
    assert!(
        md.contains("| Culture of openness | n/a | n/a ×1 | – |"),
        "{md}"
    );
    assert!(
        md.contains("| Culture of confidence | – | no votes | – |"),
        "{md}"
    );
}

#[test]
fn the_summary_is_valid_gfm_and_user_text_cannot_break_it() {
    let env = Env::new();
    let path = import(&env, "Team | <script>alert(1)</script> `x`");
    // A newline is refused at import, but a hand-edited file can still hold one.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("squad = ") {
                "squad = \"Team | <script>alert(1)</script> `x`\\nnext\"\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    // The plan's free text goes into tables too.
    text.push_str(
        r#"
[[flow]]
name = "Build | <b>x</b>"
automated = true

[[flow]]
name = "Deploy"
fails = true

[[improvements]]
text = "Stop | breaking <i>prod</i>"

[improvements.concerns]
stage = "Build | <b>x</b>"

[improvements.dots]
Ana = 2

[[actions]]
text = "Add a | gate"
owner = "<u>Ben</u>"
due = 2023-02-01
improvement = 0

[[actions]]
text = "Unlinked | one"

[dot_voting]
revealed = true
"#,
    );
    std::fs::write(&path, text).unwrap();
    let name = env.files()[0]
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let md = env.ok(&["export", &name]);

    let mut headings = Vec::new();
    let mut tables = Vec::new();
    let mut in_heading = None;
    let mut row_cells = 0;
    let mut html = Vec::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = Some((level as u8, String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = &mut in_heading {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(in_heading.take()),
            Event::Start(Tag::Table(aligns)) => tables.push((aligns.len(), Vec::new())),
            Event::Start(Tag::TableHead | Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                tables.last_mut().unwrap().1.push(row_cells);
            }
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            _ => {}
        }
    }
    assert!(html.is_empty(), "user text became HTML: {html:?}");
    let (level, title) = &headings[0];
    assert_eq!(*level, 1);
    assert_eq!(
        title,
        "Team | <script>alert(1)</script> `x` next | 2023-01 | DevOps Checkpoint"
    );
    let h2: Vec<&str> = headings
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, h)| h.as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "DevOps maturity",
            "Capabilities to focus on",
            "Software delivery flow",
            "Top improvements",
            "Actions",
            "Baseline",
            "The three phases",
            "To discuss",
            "Notes"
        ]
    );
    // overview, DORA, capabilities, flow, improvements, two action tables, baseline sections
    // overview + 3 sections, phases, discussion
    assert_eq!(tables.len(), 13, "{md}");
    assert!(
        md.contains("Build \\| \\<b>x\\</b> (automated) → Deploy (manual, deployments fail)"),
        "{md}"
    );
    for (columns, rows) in &tables {
        assert!(
            rows.iter().all(|cells| cells == columns),
            "a row has the wrong cell count: {rows:?}"
        );
    }
    let overview = &tables[0];
    assert_eq!(
        overview.1.len(),
        7,
        "the squad as the header row, then 6 rows: the squad name stayed in its cell"
    );
    assert!(
        md.contains("customers \\<b>call\\</b>"),
        "the note is escaped"
    );
}

#[test]
fn json_export_has_the_same_content_as_data() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let json = env.ok(&["export", path.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["title"], "Partner Tooling | 2023-01 | DevOps Checkpoint");
    assert_eq!(v["dora"]["level"]["name"], "Elite");
    assert_eq!(v["dora"]["percentile"], 89);
    assert_eq!(v["dora"]["score"], 5.5);
    assert_eq!(v["capabilities"].as_array().unwrap().len(), 3);
    assert_eq!(v["participants"], serde_json::json!(["Ana", "Ben", "Cy"]));
    let culture = &v["baseline"][2];
    assert_eq!(culture["id"], "baseline.culture");
    assert_eq!(
        culture["score"], 1.0,
        "Ben's n/a is left out of the average"
    );
}

#[test]
fn export_writes_to_a_file_and_accepts_a_template() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let out = env.dir.path().join("summary.md");
    env.ok(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("**Elite**"));

    let template = env.dir.path().join("short.md.j2");
    std::fs::write(
        &template,
        "{{ squad }} is {{ dora.level.name }} ({{ dora.percentile }}%)\n",
    )
    .unwrap();
    let md = env.ok(&[
        "export",
        path.to_str().unwrap(),
        "--template",
        template.to_str().unwrap(),
    ]);
    assert_eq!(md, "Partner Tooling is Elite (89%)\n");

    std::fs::write(&template, "{% for x in %}\n").unwrap();
    let err = env.fails(&[
        "export",
        path.to_str().unwrap(),
        "--template",
        template.to_str().unwrap(),
    ]);
    assert!(err.contains("short.md.j2:1: syntax error"), "{err}");
}

#[test]
fn export_never_writes_over_a_checkpoint() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let before = std::fs::read_to_string(&path).unwrap();
    let p = path.to_str().unwrap();
    let err = env.fails(&["export", p, "-o", p]);
    assert!(err.contains("is a checkpoint file"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn hostile_templates_end_with_an_error_not_a_crash_or_a_hang() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let p = path.to_str().unwrap();
    let template = env.dir.path().join("t.j2");
    let t = template.to_str().unwrap();
    std::fs::write(&template, "{{ 1.5|fixed(65536) }}").unwrap();
    assert_eq!(env.ok(&["export", p, "--template", t]), "1.500000000000\n");
    std::fs::write(
        &template,
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let err = env.fails(&["export", p, "--template", t]);
    assert!(err.contains("t.j2"), "{err}");
    std::fs::write(&template, "{{ nothing.here }}").unwrap();
    let err = env.fails(&["export", p, "--template", t]);
    assert!(err.contains("t.j2:1: undefined value"), "{err}");
}

#[test]
fn two_ballots_notes_on_one_question_stay_two_notes() {
    let env = Env::new();
    let ben = env.dir.path().join("ben.yaml");
    std::fs::write(
        &ben,
        "participant: Ben\nvotes:\n  dora.lead-time: 4\nnotes:\n  dora.time-to-restore: |\n    Pager duty\n    is new.\n",
    )
    .unwrap();
    let out = env.ok(&["import", "--squad", "S", BALLOTS[0], ben.to_str().unwrap()]);
    let md = env.ok(&["export", out.trim()]);
    let notes: Vec<&str> = md.lines().filter(|l| l.starts_with("- **Time")).collect();
    assert_eq!(notes.len(), 2, "{md}");
    assert!(
        notes[0].ends_with(": Ana: We only notice outages when \\| customers \\<b>call\\</b>"),
        "{md}"
    );
    assert!(notes[1].ends_with(": Ben: Pager duty is new."), "{md}");
}

#[test]
fn import_refuses_bad_ballots_and_saves_nothing() {
    let env = Env::new();
    let bad = env.dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "participant: Dee\nvotes:\n  dora.lead-time: 9\n  dora.typo: 1\n",
    )
    .unwrap();
    let again = env.dir.path().join("ana-again.yaml");
    std::fs::write(&again, "participant: ana\nvotes:\n  dora.lead-time: 2\n").unwrap();
    let bad = bad.to_str().unwrap();
    let again = again.to_str().unwrap();

    let err = env.fails(&["import", "--squad", "S", BALLOTS[0], bad]);
    assert!(
        err.contains(&format!(
            "{bad}:3: dora.lead-time: `9` is off its scale 1-6"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{bad}:4: unknown question id `dora.typo`")),
        "{err}"
    );
    assert!(err.contains("nothing was saved"), "{err}");

    let err = env.fails(&["import", "--squad", "S", BALLOTS[0], again]);
    assert!(
        err.contains("participant `ana` already voted in tests/fixtures/ballots/ana.yaml"),
        "{err}"
    );

    let broken = env.dir.path().join("broken.yaml");
    std::fs::write(&broken, "participant: Eve\n  votes: 1\n").unwrap();
    let err = env.fails(&["import", "--squad", "S", broken.to_str().unwrap()]);
    assert!(
        err.contains("broken.yaml:2:8: mapping values are not allowed in this context"),
        "{err}"
    );
    assert!(env.files().is_empty(), "no checkpoint was written");
}

#[test]
fn a_blank_ballot_round_trips_through_import() {
    let env = Env::new();
    let ballot = env.dir.path().join("ballot.yaml");
    let b = ballot.to_str().unwrap();
    env.ok(&["ballot", "-o", b]);
    let err = env.fails(&["ballot", "-o", b]);
    assert!(
        err.contains("cannot create the ballot"),
        "an existing ballot is not replaced: {err}"
    );
    let text = std::fs::read_to_string(&ballot).unwrap();
    assert!(text.contains("  dora.lead-time:\n"));
    assert!(
        text.contains("#   6 = Less than one hour"),
        "scale labels are comments"
    );
    let filled = text
        .replace("participant: \"\"", "participant: Solo")
        .replace("  dora.lead-time:\n", "  dora.lead-time: 6\n");
    std::fs::write(&ballot, filled).unwrap();
    let path = PathBuf::from(env.ok(&["import", "--squad", "Solo squad", b]).trim());
    let saved = std::fs::read_to_string(path).unwrap();
    assert!(
        saved.contains("[answers.\"dora.lead-time\".votes]\nSolo = 6"),
        "{saved}"
    );
}

#[test]
fn a_note_that_needs_quotes_is_refused_with_the_hint_the_blank_ballot_gives() {
    let env = Env::new();
    let ballot = env.dir.path().join("ballot.yaml");
    let b = ballot.to_str().unwrap();
    env.ok(&["ballot", "-o", b]);
    let blank = std::fs::read_to_string(&ballot).unwrap();
    assert!(
        blank.contains("Put a note\n#    in double quotes when it holds `: `"),
        "the blank ballot says when to quote: {blank}"
    );
    let filled = |note: &str| {
        let text = blank
            .replace("participant: \"\"", "participant: Ana")
            .replace("  dora.lead-time:\n", "  dora.lead-time: 5\n");
        format!("{text}  dora.lead-time: {note}\n")
    };
    std::fs::write(&ballot, filled("Counted from merge: not from push")).unwrap();
    let line = filled("").lines().count();
    let err = env.fails(&["import", "--squad", "S", b]);
    assert!(
        err.contains(&format!(
            "{b}:{line}:37: mapping values are not allowed in this context; \
             hint: put the note in quotes"
        )),
        "{err}"
    );
    // A wrong vote is not a note: no hint there.
    std::fs::write(
        &ballot,
        filled("").replace("lead-time: 5\n", "lead-time: 5: 6\n"),
    )
    .unwrap();
    let err = env.fails(&["import", "--squad", "S", b]);
    assert!(err.contains("mapping values are not allowed"), "{err}");
    assert!(!err.contains("hint"), "{err}");
    assert!(env.files().is_empty(), "nothing was saved");
    // Quoted as the ballot says, the note is kept whole.
    std::fs::write(&ballot, filled("\"Counted from merge: not from push\"")).unwrap();
    let path = PathBuf::from(env.ok(&["import", "--squad", "S", b]).trim());
    let saved = std::fs::read_to_string(path).unwrap();
    assert!(
        saved.contains("Counted from merge: not from push"),
        "{saved}"
    );
}

#[test]
fn list_shows_checkpoints_newest_first_and_survives_a_corrupt_file() {
    let env = Env::new();
    assert!(env.ok(&["list"]).starts_with("No checkpoints"));
    import(&env, "Partner Tooling");
    let mut args = vec!["import", "--squad", "Search", "--date", "2024-03-01"];
    args.push(BALLOTS[1]);
    env.ok(&args);
    std::fs::write(env.home().join("broken.toml"), "format = 1\nsquad = \n").unwrap();
    let list = env.ok(&["list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert!(lines[0].starts_with("NAME"), "{list}");
    // Ben alone answered 5, 6, 6, 6: 5.75, Elite.
    assert!(
        lines[1].starts_with("search-2024-03-01") && lines[1].ends_with("Elite"),
        "{list}"
    );
    assert!(
        lines[2].starts_with("partner-tooling-2023-01-17") && lines[2].ends_with("Elite"),
        "{list}"
    );
    assert!(
        list.contains("broken") && list.contains("unreadable"),
        "{list}"
    );
}

#[test]
fn list_reads_headers_so_a_body_corrupt_past_the_header_still_lists() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    // The answers are cut off mid-file: the header (and the level the save noted) still lists.
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.find("[answers").unwrap();
    std::fs::write(
        &path,
        format!("{}[answers.\"dora.lead-time\"\nAna = ", &text[..cut]),
    )
    .unwrap();
    // A hand-made file without the summary comment and with a corrupt body.
    std::fs::write(
        env.home().join("hand-made.toml"),
        "format = 1\nsquad = \"Search\"\ndate = 2024-03-01\n[answers\n",
    )
    .unwrap();
    let list = env.ok(&["list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[1]
            .split_whitespace()
            .take(3)
            .eq(["hand-made", "Search", "2024-03-01"]),
        "{list}"
    );
    assert!(lines[1].ends_with("(unreadable answers)"), "{list}");
    assert!(
        lines[2].starts_with("partner-tooling-2023-01-17")
            && lines[2].contains("Partner Tooling")
            && lines[2].contains("2023-01-17")
            && lines[2].ends_with("Elite"),
        "{list}"
    );
}

/// A store that also holds a checkpoint of a newer format and a corrupt one of the same squad,
/// named as the tool names the squad's files.
fn store_with_bad_files(env: &Env) -> [(PathBuf, &'static str); 2] {
    std::fs::create_dir_all(env.home()).unwrap();
    let future = "format = 7\nsquad = \"Partner Tooling\"\ndate = 2022-01-01\n[hologram]\n";
    let corrupt = "format = 1\nsquad = \"Partner Tooling\"\ndate = 2022-06-01\n[answers\n";
    let files = [
        (env.home().join("partner-tooling-2022-01-01.toml"), future),
        (env.home().join("partner-tooling-2022-06-01.toml"), corrupt),
    ];
    for (path, text) in &files {
        std::fs::write(path, text).unwrap();
    }
    files
}

#[test]
fn import_and_export_work_beside_a_newer_or_corrupt_checkpoint_and_name_it() {
    let env = Env::new();
    let bad = store_with_bad_files(&env);
    // Unreadable files that are not the squad's by name: another squad's, and one renamed by
    // hand. Neither import nor export reads them, so neither names them.
    let others = [
        (
            env.home().join("search-2022-01-01.toml"),
            "format = 7\nsquad = \"Search\"\ndate = 2022-01-01\n",
        ),
        (
            env.home().join("from-the-future.toml"),
            "format = 8\nsquad = \"Partner Tooling\"\ndate = 2022-01-01\n",
        ),
    ];
    for (path, text) in &others {
        std::fs::write(path, text).unwrap();
    }
    let mut args = vec![
        "import",
        "--squad",
        "Partner Tooling",
        "--date",
        "2023-01-17",
    ];
    args.extend(BALLOTS);
    let out = env.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    assert!(
        warnings.contains("warning:") && warnings.contains("partner-tooling-2022-01-01.toml"),
        "{warnings}"
    );
    assert!(warnings.contains("format 7"), "{warnings}");
    for name in ["search-2022-01-01.toml", "from-the-future.toml"] {
        assert!(!warnings.contains(name), "{warnings}");
    }

    let out = env.run(&["export", "partner-tooling-2023-01-17"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("# Partner Tooling"),
        "{}",
        stdout(&out)
    );
    let warnings = stderr(&out);
    for name in [
        "partner-tooling-2022-01-01.toml",
        "partner-tooling-2022-06-01.toml",
    ] {
        assert!(
            warnings
                .lines()
                .any(|l| l.starts_with("warning:") && l.contains(name)),
            "{warnings}"
        );
    }
    for name in ["search-2022-01-01.toml", "from-the-future.toml"] {
        assert!(!warnings.contains(name), "{warnings}");
    }
    for (path, text) in bad.iter().chain(&others) {
        assert_eq!(
            &std::fs::read_to_string(path).unwrap(),
            text,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_hand_edited_checkpoint_is_checked_against_the_checklists() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let p = path.to_str().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text
        .replace("[answers.\"dora.lead-time\".votes]\n", "[answers.\"dora.lead-time\".votes]\nZed = 5\n")
        .replace("[answers.\"dora.deploy-frequency\".votes]\n", "[answers.\"dora.deploy-frequency\"]\nagreed = 9\n\n[answers.\"dora.deploy-frequency\".votes]\n");
    std::fs::write(&path, &edited).unwrap();
    let line = |needle: &str| edited.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let err = env.fails(&["export", p]);
    let lead = line("[answers.\"dora.lead-time\".votes]");
    let deploy = line("[answers.\"dora.deploy-frequency\"]");
    assert!(err.contains(&format!("{p}:{lead}: dora.lead-time: a vote by `Zed`, who is not among the participants (Ana, Ben, Cy)")), "{err}");
    assert!(
        err.contains(&format!(
            "{p}:{deploy}: dora.deploy-frequency: the agreed value 9 is off its scale 1-6"
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "left untouched"
    );

    // Everyone voted on it, so no vote is hidden once its checklist is loaded.
    let orphan =
        text + "\n[answers.\"security.practices.secrets\".votes]\nAna = 2\nBen = 2\nCy = 2\n";
    std::fs::write(&path, orphan).unwrap();
    let out = env.run(&["export", p]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(
            "1 answer for questions no loaded checklist has (security.practices.secrets)"
        ),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["--checklists", "tests/fixtures/valid", "export", p]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn a_checkpoint_from_the_future_is_refused_and_untouched() {
    let env = Env::new();
    std::fs::create_dir_all(env.home()).unwrap();
    let path = env.home().join("future.toml");
    let text = "format = 7\nsquad = \"X\"\ndate = 2030-01-01\n";
    std::fs::write(&path, text).unwrap();
    let err = env.fails(&["export", "future"]);
    assert!(err.contains("checkpoint format 7"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn validate_reports_every_error_with_file_and_line() {
    let env = Env::new();
    assert!(env.ok(&["validate"]).starts_with("ok: 5 sets"));
    assert!(
        env.ok(&["validate", "tests/fixtures/valid"])
            .starts_with("ok: 6 sets")
    );
    let out = env.run(&["validate", "tests/fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "tests/fixtures/invalid/bad-id.yaml:9: extra.security.Dependency_Scanning: invalid id",
        "tests/fixtures/invalid/syntax-error.yaml:9:3: did not find expected node content",
        "tests/fixtures/invalid/empty-options.yaml:6: dora.lead-time: empty options",
        // Two files of one directory cannot both define a set: neither silently wins.
        "tests/fixtures/invalid/kind-mismatch.yaml:3: extra: duplicate id: already defined at \
         tests/fixtures/invalid/bad-id.yaml:3",
    ] {
        assert!(err.contains(expected), "{expected} missing from {err}");
    }
    let err = env.fails(&["validate", "no/such/dir"]);
    assert!(err.contains("no/such/dir: not a directory"), "{err}");
}

#[test]
fn the_config_directory_adds_sets_to_every_command() {
    let env = Env::new();
    let dir = env.dir.path().join("config/devops-checkpoint/checklists");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        "tests/fixtures/valid/extra-baseline.yaml",
        dir.join("security.yaml"),
    )
    .unwrap();
    assert!(
        env.ok(&["questions"])
            .contains("security.practices.secrets\tlevel\t0-3\t")
    );
    std::fs::copy("tests/fixtures/invalid/bad-id.yaml", dir.join("bad.yaml")).unwrap();
    let err = env.fails(&["questions"]);
    assert!(
        err.contains("bad.yaml:9: extra.security.Dependency_Scanning: invalid id"),
        "{err}"
    );
}

#[test]
fn questions_prints_every_question_tab_separated() {
    let env = Env::new();
    let out = env.ok(&["questions"]);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert!(
        lines.iter().all(|cols| cols.len() == 4),
        "four columns on every line"
    );
    assert_eq!(lines[0][..3], ["dora.lead-time", "choice", "1-6"]);
    assert!(
        lines
            .iter()
            .any(|c| c[..3] == ["baseline.tooling.source-control", "level", "0-3"])
    );
    assert!(lines.iter().any(|c| c[1] == "likert" && c[2] == "1-5"));
    assert!(lines.iter().any(|c| c[1] == "milestone" && c[2] == "0-2"));
}

#[test]
fn without_a_terminal_bare_checkpoint_explains_and_the_screens_refuse() {
    // Tests run with pipes, not a terminal.
    let env = Env::new();
    let out = env.ok(&[]);
    assert!(out.contains("215 questions loaded"), "{out}");
    assert!(out.contains("Run `checkpoint` in a terminal"), "{out}");
    assert!(out.contains("checkpoint import --squad NAME"), "{out}");
    for args in [vec!["solo"], vec!["new", "--squad", "X"], vec!["resume"]] {
        let err = env.run(&args);
        assert_eq!(err.status.code(), Some(1), "{args:?}");
        assert!(stderr(&err).contains("needs a terminal"), "{args:?}");
    }
    assert!(!env.home().exists() || std::fs::read_dir(env.home()).unwrap().count() == 0);
}

#[test]
fn a_reader_that_stops_early_is_no_crash() {
    // `checkpoint validate | head -1`: stdout closes before everything is written.
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let p = path.to_str().unwrap();
    for args in [
        vec![],
        vec!["validate"],
        vec!["questions"],
        vec!["ballot"],
        vec!["list"],
        vec!["export", p],
        vec!["compare", p, p],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint"))
            .args(&args)
            .env("CHECKPOINT_HOME", env.home())
            .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn every_subcommand_has_help() {
    let env = Env::new();
    for sub in [
        "new",
        "solo",
        "resume",
        "questions",
        "validate",
        "ballot",
        "import",
        "export",
        "list",
    ] {
        let help = env.ok(&[sub, "--help"]);
        assert!(help.contains("Usage: checkpoint"), "{sub}: {help}");
    }
}

#[test]
fn names_over_the_limit_are_refused_with_a_short_error() {
    let env = Env::new();
    // One argument may be at most 128 KB on Linux.
    let long = "N".repeat(100_000);
    for args in [
        vec!["new", "--squad", long.as_str()],
        vec!["new", "--squad", "S", "--participant", long.as_str()],
        vec![
            "import",
            "--squad",
            long.as_str(),
            "tests/fixtures/ballots/ana.yaml",
        ],
        vec![
            "import",
            "--squad",
            "S",
            "--facilitator",
            long.as_str(),
            "tests/fixtures/ballots/ana.yaml",
        ],
    ] {
        let err = env.fails(&args);
        assert!(
            err.len() < 400,
            "{args:.20?}: {} bytes of stderr",
            err.len()
        );
        assert!(err.contains("at most 200 are allowed"), "{err}");
    }
    let ballot = env.dir.path().join("long.yaml");
    std::fs::write(&ballot, format!("participant: {long}\n")).unwrap();
    let err = env.fails(&["import", "--squad", "S", ballot.to_str().unwrap()]);
    assert!(err.len() < 600, "{} bytes of stderr", err.len());
    assert!(env.files().is_empty(), "nothing saved");
}

/// A ballot like `from`, with `changes` made to its text, in the test's directory.
fn edited_ballot(env: &Env, from: &str, changes: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(from).unwrap();
    for (old, new) in changes {
        assert!(text.contains(old), "{old}");
        text = text.replace(old, new);
    }
    let path = env
        .dir
        .path()
        .join(PathBuf::from(from).file_name().unwrap());
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_late_ballot_joins_a_checkpoint_and_scores_as_if_it_came_with_the_others() {
    let together = Env::new();
    import(&together, "Partner Tooling");
    let all_three = together.ok(&["export", "partner-tooling-2023-01-17"]);

    let env = Env::new();
    let mut args = vec![
        "import",
        "--squad",
        "Partner Tooling",
        "--facilitator",
        "Fay",
    ];
    args.extend(["--date", "2023-01-17", BALLOTS[0], BALLOTS[1]]);
    let path = PathBuf::from(env.ok(&args).trim());
    let before = env.ok(&["export", "partner-tooling-2023-01-17"]);
    assert!(before.contains("| Participants | Ana, Ben |"), "{before}");
    assert!(
        before.contains("| Time to restore service | Less than one day (5.0) | 4 ×1 · 6 ×1 |"),
        "{before}"
    );

    let out = env.run(&["import", "--into", "partner-tooling-2023-01-17", BALLOTS[2]]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), path.to_str().unwrap());
    assert_eq!(
        stderr(&out),
        "Added Cy's ballot: a new participant, 5 new votes\n"
    );
    let checkpoints = env
        .files()
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "toml"));
    assert_eq!(checkpoints.count(), 1, "no new checkpoint");
    let after = env.ok(&["export", "partner-tooling-2023-01-17"]);
    assert!(after.contains("| Participants | Ana, Ben, Cy |"), "{after}");
    assert_eq!(
        after, all_three,
        "the same summary as the three ballots together"
    );

    // Again: nothing new, nothing refused.
    let out = env.run(&["import", "--into", path.to_str().unwrap(), BALLOTS[2]]);
    assert_eq!(stderr(&out), "Added Cy's ballot: 0 new votes\n");
}

#[test]
fn a_late_vote_that_differs_is_refused_with_its_file_and_line_and_nothing_changes() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let saved = std::fs::read(&path).unwrap();
    let late = edited_ballot(
        &env,
        BALLOTS[2],
        &[
            ("participant: Cy", "participant: cy"),
            ("dora.lead-time: 5", "dora.lead-time: 3"),
        ],
    );
    let text = std::fs::read_to_string(&late).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("dora.lead-time: 3"))
        .unwrap()
        + 1;
    let late = late.to_str().unwrap();
    let err = env.fails(&["import", "--into", "partner-tooling-2023-01-17", late]);
    assert!(err.contains(&format!(
        "{late}:{line}: dora.lead-time: Cy already voted 5 in the checkpoint, the ballot says 3; \
         keep one (--replace takes the ballot's)"
    )), "{err}");
    assert!(err.contains("nothing was changed in"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), saved, "left untouched");

    let out = env.run(&[
        "import",
        "--into",
        "partner-tooling-2023-01-17",
        "--replace",
        late,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 vote replaced"), "{}", stderr(&out));
    let md = env.ok(&["export", "partner-tooling-2023-01-17"]);
    assert!(
        md.contains("| Lead time for changes | One day to one week (4.3) | 3 ×1 · 5 ×2 |"),
        "{md}"
    );
}

#[test]
fn a_checkpoint_open_in_a_workshop_screen_takes_no_late_ballot() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let saved = std::fs::read(&path).unwrap();
    let late = edited_ballot(&env, BALLOTS[2], &[("participant: Cy", "participant: Dee")]);
    let lock = checkpoint::checkpoint::Lock::acquire(&path).unwrap();
    let err = env.fails(&[
        "import",
        "--into",
        path.to_str().unwrap(),
        late.to_str().unwrap(),
    ]);
    assert!(
        err.contains(
            "is open in another checkpoint window; close it there first (nothing was changed)"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), saved, "left untouched");
    drop(lock);
    env.ok(&[
        "import",
        "--into",
        path.to_str().unwrap(),
        late.to_str().unwrap(),
    ]);
}

#[test]
fn late_votes_on_questions_nobody_else_answered_wait_unless_revealed() {
    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let p = path.to_str().unwrap();
    let late = edited_ballot(
        &env,
        BALLOTS[2],
        &[
            ("participant: Cy", "participant: Dee"),
            (
                "  baseline.tooling.source-control: 2\n",
                "  baseline.tooling.source-control: 2\n  baseline.culture.confidence: 3\n",
            ),
        ],
    );
    let late = late.to_str().unwrap();
    let out = env.run(&["import", "--into", p, late]);
    assert!(
        stderr(&out).contains("note: the votes on 1 question are not revealed yet"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["export", p]);
    assert!(
        stdout(&out).contains("Votes on 1 question are not revealed yet"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("| Culture of confidence | – | no votes | – |"));

    let env = Env::new();
    let path = import(&env, "Partner Tooling");
    let p = path.to_str().unwrap();
    let out = env.run(&["import", "--into", p, "--reveal", late]);
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
    let md = env.ok(&["export", p]);
    assert!(
        md.contains("| Culture of confidence | Advanced (3.0) | 3 ×1 | 0 |"),
        "{md}"
    );
    let err = env.fails(&["import", "--reveal", "--squad", "X", late]);
    assert!(err.contains("--into"), "{err}");
}
