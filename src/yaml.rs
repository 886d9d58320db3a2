//! The one place that knows which YAML library the project uses.
//!
//! serde_yaml is deprecated upstream; keeping every call behind this module means a maintained
//! fork can replace it by editing this file alone.

use serde::de::DeserializeOwned;

use crate::limits::MAX_NESTING;

/// A YAML document that failed to parse or did not match the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line of the problem, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column of the problem, when the parser knows it.
    pub column: Option<usize>,
    /// What the parser expected, without the location.
    pub message: String,
    /// Whether text that needed quotes can cause it: a `: ` inside a plain value, a value that
    /// starts with a character YAML reserves, or a `[` or `{` read as a list or a map where
    /// text was expected. Quoting the value fixes any of these.
    pub unquoted_text: bool,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = crate::location::position(self.line, self.column);
        write!(f, "{}: {}", at.trim_start_matches(':'), self.message)
    }
}

/// Parses `text` into `T`, reporting the line and column of the first problem. Text nested
/// deeper than [`MAX_NESTING`] is refused before the parser sees it.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_nesting(text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        let message = shorten_quoted(&strip_location(&e.to_string()));
        YamlError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            unquoted_text: unquoted_text(&message),
            message,
        }
    })
}

/// Whether serde_yaml's `message` is one that plain text YAML reads as syntax gives: a `: `
/// (a mapping), a leading `-` `?` `:` (a list or a key), `*` `&` (an alias or an anchor),
/// `|` `>` (a block of text), `@` `` ` `` `%` (reserved), `[` `{` (a list or a map).
fn unquoted_text(message: &str) -> bool {
    [
        "mapping values are not allowed",
        "mapping keys are not allowed",
        "block sequence entries are not allowed",
        "found character that cannot start any token",
        "while scanning an alias",
        "while scanning an anchor",
        "unknown anchor",
        "while scanning a block scalar",
        "invalid type: sequence, expected a string",
        "invalid type: map, expected a string",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// serde_yaml puts " at line L column C" (sometimes twice) into its messages; we report the
/// location ourselves.
fn strip_location(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(start) = out.find(" at line ") {
        let rest = &out[start + " at line ".len()..];
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = rest.strip_prefix(" column ").unwrap_or(rest);
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        out = format!("{}{rest}", &out[..start]);
    }
    out
}

/// Where a scan of one line stands.
#[derive(Clone, Copy, PartialEq)]
enum Scan {
    /// Where a node may start: a `- `, a flow bracket, a quote, a key or a scalar.
    Node,
    /// Inside a plain scalar (a key or a value) in block context.
    Plain,
    /// Inside a quoted scalar, which may span lines.
    Quoted(u8),
}

/// Refuses YAML nested deeper than [`MAX_NESTING`], counting block indentation levels, `- `
/// items and open flow brackets, in one pass over the text. It over-counts a little (a
/// sequence under a key counts twice), never under-counts, and skips block scalars' text, so
/// that the parser, whose cost grows faster than the depth, never sees a hostile document.
fn check_nesting(text: &str) -> Result<(), YamlError> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quoted: Option<u8> = None;
    // The column a `|` or `>` block's parent starts at: its text is the lines indented more.
    let mut block: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        let blank = line[indent..].trim().is_empty();
        if let Some(parent) = block {
            if blank || indent > parent {
                continue;
            }
            block = None;
        }
        let too_deep = |depth: usize, at: usize| {
            (depth > MAX_NESTING).then(|| YamlError {
                line: Some(n + 1),
                column: Some(line[..at].chars().count() + 1),
                message: format!(
                    "nested more than {MAX_NESTING} levels deep; flatten the document"
                ),
                unquoted_text: false,
            })
        };
        let mut scan = match quoted {
            Some(q) => Scan::Quoted(q),
            None => Scan::Node,
        };
        if quoted.is_none() && flow == 0 {
            if blank || bytes[indent] == b'#' {
                continue;
            }
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
                if let Some(e) = too_deep(indents.len(), indent) {
                    return Err(e);
                }
            }
        }
        let mut dashes = 0;
        let mut node_col = indent;
        let mut i = indent;
        while i < bytes.len() {
            let c = bytes[i];
            let next = bytes.get(i + 1).copied();
            let space_after = next.is_none_or(|b| b == b' ' || b == b'\t');
            let space_before = i == 0 || matches!(bytes[i - 1], b' ' | b'\t');
            match scan {
                Scan::Quoted(q) => {
                    // `\x` in double quotes, `''` in single quotes: an escaped character.
                    let escaped =
                        (q == b'"' && c == b'\\') || (c == q && q == b'\'' && next == Some(b'\''));
                    if escaped {
                        i += 1;
                    } else if c == q {
                        quoted = None;
                        scan = if flow > 0 { Scan::Node } else { Scan::Plain };
                    }
                }
                _ if c == b'#' && space_before => break,
                _ if flow > 0 => match c {
                    b'[' | b'{' => {
                        flow += 1;
                        if let Some(e) = too_deep(indents.len() + dashes + flow, i) {
                            return Err(e);
                        }
                    }
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    b'"' | b'\'' => {
                        quoted = Some(c);
                        scan = Scan::Quoted(c);
                    }
                    _ => {}
                },
                Scan::Node => match c {
                    b' ' | b'\t' => {}
                    b'-' | b'?' if space_after => {
                        node_col = i;
                        dashes += usize::from(c == b'-');
                        if let Some(e) = too_deep(indents.len() + dashes, i) {
                            return Err(e);
                        }
                    }
                    b'[' | b'{' => {
                        flow = 1;
                        if let Some(e) = too_deep(indents.len() + dashes + flow, i) {
                            return Err(e);
                        }
                    }
                    b'"' | b'\'' => {
                        node_col = i;
                        quoted = Some(c);
                        scan = Scan::Quoted(c);
                    }
                    b'|' | b'>' => {
                        block = Some(node_col);
                        break;
                    }
                    _ => {
                        node_col = i;
                        scan = Scan::Plain;
                    }
                },
                Scan::Plain => {
                    if c == b':' && space_after {
                        scan = Scan::Node;
                    }
                }
            }
            i += 1;
        }
    }
    Ok(())
}

/// serde quotes the offending value in its messages, however long: cut every quoted run to
/// what [`crate::limits::quote`] keeps.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    for (i, part) in message.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        if i % 2 == 1 {
            out.push_str(&crate::limits::quote(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = from_str::<serde_yaml::Value>("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.column.is_some());
        assert_eq!(
            err.message,
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
    }

    #[test]
    fn text_that_needed_quotes_is_told_apart() {
        let note = |value: &str| {
            let text = format!("notes:\n  a: {value}\n");
            from_str::<std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>>(
                &text,
            )
        };
        for value in [
            "from merge: not push",
            "*nobody* tracks it",
            "& more",
            "@ops",
            "`make` by hand",
            "% of it",
            "| pipe",
            "> quote",
            "- first",
            "? why",
            ": colon",
            "[guess] a week",
            "{guess}",
        ] {
            let err = note(value).unwrap_err();
            assert!(err.unquoted_text, "{value}: {err}");
            let quoted = format!("\"{}\"", value.replace('"', "\\\""));
            assert_eq!(note(&quoted).unwrap()["notes"]["a"], value);
        }
        let err = from_str::<serde_yaml::Value>("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(!err.unquoted_text, "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing_with_its_place() {
        let depth = 40_000;
        let flow = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let block: String = (0..1_000)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let dashes = format!("{}x\n", "- ".repeat(depth));
        for (text, line) in [(&flow, 1), (&block, MAX_NESTING + 1), (&dashes, 1)] {
            let start = std::time::Instant::now();
            let err = from_str::<serde_yaml::Value>(text).unwrap_err();
            assert!(start.elapsed() < std::time::Duration::from_millis(500));
            assert_eq!(err.line, Some(line), "{err}");
            assert!(err.column.is_some());
            assert!(err.message.contains("nested more than 64 levels"), "{err}");
        }
    }

    #[test]
    fn values_quoted_in_messages_are_cut_short() {
        let text = format!("a: {}\n", "x".repeat(100_000));
        let err = from_str::<std::collections::BTreeMap<String, u8>>(&text).unwrap_err();
        assert!(err.message.len() < 200, "{}", err.message.len());
        assert!(err.message.contains("x…\""), "{}", err.message);
    }

    #[test]
    fn ordinary_nesting_quotes_and_block_text_pass() {
        let text = "a:\n  - b: \"[[[[ {{ # not a comment\"\n    c: 'it''s [ok'\n    d: |\n      \
                    [[[[[[\n        [[[[[[[[\n          - - - -\n    e: plain [ text [[[[\n  \
                    - [1, [2, {x: [3]}]]\n";
        let value: serde_yaml::Value = from_str(text).unwrap();
        assert!(value.get("a").is_some());
        let deep_ok = format!("a: {}{}\n", "[".repeat(50), "]".repeat(50));
        assert!(from_str::<serde_yaml::Value>(&deep_ok).is_ok());
    }
}
