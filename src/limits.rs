//! Every size limit in one place, so the README and the tests can cite them: how long a name, an
//! id or a note may be, how large a file the tool reads, how deep YAML may nest and how much a
//! template may write. Errors quote user values through [`quote`], so a hostile value cannot
//! flood a terminal.

use std::io::Read;
use std::path::Path;

/// The most characters of a name: squad, tribe, facilitator, participant, owner, stage.
pub const MAX_NAME_CHARS: usize = 200;
/// The most characters of an id: a question, a kit, a part.
pub const MAX_ID_CHARS: usize = 200;
/// The most bytes of a note, an improvement's or an action's text, or a board link.
pub const MAX_TEXT_BYTES: usize = 8 * 1024;
/// The largest ballot file `import` reads. A filled-in ballot of the built-in checklists is
/// about 20 KB; at this limit a hostile one is checked in about 0.35 s (parsing YAML is ~170 ns
/// a byte), inside the 1 s budget on a 2-core machine.
pub const MAX_BALLOT_BYTES: u64 = 2 * 1024 * 1024;
/// The largest checkpoint file the tool reads.
pub const MAX_CHECKPOINT_BYTES: u64 = 5 * 1024 * 1024;
/// The largest checklist file the tool reads. The built-in ones are under 40 KB each; at this
/// limit a file of 40,000 valid items loads in about 0.45 s, inside the 1 s budget.
pub const MAX_CHECKLIST_BYTES: u64 = 4 * 1024 * 1024;
/// The largest template file `export --template` reads.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// The most a template may write (the rendered summary, before tidying).
pub const MAX_OUTPUT_BYTES: usize = 10 * 1024 * 1024;
/// The most memory a user's template may use while it renders (the address space of the
/// process that renders it), for a checkpoint whose summary is small; a larger summary adds
/// [`TEMPLATE_MEMORY_PER_SUMMARY_BYTE`]. The renderer itself needs about 20 MB of it.
pub const MAX_TEMPLATE_MEMORY: u64 = 100 * 1024 * 1024;
/// The memory a user's template gets on top of [`MAX_TEMPLATE_MEMORY`] per byte of the summary
/// as JSON. The summary is read as JSON and held as template values, about 11 bytes a byte: a
/// 12 MB summary (30,000 items) renders with the built-in template's text in 160 MB.
pub const TEMPLATE_MEMORY_PER_SUMMARY_BYTE: u64 = 16;
/// The most CPU time a user's template may take, in seconds, for a checkpoint whose summary is
/// small; a larger one adds a second per [`TEMPLATE_SUMMARY_BYTES_PER_SECOND`].
pub const MAX_TEMPLATE_SECONDS: u64 = 1;
/// How many bytes of the summary as JSON add a second to [`MAX_TEMPLATE_SECONDS`].
pub const TEMPLATE_SUMMARY_BYTES_PER_SECOND: u64 = 1024 * 1024;
/// The deepest YAML nesting accepted: block indentation levels, `- ` items and flow brackets
/// together.
pub const MAX_NESTING: usize = 64;
/// The most characters of a user value an error message quotes.
pub const QUOTE_CHARS: usize = 80;

/// `value` as an error quotes it: at most [`QUOTE_CHARS`] characters, then `…` when cut.
pub fn quote(value: &str) -> String {
    match value.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

/// A value over its limit, named by the field it was given for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("{field}: `{}` is {chars} characters long; at most {max} are allowed", quote(.value))]
    TooLong {
        field: String,
        value: String,
        chars: usize,
        max: usize,
    },
    #[error("{field}: `{}` is {bytes} bytes long; at most {max} are allowed", quote(.value))]
    TooLarge {
        field: String,
        value: String,
        bytes: usize,
        max: usize,
    },
}

/// Refuses a name longer than [`MAX_NAME_CHARS`]; `field` names it in the error.
pub fn check_name(field: &str, value: &str) -> Result<(), LimitError> {
    check_chars(field, value, MAX_NAME_CHARS)
}

/// Refuses an id longer than [`MAX_ID_CHARS`].
pub fn check_id(field: &str, value: &str) -> Result<(), LimitError> {
    check_chars(field, value, MAX_ID_CHARS)
}

/// Refuses a text larger than [`MAX_TEXT_BYTES`].
pub fn check_text(field: &str, value: &str) -> Result<(), LimitError> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(LimitError::TooLarge {
            field: field.to_string(),
            value: quote(value),
            bytes: value.len(),
            max: MAX_TEXT_BYTES,
        });
    }
    Ok(())
}

fn check_chars(field: &str, value: &str, max: usize) -> Result<(), LimitError> {
    // Counting stops just past the limit: a 10 MB name costs no more than a short one.
    if value.len() > max && value.chars().nth(max).is_some() {
        return Err(LimitError::TooLong {
            field: field.to_string(),
            value: quote(value),
            chars: value.chars().count(),
            max,
        });
    }
    Ok(())
}

/// Why [`read_capped`] did not return a file's text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("is larger than {max} bytes (the limit for this kind of file); nothing was read")]
    TooLarge { max: u64 },
}

/// Reads `path` as UTF-8 text, refusing a file over `max` bytes before reading it. A file that
/// grows while being read, or a device without a size, is cut off just past `max` and refused.
pub fn read_capped(path: &Path, max: u64) -> Result<String, ReadError> {
    let file = std::fs::File::open(path)?;
    if file.metadata().is_ok_and(|m| m.is_file() && m.len() > max) {
        return Err(ReadError::TooLarge { max });
    }
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge { max });
    }
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_cuts_long_values_with_an_ellipsis_on_a_char_boundary() {
        assert_eq!(quote("Ana"), "Ana");
        let exact = "é".repeat(QUOTE_CHARS);
        assert_eq!(quote(&exact), exact);
        let long = "é".repeat(1_000_000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
    }

    #[test]
    fn names_over_the_limit_are_refused_with_a_short_quote() {
        assert!(check_name("--squad", &"a".repeat(MAX_NAME_CHARS)).is_ok());
        let err = check_name("--squad", &"a".repeat(1_000_000)).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("--squad: `aaa"), "{shown}");
        assert!(shown.contains("1000000 characters"), "{shown}");
        assert!(shown.len() < 200, "{}", shown.len());
        assert!(check_text("note", &"x".repeat(MAX_TEXT_BYTES + 1)).is_err());
    }

    #[test]
    fn files_over_the_limit_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, "x".repeat(101)).unwrap();
        assert!(matches!(
            read_capped(&path, 100),
            Err(ReadError::TooLarge { max: 100 })
        ));
        assert_eq!(read_capped(&path, 101).unwrap().len(), 101);
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert!(matches!(
                read_capped(zero, 100),
                Err(ReadError::TooLarge { .. })
            ));
        }
    }
}
