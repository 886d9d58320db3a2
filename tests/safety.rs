//! Nothing acknowledged is lost: a failed save holds the screen open, a checkpoint is locked by
//! whatever path leads to it, a read-only one is never rewritten, and no half-written or empty
//! file is left by a killed or failing write.

use std::path::Path;
use std::process::{Command, Output};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Store};
use checkpoint::tui::app::{App, Workshop};
use crossterm::event::KeyCode;

mod harness;
use harness::Harness;

/// The saved file made unwritable, in a way that holds even for root: a directory in its place.
fn make_unwritable(path: &Path) {
    std::fs::remove_file(path).unwrap();
    std::fs::create_dir(path).unwrap();
}

fn restore_writable(path: &Path) {
    std::fs::remove_dir(path).unwrap();
}

fn votes(c: &Checkpoint, question: &str) -> usize {
    c.answer(question).map_or(0, |a| a.votes.len())
}

#[test]
fn a_failed_save_stops_quit_and_home_until_the_facilitator_decides() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("4");
    let path = h.path();
    make_unwritable(&path);

    // Ben's vote cannot be written: the facilitator is told at once.
    h.keys("5");
    assert!(h.screen().contains("Not saved"), "{}", h.screen());
    assert!(
        h.screen().contains("x quit without saving"),
        "{}",
        h.screen()
    );
    h.press(KeyCode::Esc);
    assert!(h.screen().contains("NOT SAVED"), "{}", h.screen());

    // q, Ctrl-C and Esc-to-home do not leave; the question comes back instead.
    h.keys("q");
    assert!(!h.app.should_quit(), "q left with an unsaved vote");
    assert!(h.screen().contains("Not saved"), "{}", h.screen());
    h.press(KeyCode::Esc);
    h.app.key(
        &crossterm::event::KeyEvent::new(
            KeyCode::Char('c'),
            crossterm::event::KeyModifiers::CONTROL,
        ),
        h.now,
    );
    assert!(!h.app.should_quit(), "Ctrl-C left with an unsaved vote");
    h.press(KeyCode::Esc);
    h.keys("g");
    h.press(KeyCode::Esc);
    assert!(
        h.app.work.is_some(),
        "Esc to home closed an unsaved checkpoint"
    );
    assert!(h.screen().contains("Not saved"), "{}", h.screen());

    // Retry once the store can be written again: both votes are on disk, and q leaves.
    restore_writable(&path);
    h.keys("r");
    assert!(!h.screen().contains("Not saved"), "{}", h.screen());
    assert_eq!(votes(&h.saved(), "dora.lead-time"), 2);
    h.keys("q");
    assert!(h.app.should_quit());
    assert_eq!(h.app.lost(), None);
}

#[test]
fn an_unsaved_checkpoint_can_be_saved_elsewhere_or_left_explicitly() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("4");
    let path = h.path();
    make_unwritable(&path);
    h.keys("5");

    // Save elsewhere: a new file, where the checkpoint is kept from now on.
    let rescue = h.dir.path().join("rescue.toml");
    h.keys("s");
    for _ in 0..80 {
        h.press(KeyCode::Backspace);
    }
    h.keys(rescue.to_str().unwrap());
    h.enter();
    assert_eq!(h.path(), rescue);
    let saved = checkpoint::checkpoint::load(&rescue).unwrap();
    assert_eq!(votes(&saved, "dora.lead-time"), 2);
    h.keys("6");
    let saved = checkpoint::checkpoint::load(&rescue).unwrap();
    assert_eq!(
        votes(&saved, "dora.lead-time"),
        3,
        "later keys save there too"
    );

    // A second failure; this time the facilitator leaves without saving, and is told so.
    make_unwritable(&rescue);
    h.press(KeyCode::Left);
    h.keys("1");
    assert!(h.screen().contains("Not saved"), "{}", h.screen());
    h.keys("x");
    assert!(h.app.should_quit());
    let lost = h.app.lost().expect("what was lost is said");
    assert!(lost.contains("rescue.toml"), "{lost}");
}

#[test]
fn a_checkpoint_is_locked_whatever_path_leads_to_it() {
    let h = Harness::workshop();
    let path = h.path();
    let catalog = Catalog::builtin().unwrap();
    let link = h.dir.path().join("link.toml");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let linked_dir = h.dir.path().join("linked-home");
    std::os::unix::fs::symlink(path.parent().unwrap(), &linked_dir).unwrap();
    let spelled = linked_dir.join(path.file_name().unwrap());
    for other in [&link, &spelled] {
        let err = Workshop::open(other, &catalog, h.now).unwrap_err();
        assert!(
            format!("{err:#}").contains("open in another checkpoint window"),
            "{}: {err:#}",
            other.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_checkpoint_opens_read_only_and_is_never_rewritten() {
    use std::os::unix::fs::PermissionsExt;
    let h = Harness::workshop();
    let path = h.path();
    let dir = h.dir.path().join("home");
    drop(h.app);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

    let catalog = Catalog::builtin().unwrap();
    let (work, _) = Workshop::open(&path, &catalog, h.now).unwrap();
    assert!(work.is_read_only());
    let mut app = App::new(catalog, Store::new(dir), harness::today(), h.now);
    app.resume(work, None);
    let mut h = Harness { app, ..h };
    h.enter();
    h.keys("4");
    let screen = h.screen();
    assert!(screen.contains("read-only"), "{screen}");
    assert_eq!(votes(h.app.checkpoint().unwrap(), "dora.lead-time"), 0);
    h.keys("q");
    assert!(h.app.should_quit());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn opening_a_checkpoint_cleans_what_a_killed_save_left() {
    let h = Harness::workshop();
    let path = h.path();
    drop(h.app);
    let name = path.file_name().unwrap().to_string_lossy();
    let leftover = path.with_file_name(format!(".checkpoint-{name}.k1ll3d.tmp"));
    std::fs::write(&leftover, "format = 1\nsqu").unwrap();
    let catalog = Catalog::builtin().unwrap();
    let _open = Workshop::open(&path, &catalog, h.now).unwrap();
    assert!(
        !leftover.exists(),
        "the killed save's temporary file is gone"
    );
}

/// Runs the binary in `sh` with file writes capped at `blocks` 512-byte blocks.
fn capped(dir: &Path, blocks: u32, ignore_signal: bool, args: &str) -> Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    let script = format!(
        "{trap}ulimit -f {blocks}; exec '{}' {args}",
        env!("CARGO_BIN_EXE_checkpoint")
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CHECKPOINT_HOME", dir.join("store"))
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_ballot_on_a_full_disk_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = capped(dir.path(), 1, true, "ballot -o ballot.yaml");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create the ballot"), "{err}");
    let left: Vec<_> = files(dir.path())
        .into_iter()
        .filter(|n| n != "store")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn an_import_killed_while_writing_leaves_no_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let ballots = "tests/fixtures/ballots/ana.yaml tests/fixtures/ballots/ben.yaml";
    // Killed by the file-size signal in the middle of writing the checkpoint.
    let out = capped(dir.path(), 1, false, &format!("import --squad S {ballots}"));
    assert!(!out.status.success());
    let store = dir.path().join("store");
    let toml: Vec<_> = files(&store)
        .into_iter()
        .filter(|n| n.ends_with(".toml"))
        .collect();
    assert!(toml.is_empty(), "an aborted import left {toml:?}");
}

#[test]
fn export_never_replaces_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let ballots = "tests/fixtures/ballots/ana.yaml tests/fixtures/ballots/ben.yaml";
    let out = capped(
        dir.path(),
        1 << 20,
        false,
        &format!("import --squad S {ballots}"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let name = files(&dir.path().join("store")).remove(0);
    let name = name.trim_end_matches(".toml");
    for target in [&fifo, &sub] {
        let args = format!("export '{name}' -o '{}'", target.display());
        let out = capped(dir.path(), 1 << 20, false, &args);
        assert!(!out.status.success(), "{}", target.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("refusing to replace it"), "{err}");
    }
    assert!(sub.is_dir());
    assert!(!std::fs::metadata(&fifo).unwrap().is_file());
}
