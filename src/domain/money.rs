//! Money as a whole number of cents: exact to sum, compare and sort on both databases.

/// The largest accepted amount: 10^12 in the currency's main unit.
pub const MAX_CENTS: i64 = 1_000_000_000_000 * 100;

/// Why an amount was refused, as DRF's DecimalField words it.
pub fn parse_cents(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let invalid = || "A valid number is required.".to_string();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(invalid());
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 2 {
        return Err("Ensure that there are no more than 2 decimal places.".into());
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 13 {
        return Err(too_large());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| invalid())?
    };
    let cents = whole * 100
        + format!("{fraction:0<2}")
            .parse::<i64>()
            .map_err(|_| invalid())?;
    if negative && cents > 0 {
        return Err("Ensure this value is greater than or equal to 0.".into());
    }
    if cents > MAX_CENTS {
        return Err(too_large());
    }
    Ok(cents)
}

fn too_large() -> String {
    "Ensure this value is less than or equal to 1000000000000.".into()
}

/// `15000050` → `"150000.50"`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Formats an exact sum that may exceed `i64` (a total over many rows).
pub fn format_cents_wide(cents: i128) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_to_cents() {
        assert_eq!(parse_cents("150000"), Ok(15_000_000));
        assert_eq!(parse_cents("150000.5"), Ok(15_000_050));
        assert_eq!(parse_cents(" 0.05 "), Ok(5));
        assert_eq!(parse_cents("1.500"), Ok(150));
        assert_eq!(parse_cents("1000000000000"), Ok(MAX_CENTS));
        assert_eq!(parse_cents(".5"), Ok(50));
        assert_eq!(parse_cents("-0"), Ok(0));
    }

    #[test]
    fn bad_amounts_say_why() {
        assert!(parse_cents("abc").unwrap_err().contains("valid number"));
        assert!(parse_cents("").unwrap_err().contains("valid number"));
        assert!(
            parse_cents("1.234")
                .unwrap_err()
                .contains("2 decimal places")
        );
        assert!(
            parse_cents("-1")
                .unwrap_err()
                .contains("greater than or equal to 0")
        );
        assert!(
            parse_cents("1000000000000.01")
                .unwrap_err()
                .contains("less than or equal")
        );
        assert!(
            parse_cents("99999999999999999999")
                .unwrap_err()
                .contains("less than or equal")
        );
    }

    #[test]
    fn cents_format_with_two_places() {
        assert_eq!(format_cents(15_000_050), "150000.50");
        assert_eq!(format_cents(5), "0.05");
        assert_eq!(format_cents_wide(10_i128.pow(20)), "1000000000000000000.00");
    }
}
