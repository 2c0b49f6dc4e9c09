//! Phone numbers in E.164, with Kenya as the region for numbers written without `+`.

use phonenumber::{Mode, country};

/// Normalises `text` to E.164 (`+254712345678`), or `None` when it is not a valid number.
pub fn normalise(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.len() > 32 {
        return None;
    }
    let number = phonenumber::parse(Some(country::Id::KE), text).ok()?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    Some(number.format().mode(Mode::E164).to_string())
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn kenyan_local_forms_become_e164() {
        for form in [
            "0712 345 678",
            "712345678",
            "+254 712 345 678",
            "254712345678",
            "0712-345-678",
        ] {
            assert_eq!(normalise(form).as_deref(), Some("+254712345678"), "{form}");
        }
    }

    #[test]
    fn other_countries_need_their_code_and_garbage_is_rejected() {
        assert_eq!(
            normalise("+1 202 555 0173").as_deref(),
            Some("+12025550173")
        );
        assert_eq!(
            normalise("+44 20 7946 0958").as_deref(),
            Some("+442079460958")
        );
        for bad in ["hello", "123", "+999 1234", "07123", ""] {
            assert_eq!(normalise(bad), None, "{bad}");
        }
    }
}
