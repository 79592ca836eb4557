//! The value model: what a use case or a pilot is worth, from explicit
//! assumptions anyone can read, question and change.
//!
//! Every number that feeds a value estimate is an [`Assumption`] carrying who
//! set it, when, and where it comes from, so a department head can see that
//! "45 an hour" is Finance's loaded cost and not a guess. The model itself is
//! a few pure functions: it never touches storage, so the backlog, pilots and
//! reports all compute value the same way.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// How much each assumption is moved up and down in the sensitivity line.
pub const SENSITIVITY: f64 = 0.2;

/// One number of the model, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assumption {
    pub value: f64,
    /// Who set the value (a person's name or e-mail).
    pub set_by: String,
    /// When it was set: an RFC 3339 timestamp.
    pub set_at: String,
    /// Where the number comes from: "Finance's 2026 loaded cost", "time
    /// study, March", "default".
    pub source: String,
}

impl Assumption {
    pub fn new(value: f64, set_by: &str, set_at: &str, source: &str) -> Self {
        Assumption {
            value,
            set_by: set_by.to_owned(),
            set_at: set_at.to_owned(),
            source: source.to_owned(),
        }
    }
}

/// The assumptions of one estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assumptions {
    /// An ISO 4217 code or a symbol; the model does not convert.
    pub currency: String,
    /// Requests handled per month.
    pub monthly_volume: Assumption,
    /// Minutes of handling saved per request.
    pub minutes_saved: Assumption,
    /// Loaded cost of one hour of the people handling requests.
    pub hourly_cost: Assumption,
    /// Minutes of rework (chasing missing information, re-keying) avoided
    /// per request, averaged over all requests.
    pub rework_minutes: Assumption,
    /// Money spent per request on paper, printing and postage that is no
    /// longer spent.
    pub paper_cost: Assumption,
}

/// The assumptions by name, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AssumptionKey {
    MonthlyVolume,
    MinutesSaved,
    HourlyCost,
    ReworkMinutes,
    PaperCost,
}

impl AssumptionKey {
    pub const ALL: [AssumptionKey; 5] = [
        AssumptionKey::MonthlyVolume,
        AssumptionKey::MinutesSaved,
        AssumptionKey::HourlyCost,
        AssumptionKey::ReworkMinutes,
        AssumptionKey::PaperCost,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AssumptionKey::MonthlyVolume => "Requests per month",
            AssumptionKey::MinutesSaved => "Minutes of handling saved per request",
            AssumptionKey::HourlyCost => "Loaded hourly cost",
            AssumptionKey::ReworkMinutes => "Minutes of rework avoided per request",
            AssumptionKey::PaperCost => "Paper and postage saved per request",
        }
    }
}

impl Assumptions {
    /// The assumptions a new use case starts with, from what a workshop
    /// knows: the monthly volume and the minutes a request takes today.
    /// The saving is set to half of today's handling time and the hourly
    /// cost to a common loaded cost; both say they are defaults, so nobody
    /// mistakes them for measurements.
    pub fn starting(volume: f64, minutes_today: f64, set_by: &str, set_at: &str) -> Self {
        let default = |value: f64, source: &str| Assumption::new(value, set_by, set_at, source);
        Assumptions {
            currency: "EUR".into(),
            monthly_volume: default(volume, "Workshop estimate"),
            minutes_saved: default(
                (minutes_today / 2.0 * 10.0).round() / 10.0,
                "Default: half of today's handling time",
            ),
            hourly_cost: default(45.0, "Default loaded hourly cost; ask Finance for yours"),
            rework_minutes: default(0.0, "Default: none assumed"),
            paper_cost: default(0.0, "Default: none assumed"),
        }
    }

    pub fn get(&self, key: AssumptionKey) -> &Assumption {
        match key {
            AssumptionKey::MonthlyVolume => &self.monthly_volume,
            AssumptionKey::MinutesSaved => &self.minutes_saved,
            AssumptionKey::HourlyCost => &self.hourly_cost,
            AssumptionKey::ReworkMinutes => &self.rework_minutes,
            AssumptionKey::PaperCost => &self.paper_cost,
        }
    }

    pub fn get_mut(&mut self, key: AssumptionKey) -> &mut Assumption {
        match key {
            AssumptionKey::MonthlyVolume => &mut self.monthly_volume,
            AssumptionKey::MinutesSaved => &mut self.minutes_saved,
            AssumptionKey::HourlyCost => &mut self.hourly_cost,
            AssumptionKey::ReworkMinutes => &mut self.rework_minutes,
            AssumptionKey::PaperCost => &mut self.paper_cost,
        }
    }

    /// Refuses a value no estimate can be built on, naming the assumption.
    pub fn validate(&self) -> Result<()> {
        for key in AssumptionKey::ALL {
            let value = self.get(key).value;
            if !value.is_finite() || value < 0.0 {
                return Err(Error::invalid(
                    "assumptions",
                    format!(
                        "{} must be a number of zero or more (it is {value}).",
                        key.label()
                    ),
                ));
            }
        }
        if self.currency.trim().is_empty() {
            return Err(Error::invalid(
                "assumptions",
                "The currency of the value estimate is missing.",
            ));
        }
        Ok(())
    }
}

/// What the assumptions are worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    pub currency: String,
    pub hours_per_month: f64,
    pub hours_per_year: f64,
    pub money_per_month: f64,
    pub money_per_year: f64,
    /// One line per assumption, the widest swing first.
    pub sensitivity: Vec<Swing>,
}

/// The yearly value with one assumption moved by [`SENSITIVITY`] either way
/// and the others kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Swing {
    pub key: AssumptionKey,
    pub label: String,
    pub money_per_year_low: f64,
    pub money_per_year_high: f64,
}

/// Hours and money per month: time saved is handling plus rework avoided,
/// priced at the loaded hourly cost; paper and postage add per request.
fn monthly(a: &Assumptions) -> (f64, f64) {
    let hours = a.monthly_volume.value * (a.minutes_saved.value + a.rework_minutes.value) / 60.0;
    let money = hours * a.hourly_cost.value + a.monthly_volume.value * a.paper_cost.value;
    (hours, money)
}

/// The estimate of a set of assumptions, with its sensitivity line.
pub fn estimate(a: &Assumptions) -> Estimate {
    let (hours, money) = monthly(a);
    let mut sensitivity: Vec<Swing> = AssumptionKey::ALL
        .into_iter()
        .map(|key| {
            let moved = |factor: f64| {
                let mut changed = a.clone();
                changed.get_mut(key).value *= factor;
                monthly(&changed).1 * 12.0
            };
            Swing {
                key,
                label: key.label().to_owned(),
                money_per_year_low: moved(1.0 - SENSITIVITY),
                money_per_year_high: moved(1.0 + SENSITIVITY),
            }
        })
        .collect();
    sensitivity.sort_by(|x, y| {
        let width = |s: &Swing| (s.money_per_year_high - s.money_per_year_low).abs();
        width(y).total_cmp(&width(x))
    });
    Estimate {
        currency: a.currency.clone(),
        hours_per_month: hours,
        hours_per_year: hours * 12.0,
        money_per_month: money,
        money_per_year: money * 12.0,
        sensitivity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assumptions() -> Assumptions {
        let mut a = Assumptions::starting(200.0, 30.0, "Ana", "2026-01-05T09:00:00Z");
        a.hourly_cost.value = 60.0;
        a.rework_minutes.value = 5.0;
        a.paper_cost.value = 1.5;
        a
    }

    #[test]
    fn time_saved_is_handling_plus_rework_priced_at_the_hourly_cost_plus_paper() {
        let e = estimate(&assumptions());
        // 200 requests × (15 + 5) minutes = 66.67 hours; × 60 = 4000; + 300 paper.
        assert!((e.hours_per_month - 200.0 * 20.0 / 60.0).abs() < 1e-9);
        assert!((e.money_per_month - 4300.0).abs() < 1e-9);
        assert!((e.money_per_year - 51_600.0).abs() < 1e-9);
        assert!((e.hours_per_year - e.hours_per_month * 12.0).abs() < 1e-9);
    }

    #[test]
    fn the_sensitivity_line_moves_each_assumption_by_a_fifth_widest_swing_first() {
        let e = estimate(&assumptions());
        assert_eq!(e.sensitivity.len(), AssumptionKey::ALL.len());
        let volume = e
            .sensitivity
            .iter()
            .find(|s| s.key == AssumptionKey::MonthlyVolume)
            .unwrap();
        assert!((volume.money_per_year_low - 51_600.0 * 0.8).abs() < 1e-6);
        assert!((volume.money_per_year_high - 51_600.0 * 1.2).abs() < 1e-6);
        assert_eq!(e.sensitivity[0].key, AssumptionKey::MonthlyVolume);
        let widths: Vec<f64> = e
            .sensitivity
            .iter()
            .map(|s| s.money_per_year_high - s.money_per_year_low)
            .collect();
        assert!(widths.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn starting_assumptions_say_which_numbers_are_defaults_and_who_set_them() {
        let a = Assumptions::starting(120.0, 25.0, "Ana", "2026-01-05T09:00:00Z");
        assert_eq!(a.minutes_saved.value, 12.5);
        assert!(a.minutes_saved.source.starts_with("Default"));
        assert!(a.hourly_cost.source.starts_with("Default"));
        assert_eq!(a.monthly_volume.set_by, "Ana");
        assert_eq!(a.monthly_volume.set_at, "2026-01-05T09:00:00Z");
    }

    #[test]
    fn a_negative_or_missing_number_is_refused_naming_the_assumption() {
        let mut a = assumptions();
        a.hourly_cost.value = -1.0;
        let message = a.validate().unwrap_err().to_string();
        assert!(message.contains("Loaded hourly cost"), "{message}");
        a.hourly_cost.value = f64::NAN;
        assert!(a.validate().is_err());
    }
}
