//! The `checkpoint` binary run as a user runs it, in a temporary home of its own (checkpoints,
//! config, data), so tests never touch the user's files. Shared by the command-line tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// A temporary home for checkpoints and config.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Where the checkpoints are kept (`CHECKPOINT_HOME`); not made until something is saved.
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("checkpoints")
    }

    /// Copies every file of the fixture folder `folder` (under tests/fixtures/) into the home.
    pub fn copy_in(&self, folder: &str) {
        std::fs::create_dir_all(self.home()).unwrap();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(folder);
        for f in std::fs::read_dir(fixtures).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, self.home().join(f.file_name().unwrap())).unwrap();
        }
    }

    /// Runs the binary with `args`, to its end.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    /// Runs the binary with `args` and the environment variables `vars` set, to its end. The
    /// runner's own CONFLUENCE_* variables never reach it.
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_checkpoint"));
        for name in [
            "CONFLUENCE_URL",
            "CONFLUENCE_FLAVOUR",
            "CONFLUENCE_EMAIL",
            "CONFLUENCE_TOKEN",
        ] {
            command.env_remove(name);
        }
        command
            .envs(vars.iter().copied())
            .args(args)
            .env("CHECKPOINT_HOME", self.home())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("HOME", self.dir.path())
            .output()
            .unwrap()
    }

    /// What `args` printed; panics, with its errors, unless it succeeded.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    }

    /// What `args` printed as errors; panics unless it failed.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{args:?} should fail; printed {}",
            stdout(&out)
        );
        stderr(&out)
    }

    /// The files in the checkpoint home.
    pub fn files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.home()) {
            Ok(read) => read.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
