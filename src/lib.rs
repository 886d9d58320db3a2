//! devops-checkpoint: run the DevOps Checkpoint workshop.
//!
//! The core knows nothing of the terminal: [`checklist`] loads the content, [`checkpoint`] holds
//! and saves one workshop's votes, [`score`] and [`assessment`] turn votes into results,
//! [`capabilities`] says which capabilities the squad rates, [`ballot`] collects votes
//! asynchronously, [`plan`] shows the flow, improvements and actions,
//! [`export`] writes the summary, [`history`] compares a squad's checkpoints over time,
//! [`command`] names the edits of an open checkpoint that the workshop screen and the voting
//! room share, [`room`] holds the rules of voting from one's own device, and [`text`] makes user text safe
//! to print.

pub mod agenda;
pub mod assessment;
pub mod atomic;
pub mod ballot;
pub mod capabilities;
pub mod checklist;
pub mod checkpoint;
pub mod cli;
pub mod command;
pub mod commands;
pub mod date;
pub mod dora2025;
pub mod evidence;
pub mod export;
pub mod history;
pub mod limits;
pub mod location;
pub mod number;
pub mod plan;
pub mod publish;
pub mod quick_check;
pub mod report;
pub mod room;
pub mod score;
pub mod serve;
pub mod text;
pub mod tui;
pub mod workshop;
pub mod yaml;
