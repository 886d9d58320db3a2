//! The summary as one self-contained HTML page (`--format html`): the body of the Confluence page
//! (see [`super::confluence`]) with inline styles and nothing fetched from the network, to open
//! in a browser and copy as rich text into any Confluence editor (Cloud or Data Center), or to
//! mail. Styles are on the elements themselves, so that a paste or a mail client keeps them.

use super::Summary;
use super::xhtml::{Flavour, push_text};

/// The whole page.
pub fn render(summary: &Summary) -> String {
    let body = super::confluence::render(summary, Flavour::Html);
    page(&summary.title, &summary.generator, &body)
}

/// A page around `body` (markup a [`super::xhtml::Writer`] made), titled `title`.
pub fn page(title: &str, generator: &str, body: &str) -> String {
    let title = escaped(title);
    format!(
        "<!DOCTYPE html>\n\
         <html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{generator}\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
         color:#172b4d;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45\">\n\
         <h1 style=\"font-size:1.6em\">{title}</h1>\n\
         {body}</body>\n</html>\n",
        generator = escaped(generator),
    )
}

/// `text` escaped for XML text and attributes.
pub fn escaped(text: &str) -> String {
    let mut out = String::new();
    push_text(&mut out, text);
    out
}
