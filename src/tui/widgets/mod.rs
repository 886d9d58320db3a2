//! Small widgets the screens share.

pub mod input;

pub use input::TextInput;
