//! API tests: every behaviour over real HTTP, on SQLite and on PostgreSQL.

mod helpers;

mod audit;
mod auth;
mod constraints;
mod contacts;
mod correspondences;
mod dashboard;
mod docs;
mod export;
mod export_limits;
mod faults;
mod hostile;
mod leads;
mod mail;
mod notes;
mod platform;
mod races;
mod reminders;
mod roles;
mod seed;
mod sessions;
mod users;
mod web;
