//! What keeps a user's template within bounds: an output that stops at
//! [`MAX_OUTPUT_BYTES`], an `indent` that refuses to build more, and a pre-scan for operator
//! chains that would overflow the parser's stack.

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};

use crate::limits::{MAX_NESTING, MAX_OUTPUT_BYTES};

/// Refuses a chain of more than [`MAX_NESTING`] prefix operators (`- - - x`, `not not x`) in a
/// tag: minijinja parses each one a level deeper without a limit, and 40,000 of them overflow
/// the stack, which aborts the process. The error is the line where the chain grows too long.
pub(super) fn check_unary_chains(template: &str) -> Result<(), usize> {
    let mut line = 1;
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    let mut run = 0;
    let mut word = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if !in_tag {
            if c == '{' && matches!(chars.peek(), Some('{' | '%')) {
                chars.next();
                in_tag = true;
                run = 0;
            }
            continue;
        }
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            run = if word == "not" { run + 1 } else { 0 };
            word.clear();
        }
        match c {
            '}' | '%' if chars.peek() == Some(&'}') => in_tag = false,
            '"' | '\'' => {
                quote = Some(c);
                run = 0;
            }
            '-' | '+' => run += 1,
            c if c.is_whitespace() => {}
            _ => run = 0,
        }
        if run > MAX_NESTING {
            return Err(line);
        }
    }
    Ok(())
}

/// The rendered page, refusing to grow past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
pub(super) struct Capped {
    pub bytes: Vec<u8>,
    pub over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `text|indent(width)`, as minijinja's, refusing a result larger than [`MAX_OUTPUT_BYTES`]
/// before building it (`indent(1e9)` would take gigabytes).
pub(super) fn indent(
    value: &Value,
    width: Option<Value>,
    first: Option<bool>,
    blank: Option<bool>,
) -> Result<Value, Error> {
    let width = match width {
        None => 4,
        Some(w) => match f64::try_from(w.clone()) {
            Ok(n) if n >= 0.0 && n.fract() == 0.0 && n <= MAX_OUTPUT_BYTES as f64 => n as usize,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("indent width {w} is not a whole number up to {MAX_OUTPUT_BYTES}"),
                ));
            }
        },
    };
    let len = value.as_str().map_or(64, str::len);
    let lines = value.as_str().map_or(0, |t| t.matches('\n').count()) + 1;
    if width.saturating_mul(lines).saturating_add(len) > MAX_OUTPUT_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("indent would make more than {MAX_OUTPUT_BYTES} bytes"),
        ));
    }
    let owned;
    let text = match value.as_str() {
        Some(text) => text,
        None => {
            owned = value.to_string();
            &owned
        }
    };
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    let pad = " ".repeat(width);
    let mut out = String::with_capacity(text.len() + width * lines);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let empty = line.is_empty() || line == "\r";
        let indented = if n == 0 {
            first.unwrap_or(false) && (!empty || blank.unwrap_or(false))
        } else {
            !empty || blank.unwrap_or(false)
        };
        if indented {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    Ok(if value.is_safe() {
        Value::from_safe_string(out)
    } else {
        Value::from(out)
    })
}
