//! One number everywhere: a checkpoint whose scores fall on a rounding tie, rendered through the
//! results screen, the board, the summary screen and `checkpoint export`, reads the same in each.

mod harness;

use checkpoint::assessment::Assessment;
use checkpoint::checkpoint::Vote;
use checkpoint::number::{fixed, percent};
use checkpoint::tui::Screen;
use harness::Harness;

/// Four people; every value below sits on a tie at the precision it is shown with.
fn tied() -> Harness {
    let mut h = Harness::workshop();
    let catalog = h.app.catalog.clone();
    let c = h.app.checkpoint_mut().unwrap();
    c.add_participant("Di").unwrap();
    let everyone = ["Ana", "Ben", "Cy", "Di"];
    let vote = |c: &mut checkpoint::checkpoint::Checkpoint, id: &str, values: [u8; 4]| {
        for (p, v) in everyone.iter().zip(values) {
            c.vote(id, p, Vote::Value(v));
        }
        c.set_revealed(id, true);
    };
    // DORA: 5, 5, 5.5, 5 makes a score of 5.125.
    for (i, q) in catalog.dora().questions.iter().enumerate() {
        vote(c, &q.id, if i == 2 { [5, 5, 6, 6] } else { [5; 4] });
    }
    // The first baseline section: one item voted, 2.25.
    let section = catalog.sections().next().unwrap();
    vote(c, &section.items[0].id, [2, 2, 2, 3]);
    // The first phase's first column: 1.75, 2, 2, ... of 2: progress 0.875 + ... on a tie.
    let board = catalog.board().unwrap();
    let cell = &board.phases[0].columns[0];
    for (i, m) in cell.milestones().enumerate() {
        vote(c, &m.id, if i == 0 { [2, 2, 2, 1] } else { [2; 4] });
    }
    h
}

fn summary_text(h: &mut Harness) -> String {
    h.keys("s");
    match &h.app.screen {
        Screen::Summary(state) => state.text.clone(),
        _ => panic!("the summary screen is open"),
    }
}

fn screen(h: &Harness) -> String {
    let terminal = h.draw(160, 50);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.trim_end().to_string() + "\n"
        })
        .collect()
}

fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("a line with {needle:?} in\n{text}"))
}

#[test]
fn every_number_reads_the_same_on_every_screen_and_in_the_summary() {
    let mut h = tied();
    let catalog = h.app.catalog.clone();
    let c = h.app.checkpoint().unwrap().clone();
    let a = Assessment::new(&catalog, &c);
    let score = fixed(a.dora.score.unwrap(), 2);
    assert_eq!(score, "5.13", "5.125 rounds half away from zero");
    let section = &a.baseline[0];
    let section_score = fixed(section.score.unwrap(), 1);
    assert_eq!(section_score, "2.3");
    let phase = &a.phases.as_ref().unwrap().phases[0];
    let cell = percent(phase.columns[0].progress.unwrap());
    let phase_total = percent(phase.progress.unwrap());

    h.keys("r");
    let results = screen(&h);
    assert!(
        line_with(&results, section.title).contains(&section_score),
        "{results}"
    );
    assert!(
        results.contains(&format!("score {score} of 6")),
        "{results}"
    );

    h.keys("b");
    let board = screen(&h);
    assert!(
        line_with(&board, phase.title).contains(&cell),
        "the board's cell reads {cell}:\n{board}"
    );

    let summary = summary_text(&mut h);
    assert!(
        summary.contains(&format!("DORA score {score} of 6")),
        "{summary}"
    );
    assert!(
        line_with(&summary, &format!("| {} |", section.title)).contains(&section_score),
        "{summary}"
    );
    let row = line_with(&summary, phase.title);
    assert!(row.contains(&phase_total) && row.contains(&cell), "{row}");

    // `checkpoint export` of the same file prints the same numbers.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_checkpoint"))
        .arg("export")
        .arg(h.path())
        .env("CHECKPOINT_HOME", h.dir.path().join("home"))
        .env("XDG_CONFIG_HOME", h.dir.path().join("config"))
        .output()
        .unwrap();
    let exported = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        exported.contains(&format!("DORA score {score} of 6")),
        "{exported}"
    );
    assert_eq!(line_with(&exported, phase.title), row);
}
