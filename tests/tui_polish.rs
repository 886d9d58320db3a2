//! Screen tests of the small things a facilitator trips over: the kit picker, the solo setup
//! and results, the discuss list's width, the DORA options and the tips wrapped in full.

use crossterm::event::KeyCode;
use insta::assert_snapshot;

mod harness;
use harness::Harness;

/// A workshop with one improvement the deployment-automation kit fits, on the actions screen.
fn actions_with_a_kit() -> Harness {
    let mut h = Harness::workshop();
    h.keys("i");
    h.keys("a");
    h.enter();
    h.keys("Deploy on every merge");
    h.enter();
    h.keys("c");
    h
}

/// The actions' texts, in order.
fn actions(h: &Harness) -> Vec<String> {
    h.saved().actions.iter().map(|a| a.text.clone()).collect()
}

#[test]
fn the_kit_picker_picks_in_place_and_never_adds_an_item_twice() {
    let mut h = actions_with_a_kit();
    h.keys("p");
    // Space picks the item under the cursor and leaves the cursor there; again unpicks it.
    h.keys(" ");
    assert!(
        h.screen().contains("› [x] Continuous deployment to dev"),
        "{}",
        h.screen()
    );
    h.keys(" ");
    assert!(h.screen().contains("› [ ] Continuous deployment to dev"));
    h.keys(" j ");
    h.enter();
    let two = [
        "Continuous deployment to dev",
        "Post-deployment smoke tests",
    ];
    assert_eq!(actions(&h), two);

    // Open again: the two show as added and cannot be picked or taken again.
    h.keys("p");
    assert_snapshot!("kit_picker_added", h.screen());
    h.keys(" ");
    assert!(h.screen().contains("Already added"), "{}", h.screen());
    assert!(h.screen().contains("› [✓] Continuous deployment to dev"));
    h.enter();
    assert!(h.screen().contains("Already added"), "{}", h.screen());
    assert_eq!(actions(&h), two, "Enter on an added item adds nothing");
    // Picked together with an added one, only the new one is added.
    h.keys("jj ");
    h.enter();
    let third = actions(&h);
    assert_eq!(third.len(), 3, "{third:?}");
    assert_eq!(third[..2], two);
    assert!(!two.contains(&third[2].as_str()), "{third:?}");
}
