//! Small widgets the screens share.

pub mod boxes;
pub mod input;
pub mod text;

pub use boxes::{centered, gauge, panel, titled};
pub use input::TextInput;
pub use text::{count, fit, hanging, truncate, width, wrap};
