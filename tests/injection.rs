//! Markdown structure injection: hostile text in every user field of a checkpoint must not change
//! the summary's (or the comparison's) block structure, and must still read as written.

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Action, Answer, Checkpoint, Concern, FollowUp, Improvement, Stage};
use checkpoint::export::{Summary, markdown};
use checkpoint::history::{self, History, Snapshot};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Text a squad could type (or a hand-edited file could hold), each trying to make structure.
const HOSTILE: &[&str] = &[
    "- dash item",
    "-",
    "+",
    "=",
    "--",
    "= same",
    "1.",
    "10) ten",
    "+ plus item",
    "* star item",
    "1. ordered item",
    "1) paren item",
    "123456789) big number",
    "2024. a year first",
    "-1 negative",
    "# hash heading",
    "###### six hashes",
    "> quoted text",
    ">> nested quote",
    "    indented code",
    "\tTabbed code",
    "```fence",
    "~~~ tilde fence",
    "---",
    "===",
    "***",
    "___",
    "- - -",
    "= = =",
    "a | b | c",
    "| leading pipe",
    "| a |\n|---|\n| b |",
    "`code` span",
    "<b>bold</b>",
    "<!-- comment -->",
    "<div>block</div>",
    "line one\nline two",
    "first\n\n- second",
    "para\n===",
    "para\n---",
    "crlf\r\n# heading",
    "[link](http://x.example)",
    "<http://autolink.example>",
    "[ ] task",
    "- [x] done task",
    "![img](x.png)",
    "trailing backslash \\",
    "two trailing spaces  ",
    "&amp; entity &#35;",
    "**bold** _em_ ~~strike~~",
    "$math$",
    "[^1]: footnote",
    "[ref]: http://x.example",
    "esc \x1b[31mred\x1b[0m",
    "bell \x07 and nul \0 and del \x7f",
    "c1 \u{9b}31m csi",
    "bidi \u{202e}evil\u{202c} text",
    "isolate \u{2066}x\u{2069} text",
    "line sep \u{2028} para sep \u{2029} end",
];

/// A text of the same shape that means nothing to markdown.
const BENIGN: &str = "Benign words";

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

/// A checkpoint with `text` in every field a user fills in. `dots` decides whether the
/// improvements are ranked in a table or listed.
fn checkpoint(catalog: &Catalog, text: &str, dots: bool) -> Checkpoint {
    let date = jiff::civil::date(2026, 11, 20);
    let mut c = Checkpoint::new(text, date);
    c.tribe = text.to_string();
    c.facilitator = text.to_string();
    c.board_link = text.to_string();
    c.participants = vec![text.to_string(), format!("{text} two")];
    for q in catalog.questions().iter().take(3) {
        // Each line of a note is a note of its own (two ballots' notes stay apart), so the
        // note holds the hostile text on one line; each line is hostile in its own right.
        let answer = Answer {
            note: text.lines().collect::<Vec<_>>().join(" "),
            ..Answer::default()
        };
        c.answers.insert(q.id.clone(), answer);
    }
    for automated in [false, true] {
        c.flow.push(Stage {
            name: text.to_string(),
            automated,
            fails: !automated,
        });
    }
    c.improvements
        .push(Improvement::new(text, Some(Concern::Stage(text.into()))));
    c.improvements.push(Improvement::new(text, None));
    c.improvements.push(Improvement::new(text, None));
    if dots {
        for p in c.participants.clone() {
            c.improvements[0].dots.insert(p.clone(), 2);
            c.improvements[2].dots.insert(p, 1);
        }
    }
    for improvement in [Some(0), None] {
        c.actions.push(Action {
            text: text.to_string(),
            owner: text.to_string(),
            due: Some(date),
            improvement,
        });
    }
    c.previous_actions.push(FollowUp {
        text: text.to_string(),
        owner: text.to_string(),
        due: None,
        from: jiff::civil::date(2026, 8, 20),
        done: true,
    });
    c
}

/// An earlier checkpoint of the squad, as the store would give it.
fn past(catalog: &Catalog, text: &str) -> Snapshot {
    let mut c = Checkpoint::new(text, jiff::civil::date(2026, 8, 20));
    c.participants = vec![text.to_string()];
    Snapshot::new(catalog, text, &c)
}

fn summary(catalog: &Catalog, text: &str, dots: bool) -> String {
    let c = checkpoint(catalog, text, dots);
    let history = History {
        past: vec![past(catalog, text), past(catalog, text)],
        skipped: Vec::new(),
    };
    let s = Summary::new(catalog, &c).with_history(catalog, &c, text, &history);
    markdown::render(&s).unwrap()
}

/// The block structure of `md`, as GitHub parses it: every element but the text in it.
fn structure(md: &str) -> Vec<String> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = Vec::new();
    for event in Parser::new_ext(md, options) {
        let shape = match event {
            Event::Start(Tag::Table(aligns)) => format!("table {} columns", aligns.len()),
            Event::Start(tag) => format!("{tag:?}"),
            Event::End(TagEnd::Table) => "end table".to_string(),
            Event::End(tag) => format!("end {tag:?}"),
            Event::Text(_) => continue,
            Event::Code(_) => "code".to_string(),
            other => format!("{other:?}"),
        };
        out.push(shape);
    }
    out
}

/// What a reader sees: the text of each block, one block a line.
fn visible(md: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// `text` as the page should show it: on one line, whitespace runs as one space, and any other
/// invisible or control character spelled out as `\u{..}`.
fn as_shown(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&checkpoint::text::printable(word));
    }
    out
}

/// Where the two structures first differ, with a little context.
fn first_difference(a: &[String], b: &[String]) -> String {
    let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(3);
    format!(
        "at event {at}: benign {:?}, hostile {:?}",
        &a[from..(at + 3).min(a.len())],
        &b[from..(at + 3).min(b.len())]
    )
}

#[test]
fn hostile_text_in_every_field_keeps_the_summary_s_structure() {
    let catalog = catalog();
    for dots in [true, false] {
        let benign_md = summary(&catalog, BENIGN, dots);
        let benign = structure(&benign_md);
        let benign_count = visible(&benign_md).matches(BENIGN).count();
        assert!(benign_count > 20, "the fields reach the page: {benign_md}");
        for text in HOSTILE {
            let md = summary(&catalog, text, dots);
            let hostile = structure(&md);
            assert!(
                hostile == benign,
                "{text:?} changed the structure {}\n{md}",
                first_difference(&benign, &hostile)
            );
            let shown = as_shown(text);
            let count = visible(&md).matches(shown.as_str()).count();
            assert!(
                count >= benign_count,
                "{text:?} reads as {shown:?} {count} times, not {benign_count}:\n{md}"
            );
        }
    }
}

#[test]
fn hostile_squad_names_keep_the_comparison_s_structure() {
    let catalog = catalog();
    let compare = |before: &str, after: &str| {
        history::markdown(&history::compare(
            &past(&catalog, before),
            &past(&catalog, after),
        ))
    };
    let benign_md = compare(BENIGN, BENIGN);
    let benign = structure(&benign_md);
    for text in HOSTILE {
        for md in [compare(text, text), compare(text, BENIGN)] {
            let other = if md.contains(BENIGN) {
                structure(&compare(BENIGN, "Other words"))
            } else {
                benign.clone()
            };
            let hostile = structure(&md);
            assert!(
                hostile == other,
                "{text:?} changed the comparison {}\n{md}",
                first_difference(&other, &hostile)
            );
            assert!(visible(&md).contains(&as_shown(text)), "{text:?}:\n{md}");
        }
    }
}

/// The characters a page or a terminal must not receive as they are.
fn unsafe_in(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| checkpoint::text::is_unsafe(c) && c != '\n' && c != '\t')
        .collect()
}

#[test]
fn no_template_lets_control_characters_onto_the_page() {
    let catalog = catalog();
    let nasty = "esc \x1b[31m c1 \u{9b}2J bidi \u{202e}x\u{202c} cr \r";
    let c = checkpoint(&catalog, nasty, true);
    let s = Summary::new(&catalog, &c);
    let raw = "{{ squad|safe }} {{ notes[0][1]|safe }} \x1b[0m\n{{ squad }}\n";
    let md = markdown::render_with(&s, "raw.md.j2", raw).unwrap();
    assert!(unsafe_in(&md).is_empty(), "{md:?}");
    assert!(md.contains("esc "), "{md}");
}

#[test]
fn json_spells_out_control_characters_and_keeps_the_data() {
    let catalog = catalog();
    let nasty = "esc \x1b[31m c1 \u{9b}2J bidi \u{202e}x\u{2069} nel \u{85} ls \u{2028}";
    let c = checkpoint(&catalog, nasty, true);
    let json = Summary::new(&catalog, &c).to_json().unwrap();
    assert!(unsafe_in(&json).is_empty(), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["squad"], nasty);
    assert_eq!(value["flow"][0]["name"], nasty);
}
