//! One catalog per DORA model. The loaded catalog is the 2019 one; when a 2025 DORA set is
//! loaded too, [`Catalog::for_model`] gives the same catalog with that set in place of the 2019
//! one, so that everything that walks a catalog's sets and questions (the agenda, the voting,
//! the scoring) sees one DORA model at a time.

use std::sync::Arc;

use super::{Benchmarks, Catalog, ChecklistSet, DoraModel, SetBody};

impl Catalog {
    /// The catalog of `sets`; a 2025 DORA set among them goes to the 2025 view.
    pub(super) fn new(sets: Vec<ChecklistSet>) -> Catalog {
        let is_2025 =
            |s: &ChecklistSet| matches!(&s.body, SetBody::Dora(d) if d.model == DoraModel::V2025);
        let (later, base): (Vec<ChecklistSet>, Vec<ChecklistSet>) =
            sets.into_iter().partition(is_2025);
        let mut catalog = Catalog::single(base.clone());
        // Validation reports a second 2025 set; the first one counts.
        let Some(mut set) = later.into_iter().next() else {
            return catalog;
        };
        if let SetBody::Dora(d) = &mut set.body {
            d.benchmark = catalog.benchmark().clone();
        }
        let mut sets: Vec<ChecklistSet> = base
            .into_iter()
            .filter(|s| !matches!(s.body, SetBody::Dora(_)))
            .collect();
        sets.push(set);
        let mut view = Catalog::single(sets);
        view.other = Some(Arc::new(catalog.clone()));
        catalog.other = Some(Arc::new(view));
        catalog
    }

    /// The DORA model this catalog's DORA set is on.
    pub fn model(&self) -> DoraModel {
        self.model
    }

    /// This catalog on DORA model `model`: itself when it is on it, else the other model's
    /// view; itself again when that model is not loaded (then the DORA questions are the
    /// wrong model's, which a checkpoint has no votes on). Every function that scores or walks
    /// a checkpoint calls it with the checkpoint's model.
    pub fn for_model(&self, model: DoraModel) -> &Catalog {
        if self.model == model {
            return self;
        }
        self.other
            .as_deref()
            .filter(|o| o.model == model)
            .unwrap_or(self)
    }

    /// Whether DORA model `model` is loaded.
    pub fn has_model(&self, model: DoraModel) -> bool {
        self.for_model(model).model == model
    }

    /// The 2025 benchmarks, when the 2025 model is loaded.
    pub fn benchmarks(&self) -> Option<&Benchmarks> {
        self.for_model(DoraModel::V2025).dora().benchmarks.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_is_2019_with_a_2025_view_and_back() {
        let root = Catalog::builtin().unwrap();
        assert_eq!(root.model(), DoraModel::V2019);
        assert_eq!(root.dora().questions.len(), 4);
        let view = root.for_model(DoraModel::V2025);
        assert_eq!(view.model(), DoraModel::V2025);
        assert_eq!(view.dora().questions.len(), 5);
        assert!(view.question("dora-2025.rework-rate").is_some());
        assert!(view.question("dora.lead-time").is_none());
        assert!(root.question("dora-2025.rework-rate").is_none());
        let back = view.for_model(DoraModel::V2019);
        assert_eq!(back.dora().questions.len(), 4);
        assert_eq!(view.sets().filter(|s| s.kind() == "dora").count(), 1);
        assert_eq!(view.sets().next().map(|s| s.id.as_str()), Some("dora-2025"));
        assert_eq!(
            view.benchmark().levels.len(),
            4,
            "the capabilities' 2019 levels"
        );
        assert!(root.benchmarks().is_some() && view.benchmarks().is_some());
    }
}
