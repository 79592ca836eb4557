//! Sample files shipped with the app, so a first-time user can see the whole
//! loop (import, columns, a catalog item and its baseline) before they have
//! a department's own export at hand. They are real-world-shaped exports: a
//! SharePoint list, a paper form transcribed one row per field, and a
//! Microsoft Forms response sheet.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Which sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SampleId {
    HrOnboarding,
    ExpenseClaim,
    FacilitiesWorkOrders,
}

/// A sample as the app offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sample {
    pub id: SampleId,
    pub title: String,
    pub department: String,
    /// What the file is, in a sentence.
    pub description: String,
    pub file_name: String,
}

struct Bundled {
    id: SampleId,
    title: &'static str,
    department: &'static str,
    description: &'static str,
    file_name: &'static str,
    bytes: &'static [u8],
}

const BUNDLED: &[Bundled] = &[
    Bundled {
        id: SampleId::HrOnboarding,
        title: "New hire onboarding",
        department: "Human Resources",
        description:
            "A SharePoint list export: 240 onboarding requests with their dates and status.",
        file_name: "hr-new-hire-onboarding.csv",
        bytes: include_bytes!("../samples/hr-new-hire-onboarding.csv"),
    },
    Bundled {
        id: SampleId::ExpenseClaim,
        title: "Expense claim form",
        department: "Finance",
        description: "A paper form typed up one row per question, with sections and options.",
        file_name: "finance-expense-claim-form.csv",
        bytes: include_bytes!("../samples/finance-expense-claim-form.csv"),
    },
    Bundled {
        id: SampleId::FacilitiesWorkOrders,
        title: "Facilities work orders",
        department: "Facilities",
        description:
            "Microsoft Forms responses: work orders with building, urgency and access times.",
        file_name: "facilities-work-orders.csv",
        bytes: include_bytes!("../samples/facilities-work-orders.csv"),
    },
];

/// Every sample, in the order the app lists them.
pub fn all() -> Vec<Sample> {
    BUNDLED
        .iter()
        .map(|b| Sample {
            id: b.id,
            title: b.title.into(),
            department: b.department.into(),
            description: b.description.into(),
            file_name: b.file_name.into(),
        })
        .collect()
}

/// Writes a sample into `dir` (created when missing) and returns its path.
/// The file is written to a temporary name and renamed into place, so an
/// interrupted write never leaves half a sample to import.
pub fn write(dir: &Path, id: SampleId) -> Result<PathBuf> {
    let bundled = BUNDLED
        .iter()
        .find(|b| b.id == id)
        .expect("every sample id is bundled");
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join(bundled.file_name);
    if std::fs::read(&path).is_ok_and(|bytes| bytes == bundled.bytes) {
        return Ok(path);
    }
    let temp = dir.join(format!(".{}.{}.tmp", bundled.file_name, std::process::id()));
    std::fs::write(&temp, bundled.bytes).map_err(io(&temp))?;
    std::fs::rename(&temp, &path).map_err(io(&path))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{self, ImportOptions, Source};

    #[test]
    fn every_sample_is_written_and_inspects_as_what_it_says_it_is() {
        let dir = tempfile::TempDir::new().unwrap();
        let sources: Vec<Source> = all()
            .iter()
            .map(|sample| {
                let path = write(dir.path(), sample.id).unwrap();
                assert_eq!(path.file_name().unwrap(), sample.file_name.as_str());
                let inspection = import::inspect(&path, &ImportOptions::default()).unwrap();
                assert!(inspection.problems.is_empty(), "{}", sample.file_name);
                inspection.source
            })
            .collect();
        assert_eq!(
            sources,
            [
                Source::Sharepoint,
                Source::FormDefinition,
                Source::MicrosoftForms
            ]
        );
    }

    #[test]
    fn writing_a_sample_again_restores_a_changed_copy() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = write(dir.path(), SampleId::ExpenseClaim).unwrap();
        std::fs::write(&path, "changed").unwrap();
        assert_eq!(write(dir.path(), SampleId::ExpenseClaim).unwrap(), path);
        assert_ne!(std::fs::read(&path).unwrap(), b"changed");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
