//! API tests: every behaviour over real HTTP, on SQLite and on PostgreSQL.

mod helpers;

mod audit;
mod auth;
mod docs;
mod export;
mod leads;
mod platform;
mod users;
