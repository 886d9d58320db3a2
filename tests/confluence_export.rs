//! `checkpoint export --format confluence`: Confluence storage format, parsed here with an XML
//! parser (roxmltree) inside a root element that declares the `ac` and `ri` namespaces, as
//! Confluence reads a page body. Every fixture checkpoint the tests use is rendered, and a
//! checkpoint made of hostile strings: each must parse, and each string must read back as the
//! text it was.

use std::path::{Path, PathBuf};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Action, Checkpoint, FollowUp, Improvement, Mode, Stage, Vote};
use checkpoint::export::{Form, page};
use checkpoint::history::History;

#[path = "harness/cli.rs"]
mod cli;
use cli::Env;

const AC: &str = "http://atlassian.com/content";
const RI: &str = "http://atlassian.com/resource/identifier";

/// The page body inside a root declaring Confluence's namespaces, as Confluence parses it.
fn wrapped(body: &str) -> String {
    format!("<ac:confluence xmlns:ac=\"{AC}\" xmlns:ri=\"{RI}\">{body}</ac:confluence>")
}

fn parse(body: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("not well-formed: {e}\n{body}"))
}

fn storage(catalog: &Catalog, c: &Checkpoint, name: &str, history: &History) -> String {
    page(catalog, c, name, history, Form::Confluence).unwrap().0
}

/// Every checkpoint file among the tests' fixtures.
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for dir in ["history", "confluence"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The text of an element, its descendants' text joined.
fn text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn macros<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.has_tag_name((AC, "structured-macro")) && n.attribute((AC, "name")) == Some(name)
        })
        .collect()
}

fn parameter(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name((AC, "parameter")) && n.attribute((AC, "name")) == Some(name))
        .map(text)
}

#[test]
fn every_fixture_renders_as_well_formed_storage_format() {
    let catalog = Catalog::builtin().unwrap();
    let files = fixtures();
    assert!(files.len() >= 4, "{files:?}");
    for path in files {
        let c = checkpoint::checkpoint::load(&path).unwrap();
        let history = History::load(path.parent().unwrap(), &catalog, &c, Some(&path));
        let name = path.file_stem().unwrap().to_string_lossy();
        let body = storage(&catalog, &c, &name, &history);
        let xml = wrapped(&body);
        let doc = parse(&xml);
        // Real header rows: every table starts with a row of header cells, or is the overview
        // whose rows each start with one.
        for table in doc.descendants().filter(|n| n.has_tag_name("table")) {
            let rows: Vec<_> = table
                .descendants()
                .filter(|n| n.has_tag_name("tr"))
                .collect();
            let first = rows[0]
                .children()
                .filter(|n| n.is_element())
                .collect::<Vec<_>>();
            let header_row = first.iter().all(|c| c.has_tag_name("th"));
            let header_column = rows.iter().all(|r| {
                r.first_element_child()
                    .is_some_and(|c| c.has_tag_name("th"))
            });
            assert!(
                header_row || header_column,
                "{}: a table without headers",
                path.display()
            );
        }
        assert!(
            !body.contains("DevOps Checkpoint</h1>"),
            "the title is the page's, not the body's"
        );
    }
}

#[test]
fn the_partner_tooling_page_reads_like_seed_004() {
    let catalog = Catalog::builtin().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/confluence/partner-tooling-2023-01-10.toml");
    let c = checkpoint::checkpoint::load(&path).unwrap();
    let history = History::load(path.parent().unwrap(), &catalog, &c, Some(&path));
    let body = storage(&catalog, &c, "partner-tooling-2023-01-10", &history);
    let xml = wrapped(&body);
    let doc = parse(&xml);

    // The overview in a page properties macro, names in header cells.
    let details = macros(&doc, "details");
    assert_eq!(details.len(), 1);
    let names: Vec<String> = details[0]
        .descendants()
        .filter(|n| n.has_tag_name("th"))
        .map(text)
        .collect();
    for name in [
        "Squad",
        "Workshop date",
        "Facilitator",
        "Board link",
        "DevOps Maturity",
        "Capabilities",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    let time = doc.descendants().find(|n| n.has_tag_name("time")).unwrap();
    assert_eq!(time.attribute("datetime"), Some("2023-01-10"));

    // The level as a green status lozenge.
    let status = macros(&doc, "status");
    let elite = status
        .iter()
        .find(|m| parameter(**m, "title").as_deref() == Some("Elite"))
        .expect("an Elite lozenge");
    assert_eq!(parameter(*elite, "colour").as_deref(), Some("Green"));
    assert!(
        body.contains("DevOps maturity is... <strong>Elite!</strong>"),
        "{body}"
    );
    assert!(body.contains("better than 89% of respondents"));

    // Focus first, the flow as a table, the improvements ranked.
    assert!(body.contains("<strong>Monitoring and observability</strong>"));
    let flow = doc
        .descendants()
        .filter(|n| n.has_tag_name("table"))
        .find(|t| text(*t).contains("Manual or automated"))
        .unwrap();
    let rows = flow.descendants().filter(|n| n.has_tag_name("tr")).count();
    assert_eq!(rows, 1 + c.flow.len());
    assert!(body.contains("<h2>Top improvements identified</h2>"));
    assert!(body.contains("Alert on no events"));

    // Long sections in expand macros.
    let expands: Vec<String> = macros(&doc, "expand")
        .iter()
        .filter_map(|m| parameter(*m, "title"))
        .collect();
    assert!(
        expands.contains(&"Baseline items".to_string()),
        "{expands:?}"
    );
    assert!(expands.contains(&"Milestones".to_string()), "{expands:?}");
    assert!(expands.contains(&"2 notes".to_string()), "{expands:?}");

    // The past checkpoint links to its page, recorded by `checkpoint publish`.
    let link = doc
        .descendants()
        .find(|n| n.has_tag_name("a") && text(*n).contains("2022-10 | DevOps Checkpoint"))
        .expect("a link to the past checkpoint's page");
    assert_eq!(
        link.attribute("href"),
        Some("https://example.atlassian.net/wiki/spaces/DEV/pages/4242")
    );
}

/// Checkpoints in the states the summary words differently: nothing at all, solo, votes not
/// revealed yet, parts skipped, a kit's definition of done, last checkpoint's actions.
fn states() -> Vec<(&'static str, Checkpoint)> {
    let date = jiff::civil::date(2026, 3, 1);
    let empty = Checkpoint::new("Empty", date);

    let mut solo = Checkpoint::new("Solo", date);
    solo.mode = Mode::Solo;
    solo.participants = vec!["Dana".into()];
    solo.vote("dora.lead-time", "Dana", Vote::Value(3));
    solo.vote("baseline.culture.safety", "Dana", Vote::NotApplicable);

    let mut hidden = Checkpoint::new("Hidden", date);
    hidden.participants = vec!["Ana".into(), "Ben".into()];
    for q in [
        "dora.lead-time",
        "dora.deploy-frequency",
        "dora.time-to-restore",
        "dora.change-failure-rate",
    ] {
        hidden.vote(q, "Ana", Vote::Value(2));
    }
    hidden.session.skipped = vec!["capabilities".into(), "baseline".into(), "phases".into()];

    let mut planned = Checkpoint::new("Planned", date);
    planned.participants = vec!["Ana".into()];
    for q in [
        "dora.lead-time",
        "dora.deploy-frequency",
        "dora.time-to-restore",
        "dora.change-failure-rate",
    ] {
        planned.vote(q, "Ana", Vote::Value(3));
    }
    let mut improvement = Improvement::new("Automate the deploy", None);
    improvement.kit = Some("kits.deployment-automation".into());
    planned.improvements.push(improvement);
    planned.actions.push(Action {
        text: "Script the deploy".into(),
        owner: "Ana".into(),
        due: Some(date),
        improvement: Some(0),
    });
    planned.actions.push(Action {
        text: "Tidy the wiki".into(),
        owner: String::new(),
        due: None,
        improvement: None,
    });
    planned.previous_actions.push(FollowUp {
        text: "Alert on no events".into(),
        owner: "Ben".into(),
        due: None,
        from: jiff::civil::date(2025, 12, 1),
        done: true,
    });
    vec![
        ("empty", empty),
        ("solo", solo),
        ("hidden", hidden),
        ("planned", planned),
    ]
}

#[test]
fn every_state_renders_as_well_formed_storage_format() {
    let catalog = Catalog::builtin().unwrap();
    for (name, c) in states() {
        let body = storage(&catalog, &c, name, &History::default());
        let xml = wrapped(&body);
        let doc = parse(&xml);
        let has = |m: &str| !macros(&doc, m).is_empty();
        match name {
            "empty" => assert!(body.contains("The level is not determined yet"), "{body}"),
            "solo" => assert!(!body.contains("To discuss"), "{body}"),
            "hidden" => {
                assert!(has("info"), "the votes held back are said: {body}");
                assert!(!body.contains("<h2>Baseline</h2>"));
            }
            "planned" => {
                let expands: Vec<String> = macros(&doc, "expand")
                    .iter()
                    .filter_map(|m| parameter(*m, "title"))
                    .collect();
                assert!(
                    expands.iter().any(|t| t.starts_with("Definition of done")),
                    "{expands:?}"
                );
                assert!(body.contains("<h3>Other actions</h3>"));
                assert!(body.contains("Actions from the previous checkpoint (2025-12-01)"));
            }
            _ => unreachable!(),
        }
    }
}

/// Strings that break markup that is built by hand.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "R&D &amp; ops &#x26; &nbsp;",
    "]]> <![CDATA[ x ]]>",
    "\"quoted\" 'single' `tick`",
    "</td></tr></table><ac:structured-macro ac:name=\"html\">",
    "🚀 Équipe ✨ 👩‍💻",
    "bell\u{7} esc\u{1b}[31m nul\u{0} del\u{7f} c1\u{85}",
    "bidi\u{202e}txet zw\u{200b}j",
    "not xml \u{fffe}\u{ffff}",
    "line\nbreak\r\nand\ttab",
    "<!-- comment --> <?pi x?>",
    "{{ squad }} {% raw %}",
];

/// `text` as the page shows it: whitespace runs one space, unsafe characters spelled out.
fn shown(text: &str) -> String {
    let mut out = String::new();
    checkpoint::export::xhtml::push_text(&mut out, text);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

fn hostile(s: &str) -> Checkpoint {
    let mut c = Checkpoint::new(s, jiff::civil::date(2026, 3, 1));
    c.tribe = s.to_string();
    c.facilitator = s.to_string();
    c.board_link = format!("https://x.example/{s}");
    c.participants = vec![s.to_string(), "Ana".into()];
    for q in [
        "dora.lead-time",
        "dora.deploy-frequency",
        "dora.time-to-restore",
        "dora.change-failure-rate",
    ] {
        c.vote(q, s, Vote::Value(4));
        c.vote(q, "Ana", Vote::Value(6));
        c.set_note(q, s);
    }
    c.vote("baseline.culture.safety", s, Vote::Value(2));
    c.flow.push(Stage {
        name: s.to_string(),
        automated: true,
        fails: true,
    });
    let mut improvement = Improvement::new(s, None);
    improvement.dots.insert(s.to_string(), 2);
    c.improvements.push(improvement);
    c.actions.push(Action {
        text: s.to_string(),
        owner: s.to_string(),
        due: None,
        improvement: Some(0),
    });
    c
}

#[test]
fn hostile_strings_stay_text() {
    let catalog = Catalog::builtin().unwrap();
    for s in HOSTILE {
        let c = hostile(s);
        let body = storage(&catalog, &c, "hostile", &History::default());
        let xml = wrapped(&body);
        let doc = parse(&xml);
        // Only the writer's own elements and macros.
        for n in doc.descendants().filter(|n| n.is_element()) {
            let tag = n.tag_name();
            let known = matches!(
                tag.name(),
                "confluence"
                    | "structured-macro"
                    | "parameter"
                    | "rich-text-body"
                    | "table"
                    | "tbody"
                    | "tr"
                    | "th"
                    | "td"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "p"
                    | "ul"
                    | "li"
                    | "strong"
                    | "em"
                    | "a"
                    | "time"
            );
            assert!(known, "{s:?} made a <{}>", tag.name());
            if tag.name() == "structured-macro" {
                let name = n.attribute((AC, "name")).unwrap();
                assert!(
                    ["details", "status", "expand", "info"].contains(&name),
                    "{s:?}: {name}"
                );
            }
        }
        assert!(
            doc.descendants().all(|n| !n.is_comment() && !n.is_pi()),
            "{s:?}"
        );
        // The squad reads as typed in its cell.
        let squad = doc
            .descendants()
            .find(|n| n.has_tag_name("th") && text(*n) == "Squad")
            .and_then(|th| th.next_sibling_element())
            .unwrap();
        assert_eq!(text(squad), shown(s), "{s:?}");
        // And the note in the notes.
        let expected = shown(s.lines().map(str::trim).find(|l| !l.is_empty()).unwrap());
        assert!(
            doc.descendants()
                .filter(|n| n.has_tag_name("li"))
                .any(|li| text(li).ends_with(&expected)),
            "{s:?}"
        );
        // The board link stays an address only when clean.
        for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let href = a.attribute("href").unwrap();
            assert!(!href.contains(['<', '>', '"', ' ']), "{s:?}: {href}");
        }
    }
}

#[test]
fn the_command_writes_storage_format_and_html() {
    let env = Env::new();
    env.copy_in("confluence");
    let body = env.ok(&[
        "export",
        "partner-tooling-2023-01-10",
        "--format",
        "confluence",
    ]);
    parse(&wrapped(&body));
    assert!(body.contains("ac:name=\"status\""));
    let html = env.ok(&["export", "partner-tooling-2023-01-10", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Partner Tooling | 2023-01 | DevOps Checkpoint</title>"));
    assert!(
        !html.contains("ac:"),
        "no Confluence macro in the HTML page"
    );
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("src="));
    let err = env.fails(&[
        "export",
        "partner-tooling-2023-01-10",
        "--format",
        "html",
        "--template",
        "x.j2",
    ]);
    assert!(err.contains("--template applies to markdown"), "{err}");
}
