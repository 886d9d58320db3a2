//! The workshop's agenda as the facilitator plans it: the time the whole workshop takes, and the
//! parts' timeboxes against it. No terminal types.

/// The workshop takes about two hours, in one slot or two of an hour (seed 004).
pub const WORKSHOP_MINUTES: u32 = 120;

/// The minutes the parts' timeboxes add up to (parts without one count nothing).
pub fn planned_minutes(timeboxes: impl IntoIterator<Item = Option<u32>>) -> u32 {
    timeboxes.into_iter().flatten().fold(0, u32::saturating_add)
}

/// `2 h`, `1 h 45 min`, `50 min`.
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeboxes_add_up_and_read_in_hours() {
        assert_eq!(
            planned_minutes([Some(60), None, Some(15), Some(u32::MAX)]),
            u32::MAX
        );
        assert_eq!(planned_minutes([Some(60), None, Some(15)]), 75);
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(105), "1 h 45 min");
        assert_eq!(duration(50), "50 min");
    }
}
