//! Exact decimal numbers for quantity comparison.
//!
//! Floating point would make `1.2 million` compare unequal to `1,200,000` and would print keys
//! like `1200000.0000000002`; quantities in news are short decimals, so an `i128` mantissa with
//! a decimal scale is exact and cheap. Arithmetic is checked: an overflow gives `None`, never a
//! panic, because the digits come from user text.

use std::cmp::Ordering;
use std::fmt;

/// A non-negative exact decimal: `mantissa / 10^scale`, kept normalised (no trailing zeros in the
/// fraction) so that derived equality and hashing are equality of value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dec {
    mantissa: i128,
    scale: u32,
}

impl Dec {
    /// Zero.
    pub const ZERO: Dec = Dec {
        mantissa: 0,
        scale: 0,
    };
    /// One half, for "و نیم" / "and a half".
    pub const HALF: Dec = Dec {
        mantissa: 5,
        scale: 1,
    };

    /// An integer value.
    pub fn int(value: i128) -> Dec {
        Dec {
            mantissa: value,
            scale: 0,
        }
    }

    /// `mantissa / 10^scale`, normalised.
    pub fn new(mantissa: i128, scale: u32) -> Dec {
        let mut d = Dec { mantissa, scale };
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        if d.mantissa == 0 {
            d.scale = 0;
        }
        d
    }

    /// Parses ASCII text like `400000` or `32.5` (tests and keys); `None` if it is not that.
    pub fn parse(text: &str) -> Option<Dec> {
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
        if int_part.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let mut mantissa: i128 = 0;
        for c in int_part.chars().chain(frac_part.chars()) {
            let digit = i128::from(c.to_digit(10)?);
            mantissa = mantissa.checked_mul(10)?.checked_add(digit)?;
        }
        Some(Dec::new(mantissa, u32::try_from(frac_part.len()).ok()?))
    }

    /// True when the value has no fractional part.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// The value as an integer, if it is one.
    pub fn as_int(self) -> Option<i128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// Approximate value (for calendar arithmetic only, never for comparison).
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powf(f64::from(self.scale))
    }

    fn aligned(self, other: Dec) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some((a, b, scale))
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Dec) -> Option<Dec> {
        let (a, b, scale) = self.aligned(other)?;
        Some(Dec::new(a.checked_add(b)?, scale))
    }

    /// `self * other`, `None` on overflow.
    pub fn checked_mul(self, other: Dec) -> Option<Dec> {
        let scale = self.scale.checked_add(other.scale)?;
        Some(Dec::new(self.mantissa.checked_mul(other.mantissa)?, scale))
    }
}

impl From<i64> for Dec {
    fn from(value: i64) -> Dec {
        Dec::int(i128::from(value))
    }
}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Dec) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Dec {
    fn cmp(&self, other: &Dec) -> Ordering {
        match self.aligned(*other) {
            Some((a, b, _)) => a.cmp(&b),
            // Only reachable for absurdly long digit strings; an approximate order is fine there.
            None => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Dec {
    /// Plain ASCII, no grouping: `400000`, `32.5`. Used in stable finding keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let digits = format!(
            "{:0>width$}",
            self.mantissa,
            width = self.scale as usize + 1
        );
        let (int_part, frac_part) = digits.split_at(digits.len() - self.scale as usize);
        write!(f, "{int_part}.{frac_part}")
    }
}

impl Dec {
    /// Human form with thousands grouping for messages: `400,000`, `1,200,000.5`.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (int_part, frac_part) = match plain.split_once('.') {
            Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
            None => (plain.clone(), None),
        };
        let mut out = String::with_capacity(plain.len() + plain.len() / 3);
        for (i, c) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        if let Some(frac) = frac_part {
            out.push('.');
            out.push_str(&frac);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_products_compare_exactly() {
        let million = Dec::int(1_000_000);
        let a = Dec::parse("1.2").and_then(|d| d.checked_mul(million));
        assert_eq!(a, Some(Dec::int(1_200_000)));
        assert_eq!(Dec::parse("32.50"), Dec::parse("32.5"));
        assert!(Dec::HALF < Dec::int(1));
        assert!(Dec::int(70) > Dec::int(7));
    }

    #[test]
    fn display_and_grouping() {
        assert_eq!(
            Dec::parse("32.5").map(|d| d.to_string()).as_deref(),
            Some("32.5")
        );
        assert_eq!(Dec::new(5, 2).to_string(), "0.05");
        assert_eq!(Dec::int(400_000).grouped(), "400,000");
        assert_eq!(Dec::int(999).grouped(), "999");
        assert_eq!(Dec::new(12_345_675, 1).grouped(), "1,234,567.5");
    }

    #[test]
    fn overflow_is_none_not_panic() {
        let big = Dec::int(i128::MAX / 2);
        assert_eq!(big.checked_mul(Dec::int(10)), None);
        assert_eq!(Dec::parse(&"9".repeat(60)), None);
    }
}
