//! The one place that knows which YAML library the project uses.
//!
//! serde_yaml is deprecated upstream; keeping every call behind this module means a maintained
//! fork can replace it by editing this file alone.

use serde::de::DeserializeOwned;

/// A YAML document that failed to parse or did not match the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line of the problem, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column of the problem, when the parser knows it.
    pub column: Option<usize>,
    /// What the parser expected, without the location.
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = crate::location::position(self.line, self.column);
        write!(f, "{}: {}", at.trim_start_matches(':'), self.message)
    }
}

/// Parses `text` into `T`, reporting the line and column of the first problem.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        YamlError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: strip_location(&e.to_string()),
        }
    })
}

/// serde_yaml puts " at line L column C" (sometimes twice) into its messages; we report the
/// location ourselves.
fn strip_location(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(start) = out.find(" at line ") {
        let rest = &out[start + " at line ".len()..];
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = rest.strip_prefix(" column ").unwrap_or(rest);
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        out = format!("{}{rest}", &out[..start]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = from_str::<serde_yaml::Value>("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.column.is_some());
        assert_eq!(
            err.message,
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
    }
}
