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

/// The built-in template.
pub const TEMPLATE: &str = include_str!("../../assets/summary.md.j2");

/// How many instructions a template may run. The built-in one needs under 30,000 for every
/// built-in question (votes are summarised in Rust, so participants add nothing); a template
/// stuck in a huge loop stops with an error instead of hanging.
const FUEL: u64 = 1_000_000;

/// The most decimals `fixed` prints.
const MAX_DECIMALS: usize = 12;

/// A template that failed to compile or render.
#[derive(Debug, thiserror::Error)]
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

/// Renders `summary` with `template` (named `name` in errors).
pub fn render_with(summary: &Summary, name: &str, template: &str) -> Result<String, TemplateError> {
    let mut env = Environment::new();
    env.set_formatter(escape_formatter);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|e| TemplateError::new(name, &e))?;
    env.set_syntax(syntax);
    env.set_fuel(Some(FUEL));
    env.add_filter("fixed", fixed);
    env.add_filter("percent", percent);
    env.add_filter("votes", votes);
    env.add_filter("link", link);
    env.add_template(name, template)
        .map_err(|e| TemplateError::new(name, &e))?;
    let tmpl = env
        .get_template(name)
        .map_err(|e| TemplateError::new(name, &e))?;
    let text = tmpl
        .render(Value::from(minijinja::value::Serde(summary)))
        .map_err(|e| TemplateError::new(name, &e))?;
    // Whatever a template prints raw (`|safe`, its own text), no control character but newline
    // and tab reaches the page.
    Ok(crate::text::printable_lines(&tidy(&text)).into_owned())
}

/// Renders `summary` with the built-in template.
pub fn render(summary: &Summary) -> Result<String, TemplateError> {
    render_with(summary, "summary.md.j2", TEMPLATE)
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
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// `x|fixed(1)`: a number with that many decimals; none → `–`.
fn fixed(value: Value, digits: Option<usize>) -> Result<String, Error> {
    Ok(match number(&value)? {
        Some(v) => format!("{v:.*}", digits.unwrap_or(1).min(MAX_DECIMALS)),
        None => "–".to_string(),
    })
}

/// `x|percent`: a 0..=1 fraction as a whole percentage; none → `–`.
fn percent(value: Value) -> Result<String, Error> {
    Ok(match number(&value)? {
        Some(v) => format!("{:.0}%", (v * 100.0).floor()),
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
        assert_eq!(
            escape("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("two\nlines\r\n here"), "two lines here");
        assert_eq!(
            escape("`code` *b* _i_ [l](u)"),
            "\\`code\\` \\*b\\* \\_i\\_ \\[l\\](u)"
        );
        assert_eq!(escape("Partner Tooling"), "Partner Tooling");
        assert_eq!(escape("R&D"), "R&amp;D");
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
}
