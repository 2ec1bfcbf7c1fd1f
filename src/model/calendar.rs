//! The financial year (1 April to 31 March, named "2026/27") and a council's colour.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A local-government financial year, 1 April to 31 March, named by its first calendar year
/// (`FinancialYear(2026)` is "2026/27"). Saved as the text "2026/27".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear(pub i16);

impl FinancialYear {
    /// The financial year a date falls in.
    pub fn containing(date: Date) -> Self {
        if date.month() >= 4 {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    /// 1 April of this year.
    pub fn first_day(self) -> Date {
        Date::new(self.0, 4, 1).unwrap_or(Date::MIN)
    }

    /// 31 March that ends this year.
    pub fn last_day(self) -> Date {
        Date::new(self.0 + 1, 3, 31).unwrap_or(Date::MAX)
    }

    /// The year after.
    #[must_use]
    pub fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{:02}",
            self.0,
            (i32::from(self.0) + 1).rem_euclid(100)
        )
    }
}

impl FromStr for FinancialYear {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a financial year; write it as 2026/27");
        let (first, second) = s.trim().split_once('/').ok_or_else(bad)?;
        let first: i16 = first.trim().parse().map_err(|_| bad())?;
        let second: i32 = second.trim().parse().map_err(|_| bad())?;
        let expected = (i32::from(first) + 1).rem_euclid(100);
        if first < 1900 || (second != expected && second != i32::from(first) + 1) {
            return Err(bad());
        }
        Ok(Self(first))
    }
}

impl Serialize for FinancialYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for FinancialYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A council's colour on every chart, saved as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

/// Colour-blind-safe colours for councils, in the order they are handed out: Okabe and Ito's
/// palette, then Paul Tol's muted and dark schemes, so 20 councils stay distinguishable.
pub const COUNCIL_PALETTE: [Colour; 20] = [
    Colour([0x00, 0x72, 0xB2]),
    Colour([0xE6, 0x9F, 0x00]),
    Colour([0x00, 0x9E, 0x73]),
    Colour([0xCC, 0x79, 0xA7]),
    Colour([0x56, 0xB4, 0xE9]),
    Colour([0xD5, 0x5E, 0x00]),
    Colour([0xF0, 0xE4, 0x42]),
    Colour([0x33, 0x22, 0x88]),
    Colour([0x88, 0xCC, 0xEE]),
    Colour([0x44, 0xAA, 0x99]),
    Colour([0x11, 0x77, 0x33]),
    Colour([0x99, 0x99, 0x33]),
    Colour([0xDD, 0xCC, 0x77]),
    Colour([0xCC, 0x66, 0x77]),
    Colour([0x88, 0x22, 0x55]),
    Colour([0xAA, 0x44, 0x99]),
    Colour([0x66, 0x66, 0x66]),
    Colour([0x00, 0x44, 0x88]),
    Colour([0x99, 0x77, 0x00]),
    Colour([0x99, 0x44, 0x55]),
];

impl Colour {
    /// The palette colour for the council at this position.
    pub fn for_index(index: usize) -> Self {
        COUNCIL_PALETTE[index % COUNCIL_PALETTE.len()]
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl FromStr for Colour {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a colour; write it as #rrggbb, e.g. #0072b2");
        let hex = s.trim().strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(bad());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Self([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn financial_years() {
        assert_eq!(
            FinancialYear::containing(date(2018, 3, 31)),
            FinancialYear(2017)
        );
        assert_eq!(
            FinancialYear::containing(date(2018, 4, 1)),
            FinancialYear(2018)
        );
        assert_eq!(FinancialYear(2026).to_string(), "2026/27");
        assert_eq!(FinancialYear(1999).to_string(), "1999/00");
        assert_eq!("2026/27".parse::<FinancialYear>(), Ok(FinancialYear(2026)));
        assert_eq!(
            "2026/2027".parse::<FinancialYear>(),
            Ok(FinancialYear(2026))
        );
        assert!("2026/28".parse::<FinancialYear>().is_err());
        assert!("2026".parse::<FinancialYear>().is_err());
    }

    #[test]
    fn colours() {
        assert_eq!("#0072b2".parse::<Colour>(), Ok(Colour([0, 0x72, 0xB2])));
        assert_eq!(Colour([0, 0x72, 0xB2]).to_string(), "#0072b2");
        assert!("0072b2".parse::<Colour>().is_err());
        assert!("#00ééé".parse::<Colour>().is_err());
    }
}
