//! A tmux server of a test's own running the real binary: `send-keys` types, `capture-pane`
//! reads the screen. Shared by the end-to-end tests (`e2e.rs`, `kill.rs`) with
//! `#[path = "harness/tmux.rs"] mod tmux;`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of the test's own, killed when the test ends.
pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    pub fn new(name: &str) -> Tmux {
        let check = Command::new("tmux").arg("-V").output();
        assert!(
            check.is_ok_and(|o| o.status.success()),
            "these tests need tmux (.ci/run installs it: apt-get install tmux)"
        );
        let t = Tmux {
            socket: format!("checkpoint-e2e-{name}-{}", std::process::id()),
            dir: tempfile::tempdir().unwrap(),
        };
        // An idle first window holds the session; each test window keeps its dead pane, so
        // that what a process printed before it ended can be read.
        t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-n",
            "idle",
            "-x",
            "100",
            "-y",
            "30",
            "sleep 600",
        ]);
        t.tmux(&["set-option", "-g", "remain-on-exit", "on"]);
        t
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Starts `checkpoint ARGS` in a 100×30 window named `window`.
    pub fn start(&self, window: &str, args: &[&str]) {
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        let command = format!(
            "exec env CHECKPOINT_HOME='{}' XDG_CONFIG_HOME='{}' TERM=xterm-256color {} {}",
            self.home().display(),
            self.dir.path().join("config").display(),
            env!("CARGO_BIN_EXE_checkpoint"),
            quoted.join(" ")
        );
        self.tmux(&["new-window", "-t", "main", "-n", window, &command]);
    }

    fn target(window: &str) -> String {
        format!("main:{window}")
    }

    /// Types keys: tmux key names (`Enter`, `Right`) or literal text.
    pub fn keys(&self, window: &str, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", &Tmux::target(window), key]);
            // A person types slower than tmux: give each key its own read and save.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn screen(&self, window: &str) -> String {
        // -S - takes the lines scrolled off too, -J joins wrapped lines.
        let target = Tmux::target(window);
        let out = self.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", &target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys in one `send-keys`, without waiting: they reach the program together, as
    /// from a fast typist or a paste.
    pub fn send(&self, window: &str, keys: &[&str]) {
        let target = Tmux::target(window);
        let mut args = vec!["send-keys", "-t", target.as_str()];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Waits until the screen shows `text`, and returns the screen.
    pub fn wait_for(&self, window: &str, text: &str) -> String {
        self.wait_until(window, &format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until `shows` holds for the screen (`what` names it in a failure), and returns
    /// the screen. Fails at once when the program has ended.
    pub fn wait_until(&self, window: &str, what: &str, shows: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(window);
            if shows(&screen) {
                return screen;
            }
            assert!(
                !self.pane_dead(window),
                "the program ended while waiting for {what}; the screen is:\n{screen}"
            );
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited 10 s for {what}; the screen is:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The pid of the program in `window`: the window's command `exec`s it, so the pane's
    /// process is the binary itself (checked where /proc tells).
    pub fn pid(&self, window: &str) -> u32 {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            &Tmux::target(window),
            "#{pane_pid}",
        ]);
        let pid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        if let Ok(exe) = std::fs::read_link(format!("/proc/{pid}/exe")) {
            let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_checkpoint")).unwrap();
            assert_eq!(
                exe, binary,
                "pid {pid} of window {window} is not the binary"
            );
        }
        pid
    }

    /// Sends SIGKILL to the program in `window`, by its own pid only, and waits until it died.
    pub fn sigkill(&self, window: &str) {
        let pid = self.pid(window).to_string();
        let kill = Command::new("kill").args(["-KILL", &pid]).status().unwrap();
        assert!(kill.success(), "kill -KILL {pid}");
        self.wait_dead(window, "the process outlived SIGKILL");
    }

    /// Closes `window`, whose program has ended.
    pub fn close(&self, window: &str) {
        self.tmux(&["kill-window", "-t", &Tmux::target(window)]);
    }

    /// Waits until the process in `window` has ended.
    pub fn wait_dead(&self, window: &str, why: &str) {
        let start = Instant::now();
        while !self.pane_dead(window) {
            assert!(start.elapsed() < Duration::from_secs(5), "{why}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pane_dead(&self, window: &str) -> bool {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            &Tmux::target(window),
            "#{pane_dead}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // The server leaves its socket file behind: removed too, so a run leaves nothing.
        let socket = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "display-message",
                "-p",
                "#{socket_path}",
            ])
            .output();
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        if let Ok(out) = socket {
            let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if out.status.success() && path.ends_with(&self.socket) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

pub fn checkpoint_file(home: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(home)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}
