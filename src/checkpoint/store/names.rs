//! The names the store gives checkpoint files: a squad's slug then the date of the first save,
//! and how to read them back.

/// Whether `stem` is a file name [`Store::save_new`] gives a checkpoint of the squad whose
/// [`slug`] is `slug`: `<slug>-<YYYY-MM-DD>`, whatever follows (`-2`, `-3`...). The date is the
/// one at the first save; the file's own may have changed since, so only its shape counts.
///
/// [`Store::save_new`]: super::Store::save_new
pub fn named_for(stem: &str, slug: &str) -> bool {
    let Some(rest) = stem.strip_prefix(slug).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    rest.get(..10)
        .is_some_and(|d| crate::date::parse_date(d).is_ok())
}

/// The squad part and the date of a file name [`Store::save_new`] gives: `team-kilo` and
/// 2026-11-20 from `team-kilo-2026-11-20` or `team-kilo-2026-11-20-2`; `None` for a name of
/// another shape (a file named by hand).
///
/// [`Store::save_new`]: super::Store::save_new
pub fn stem_parts(stem: &str) -> Option<(&str, jiff::civil::Date)> {
    fn dated(s: &str) -> Option<(&str, jiff::civil::Date)> {
        let at = s.len().checked_sub(11)?;
        let (head, date) = (s.get(..at)?, s.get(at..)?.strip_prefix('-')?);
        Some((head, crate::date::parse_date(date).ok()?)).filter(|(head, _)| !head.is_empty())
    }
    dated(stem).or_else(|| {
        let (head, n) = stem.rsplit_once('-')?;
        (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .then(|| dated(head))
            .flatten()
    })
}

/// A file-name-safe, lower-case form of a squad name: `Partner Tooling` → `partner-tooling`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // File names are limited in bytes (255 on most systems); leave room for `-<date>-N.toml`.
    let mut short = String::new();
    for c in out.chars() {
        if short.len() + c.len_utf8() > 80 {
            break;
        }
        short.push(c);
    }
    let short = short.trim_end_matches('-');
    if short.is_empty() {
        "checkpoint".to_string()
    } else {
        short.to_string()
    }
}
