//! Reads a repository's deployments with the `git` command (`git -C PATH`, plumbing and
//! `--format` output only): release tags, or merges to the main branch when there are none, and
//! the commits each shipped first.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jiff::Timestamp;
use jiff::civil::Date;

use super::names;
use super::{Commit, Deployment, Input, Marker, Window, day_of};

/// Why a repository could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{}: no such directory", .0.display())]
    NoDirectory(PathBuf),
    #[error("{}: not a git repository{}", .path.display(), aside(.detail))]
    NotARepository { path: PathBuf, detail: String },
    #[error("cannot run git ({0}); is it installed and on the PATH?")]
    Spawn(std::io::Error),
    #[error("{}: `git {args}` failed: {detail}", .path.display())]
    Failed {
        path: PathBuf,
        args: String,
        detail: String,
    },
    #[error("{}: `git {args}` printed a line this program cannot read: {line}", .path.display())]
    Unreadable {
        path: PathBuf,
        args: String,
        line: String,
    },
}

/// What to read.
#[derive(Debug, Clone)]
pub struct Options {
    /// A glob for the deployment tags; `None`: tags that name a release version.
    pub tag: Option<String>,
    pub since: Date,
    pub until: Date,
    pub patches_are_fixes: bool,
}

/// The repository's evidence, and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Gathered {
    pub input: Input,
    /// The repository's top directory (its git directory when bare).
    pub repo: PathBuf,
    /// The main branch, when there is one.
    pub branch: Option<String>,
    /// Things worth saying about what was counted and what was not.
    pub notes: Vec<String>,
}

/// A repository read through `git -C`.
struct Repo {
    path: PathBuf,
}

const FIELD: char = '\0';
const RECORD: char = '\u{1e}';

impl Repo {
    /// Runs git with `args` (and `stdin`), returning what it printed.
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Result<String, GitError> {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.path)
            // Settings that would change the output of `log` and `for-each-ref`.
            .args(["-c", "log.showSignature=false", "-c", "color.ui=never"])
            .args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // The repository is the one given, whatever the environment points at.
        for var in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_COMMON_DIR",
            "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES",
            "GIT_NAMESPACE",
        ] {
            command.env_remove(var);
        }
        let mut child = command.spawn().map_err(GitError::Spawn)?;
        let writer = match (stdin, child.stdin.take()) {
            (Some(text), Some(mut pipe)) => {
                let text = text.to_string();
                Some(std::thread::spawn(move || pipe.write_all(text.as_bytes())))
            }
            _ => None,
        };
        let output = child.wait_with_output().map_err(GitError::Spawn)?;
        if let Some(writer) = writer {
            // A write error shows as git's own failure below.
            let _ = writer.join();
        }
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(GitError::Failed {
                path: self.path.clone(),
                args: args.join(" "),
                detail: first_line(&stderr),
            });
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    fn unreadable(&self, args: &[&str], line: &str) -> GitError {
        GitError::Unreadable {
            path: self.path.clone(),
            args: args.join(" "),
            line: line.chars().take(120).collect(),
        }
    }

    /// Whether `rev` names a commit.
    fn resolves(&self, rev: &str) -> bool {
        let spec = format!("{rev}^{{commit}}");
        self.run(&["rev-parse", "--verify", "--quiet", &spec], None)
            .is_ok()
    }

    /// The main branch: the one `origin/HEAD` points at, else `main`, `master`, or `HEAD`.
    fn main_branch(&self) -> Option<String> {
        let mut candidates = Vec::new();
        if let Ok(remote) = self.run(
            &[
                "symbolic-ref",
                "--quiet",
                "--short",
                "refs/remotes/origin/HEAD",
            ],
            None,
        ) {
            let remote = remote.trim().to_string();
            if let Some(local) = remote.strip_prefix("origin/") {
                candidates.push(local.to_string());
            }
            candidates.push(remote);
        }
        candidates.extend(["main", "master", "HEAD"].map(String::from));
        candidates.into_iter().find(|c| {
            let local = format!("refs/heads/{c}");
            let rev = if c == "HEAD" || c.starts_with("origin/") {
                c.as_str()
            } else {
                local.as_str()
            };
            self.resolves(rev)
        })
    }

    /// Every tag that leads to a commit: name, commit, date.
    fn tags(&self) -> Result<Vec<(String, String, Timestamp)>, GitError> {
        let args = [
            "for-each-ref",
            "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00\
             %(*objectname)%00%(creatordate:unix)",
            "refs/tags",
        ];
        let text = self.run(&args, None)?;
        let mut tags = Vec::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let f: Vec<&str> = line.split(FIELD).collect();
            let [name, kind, object, deref_kind, deref, date] = f[..] else {
                return Err(self.unreadable(&args, line));
            };
            let commit = match (kind, deref_kind) {
                ("commit", _) => object,
                ("tag", "commit") => deref,
                // A tag of a tree, a blob or another tag: not a release of code.
                _ => continue,
            };
            let at = timestamp(date).ok_or_else(|| self.unreadable(&args, line))?;
            tags.push((name.to_string(), commit.to_string(), at));
        }
        Ok(tags)
    }

    /// The merges on `branch`'s first-parent history: short id, id, date.
    fn merges(&self, branch: &str) -> Result<Vec<(String, String, Timestamp)>, GitError> {
        let args = [
            "log",
            "--first-parent",
            "--merges",
            "--format=%h%x00%H%x00%ct",
            branch,
            "--",
        ];
        let text = self.run(&args, None)?;
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|line| {
                let f: Vec<&str> = line.split(FIELD).collect();
                match f[..] {
                    [short, id, date] => Ok((
                        short.to_string(),
                        id.to_string(),
                        timestamp(date).ok_or_else(|| self.unreadable(&args, line))?,
                    )),
                    _ => Err(self.unreadable(&args, line)),
                }
            })
            .collect()
    }

    /// The commits reachable from `tip` and from none of `not`.
    fn commits(&self, tip: &str, not: &[&str]) -> Result<Vec<Commit>, GitError> {
        let args = ["log", "--stdin", "--format=%H%x00%ct%x00%P%x00%B%x1e"];
        let mut stdin = format!("{tip}\n");
        for n in not {
            stdin.push('^');
            stdin.push_str(n);
            stdin.push('\n');
        }
        let text = self.run(&args, Some(&stdin))?;
        let mut commits = Vec::new();
        for record in text.split(RECORD) {
            let record = record.trim_start_matches('\n');
            if record.is_empty() {
                continue;
            }
            let f: Vec<&str> = record.splitn(4, FIELD).collect();
            let [id, date, parents, message] = f[..] else {
                return Err(self.unreadable(&args, record));
            };
            commits.push(Commit {
                id: id.to_string(),
                at: timestamp(date).ok_or_else(|| self.unreadable(&args, record))?,
                parents: parents.split_whitespace().count(),
                message: message.trim_end().to_string(),
            });
        }
        Ok(commits)
    }

    /// The date of the earliest root commit of `branch`.
    fn first_commit(&self, branch: &str) -> Result<Option<Timestamp>, GitError> {
        let text = self.run(
            &["log", "--max-parents=0", "--format=%ct", branch, "--"],
            None,
        )?;
        Ok(text.lines().filter_map(timestamp).min())
    }

    /// Branches and tags named like a hotfix: name and date (the tip's commit date for a branch,
    /// the tag's date for a tag).
    fn hotfix_refs(&self) -> Result<Vec<Marker>, GitError> {
        let args = [
            "for-each-ref",
            "--format=%(refname:short)%00%(creatordate:unix)",
            "refs/heads",
            "refs/remotes",
            "refs/tags",
        ];
        let text = self.run(&args, None)?;
        let mut markers = Vec::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let Some((name, date)) = line.split_once(FIELD) else {
                return Err(self.unreadable(&args, line));
            };
            if names::is_hotfix(name)
                && let Some(at) = timestamp(date)
            {
                markers.push(Marker {
                    name: name.to_string(),
                    at,
                });
            }
        }
        Ok(markers)
    }
}

/// git's own words, unless they only repeat ours.
fn aside(detail: &str) -> String {
    if detail.is_empty() || detail.starts_with("not a git repository") {
        String::new()
    } else {
        format!(" ({detail})")
    }
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(|l| l.trim_start_matches("fatal: ").trim())
        .find(|l| !l.is_empty())
        .unwrap_or("no message");
    line.chars().take(200).collect()
}

fn timestamp(text: &str) -> Option<Timestamp> {
    Timestamp::from_second(text.trim().parse().ok()?).ok()
}

/// Reads the evidence of the repository at `path` for the window `options` gives.
pub fn read(path: &Path, options: &Options) -> Result<Gathered, GitError> {
    if !path.is_dir() {
        return Err(GitError::NoDirectory(path.to_path_buf()));
    }
    let repo = Repo {
        path: path.to_path_buf(),
    };
    let top = match repo.run(
        &["rev-parse", "--absolute-git-dir", "--show-toplevel"],
        None,
    ) {
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            PathBuf::from(lines.get(1).or(lines.first()).copied().unwrap_or_default())
        }
        Err(GitError::Failed { detail, .. }) => {
            // `--show-toplevel` fails in a bare repository: try again without it.
            match repo.run(&["rev-parse", "--absolute-git-dir"], None) {
                Ok(dir) => PathBuf::from(dir.trim()),
                Err(_) => {
                    return Err(GitError::NotARepository {
                        path: path.to_path_buf(),
                        detail,
                    });
                }
            }
        }
        Err(e) => return Err(e),
    };
    let branch = repo.main_branch();
    let mut notes = Vec::new();
    let window_of = |data_start| Window {
        since: options.since,
        until: options.until,
        data_start,
    };
    let data_start = match &branch {
        Some(b) => repo.first_commit(b)?.map(day_of),
        None => None,
    };
    let window = window_of(data_start);

    // The candidates: tags, else merges to the main branch.
    let all_tags = repo.tags()?;
    let mut tagged: Vec<(String, String, Timestamp)> = match &options.tag {
        Some(pattern) => all_tags
            .iter()
            .filter(|(name, ..)| names::glob(pattern, name))
            .cloned()
            .collect(),
        None => all_tags
            .iter()
            .filter(|(name, ..)| names::release_version(name).is_some())
            .cloned()
            .collect(),
    };
    if options.tag.is_none() {
        let pre = all_tags
            .iter()
            .filter(|(name, ..)| names::is_pre_release(name))
            .count();
        if pre > 0 {
            notes.push(format!(
                "{pre} pre-release tag{} (-rc, -beta, …) left out.",
                if pre == 1 { "" } else { "s" }
            ));
        }
    }
    let tags = !tagged.is_empty();
    let (source, mut candidates) = if tags {
        let source = match &options.tag {
            Some(p) => format!("tags matching `{p}`"),
            None => "release tags (versions such as v1.2.3)".to_string(),
        };
        (source, std::mem::take(&mut tagged))
    } else {
        match &branch {
            Some(b) => {
                notes.push(match &options.tag {
                    Some(p) => format!("No tag matches `{p}`: merges to {b} count instead."),
                    None => format!("No release tags: merges to {b} count instead."),
                });
                (
                    format!("merges to {b} (its first-parent history)"),
                    repo.merges(b)?,
                )
            }
            None => (
                "nothing: the repository has no commits".to_string(),
                Vec::new(),
            ),
        }
    };
    candidates.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
    // A commit tagged twice (`v1.2.0` and `1.2.0`) is one deployment: the first tag's.
    let mut seen = HashSet::new();
    let before = candidates.len();
    candidates.retain(|(_, commit, _)| seen.insert(commit.clone()));
    if candidates.len() < before {
        notes.push(format!(
            "{} on an already tagged commit left out.",
            match before - candidates.len() {
                1 => "1 tag".to_string(),
                n => format!("{n} tags"),
            }
        ));
    }
    // Only what happened up to the window's end counts.
    candidates.retain(|(.., at)| day_of(*at) <= window.until);

    let mut deployments = Vec::new();
    for (i, (name, commit, at)) in candidates.iter().enumerate() {
        if !window.holds(*at) {
            continue;
        }
        let earlier: Vec<&str> = candidates[..i].iter().map(|c| c.1.as_str()).collect();
        deployments.push(Deployment {
            name: name.clone(),
            at: *at,
            commits: repo.commits(commit, &earlier)?,
            first_ever: i == 0,
        });
    }
    let pending = match &branch {
        Some(b) => {
            let shipped: Vec<&str> = candidates.iter().map(|c| c.1.as_str()).collect();
            let mut pending = repo.commits(b, &shipped)?;
            pending.retain(|c| day_of(c.at) <= window.until);
            pending
        }
        None => Vec::new(),
    };
    let deployed: HashSet<&str> = candidates.iter().map(|c| c.0.as_str()).collect();
    let mut hotfixes = repo.hotfix_refs()?;
    hotfixes.retain(|m| !deployed.contains(m.name.as_str()));
    Ok(Gathered {
        input: Input {
            window,
            source,
            tags,
            deployments,
            pending,
            hotfixes,
            patches_are_fixes: options.patches_are_fixes,
        },
        repo: top,
        branch,
        notes,
    })
}
