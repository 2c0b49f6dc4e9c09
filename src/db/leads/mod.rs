//! Leads: reading (filters, search, ordering, pages, the streamed export), the row lock
//! every write of a lead or its children takes first, and the audited writes.

pub mod lock;
mod read;
mod write;

pub use read::{Assignee, ExportRow, LeadFilter, LeadRow, ORDERING, export, find_named, get, list};
pub use write::{Leads, create, delete, update};
