//! The room's secrets: its code, which is in the join link, and each voter's token. Both come
//! from the operating system's random source, written as lowercase hex (URL-safe, and easy to
//! read out or type).

/// Bytes of the room's code: 64 bits, 16 hex digits.
pub const CODE_BYTES: usize = 8;

/// Bytes of a voter's token: 128 bits, 32 hex digits.
pub const TOKEN_BYTES: usize = 16;

/// The operating system gave no random bytes: no room can be opened safely without them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the system's random source failed ({0}); the room needs it for its code and tokens")]
pub struct NoRandom(String);

/// `bytes` random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> Result<String, NoRandom> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| NoRandom(e.to_string()))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `given` is `secret`, compared in time that does not depend on where they differ:
/// a voter on the LAN learns nothing about a code from how fast a wrong one is refused.
pub fn same(given: &str, secret: &str) -> bool {
    let (a, b) = (given.as_bytes(), secret.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
