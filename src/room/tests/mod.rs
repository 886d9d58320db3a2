//! The room's rules, tested on the built-in checklists: joining, requests, and what goes on
//! the wire.

mod apply;
mod join;
mod owner;
mod wire;

use std::sync::OnceLock;

use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, part_of};

/// The built-in checklists, loaded once for every test.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("the built-in checklists load"))
}

/// A squad of three with the facilitator on the first DORA question.
fn squad() -> Checkpoint {
    let mut c = Checkpoint::new("Partner Tooling", jiff::civil::date(2026, 11, 24));
    for p in ["Ana", "Ben", "Cy"] {
        c.add_participant(p).unwrap();
    }
    open(&mut c, "dora.lead-time");
    c
}

/// The facilitator opens `question`, as the workshop screen records it.
fn open(c: &mut Checkpoint, question: &str) {
    c.session.part = part_of(question).to_string();
    c.session.question = question.to_string();
}

/// The facilitator moves to part `part`, where there is no question to vote on.
fn enter(c: &mut Checkpoint, part: &str) {
    c.session.part = part.to_string();
    c.session.question.clear();
}
