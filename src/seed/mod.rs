//! Loading data: the demo set (`crm seed --demo`) and synthetic bulk data for benchmarks
//! (`crm seed --bulk N`).

pub mod bulk;
pub mod demo;

pub use demo::{DEMO_PASSWORD, demo};
