//! Evidence from a git repository attached to a checkpoint (`checkpoint evidence --attach`):
//! per DORA question, the option the data points to and why. It sits beside the votes and never
//! counts as one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What `checkpoint evidence` found, and when and where: `[evidence]` in the file, with a
/// `[evidence.questions."<question id>"]` table per question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// When it was gathered.
    pub gathered: jiff::Timestamp,
    /// The repository it was read from.
    pub repo: String,
    /// The window's first day (UTC).
    #[serde(with = "super::toml_date")]
    pub since: jiff::civil::Date,
    /// The window's last day (UTC).
    #[serde(with = "super::toml_date")]
    pub until: jiff::civil::Date,
    /// What counted as a deployment.
    pub deployments: String,
    /// The deployments counted, `name (YYYY-MM-DD)`, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counted: Vec<String>,
    /// What the figures cannot see.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<String>,
    /// Question id → what the data says about it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<String, QuestionEvidence>,
}

/// What the data says about one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEvidence {
    /// The option the data points to (the question's value, 1 to 6); none when the data is not
    /// enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<u8>,
    /// The evidence, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<String>,
}
