//! The one markdown escaping rule of the summary and the comparison: a user's text shows as
//! written, on one line, whatever context it lands in (a table cell, a heading, a list item or the
//! start of a paragraph).

use crate::text;

/// Escapes `text` so markdown shows it as written, on one line: safe inside a table cell, a
/// heading, a list item or at the start of a line.
///
/// - Whitespace runs (newlines and tabs too) become one space, trimmed at both ends, so the text
///   can neither end a table row nor indent into a code block, and `---`/`===` never stand on a
///   line of their own (no setext heading).
/// - Inline markup (`` ` * _ [ ] | ~ # ! $ \ ``) is backslash-escaped. `&`, `<` and `>` are
///   escaped only where markdown would read them as markup: `&` before an entity (`&amp;`,
///   `&#35;`), `<` before a tag or an autolink (a letter, `/`, `!` or `?`), `>` at the start (a
///   quote). Elsewhere they stay as typed, so "R&D" and "< 1 day" read so even in the source.
/// - A leading list or heading marker (`-`, `+`, `=`, `1.`, `1)`) is escaped, so text that starts a
///   line cannot start a list.
/// - Any other control, bidi or invisible character ([`text::is_unsafe`]) is spelled out, `\u{1b}`.
pub fn escape(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    let marker = leading_marker(text);
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if Some(i) == marker {
            out.push('\\');
        }
        match c {
            '&' if entity_follows(&text[i + 1..]) => out.push_str("\\&"),
            '<' if text[i + 1..].starts_with(|n: char| n.is_alphabetic() || "/!?".contains(n)) => {
                out.push_str("\\<");
            }
            '>' if i == 0 => out.push_str("\\>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if text::is_unsafe(c) => {
                // Escaped for markdown too: `\\u{1b}` reads `\u{1b}`.
                out.push('\\');
                text::push_escaped(&mut out, c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether `rest`, the text after a `&`, makes it an entity or character reference: a name or
/// `#` and digits, then `;`.
fn entity_follows(rest: &str) -> bool {
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest[name..].starts_with(';')
}

/// The byte offset of the character that would make `text` a list item, a thematic break or a
/// setext underline at the start of a line: a leading `-` or `+` before a space or the end, a
/// text of `-` or `=` only, or the `.`/`)` after up to nine leading digits before a space or the
/// end. `-1`, `+x`, `= same`, `--x` and `3.50` stay as they are.
fn leading_marker(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let ends_marker = |next: Option<char>| next.is_none_or(char::is_whitespace);
    let only = |c: char| text.chars().all(|t| t == c);
    match first {
        '-' => (ends_marker(chars.next()) || only('-')).then_some(0),
        '=' => only('=').then_some(0),
        '+' => ends_marker(chars.next()).then_some(0),
        c if c.is_ascii_digit() => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &text[digits..];
            let mut rest = rest.chars();
            let dot = matches!(rest.next(), Some('.' | ')'));
            (digits <= 9 && dot && ends_marker(rest.next())).then_some(digits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_markers_are_escaped_and_only_those() {
        assert_eq!(escape("- x"), "\\- x");
        assert_eq!(escape("  + x"), "\\+ x");
        assert_eq!(escape("12) x"), "12\\) x");
        assert_eq!(escape("2024. x"), "2024\\. x");
        assert_eq!(escape("==="), "\\===");
        assert_eq!(escape("--"), "\\--");
        assert_eq!(escape("-"), "\\-");
        assert_eq!(escape("a - b 1. c"), "a - b 1. c");
        for plain in [
            "12 x",
            "-1",
            "+x",
            "3.50",
            "1.5 days",
            "=x",
            "= same",
            "--x",
            "1234567890. x",
        ] {
            assert_eq!(escape(plain), plain);
        }
    }

    #[test]
    fn ampersands_and_angles_stay_as_typed_unless_they_would_be_markup() {
        assert_eq!(escape("R&D & ops"), "R&D & ops");
        assert_eq!(
            escape("lead time < 1 day, > 1 hour"),
            "lead time < 1 day, > 1 hour"
        );
        assert_eq!(escape("&amp; &#35;"), "\\&amp; \\&\\#35;");
        assert_eq!(escape("<b>x</b>"), "\\<b>x\\</b>");
        assert_eq!(escape("> quoted"), "\\> quoted");
        assert_eq!(escape("<http://x.example>"), "\\<http://x.example>");
    }

    #[test]
    fn controls_are_spelled_out_and_whitespace_is_one_space() {
        assert_eq!(escape("a\x1bb"), "a\\\\u{1b}b");
        assert_eq!(escape("a\u{202e}b"), "a\\\\u{202e}b");
        assert_eq!(escape("a\t\u{2028}\r\nb"), "a b");
    }
}
