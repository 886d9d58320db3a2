//! How every error points into a file: compiler-style `:line:column`, so terminals and editors
//! can jump to it.

/// `:L:C`, `:L`, or nothing, to follow a file name.
pub fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}
