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
mod followups;
mod hostile;
mod leads;
mod mail;
mod next_steps;
mod notes;
mod personal_dashboard;
mod platform;
mod races;
mod refresh_cookie;
mod refresh_cookie_reach;
mod reminders;
mod roles;
mod search;
mod seed;
mod sessions;
mod timeline;
mod users;
mod web;
