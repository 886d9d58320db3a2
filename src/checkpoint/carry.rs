//! What a squad's next checkpoint takes from its last one: who the squad is (its name as written
//! before, its tribe, its facilitator), its participants, and its actions to review.

use super::{Checkpoint, FollowUp};

/// What carrying over from an earlier checkpoint would bring: participants not here yet and
/// actions to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarryOver {
    pub people: usize,
    pub actions: usize,
}

impl CarryOver {
    /// What `previous` would bring to `next`; `None` when `next` is under way (it has answers or
    /// reviews actions already) or there is nothing to bring.
    pub fn offered(previous: &Checkpoint, next: &Checkpoint) -> Option<CarryOver> {
        if !next.answers.is_empty() || !next.previous_actions.is_empty() {
            return None;
        }
        let people = previous
            .participants
            .iter()
            .filter(|p| next.participant_named(p).is_none())
            .count();
        let actions = previous.actions.len();
        (people > 0 || actions > 0).then_some(CarryOver { people, actions })
    }
}

impl Checkpoint {
    /// The participant called `name`, as the list spells it (case aside: `cy` is Cy).
    pub fn participant_named(&self, name: &str) -> Option<&str> {
        let name = name.trim().to_lowercase();
        self.participants
            .iter()
            .find(|p| p.to_lowercase() == name)
            .map(String::as_str)
    }

    /// Takes from the squad's `previous` checkpoint its name as written then, its tribe and
    /// facilitator where this one has none, the participants not here yet, and its actions to
    /// review (none done yet). Returns how many actions came.
    pub fn carry_over(&mut self, previous: &Checkpoint) -> usize {
        self.squad = previous.squad.clone();
        for (mine, theirs) in [
            (&mut self.tribe, &previous.tribe),
            (&mut self.facilitator, &previous.facilitator),
        ] {
            if mine.trim().is_empty() {
                mine.clone_from(theirs);
            }
        }
        for p in &previous.participants {
            // A name taken (in another case) is already here.
            let _ = self.add_participant(p);
        }
        self.previous_actions = previous
            .actions
            .iter()
            .map(|a| FollowUp {
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: a.due,
                from: previous.date,
                done: false,
            })
            .collect();
        self.previous_actions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::Action;

    fn last_quarter() -> Checkpoint {
        let mut c = Checkpoint::new("Team Kilo", jiff::civil::date(2026, 8, 20));
        c.tribe = "Payments".into();
        c.facilitator = "Fran".into();
        for p in ["Ana", "Cy"] {
            c.add_participant(p).unwrap();
        }
        c.actions.push(Action {
            text: "Automate the deploy".into(),
            owner: "Cy".into(),
            due: None,
            improvement: None,
        });
        c
    }

    #[test]
    fn the_next_checkpoint_takes_the_squad_its_people_and_its_actions() {
        let previous = last_quarter();
        let mut next = Checkpoint::new("team kilo", jiff::civil::date(2026, 11, 20));
        next.add_participant("ana").unwrap();
        assert_eq!(
            CarryOver::offered(&previous, &next),
            Some(CarryOver {
                people: 1,
                actions: 1
            })
        );
        assert_eq!(next.carry_over(&previous), 1);
        assert_eq!(next.squad, "Team Kilo");
        assert_eq!(next.tribe, "Payments");
        assert_eq!(next.facilitator, "Fran");
        assert_eq!(next.participants, ["ana", "Cy"]);
        assert_eq!(next.previous_actions[0].from, previous.date);
        assert!(!next.previous_actions[0].done);
        assert_eq!(CarryOver::offered(&previous, &next), None, "under way");
    }

    #[test]
    fn a_facilitator_set_for_this_checkpoint_stays() {
        let mut next = Checkpoint::new("Team Kilo", jiff::civil::date(2026, 11, 20));
        next.facilitator = "Gus".into();
        next.carry_over(&last_quarter());
        assert_eq!(next.facilitator, "Gus");
        assert_eq!(next.tribe, "Payments");
    }

    #[test]
    fn a_participant_is_found_whatever_the_case() {
        let c = last_quarter();
        assert_eq!(c.participant_named(" cy "), Some("Cy"));
        assert_eq!(c.participant_named("Dee"), None);
    }
}
