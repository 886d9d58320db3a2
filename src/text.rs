//! User text made safe to show: characters that a terminal would act on (C0 and C1 controls, so
//! ESC sequences) or that would change how the text around them reads (bidi overrides and
//! isolates, invisible marks, line separators) are spelled out as `\u{1b}`, the one escaped form
//! the whole tool uses. Also the one check that refuses such characters in names.
//!
//! Every path that prints user data to a terminal goes through [`printable`] (one value) or
//! [`printable_lines`] (a whole message, whose own newlines and tabs stay).

use std::borrow::Cow;

/// Whether `c` must not reach a terminal or a page as it is: a control character (C0, DEL, C1,
/// so also newline and tab), a bidi control (U+061C, U+200E–U+200F, U+202A–U+202E,
/// U+2066–U+2069), an invisible mark that can make two names look alike (U+200B, U+2060–U+2064,
/// U+FEFF) or a line or paragraph separator (U+2028, U+2029). Zero-width joiners (U+200C, U+200D)
/// are left alone: emoji and several scripts need them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Pushes `c` in the escaped form, `\u{1b}`.
pub fn push_escaped(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
}

/// `text` with every [unsafe](is_unsafe) character escaped, newlines and tabs too: one value
/// on one line. Borrowed when there is nothing to escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_if(text, is_unsafe)
}

/// `text` with every [unsafe](is_unsafe) character escaped but its newlines and tabs: a whole
/// message of several lines, such as an error listing problems.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    escape_if(text, |c| is_unsafe(c) && c != '\n' && c != '\t')
}

fn escape_if(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Why a name (squad, tribe, facilitator, participant) is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    #[error("`{}` has a control or invisible character ({}); type the name plainly", printable(&crate::limits::quote(.name)), printable(&.found.to_string()))]
    Unsafe { name: String, found: char },
}

/// Refuses a name with an [unsafe](is_unsafe) character in it (a tab or newline too).
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    match name.chars().find(|&c| is_unsafe(c)) {
        Some(found) => Err(NameProblem::Unsafe {
            name: name.to_string(),
            found,
        }),
        None => Ok(()),
    }
}

/// `n noun`, with an `s` unless one: `1 squad`, `2 squads`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &[char] = &[
        '\x1b', '\x07', '\0', '\r', '\n', '\t', '\x7f', '\u{9b}', '\u{85}', '\u{202e}', '\u{2066}',
        '\u{2069}', '\u{200f}', '\u{2028}', '\u{feff}',
    ];

    #[test]
    fn every_nasty_character_is_spelled_out() {
        for &c in NASTY {
            let text = format!("a{c}b");
            let shown = printable(&text);
            assert!(!shown.chars().any(is_unsafe), "{c:?} left in {shown:?}");
            assert!(shown.starts_with('a') && shown.ends_with('b'), "{shown:?}");
            assert!(shown.contains(&format!("{:x}", u32::from(c))), "{shown:?}");
        }
        assert_eq!(printable("\x1b[31m"), "\\u{1b}[31m");
    }

    #[test]
    fn plain_text_is_borrowed_as_it_is() {
        for text in ["Partner Tooling", "山田太郎", "👩‍👩‍👧", "نور", "R&D | <b>"]
        {
            assert!(matches!(printable(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn a_message_keeps_its_own_lines() {
        let shown = printable_lines("error:\n\tsquad \x1b]0;pwned\x07\r\n");
        assert!(shown.starts_with("error:\n\tsquad "), "{shown:?}");
        assert!(!shown.contains(['\x1b', '\x07', '\r']), "{shown:?}");
        assert!(shown.ends_with('\n'));
    }

    #[test]
    fn names_with_controls_are_refused_and_quoted_safely() {
        assert!(check_name("Team Kilo").is_ok());
        assert!(check_name("山田 🦀").is_ok());
        for &c in NASTY {
            let err = check_name(&format!("Team{c}Kilo")).unwrap_err().to_string();
            assert!(!err.chars().any(is_unsafe), "{err:?}");
            assert!(err.contains("Team"), "{err}");
        }
    }
}
