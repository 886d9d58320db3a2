//! A small XHTML writer for the summary's two rich forms: Confluence storage format (the XHTML
//! Confluence keeps a page in, with its `ac:` macros) and a self-contained HTML page to open
//! in a browser and paste into any editor.
//!
//! Markup only comes from the writer's methods; every user string goes through [`push_text`],
//! so a squad name or a note cannot open a tag, end a CDATA section or carry a character XML
//! forbids. The two flavours differ only where Confluence has a macro: a status lozenge, an
//! expand section, the page properties around the overview table, an info panel, a date.

use std::fmt::Write as _;

/// Which XHTML the writer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Confluence storage format: a page body, macros as `ac:structured-macro`.
    Storage,
    /// Plain HTML with inline styles, the macros drawn as what they look like.
    Html,
}

/// The colour of a status lozenge, as Confluence's status macro names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Grey,
    Red,
    Yellow,
    Green,
    Blue,
}

impl Colour {
    fn name(self) -> &'static str {
        match self {
            Colour::Grey => "Grey",
            Colour::Red => "Red",
            Colour::Yellow => "Yellow",
            Colour::Green => "Green",
            Colour::Blue => "Blue",
        }
    }

    /// Text and background as Confluence draws the lozenge.
    fn css(self) -> (&'static str, &'static str) {
        match self {
            Colour::Grey => ("#42526e", "#dfe1e6"),
            Colour::Red => ("#bf2600", "#ffebe6"),
            Colour::Yellow => ("#974f0c", "#fff0b3"),
            Colour::Green => ("#006644", "#e3fcef"),
            Colour::Blue => ("#0747a6", "#deebff"),
        }
    }
}

const CELL: &str = "border:1px solid #c1c7d0;padding:4px 8px;text-align:left;vertical-align:top";
const HEAD: &str = "background:#f4f5f7;font-weight:bold";

/// Builds one XHTML fragment.
#[derive(Debug)]
pub struct Writer {
    out: String,
    flavour: Flavour,
}

impl Writer {
    pub fn new(flavour: Flavour) -> Writer {
        Writer {
            out: String::with_capacity(16 * 1024),
            flavour,
        }
    }

    pub fn flavour(&self) -> Flavour {
        self.flavour
    }

    /// The fragment written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// User text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        push_text(&mut self.out, text);
        self
    }

    /// Markup written as it is: only ever a literal of this module's callers.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    fn open(&mut self, tag: &str, style: Option<&str>) {
        self.out.push('<');
        self.out.push_str(tag);
        if let (Flavour::Html, Some(style)) = (self.flavour, style) {
            let _ = write!(self.out, " style=\"{style}\"");
        }
        self.out.push('>');
    }

    fn close(&mut self, tag: &str) {
        let _ = write!(self.out, "</{tag}>");
    }

    /// `<tag>` around what `body` writes.
    pub fn element(&mut self, tag: &str, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.open(tag, None);
        body(self);
        self.close(tag);
        self
    }

    /// A heading of `level` (1 to 6).
    pub fn heading(&mut self, level: u8, text: &str) -> &mut Self {
        let tag = format!("h{}", level.clamp(1, 6));
        self.element(&tag, |w| {
            w.text(text);
        });
        self.out.push('\n');
        self
    }

    /// A paragraph.
    pub fn para(&mut self, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.element("p", body);
        self.out.push('\n');
        self
    }

    /// A paragraph of plain text.
    pub fn para_text(&mut self, text: &str) -> &mut Self {
        self.para(|w| {
            w.text(text);
        })
    }

    /// Bold text.
    pub fn strong(&mut self, text: &str) -> &mut Self {
        self.element("strong", |w| {
            w.text(text);
        })
    }

    /// A link to `url` when it is a plain http(s) address; the text alone otherwise.
    pub fn link(&mut self, url: &str, text: &str) -> &mut Self {
        let url = url.trim();
        if is_web_address(url) {
            self.out.push_str("<a href=\"");
            push_text(&mut self.out, url);
            self.out.push_str("\">");
            push_text(&mut self.out, text);
            self.out.push_str("</a>");
        } else {
            push_text(&mut self.out, text);
        }
        self
    }

    /// A status lozenge: Confluence's status macro, or a span drawn like it.
    pub fn status(&mut self, colour: Colour, title: &str) -> &mut Self {
        match self.flavour {
            Flavour::Storage => {
                self.out
                    .push_str("<ac:structured-macro ac:name=\"status\" ac:schema-version=\"1\">");
                let _ = write!(
                    self.out,
                    "<ac:parameter ac:name=\"colour\">{}</ac:parameter>",
                    colour.name()
                );
                self.out.push_str("<ac:parameter ac:name=\"title\">");
                push_text(&mut self.out, title);
                self.out.push_str("</ac:parameter></ac:structured-macro>");
            }
            Flavour::Html => {
                let (fg, bg) = colour.css();
                let _ = write!(
                    self.out,
                    "<span class=\"status\" style=\"color:{fg};background:{bg};border-radius:3px;\
                     padding:0 4px;font-size:0.85em;font-weight:bold;text-transform:uppercase\">"
                );
                push_text(&mut self.out, title);
                self.out.push_str("</span>");
            }
        }
        self
    }

    /// A date: a date lozenge in Confluence (`<time>`), `10 Jan 2023` in HTML.
    pub fn date(&mut self, date: jiff::civil::Date) -> &mut Self {
        match self.flavour {
            Flavour::Storage => {
                let _ = write!(self.out, "<time datetime=\"{date}\" />");
            }
            Flavour::Html => {
                let _ = write!(self.out, "{}", date.strftime("%-d %b %Y"));
            }
        }
        self
    }

    /// A section the reader opens when they want it: Confluence's expand macro, or in HTML a
    /// bold title before the content (a pasted `<details>` does not survive).
    pub fn expand(&mut self, title: &str, body: impl FnOnce(&mut Writer)) -> &mut Self {
        match self.flavour {
            Flavour::Storage => {
                self.out
                    .push_str("<ac:structured-macro ac:name=\"expand\" ac:schema-version=\"1\">");
                self.out.push_str("<ac:parameter ac:name=\"title\">");
                push_text(&mut self.out, title);
                self.out.push_str("</ac:parameter><ac:rich-text-body>\n");
                body(self);
                self.out
                    .push_str("</ac:rich-text-body></ac:structured-macro>\n");
            }
            Flavour::Html => {
                self.para(|w| {
                    w.strong(title);
                });
                body(self);
            }
        }
        self
    }

    /// Content that Confluence's page properties report can collect from every checkpoint page
    /// (the details macro); plain content in HTML.
    pub fn page_properties(&mut self, id: &str, body: impl FnOnce(&mut Writer)) -> &mut Self {
        match self.flavour {
            Flavour::Storage => {
                self.out
                    .push_str("<ac:structured-macro ac:name=\"details\" ac:schema-version=\"1\">");
                self.out.push_str("<ac:parameter ac:name=\"id\">");
                push_text(&mut self.out, id);
                self.out.push_str("</ac:parameter><ac:rich-text-body>\n");
                body(self);
                self.out
                    .push_str("</ac:rich-text-body></ac:structured-macro>\n");
            }
            Flavour::Html => body(self),
        }
        self
    }

    /// An info panel: Confluence's info macro, or a shaded paragraph.
    pub fn info(&mut self, text: &str) -> &mut Self {
        match self.flavour {
            Flavour::Storage => {
                self.out.push_str(
                    "<ac:structured-macro ac:name=\"info\" ac:schema-version=\"1\">\
                     <ac:rich-text-body><p>",
                );
                push_text(&mut self.out, text);
                self.out
                    .push_str("</p></ac:rich-text-body></ac:structured-macro>\n");
            }
            Flavour::Html => {
                self.out.push_str(
                    "<p style=\"background:#deebff;border-left:4px solid #0052cc;padding:8px\">",
                );
                push_text(&mut self.out, text);
                self.out.push_str("</p>\n");
            }
        }
        self
    }

    /// A bulleted list, one item per call of [`Writer::item`] in `body`.
    pub fn list(&mut self, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.element("ul", body);
        self.out.push('\n');
        self
    }

    /// A list item.
    pub fn item(&mut self, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.element("li", body)
    }

    /// A table with a header row of `headers`; `body` writes the rows with [`Writer::row`].
    pub fn table(&mut self, headers: &[&str], body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.open("table", Some("border-collapse:collapse;margin:8px 0"));
        if self.flavour == Flavour::Html {
            self.out.push_str("<thead>");
        } else {
            self.out.push_str("<tbody>");
        }
        self.out.push_str("<tr>");
        for h in headers {
            self.header_cell(|w| {
                w.text(h);
            });
        }
        self.out.push_str("</tr>");
        if self.flavour == Flavour::Html {
            self.out.push_str("</thead><tbody>");
        }
        self.out.push('\n');
        body(self);
        self.out.push_str("</tbody></table>\n");
        self
    }

    /// A table without a header row whose rows start with a header cell ([`Writer::pair`]).
    pub fn key_table(&mut self, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.open("table", Some("border-collapse:collapse;margin:8px 0"));
        self.out.push_str("<tbody>\n");
        body(self);
        self.out.push_str("</tbody></table>\n");
        self
    }

    /// A row of a [`Writer::key_table`]: the name as a header cell, then the value.
    pub fn pair(&mut self, name: &str, value: impl FnOnce(&mut Writer)) -> &mut Self {
        self.row(|w| {
            w.header_cell(|w| {
                w.text(name);
            });
            w.cell(value);
        })
    }

    /// A table row.
    pub fn row(&mut self, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.out.push_str("<tr>");
        body(self);
        self.out.push_str("</tr>\n");
        self
    }

    /// A data cell.
    pub fn cell(&mut self, body: impl FnOnce(&mut Writer)) -> &mut Self {
        self.open("td", Some(CELL));
        body(self);
        self.close("td");
        self
    }

    /// A data cell of plain text.
    pub fn cell_text(&mut self, text: &str) -> &mut Self {
        self.cell(|w| {
            w.text(text);
        })
    }

    fn header_cell(&mut self, body: impl FnOnce(&mut Writer)) {
        let style = format!("{CELL};{HEAD}");
        self.open("th", Some(&style));
        body(self);
        self.close("th");
    }
}

/// Whether `url` is an http(s) address with nothing in it that could end an attribute or read
/// two ways.
pub fn is_web_address(url: &str) -> bool {
    let plain = url.starts_with("https://") || url.starts_with("http://");
    plain
        && !url.chars().any(|c| {
            c.is_whitespace() || crate::text::is_unsafe(c) || "<>\"'`\\".contains(c) || !is_xml(c)
        })
}

/// Pushes `text` escaped for XML text and attributes alike: `& < > " '` as references, every run
/// of whitespace as one space, and any other control, bidi or invisible character, or
/// one XML does not allow (U+FFFE, U+FFFF), spelled out as `\u{1b}`, the tool's one escaped form.
pub fn push_text(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if crate::text::is_unsafe(c) || !is_xml(c) => crate::text::push_escaped(out, c),
            c => out.push(c),
        }
    }
}

/// Whether XML 1.0 allows `c` in a document (surrogates cannot be in a `char`).
fn is_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, text);
        out
    }

    #[test]
    fn user_text_cannot_make_markup() {
        assert_eq!(
            escaped("<b>R&D</b> \"x\" 'y' ]]>"),
            "&lt;b&gt;R&amp;D&lt;/b&gt; &quot;x&quot; &#39;y&#39; ]]&gt;"
        );
        assert_eq!(escaped(" two\n\tlines\r\n"), " two lines ");
        assert_eq!(
            escaped("a\u{1b}b\u{fffe}c\u{202e}"),
            "a\\u{1b}b\\u{fffe}c\\u{202e}"
        );
        assert_eq!(escaped("🚀 Équipe"), "🚀 Équipe");
    }

    #[test]
    fn only_clean_web_addresses_become_links() {
        let mut w = Writer::new(Flavour::Storage);
        w.link("https://miro.com/app/board/x=/?a=1&b=2", "Board");
        w.link("javascript:alert(1)", "Bad");
        w.link("https://x.example/\"onmouseover=\"", "Quote");
        assert_eq!(
            w.finish(),
            "<a href=\"https://miro.com/app/board/x=/?a=1&amp;b=2\">Board</a>BadQuote"
        );
    }

    #[test]
    fn macros_are_macros_in_storage_and_styled_html_in_a_page() {
        let mut s = Writer::new(Flavour::Storage);
        s.status(Colour::Green, "Elite");
        let storage = s.finish();
        assert!(storage.contains("ac:name=\"status\""), "{storage}");
        assert!(storage.contains("<ac:parameter ac:name=\"colour\">Green</ac:parameter>"));
        let mut h = Writer::new(Flavour::Html);
        h.status(Colour::Green, "Elite");
        let html = h.finish();
        assert!(
            html.starts_with("<span class=\"status\" style=\""),
            "{html}"
        );
        assert!(!html.contains("ac:"));
    }
}
