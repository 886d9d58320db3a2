//! The dashboard's "To discuss" panel: the questions whose votes are far apart, each with its
//! part, its name as wide as the panel allows, and the votes.
//!
//! ```text
//! ┌ To discuss: 2 questions with votes 2+ apart ─────────────────────────┐
//! │ › DevOps maturity   Change failure rate                 votes 4 6 6  │
//! │   Baseline          Source control                      votes 3 0 3  │
//! └──────────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState};

use crate::tui::dashboard::{Flag, View};
use crate::tui::theme::Theme;
use crate::tui::widgets::{count, fit, panel as block, width};

/// The widest the part column gets: longer part titles are cut.
const PART_WIDTH: usize = 20;
/// The fewest columns a question's name keeps, however long the votes.
const NAME_WIDTH: usize = 24;
/// The spaces after the part and after the name.
const GAPS: usize = 3;

/// The columns of a row: the part, the question's name and the votes (with the agreed value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    part: usize,
    name: usize,
    votes: usize,
}

impl Columns {
    /// Columns for `flags` in `room` columns: the part and the votes as wide as their widest,
    /// within limits, and the name all the rest (up to the longest name), so that a wide
    /// terminal shows it in full with the votes right after it.
    fn new(flags: &[Flag], room: usize) -> Columns {
        let part = flags.iter().map(|f| width(&f.part)).max().unwrap_or(0);
        let part = part.min(PART_WIDTH);
        let votes = flags.iter().map(|f| width(&votes(f))).max().unwrap_or(0);
        let votes = votes.min(room.saturating_sub(part + GAPS + NAME_WIDTH));
        let longest = flags.iter().map(|f| width(&f.name)).max().unwrap_or(0);
        let name = room.saturating_sub(part + GAPS + votes).min(longest);
        Columns { part, name, votes }
    }
}

/// `votes 4 6 6 · agreed 5`.
fn votes(flag: &Flag) -> String {
    let agreed = flag
        .agreed
        .as_ref()
        .map_or(String::new(), |v| format!(" · agreed {v}"));
    format!("votes {}{agreed}", flag.votes)
}

/// Draws the panel in `area`, with flagged question `selected` (counted from the first) selected.
pub fn render(frame: &mut Frame, area: Rect, view: &View, selected: Option<usize>, theme: &Theme) {
    let questions = |n: usize| count(n, "question", "questions");
    let mut title = format!(
        " To discuss: {} with votes 2+ apart ",
        questions(view.discussion.len())
    );
    if view.hidden > 0 {
        title.push_str(&format!(
            "· {} still hidden, left out ",
            questions(view.hidden)
        ));
    }
    let block = block(title, theme);
    // The borders, the padding and the selection mark.
    let room = usize::from(block.inner(area).width).saturating_sub(2);
    // Only the rows that can show, down to the selection, are built: with a big squad every
    // question can be flagged.
    let shown = usize::from(area.height) + selected.unwrap_or(0);
    let flags = &view.discussion[..view.discussion.len().min(shown)];
    let columns = Columns::new(flags, room);
    let list = if flags.is_empty() {
        List::new([ListItem::new(Line::styled(
            "Nothing yet: no question has votes 2 or more apart.",
            theme.dim,
        ))])
    } else {
        List::new(flags.iter().map(|f| line(f, columns, theme)))
    };
    frame.render_stateful_widget(
        list.block(block)
            .highlight_style(theme.selected)
            .highlight_symbol("› ")
            .highlight_spacing(HighlightSpacing::Always),
        area,
        &mut ListState::default().with_selected(selected),
    );
}

fn line(flag: &Flag, columns: Columns, theme: &Theme) -> ListItem<'static> {
    ListItem::new(Line::from(vec![
        Span::styled(format!("{}  ", fit(&flag.part, columns.part)), theme.dim),
        Span::raw(fit(&flag.name, columns.name)),
        Span::styled(format!(" {}", fit(&votes(flag), columns.votes)), theme.warn),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(part: &str, name: &str, votes: &str) -> Flag {
        Flag {
            part: part.into(),
            name: name.into(),
            votes: votes.into(),
            ..Flag::default()
        }
    }

    #[test]
    fn the_name_takes_what_the_part_and_the_votes_leave() {
        let flags = [
            flag("DevOps maturity", "Change failure rate", "4 6 6"),
            flag("Baseline", "Source control", "3 0 3"),
        ];
        let wide = Columns::new(&flags, 194);
        assert_eq!((wide.part, wide.name, wide.votes), (15, 19, 11));
        // Votes of a big squad give way before the name goes under its minimum.
        let many = [flag(
            "The three phases",
            &"Track deploy frequency ".repeat(3),
            &"4 ".repeat(40),
        )];
        let narrow = Columns::new(&many, 72);
        assert_eq!(narrow.name, NAME_WIDTH);
        assert_eq!(narrow.part + GAPS + narrow.name + narrow.votes, 72);
    }
}
