//! The DORA models a checkpoint can be scored on, and the 2025 Quick Check's benchmarks as they
//! are written in YAML (`checklists/dora-2025.yaml`, DORA's data: see `NOTICE`).

use serde::{Deserialize, Serialize};

/// Which DORA Quick Check a checkpoint is scored on. 2019 is the default: the workshop and its
/// capabilities are defined on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum DoraModel {
    /// Four questions, a performance level (Low to Elite) and a percentile.
    #[default]
    V2019,
    /// Five metrics scored 0-10, compared with benchmarks by industry and organisation size.
    V2025,
}

impl DoraModel {
    /// Both models, oldest first.
    pub const ALL: [DoraModel; 2] = [DoraModel::V2019, DoraModel::V2025];

    /// The name used in files and flags: `2019`, `2025`.
    pub fn name(self) -> &'static str {
        match self {
            DoraModel::V2019 => "2019",
            DoraModel::V2025 => "2025",
        }
    }

    /// Parses [`DoraModel::name`].
    pub fn from_name(name: &str) -> Option<DoraModel> {
        DoraModel::ALL.into_iter().find(|m| m.name() == name.trim())
    }

    /// Whether this is the default, which a checkpoint file does not write.
    pub fn is_default(&self) -> bool {
        *self == DoraModel::default()
    }

    /// The other model, for a setting that toggles between them.
    pub fn other(self) -> DoraModel {
        match self {
            DoraModel::V2019 => DoraModel::V2025,
            DoraModel::V2025 => DoraModel::V2019,
        }
    }
}

impl std::fmt::Display for DoraModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for DoraModel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DoraModel::from_name(s).ok_or_else(|| format!("`{s}` is not a DORA model: 2019 or 2025"))
    }
}

impl Serialize for DoraModel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for DoraModel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// A benchmark figure: the mean and standard deviation over DORA's respondents, 0-10.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stat {
    pub mean: f64,
    pub std: f64,
}

/// One group of respondents (an industry, an organisation size, or all of them) as DORA
/// publishes it: change fail, rework and instability with higher meaning worse.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cohort {
    pub id: String,
    pub name: String,
    pub performance_average: Stat,
    pub software_delivery_throughput: Stat,
    pub software_delivery_instability: Stat,
    pub leadtime: Stat,
    pub deployfreq: Stat,
    pub failurerecovery: Stat,
    pub changefailure: Stat,
    pub rework: Stat,
}

impl Cohort {
    /// Every figure of the row, in the data's order: performance, throughput, instability,
    /// then the five metrics.
    pub fn figures(&self) -> [Stat; 8] {
        [
            self.performance_average,
            self.software_delivery_throughput,
            self.software_delivery_instability,
            self.leadtime,
            self.deployfreq,
            self.failurerecovery,
            self.changefailure,
            self.rework,
        ]
    }
}

/// The 2025 benchmarks: by industry and by organisation size; each list has an `all` row.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    pub source: String,
    pub industries: Vec<Cohort>,
    pub organization_sizes: Vec<Cohort>,
}

/// The id of the row that stands for every respondent.
pub const ALL: &str = "all";

impl Benchmarks {
    /// The industry with this id.
    pub fn industry(&self, id: &str) -> Option<&Cohort> {
        self.industries.iter().find(|c| c.id == id)
    }

    /// The organisation size with this id.
    pub fn org_size(&self, id: &str) -> Option<&Cohort> {
        self.organization_sizes.iter().find(|c| c.id == id)
    }

    /// Every industry's id, `all` first, for an error message or a flag's help.
    pub fn industry_ids(&self) -> Vec<&str> {
        self.industries.iter().map(|c| c.id.as_str()).collect()
    }

    /// Every organisation size's id, `all` first.
    pub fn org_size_ids(&self) -> Vec<&str> {
        self.organization_sizes
            .iter()
            .map(|c| c.id.as_str())
            .collect()
    }
}
