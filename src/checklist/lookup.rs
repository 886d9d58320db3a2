//! Finding things in a [`Catalog`] by what a user types or a level names.

use super::{BenchmarkLevel, Capability, Catalog};

impl Catalog {
    /// The capabilities the level with id `level` recommends, in catalog order.
    pub fn recommended(&self, level: &str) -> Vec<&Capability> {
        self.capabilities().filter(|c| c.level == level).collect()
    }

    /// The benchmark level named `name`: its id or its name, in any case (`high`, `High`).
    pub fn find_level(&self, name: &str) -> Option<&BenchmarkLevel> {
        let name = name.trim();
        self.benchmark()
            .levels
            .iter()
            .find(|l| l.id.eq_ignore_ascii_case(name) || l.name.eq_ignore_ascii_case(name))
    }

    /// The capability named `name`: its id (`capabilities.continuous-delivery`), its id's last
    /// segment (`continuous-delivery`) or its name, in any case.
    pub fn find_capability(&self, name: &str) -> Option<&Capability> {
        let name = name.trim();
        self.capabilities().find(|c| {
            c.id.eq_ignore_ascii_case(name)
                || c.id
                    .rsplit('.')
                    .next()
                    .is_some_and(|s| s.eq_ignore_ascii_case(name))
                || c.name.eq_ignore_ascii_case(name)
        })
    }
}
