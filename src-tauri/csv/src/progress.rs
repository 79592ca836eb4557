//! Progress reports and cancellation, checked every few thousand rows so
//! that neither costs anything noticeable per row.

use std::sync::atomic::{AtomicBool, Ordering};

use super::ImportProgress;
use crate::error::{Error, Result};

/// Rows between two reports.
const EVERY: u64 = 8192;

pub struct Progress<'a> {
    report: Option<&'a mut dyn FnMut(ImportProgress)>,
    cancel: Option<&'a AtomicBool>,
    /// Bytes read by earlier passes, and the bytes all passes will read.
    pub done_before: u64,
    pub total: u64,
    pub rows: u64,
}

impl<'a> Progress<'a> {
    pub fn new(
        report: &'a mut dyn FnMut(ImportProgress),
        cancel: &'a AtomicBool,
        total: u64,
    ) -> Self {
        Progress {
            report: Some(report),
            cancel: Some(cancel),
            done_before: 0,
            total,
            rows: 0,
        }
    }

    pub fn silent() -> Progress<'static> {
        Progress {
            report: None,
            cancel: None,
            done_before: 0,
            total: 0,
            rows: 0,
        }
    }

    /// Called once per row with the bytes this pass has read so far.
    pub fn tick(&mut self, record: u64, bytes: impl FnOnce() -> u64) -> Result<()> {
        if record.is_multiple_of(EVERY) {
            self.check(bytes())?;
        }
        Ok(())
    }

    /// Reports now and fails with [`Error::Cancelled`] once cancel is set.
    pub fn check(&mut self, bytes: u64) -> Result<()> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        if let Some(report) = self.report.as_mut() {
            report(ImportProgress {
                bytes_read: self.done_before + bytes,
                bytes_total: self.total,
                rows: self.rows,
            });
        }
        Ok(())
    }
}
