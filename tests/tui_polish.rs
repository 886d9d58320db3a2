//! Screen tests of the small things a facilitator trips over: the kit picker, the solo setup
//! and results, the discuss list's width, the DORA options and the tips wrapped in full.

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Vote};
use checkpoint::export::Summary;
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

/// A solo self-assessment by Dana, on its setup screen.
fn solo() -> Harness {
    let mut h = Harness::new();
    h.keys("s");
    h.keys("Platform");
    h.enter();
    h.keys("jj");
    h.enter();
    h.keys("Dana");
    h.enter();
    h
}

/// The markdown summary of `c`.
fn summary(c: &Checkpoint) -> String {
    let catalog = Catalog::builtin().unwrap();
    checkpoint::export::markdown::render(&Summary::new(&catalog, c)).unwrap()
}

#[test]
fn solo_setup_and_summary_have_no_board_link_or_dots() {
    let mut h = solo();
    let screen = h.screen();
    for field in ["Board link", "Dots each"] {
        assert!(!screen.contains(field), "{screen}");
    }
    assert!(screen.contains("Your name    Dana"), "{screen}");
    // Down past the date reaches the start.
    h.keys("jjjjjj");
    assert!(
        h.screen().contains("› Start the workshop"),
        "{}",
        h.screen()
    );
    assert!(!summary(&h.saved()).contains("Board link"));
    // A link set some other way (`checkpoint new --board-link`) is still shown.
    let mut linked = h.saved();
    linked.board_link = "https://miro.com/app/board/x".into();
    assert!(summary(&linked).contains("| Board link | <https://miro.com/app/board/x> |"));

    // A workshop keeps both.
    let mut h = Harness::workshop();
    h.keys("u");
    let screen = h.screen();
    assert!(screen.contains("Board link   –"), "{screen}");
    assert!(screen.contains("Dots each    3"), "{screen}");
    assert!(summary(&h.saved()).contains("| Board link | – |"));
}

#[test]
fn solo_results_have_no_discuss_panel_and_give_its_room_to_the_others() {
    let mut h = solo();
    h.keys("r");
    let screen = h.screen();
    assert!(!screen.contains("To discuss"), "{screen}");
    // The baseline panel reaches down to the footer.
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[lines.len() - 2].starts_with('└'), "{screen}");
    let mut h = Harness::workshop();
    h.keys("r");
    assert!(h.screen().contains("To discuss"));
}

#[test]
fn the_discuss_list_uses_the_width_it_has() {
    let milestone = "phases.phase-3.communications.automated-deploy-notifications";
    let name = "Have fully automated high-level deploy notifications, tailored to every \
                function (Support, PM, Sales and so on) and to executives";
    let mut h = Harness::workshop();
    let c = h.app.checkpoint_mut().unwrap();
    for (who, value) in [("Ana", 0), ("Ben", 2), ("Cy", 2)] {
        c.vote(milestone, who, Vote::Value(value));
    }
    h.keys("r");
    let row = |width: u16| {
        let screen = h.screen_at(width, 24);
        let row = screen.lines().find(|l| l.contains("The three phases"));
        row.unwrap_or_else(|| panic!("{screen}")).to_string()
    };
    let shown = |row: &str| {
        let start = row.find("Have").unwrap();
        let end = row.find(" votes 0 2 2").unwrap();
        row[start..end].trim_end().to_string()
    };
    let (narrow, middle, wide) = (row(80), row(120), row(200));
    for row in [&narrow, &middle, &wide] {
        assert!(row.contains("votes 0 2 2"), "{row}");
    }
    assert_eq!(shown(&wide), name, "{wide}");
    let (narrow, middle) = (shown(&narrow), shown(&middle));
    assert!(middle.ends_with('…') && narrow.ends_with('…'));
    assert!(narrow.chars().count() >= 40, "{narrow}");
    assert!(middle.chars().count() >= 80, "{middle}");
}

/// The scale panel's text, read row by row, as one line of words: the bars and counts (when
/// `counts`) left out, so that an option's label reads on whatever rows it wraps over.
fn scale_text(screen: &str, counts: bool) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            let x = (0..r.len()).find(|&x| r[x..].starts_with(&['┌', ' ', 'S']))?;
            Some((y, x))
        })
        .unwrap_or_else(|| panic!("no scale panel:\n{screen}"));
    let mut words = Vec::new();
    for row in &rows[top + 1..] {
        if row.get(left) == Some(&'└') {
            break;
        }
        let inner: String = row[left + 1..row.len().saturating_sub(1)].iter().collect();
        let mut inner = inner.replace('█', " ");
        if counts {
            inner = inner
                .trim_end()
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_string();
        }
        words.extend(inner.split_whitespace().map(str::to_string));
    }
    words.join(" ")
}

#[test]
fn every_dora_option_shows_in_full_however_long() {
    let catalog = Catalog::builtin().unwrap();
    for id in [
        "dora.lead-time",
        "dora.deploy-frequency",
        "dora.time-to-restore",
        "dora.change-failure-rate",
    ] {
        let q = catalog.question(id).unwrap();
        let options: Vec<String> = q
            .scale()
            .values()
            .zip(q.scale_labels())
            .map(|(v, label)| format!("{v} {label}"))
            .collect();
        let mut h = Harness::workshop();
        let screen = h.app.vote_on(id).unwrap();
        h.app.go(screen);
        for revealed in [false, true] {
            for (width, height) in [(80, 24), (100, 30)] {
                let screen = h.screen_at(width, height);
                let text = scale_text(&screen, revealed);
                for option in &options {
                    assert!(text.contains(option.as_str()), "{option}:\n{screen}");
                }
            }
            h.keys("234");
        }
    }
}

/// Whether the bullet that starts with `start` wraps, its next row starting right under the
/// bullet's text.
fn lines_up_under_its_bullet(screen: &str, start: &str) -> bool {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let Some(y) = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains(start))
    else {
        return false;
    };
    let text = rows[y].iter().position(|c| *c == '•').unwrap() + 2;
    let next = &rows[y + 1];
    next.get(text).is_some_and(|c| c.is_alphanumeric()) && next[text - 1] == ' '
}

#[test]
fn wrapped_tips_keep_their_indent() {
    let mut h = Harness::workshop();
    h.enter();
    let screen = h.screen();
    assert!(
        lines_up_under_its_bullet(&screen, "• Follow a commit on its journey"),
        "{screen}"
    );
    // The tips popup, at two widths.
    let screen = h.app.vote_on("dora.deploy-frequency").unwrap();
    h.app.go(screen);
    h.keys("t");
    for (width, height) in [(80, 24), (100, 30)] {
        let screen = h.screen_at(width, height);
        assert!(
            lines_up_under_its_bullet(&screen, "• Think about how often"),
            "{screen}"
        );
    }
}
