//! devops-checkpoint: run the DevOps Checkpoint workshop.
//!
//! The core knows nothing of the terminal: [`checklist`] loads the content, [`checkpoint`] holds
//! and saves one workshop's votes, [`score`] and [`assessment`] turn votes into results,
//! [`ballot`] collects votes asynchronously, [`plan`] shows the flow, improvements and actions,
//! and [`export`] writes the summary.

pub mod assessment;
pub mod atomic;
pub mod ballot;
pub mod checklist;
pub mod checkpoint;
pub mod cli;
pub mod commands;
pub mod export;
pub mod location;
pub mod plan;
pub mod score;
pub mod tui;
pub mod yaml;
