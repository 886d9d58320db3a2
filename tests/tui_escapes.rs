//! Terminal escape injection on the workshop screen: names loaded from a file with ESC
//! sequences, C1 controls or bidi overrides in them never reach the terminal as they are.

use std::time::Instant;

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::Store;
use checkpoint::tui::app::{App, Workshop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NASTY: &str =
    "Kilo \\u001B[31mred \\u009B2J \\u202Eevil\\u202C \\u2066iso\\u2069 \\u200Fmark";

/// Every cell's symbol that holds a character a terminal would act on.
fn unsafe_cells(terminal: &Terminal<TestBackend>) -> Vec<String> {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .filter(|s| s.chars().any(checkpoint::text::is_unsafe))
        .map(|s| format!("{s:?}"))
        .collect()
}

fn shown(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

#[test]
fn names_from_a_file_reach_the_screen_without_their_controls() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let path = home.join("kilo-2023-01-17.toml");
    let text = format!(
        "format = 1\nsquad = \"{NASTY}\"\nfacilitator = \"{NASTY}\"\ndate = 2023-01-17\n\
         participants = [\"Ana {NASTY}\", \"Ben\"]\n\n[[flow]]\nname = \"{NASTY}\"\n\n\
         [[improvements]]\ntext = \"{NASTY}\"\n"
    );
    std::fs::write(&path, text).unwrap();
    let now = Instant::now();
    let catalog = Catalog::builtin().unwrap();
    let mut app = App::new(
        catalog.clone(),
        Store::new(&home),
        jiff::civil::date(2023, 1, 17),
        now,
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| checkpoint::tui::render(f, &app)).unwrap();
    assert!(shown(&terminal).contains("Kilo"), "{}", shown(&terminal));
    assert_eq!(unsafe_cells(&terminal), Vec::<String>::new(), "home");

    let (work, warning) = Workshop::open(&path, &catalog, now).unwrap();
    app.resume(work, warning);
    terminal.draw(|f| checkpoint::tui::render(f, &app)).unwrap();
    assert!(shown(&terminal).contains("Kilo"), "{}", shown(&terminal));
    assert_eq!(unsafe_cells(&terminal), Vec::<String>::new(), "workshop");
}

#[test]
fn the_setup_screen_refuses_names_with_controls() {
    use checkpoint::tui::setup::{Field, apply};
    let dir = tempfile::tempdir().unwrap();
    let date = jiff::civil::date(2023, 1, 17);
    let now = Instant::now();
    let mut app = App::new(
        Catalog::builtin().unwrap(),
        Store::new(dir.path()),
        date,
        now,
    );
    let mut c = checkpoint::checkpoint::Checkpoint::new("Kilo", date);
    c.add_participant("Ana").unwrap();
    app.start_with(c);
    for field in [Field::Squad, Field::Tribe, Field::Facilitator] {
        for name in ["Kilo\u{202e}", "Kilo\u{9b}2J", "Kilo\u{2066}"] {
            let refused = apply(&app, field, name);
            assert!(refused.is_err(), "{field:?} took {name:?}");
            let c = app.checkpoint().unwrap();
            assert!(
                ![&c.squad, &c.tribe, &c.facilitator]
                    .iter()
                    .any(|s| s.contains(name)),
                "{name:?} kept"
            );
        }
    }
    assert!(checkpoint::tui::setup::add(&app, "Ben\u{202e}").is_err());
    assert!(apply(&app, Field::Squad, "Kilo 山田 🦀").is_ok());
}
