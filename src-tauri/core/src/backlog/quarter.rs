//! Calendar quarters, the roadmap's columns: `2027-Q1`.

use std::fmt;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// Reads `YYYY-Qn`, refusing anything else with a message that shows
    /// the expected form.
    pub fn parse(text: &str) -> Result<Quarter> {
        let bad = || {
            Error::invalid(
                "quarter",
                format!("\"{text}\" is not a quarter; write it like 2027-Q1."),
            )
        };
        let (year, number) = text.trim().split_once("-Q").ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number: u8 = number.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&number) || !(1000..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter { year, number })
    }

    /// The quarter a date falls in.
    pub fn of(date: chrono::NaiveDate) -> Quarter {
        use chrono::Datelike;
        Quarter {
            year: date.year(),
            number: (date.month0() / 3 + 1) as u8,
        }
    }

    /// The quarter `n` quarters later (earlier when negative).
    pub fn plus(self, n: i32) -> Quarter {
        let index = self.year * 4 + i32::from(self.number) - 1 + n;
        Quarter {
            year: index.div_euclid(4),
            number: (index.rem_euclid(4) + 1) as u8,
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}
