//! Workshop dates as people type them and files name them: exactly `YYYY-MM-DD`.

/// A workshop date: exactly `YYYY-MM-DD`, a real day, year 1 to 9999.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let shape = text.len() == 10
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if text.trim().is_empty() {
        return Err("a date is needed, written YYYY-MM-DD".to_string());
    }
    if !shape {
        return Err(format!("`{text}` is not a date written YYYY-MM-DD"));
    }
    let date: jiff::civil::Date = text
        .parse()
        .map_err(|_| format!("`{text}` is not a day of the calendar"))?;
    if date.year() < 1 {
        return Err(format!("`{text}`: the year must be 1 or later"));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strictly_yyyy_mm_dd() {
        assert_eq!(parse_date("2023-01-17"), Ok(jiff::civil::date(2023, 1, 17)));
        for bad in [
            "2023-1-17",
            "2023-01-17T10:00",
            "17-01-2023",
            "2023-02-30",
            "0000-01-01",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
