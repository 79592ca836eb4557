//! Flows: the work that spans several areas in one transaction. A domain
//! (directory, import, catalog, requests) holds the rules of its own area
//! and never calls sideways or upward; when one user action must change
//! several areas at once, the flow here does it, inside the one
//! transaction the action is.
//!
//! - [`import_file`]: an import, and when it updates an earlier import of
//!   the same file, the catalog items made from that one move onto it and
//!   their baselines are made again.
//! - [`create_from_import`]: a catalog item from an import, with the
//!   import's dated rows as its baseline.
//! - [`create_starter`]: the workspace a first start opens, with starter
//!   departments.
//!
//! - [`take_in_responses`]: a newer export of the source that feeds a
//!   running pilot, imported as an update, its new responses taken in as
//!   the pilot's requests and its status changes followed.
//!
//! - [`import_workshop`]: a discovery workshop's spreadsheet, imported and
//!   turned into use cases in the one transaction.
//!
//! - [`pilot_from_use_case`]: a planned pilot set up from a backlog use
//!   case, linked to it and filled in from it.
//!
//! - [`portal_submit`], [`portal_act`], [`portal_answer_article`],
//!   [`portal_messages_seen`]: a change a participant makes through the
//!   portal, checked against their link and audited.
//!
//! A feature that must react to one of these (pilot intake, SLA clocks,
//! metrics caches) adds a step here, not a call inside a domain.

mod catalog;
mod import;
mod intake;
mod portal;
mod use_case_pilot;
mod workshop;
mod workspace;

pub use catalog::create_from_import;
pub use import::import_file;
pub use intake::take_in_responses;
pub use portal::{
    portal_act, portal_answer_article, portal_attach, portal_messages_seen, portal_submit,
};
pub use use_case_pilot::pilot_from_use_case;
pub use workshop::import_workshop;
pub use workspace::create_starter;
