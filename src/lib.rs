//! A CRM for sales teams: leads, contacts, notes, reminders, correspondence and an audit
//! trail, served as a JSON API (and a web app) from one binary on SQLite or PostgreSQL.

pub mod app;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod jobs;
pub mod seed;
pub mod server;
pub mod state;
pub mod util;
pub mod web;
