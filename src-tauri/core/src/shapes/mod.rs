//! The data shapes of the domains, with no rules: below storage, so that
//! storage can take and return the domain's own types (ARCHITECTURE.md,
//! "Storage returns the domain's types"). The rules stay with each domain,
//! which re-exports its shapes. So far the backlog's use cases, the
//! success story's wording, knowledge articles and the outbox's messages.

pub mod article;
pub mod outbox;
pub mod story;
pub mod use_case;
