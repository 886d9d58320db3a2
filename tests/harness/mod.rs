//! The workshop screen driven by key presses on a `TestBackend`, shared by the screen tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Store};
use checkpoint::tui::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub struct Harness {
    pub app: App,
    pub dir: tempfile::TempDir,
    pub now: Instant,
}

pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2023, 1, 17)
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let now = Instant::now();
        let store = Store::new(dir.path().join("home"));
        let app = App::new(Catalog::builtin().unwrap(), store, today(), now);
        Harness { app, dir, now }
    }

    /// A three-person workshop, as `checkpoint new --squad ... --participant ...` starts it.
    pub fn workshop() -> Harness {
        let mut h = Harness::new();
        let mut c = Checkpoint::new("Partner Tooling", today());
        c.facilitator = "Fran".into();
        for p in ["Ana", "Ben", "Cy"] {
            c.add_participant(p).unwrap();
        }
        h.app.start_with(c);
        h
    }

    pub fn press(&mut self, code: KeyCode) {
        self.app
            .key(&KeyEvent::new(code, KeyModifiers::NONE), self.now);
    }

    /// Presses each character as a key.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Opens part `n` (0 is the DORA questions) from the agenda.
    pub fn open_part(&mut self, n: usize) {
        self.keys("g");
        for _ in 0..10 {
            self.press(KeyCode::Up);
        }
        for _ in 0..=n {
            self.press(KeyCode::Down);
        }
        self.enter();
    }

    pub fn enter(&mut self) {
        self.press(KeyCode::Enter);
    }

    /// Lets time pass, as the event loop's tick does.
    pub fn wait(&mut self, seconds: u64) {
        self.now += Duration::from_secs(seconds);
        self.app.tick(self.now);
    }

    pub fn draw(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| checkpoint::tui::render(frame, &self.app))
            .unwrap();
        terminal
    }

    /// The 80×24 screen as text, the temporary directory written `[HOME]`.
    pub fn screen(&self) -> String {
        self.screen_at(80, 24)
    }

    /// The screen `width` × `height` as text, the temporary directory written `[HOME]`.
    pub fn screen_at(&self, width: u16, height: u16) -> String {
        let terminal = self.draw(width, height);
        let buffer = terminal.backend().buffer();
        let mut lines = Vec::new();
        for y in 0..buffer.area.height {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            lines.push(line.trim_end().to_string());
        }
        let home = self.dir.path().join("home").display().to_string();
        lines.join("\n").replace(&home, "[HOME]")
    }

    pub fn path(&self) -> PathBuf {
        self.app
            .work
            .as_ref()
            .and_then(|w| w.path.clone())
            .expect("a saved checkpoint")
    }

    /// The checkpoint as saved on disk.
    pub fn saved(&self) -> Checkpoint {
        checkpoint::checkpoint::load(&self.path()).unwrap()
    }
}
