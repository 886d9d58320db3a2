//! Small widgets the screens share.

pub mod input;
pub mod text;

pub use input::TextInput;
pub use text::{count, fit, hanging, truncate, width, wrap};
