//! The fix a YAML error in a ballot points at: a note or a name that needed quotes, told by
//! the line the error is on.

/// What to do about a YAML error at 1-based `line` of a ballot's `text` that quoting the value
/// fixes: `put the note in quotes` on a line under `notes:`, `put the name in quotes` on the
/// `participant:` line; nothing elsewhere (a vote is a number, and quotes would not help).
pub fn for_line(text: &str, line: usize) -> Option<&'static str> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    let at = *lines.get(line.checked_sub(1)?)?;
    if at.starts_with("participant:") {
        return Some("put the name in quotes");
    }
    if at.starts_with(|c: char| !c.is_whitespace()) || at.trim_start().starts_with('#') {
        return None;
    }
    // The top-level key this indented line sits under.
    let section = lines.iter().rev().skip(1).find(|l| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#') && !l.starts_with(char::is_whitespace)
    })?;
    section
        .starts_with("notes:")
        .then_some("put the note in quotes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_the_name_get_a_hint_votes_do_not() {
        let text = "participant: Ana: Dev\nvotes:\n  dora.lead-time: 5: 6\n\nnotes:\n  \
                    # a comment: here\n  dora.lead-time: from merge: not push\n";
        assert_eq!(for_line(text, 1), Some("put the name in quotes"));
        assert_eq!(for_line(text, 3), None);
        assert_eq!(for_line(text, 6), None);
        assert_eq!(for_line(text, 7), Some("put the note in quotes"));
        assert_eq!(for_line(text, 8), None);
        assert_eq!(for_line(text, 0), None);
    }
}
