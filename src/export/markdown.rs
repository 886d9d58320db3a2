//! The summary as GitHub-flavoured markdown that pastes cleanly into Confluence.
//!
//! The page comes from a minijinja template (`assets/summary.md.j2`, or the user's own with
//! `--template`). Every string a template prints is escaped for markdown unless the template
//! marks it `|safe`, so a squad name or note with `|`, `<`, a backtick or a newline cannot break a
//! table or inject HTML.

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, Output, State};

use super::Summary;
pub use super::escape::escape;
use super::guard::{Capped, check_unary_chains, indent};
use crate::limits::{MAX_NESTING, MAX_OUTPUT_BYTES};

/// The built-in template.
pub const TEMPLATE: &str = include_str!("../../assets/summary.md.j2");

/// How many instructions a user's template may run, at the least; it grows with the summary
/// (see [`fuel_for`]), so that a template that lists every question of a large checklist still
/// renders, while one stuck in a huge loop stops with an error instead of hanging. The built-in
/// template is trusted and runs without a limit.
const FUEL: u64 = 1_000_000;

/// The most items a template may print as one value (`{{ list }}`).
const MAX_PRINTED_ITEMS: usize = 10_000;

/// A template that failed to compile or render.
#[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{name}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct TemplateError {
    pub name: String,
    pub line: Option<usize>,
    pub message: String,
}

impl TemplateError {
    fn new(name: &str, e: &Error) -> TemplateError {
        let mut message = e.kind().to_string();
        if let Some(detail) = e.detail() {
            message = format!("{message}: {detail}");
        }
        TemplateError {
            name: name.to_string(),
            line: e.line(),
            message,
        }
    }
}

/// Renders `summary` with a user's `template` (named `name` in errors) in this process, within
/// limits: fuel that grows with the summary, [`MAX_OUTPUT_BYTES`] of output, and an `indent`
/// that refuses to build more than that. Memory is not bounded here: `s ~ s` doubled thirty
/// times takes a gigabyte in thirty instructions. `checkpoint export --template` renders in a
/// child process with memory and CPU limits instead, see [`super::sandbox`].
pub fn render_with(summary: &Summary, name: &str, template: &str) -> Result<String, TemplateError> {
    let size = serde_json::to_vec(summary).map_or(0, |json| json.len());
    let context = Value::from(minijinja::value::Serde(summary));
    render_user(context, name, template, fuel_for(size))
}

/// Renders `context` with a user's `template`: the checks and fuel of [`render_with`].
pub(super) fn render_user(
    context: Value,
    name: &str,
    template: &str,
    fuel: u64,
) -> Result<String, TemplateError> {
    check_unary_chains(template).map_err(|line| TemplateError {
        name: name.to_string(),
        line: Some(line),
        message: format!("more than {MAX_NESTING} prefix operators in a row (`-`, `+`, `not`)"),
    })?;
    render_within(context, name, template, Some(fuel))
}

/// The fuel a user's template gets for a summary of `size` bytes as JSON: [`FUEL`], or one
/// instruction per byte when that is more (a template that walks every item once needs far
/// less).
pub(super) fn fuel_for(size: usize) -> u64 {
    FUEL.max(size as u64)
}

fn render_within(
    context: Value,
    name: &str,
    template: &str,
    fuel: Option<u64>,
) -> Result<String, TemplateError> {
    let mut env = Environment::new();
    env.set_formatter(escape_formatter);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| TemplateError::new(name, &e))?;
    env.set_syntax(syntax);
    env.set_fuel(fuel);
    env.add_filter("indent", indent);
    env.add_filter("fixed", fixed);
    env.add_filter("percent", percent);
    env.add_filter("votes", votes);
    env.add_filter("link", link);
    env.add_template(name, template)
        .map_err(|e| TemplateError::new(name, &e))?;
    let tmpl = env
        .get_template(name)
        .map_err(|e| TemplateError::new(name, &e))?;
    let mut out = Capped::default();
    let rendered = tmpl.render_captured_to(context, &mut out).map(drop);
    if out.over {
        return Err(TemplateError {
            name: name.to_string(),
            line: None,
            message: format!(
                "the template wrote more than {MAX_OUTPUT_BYTES} bytes, the limit; it was stopped"
            ),
        });
    }
    rendered.map_err(|e| TemplateError::new(name, &e))?;
    // Whatever a template prints raw (`|safe`, its own text), no control character but newline
    // and tab reaches the page.
    let text = tidy(&String::from_utf8_lossy(&out.bytes));
    Ok(crate::text::printable_lines(&text).into_owned())
}

/// Renders `summary` with the built-in template, which is trusted: no fuel limit, so that it
/// renders every checklist `validate` accepts, however large.
pub fn render(summary: &Summary) -> Result<String, TemplateError> {
    let context = Value::from(minijinja::value::Serde(summary));
    render_within(context, "summary.md.j2", TEMPLATE, None)
}

/// Collapses runs of blank lines and ends the page with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    let trimmed = out.trim_matches('\n');
    format!("{trimmed}\n")
}

fn escape_formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match value.kind() {
        ValueKind::None | ValueKind::Undefined => Ok(()),
        ValueKind::String if !value.is_safe() => out
            .write_str(&escape(value.as_str().unwrap_or_default()))
            .map_err(Error::from),
        // Printing a sequence builds its whole text first: `[1]*1e8` would take minutes and
        // gigabytes before the output limit could stop it.
        ValueKind::Seq | ValueKind::Iterable | ValueKind::Map
            if value.len().is_some_and(|n| n > MAX_PRINTED_ITEMS) =>
        {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "printing {} items at once; at most {MAX_PRINTED_ITEMS} are (loop over them)",
                    value.len().unwrap_or_default()
                ),
            ))
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `x|fixed(1)`: a number with that many decimals; none → `–`.
fn fixed(value: Value, digits: Option<usize>) -> Result<String, Error> {
    Ok(match number(&value)? {
        Some(v) => crate::number::fixed(v, digits.unwrap_or(1)),
        None => "–".to_string(),
    })
}

/// `x|percent`: a 0..=1 fraction as a whole percentage; none → `–`.
fn percent(value: Value) -> Result<String, Error> {
    Ok(match number(&value)? {
        Some(v) => crate::number::percent(v),
        None => "–".to_string(),
    })
}

/// `stats|votes`: the distribution as `5 ×2 · 6 ×1 · n/a ×1`, or `no votes`.
fn votes(stats: Value) -> Result<String, Error> {
    let mut parts = Vec::new();
    for pair in stats.get_attr("distribution")?.try_iter()? {
        let value = pair.get_item(&Value::from(0))?;
        let count = pair.get_item(&Value::from(1))?;
        if count.as_usize().unwrap_or(0) > 0 {
            parts.push(format!("{value} ×{count}"));
        }
    }
    let na = stats.get_attr("not_applicable")?.as_usize().unwrap_or(0);
    if na > 0 {
        parts.push(format!("n/a ×{na}"));
    }
    Ok(if parts.is_empty() {
        "no votes".to_string()
    } else {
        parts.join(" · ")
    })
}

/// `url|link`: an http(s) address as a markdown autolink; anything else as escaped text.
fn link(url: String) -> Value {
    let url = url.trim();
    let plain = url.starts_with("https://") || url.starts_with("http://");
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || crate::text::is_unsafe(c) || "<>|`\\".contains(c));
    if plain && clean {
        Value::from_safe_string(format!("<{url}>"))
    } else {
        Value::from(url)
    }
}

fn number(value: &Value) -> Result<Option<f64>, Error> {
    match value.kind() {
        ValueKind::None | ValueKind::Undefined => Ok(None),
        ValueKind::Number => Ok(f64::try_from(value.clone()).ok()),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("{value} is not a number"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markdown_and_html() {
        assert_eq!(escape("A | B"), "A \\| B");
        assert_eq!(escape("<script>x</script>"), "\\<script>x\\</script>");
        assert_eq!(escape("two\nlines\r\n here"), "two lines here");
        assert_eq!(
            escape("`code` *b* _i_ [l](u)"),
            "\\`code\\` \\*b\\* \\_i\\_ \\[l\\](u)"
        );
        assert_eq!(escape("Partner Tooling"), "Partner Tooling");
        assert_eq!(escape("R&D"), "R&D", "an ampersand reads as typed");
    }

    #[test]
    fn links_are_autolinks_only_when_clean() {
        assert_eq!(
            link("https://miro.com/app/board/x=/".into()).to_string(),
            "<https://miro.com/app/board/x=/>"
        );
        assert!(!link("javascript:alert(1)".into()).is_safe());
        assert!(!link("https://x.y/a|b".into()).is_safe());
    }

    #[test]
    fn tidy_keeps_single_blank_lines() {
        assert_eq!(tidy("\n\na\n\n\n\nb  \n\n"), "a\n\nb\n");
    }

    fn sample() -> (crate::checklist::Catalog, crate::checkpoint::Checkpoint) {
        let catalog = crate::checklist::Catalog::builtin().unwrap();
        let mut c = crate::checkpoint::Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
        c.add_participant("Ana").unwrap();
        c.set_note("dora.lead-time", "two\nlines");
        (catalog, c)
    }

    #[test]
    fn hostile_templates_stop_quickly_with_a_clear_error() {
        let (catalog, c) = sample();
        let summary = Summary::new(&catalog, &c);
        for (template, expect) in [
            ("{{ squad|indent(1e9) }}", "indent width"),
            ("{{ squad|indent(1000000000) }}", "indent width"),
            (
                "{{ ('x\\n' * 1000000)|indent(100) }}",
                "indent would make more than",
            ),
            ("{{ [1]*1e8 }}", "printing 100000000 items at once"),
            (
                "{% for i in range(100) %}{{ 'x' * 1000000 }}{% endfor %}",
                "wrote more than",
            ),
        ] {
            let start = std::time::Instant::now();
            let err = render_with(&summary, "t.j2", template).unwrap_err();
            assert!(err.to_string().contains(expect), "{template}: {err}");
            assert!(
                start.elapsed() < std::time::Duration::from_secs(5),
                "{template}: {:?}",
                start.elapsed()
            );
        }
        let dashes = format!("{{{{ squad ~ 1 -{} 1 }}}}", " -".repeat(40_000));
        let nots = format!("{{% if {} true %}}x{{% endif %}}", "not ".repeat(40_000));
        for template in [dashes, nots] {
            let err = render_with(&summary, "t.j2", &template).unwrap_err();
            assert!(
                err.to_string().starts_with("t.j2:1: more than 64 prefix"),
                "{err}"
            );
        }
        let ok = render_with(&summary, "t.j2", "{{ 1 - - 1 }}{{ not not true }}").unwrap();
        assert_eq!(ok, "2True\n");
        let ok = render_with(&summary, "t.j2", "{{ notes[0][1]|indent(2, true) }}").unwrap();
        assert_eq!(
            ok, "two\n",
            "a note of two lines is two notes; each is one line"
        );
        let ok = render_with(&summary, "t.j2", "{{ 'a\nb\n\nc'|safe|indent }}").unwrap();
        assert_eq!(ok, "a\n    b\n\n    c\n");
    }

    #[test]
    fn the_built_in_template_renders_thirty_thousand_items() {
        let mut yaml = String::from(
            "kind: baseline\nid: baseline\ntitle: Baseline\ndescription: Big.\nsections:\n",
        );
        for s in 0..30 {
            yaml.push_str(&format!(
                "  - id: baseline.s{s}\n    title: S{s}\n    description: D.\n    items:\n"
            ));
            for i in 0..1_000 {
                yaml.push_str(&format!(
                    "      - id: baseline.s{s}.i{i}\n        title: I{i}\n        text: Item?\n"
                ));
            }
        }
        let mut sources = crate::checklist::Source::builtin();
        sources.retain(|s| !s.name.contains("baseline"));
        sources.push(crate::checklist::Source {
            name: "big.yaml".into(),
            text: yaml,
            layer: 1,
        });
        let catalog = crate::checklist::from_sources(sources).unwrap();
        assert!(catalog.questions().len() > 30_000);
        let (_, mut c) = sample();
        for q in catalog.questions().iter().step_by(7) {
            c.vote(&q.id, "Ana", crate::checkpoint::Vote::Value(q.scale().min));
        }
        let text = render(&Summary::new(&catalog, &c)).unwrap();
        assert!(text.contains("I999"), "every item is listed");
    }
}
