//! Text cut and padded to a number of terminal columns, counting wide characters (CJK, emoji)
//! as two columns; and the last pass over a drawn screen that keeps controls off the terminal.

use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `1 vote`, `3 votes`: a number with its noun, singular for one.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// At most `columns` columns of `text`, ending in `…` when cut.
pub fn truncate(text: &str, columns: usize) -> String {
    if text.width() <= columns {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

/// `text` cut or padded with spaces to exactly `columns` columns.
pub fn fit(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// `text` broken into lines of at most `columns` columns: at spaces, and inside a word only
/// when the word alone is longer than a line. Runs of spaces count as one; an empty text is
/// one empty line.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.width();
        if used > 0 && used + 1 + w <= columns {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        // A word longer than a line is cut where the line ends.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > columns && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped to `columns` with a hanging indent: the first line starts with `first`, the
/// others with as many spaces, so that they line up under the text (`  • tip` then `    on`).
pub fn hanging(first: &str, text: &str, columns: usize) -> Vec<String> {
    let indent = first.width();
    wrap(text, columns.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{first}{line}")
            } else {
                format!("{}{line}", " ".repeat(indent))
            }
        })
        .collect()
}

/// Takes every [unsafe](crate::text::is_unsafe) character out of the cells of `buf`. ratatui
/// itself drops control characters, but passes zero-width ones (bidi overrides and isolates,
/// invisible marks) on to the terminal, appended to the cell before them.
pub fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(crate::text::is_unsafe) {
            let clean: String = cell
                .symbol()
                .chars()
                .filter(|&c| !crate::text::is_unsafe(c))
                .collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(fit("Ana", 5), "Ana  ");
        assert_eq!(fit("山田太郎", 5), "山田…");
        assert_eq!(width(&fit("山田太郎", 5)), 5);
        assert_eq!(fit("🦀🦀", 4), "🦀🦀");
        assert_eq!(truncate("Deployment frequency", 8), "Deploym…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_the_indent() {
        assert_eq!(
            wrap("Between once per month and once every six months", 26),
            ["Between once per month and", "once every six months"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("abcdefghij klm", 4), ["abcd", "efgh", "ij", "klm"]);
        assert_eq!(wrap("山田太郎 x", 5), ["山田", "太郎", "x"]);
        assert_eq!(
            hanging("  • ", "This is a speed question.", 14),
            ["  • This is a", "    speed", "    question."]
        );
        for line in hanging("  • ", &"word ".repeat(50), 30) {
            assert!(width(&line) <= 30, "{line}");
        }
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(count(1, "vote", "votes"), "1 vote");
        assert_eq!(count(0, "vote", "votes"), "0 votes");
        assert_eq!(count(3, "person", "people"), "3 people");
    }
}
