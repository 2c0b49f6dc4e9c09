//! Leads: reading (filters, search, ordering, pages, the streamed export), the row lock
//! every write of a lead or its children takes first, and the audited writes.

pub mod board;
pub mod lock;
pub mod next_steps;
mod read;
mod write;

pub use read::{
    Assignee, ExportRow, LeadFilter, LeadRow, ORDERING, export, find_named, get, list, newest_among,
};
pub use write::{Leads, create, delete, update};
