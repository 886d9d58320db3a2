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
    fn one_is_singular() {
        assert_eq!(count(1, "vote", "votes"), "1 vote");
        assert_eq!(count(0, "vote", "votes"), "0 votes");
        assert_eq!(count(3, "person", "people"), "3 people");
    }
}
