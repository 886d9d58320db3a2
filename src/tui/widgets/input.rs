//! A one-line text field: the text, a cursor, and the editing keys people expect.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::keymap::Edit;

/// Text being typed, with the cursor as a character index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies one edit.
    pub fn edit(&mut self, edit: Edit) {
        let len = self.text.chars().count();
        match edit {
            // Nothing typed or pasted grows past the longest text the core accepts.
            Edit::Insert(c) if self.text.len() + c.len_utf8() > crate::limits::MAX_TEXT_BYTES => {}
            Edit::Insert(c) => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (from, to) = (self.byte(start), self.byte(self.cursor));
                self.text.replace_range(from..to, "");
                self.cursor = start;
            }
            Edit::DeleteToStart => {
                let to = self.byte(self.cursor);
                self.text.replace_range(..to, "");
                self.cursor = 0;
            }
            Edit::Backspace | Edit::Delete => {}
        }
    }

    /// The field drawn in `style`, the cursor as a reversed cell, scrolled so the cursor shows.
    pub fn widget(&self, style: Style, cursor: Style) -> impl Widget + '_ {
        InputWidget {
            input: self,
            style,
            cursor,
        }
    }
}

struct InputWidget<'a> {
    input: &'a TextInput,
    style: Style,
    cursor: Style,
}

impl Widget for InputWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        if width == 0 {
            return;
        }
        let chars: Vec<char> = self.input.text.chars().collect();
        // Keep the cursor on screen: show the last `width - 1` characters before it.
        let start = self.input.cursor.saturating_sub(width - 1);
        let visible: String = chars.iter().skip(start).take(width).collect();
        let at = self.input.cursor - start;
        let before: String = visible.chars().take(at).collect();
        let under: String = visible.chars().nth(at).map_or(" ".into(), String::from);
        let after: String = visible.chars().skip(at + 1).collect();
        Line::from(vec![
            Span::styled(before, self.style),
            Span::styled(under, self.cursor),
            Span::styled(after, self.style),
        ])
        .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(start: &str, edits: &[Edit]) -> (String, usize) {
        let mut input = TextInput::new(start);
        for e in edits {
            input.edit(*e);
        }
        (input.text, input.cursor)
    }

    #[test]
    fn editing_keys_work_on_characters_not_bytes() {
        assert_eq!(typed("Zoë", &[Edit::Backspace]), ("Zo".into(), 2));
        assert_eq!(
            typed("Zoë", &[Edit::Home, Edit::Delete, Edit::Insert('J')]),
            ("Joë".into(), 1)
        );
        assert_eq!(
            typed("ab", &[Edit::Left, Edit::Left, Edit::Left, Edit::Backspace]),
            ("ab".into(), 0)
        );
        assert_eq!(
            typed("ab", &[Edit::End, Edit::Delete, Edit::Right]),
            ("ab".into(), 2)
        );
    }

    #[test]
    fn ctrl_w_deletes_a_word_and_ctrl_u_the_start() {
        assert_eq!(
            typed("Partner Tooling  ", &[Edit::DeleteWord]),
            ("Partner ".into(), 8)
        );
        assert_eq!(
            typed("one two", &[Edit::Left, Edit::DeleteToStart]),
            ("o".into(), 0)
        );
    }

    #[test]
    fn typing_stops_at_the_text_limit() {
        let mut input = TextInput::default();
        for _ in 0..crate::limits::MAX_TEXT_BYTES + 10 {
            input.edit(Edit::Insert('x'));
        }
        assert_eq!(input.text().len(), crate::limits::MAX_TEXT_BYTES);
    }
}
