//! Where a checkpoint's summary page is in Confluence, as `checkpoint publish` records it: the
//! page id, the site and the page's address, so that publishing again updates that page and the
//! squad's next summary links to it.
//!
//! It is kept in a comment line near the top of the file, `# confluence = { page = "…", … }`,
//! beside the summary comment (see [`header`](super::header)), and not as a key: every level of
//! the checkpoint format refuses unknown keys, so a key would make every earlier build refuse a
//! published checkpoint. A comment is read by this build and passed over by the others. What an
//! earlier build loses by it is little: it drops the line when it saves the file, and the next
//! `checkpoint publish` finds the page again by its title and records it anew. No credential is
//! ever part of it.

use serde::{Deserialize, Serialize};

/// The comment's start.
const MARK: &str = "# confluence = ";

/// A checkpoint's page in Confluence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// The page id.
    pub page: String,
    /// The site's base address, e.g. `https://example.atlassian.net`.
    pub base: String,
    /// The page's address in a browser.
    pub url: String,
}

#[derive(Serialize, Deserialize)]
struct Wrapped {
    confluence: Published,
}

/// The comment line for `published`, newline included.
pub fn line(published: &Published) -> String {
    let mut text = String::from(MARK);
    let field = |v: &str| toml::Value::String(v.replace(['\n', '\r'], " ")).to_string();
    text.push_str(&format!(
        "{{ page = {}, base = {}, url = {} }}\n",
        field(&published.page),
        field(&published.base),
        field(&published.url)
    ));
    text
}

/// The record in a checkpoint file's `text`: the comment among the lines before its first key.
/// A line that does not parse is passed over, as an earlier build passes over all of them.
pub fn read(text: &str) -> Option<Published> {
    text.lines()
        .map(str::trim_start)
        .take_while(|l| l.is_empty() || l.starts_with('#'))
        .filter(|l| l.starts_with(MARK))
        .find_map(|l| toml::from_str::<Wrapped>(&l[2..]).ok())
        .map(|w| w.confluence)
        .filter(|p| !p.page.is_empty() && p.page.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::{Checkpoint, load, save};

    #[test]
    fn the_record_round_trips_in_a_comment_an_earlier_build_passes_over() {
        let mut c = Checkpoint::new("Partner Tooling", jiff::civil::date(2023, 1, 10));
        c.published = Some(Published {
            page: "98765".into(),
            base: "https://example.atlassian.net".into(),
            url: "https://example.atlassian.net/wiki/spaces/DEV/pages/98765".into(),
        });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        save(&path, &c).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.lines().nth(1).unwrap().starts_with(MARK), "{text}");
        assert_eq!(load(&path).unwrap(), c);
        // What an earlier build reads: the keys alone, the comment passed over.
        let mut earlier: Checkpoint = toml::from_str(&text).unwrap();
        assert_eq!(earlier.published, None);
        earlier.published.clone_from(&c.published);
        assert_eq!(earlier, c);
    }

    #[test]
    fn a_bad_or_misplaced_line_is_no_record() {
        let top = "format = 1\nsquad = \"S\"\ndate = 2026-01-01\n";
        assert_eq!(read(&format!("# confluence = {{ page = 1 }}\n{top}")), None);
        assert_eq!(
            read(&format!(
                "# confluence = {{ page = \"x\", base = \"b\", url = \"u\" }}\n{top}"
            )),
            None,
            "a page id is digits"
        );
        let later = format!("{top}# confluence = {{ page = \"1\", base = \"b\", url = \"u\" }}\n");
        assert_eq!(read(&later), None, "only before the first key");
        let ok = format!(
            "# summary = {{}}\n# confluence = {{ page = \"1\", base = \"b\", url = \"u\" }}\n{top}"
        );
        assert_eq!(read(&ok).unwrap().page, "1");
    }
}
