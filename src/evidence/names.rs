//! What names and messages say: a version tag, a glob pattern, a hotfix, a revert.

/// A release version read from a tag's name: `v1.2.3`, `1.2`, `V2.0.1-hotfix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

/// Words that mark a pre-release after the version (`v1.2.0-rc1`, `2.0.0-beta.2`): not a
/// deployment to production.
const PRE_RELEASE: [&str; 8] = [
    "alpha", "beta", "rc", "pre", "dev", "snapshot", "nightly", "canary",
];

/// The version a tag's name starts with (an optional `v`, then at least `MAJOR.MINOR`) and
/// what follows it.
fn version_parts(name: &str) -> Option<(Version, &str)> {
    let rest = name.strip_prefix(['v', 'V']).unwrap_or(name);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (numbers, suffix) = rest.split_at(end);
    let parts: Vec<&str> = numbers.split('.').collect();
    if parts.len() < 2 || parts.len() > 4 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let n = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<u64>().ok());
    let version = Version {
        major: n(0)?,
        minor: n(1)?,
        patch: n(2)?,
    };
    matches!(suffix.chars().next(), None | Some('+' | '-')).then_some((version, suffix))
}

/// Whether a tag names a pre-release of a version: `v1.2.0-rc1`, `2.0.0-beta.2`.
pub fn is_pre_release(name: &str) -> bool {
    version_parts(name).is_some_and(|(_, suffix)| {
        let suffix = suffix.to_ascii_lowercase();
        suffix.starts_with('-') && PRE_RELEASE.iter().any(|w| suffix.contains(w))
    })
}

/// The version a release tag names: an optional `v`, then at least `MAJOR.MINOR` (a bare `v1`
/// is left out: such tags are often moved from release to release), then optionally `-…` or
/// `+…`. `None` for another name, and for a pre-release (`-rc1`, `-beta`, …).
pub fn release_version(name: &str) -> Option<Version> {
    let (version, _) = version_parts(name)?;
    (!is_pre_release(name)).then_some(version)
}

/// Whether `name` matches the glob `pattern`: `*` any run of characters (`/` too), `?` one
/// character, anything else itself.
pub fn glob(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // Greedy with one backtrack point: linear enough for names.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == '?' || c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The names that mark a hotfix, case aside.
pub const HOTFIX_PATTERNS: [&str; 2] = ["*hotfix*", "*-fix"];

/// Whether a branch or tag name says hotfix (see [`HOTFIX_PATTERNS`]).
pub fn is_hotfix(name: &str) -> bool {
    let name = name.to_lowercase();
    HOTFIX_PATTERNS.iter().any(|p| glob(p, &name))
}

/// Whether a merge's subject names a hotfix branch: `Merge branch 'hotfix/login'`,
/// `Merge pull request #12 from org/hotfix-login`.
pub fn merges_hotfix(subject: &str) -> bool {
    let lower = subject.to_lowercase();
    lower.starts_with("merge") && lower.split([' ', '\'', '"']).any(is_hotfix)
}

/// What a revert commit undoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reverted {
    /// `This reverts commit <id>` (as `git revert` writes it): the id, maybe abbreviated.
    Commit(String),
    /// A subject `Revert "…"` without the id (a squashed revert): the commit is not known.
    Unknown,
}

/// What a commit's message says it reverts, if it is a revert.
pub fn reverts(message: &str) -> Option<Reverted> {
    const MARK: &str = "This reverts commit ";
    if let Some(at) = message.find(MARK) {
        let id: String = message[at + MARK.len()..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        if id.len() >= 7 {
            return Some(Reverted::Commit(id.to_ascii_lowercase()));
        }
    }
    let subject = message.lines().next().unwrap_or_default();
    subject
        .starts_with("Revert \"")
        .then_some(Reverted::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_tags_are_versions_and_not_pre_releases() {
        let v = |major, minor, patch| {
            Some(Version {
                major,
                minor,
                patch,
            })
        };
        assert_eq!(release_version("v1.2.3"), v(1, 2, 3));
        assert_eq!(release_version("1.2"), v(1, 2, 0));
        assert_eq!(release_version("V10.0.1"), v(10, 0, 1));
        assert_eq!(release_version("v1.2.3+build.7"), v(1, 2, 3));
        assert_eq!(release_version("v1.2.4-hotfix"), v(1, 2, 4));
        assert_eq!(release_version("1.2.3.4"), v(1, 2, 3));
        for not in [
            "v1",
            "v1.",
            "v1..2",
            "release",
            "v1.2.0-rc1",
            "2.0.0-beta.2",
            "v3.1.0-alpha",
            "v1.2.3-SNAPSHOT",
            "vx.1",
            "version-1.2",
            "",
        ] {
            assert_eq!(release_version(not), None, "{not}");
        }
        assert!(is_pre_release("v1.2.0-rc1"));
        assert!(!is_pre_release("v1.2.0-hotfix"));
        assert!(!is_pre_release("release-candidate"));
    }

    #[test]
    fn globs_match_whole_names() {
        assert!(glob("v*", "v1.2"));
        assert!(glob("*", ""));
        assert!(glob("release-*", "release-2026-01"));
        assert!(!glob("release-*", "pre-release-1"));
        assert!(glob("*hotfix*", "release/hotfix-1"));
        assert!(glob("deploy-??", "deploy-12"));
        assert!(!glob("deploy-??", "deploy-123"));
        assert!(glob("a*b*c", "a-b-b-c"));
        assert!(!glob("a*b*c", "a-b-b-d"));
        assert!(glob("*-fix", "login-fix"));
        assert!(!glob("*-fix", "login-fixed"));
    }

    #[test]
    fn hotfix_names() {
        for yes in ["hotfix/login", "v1.2.1-hotfix", "HotFix-3", "release-fix"] {
            assert!(is_hotfix(yes), "{yes}");
        }
        for no in ["fix/login", "v1.2.1", "fixes", "prefix"] {
            assert!(!is_hotfix(no), "{no}");
        }
        assert!(merges_hotfix("Merge branch 'hotfix/login' into main"));
        assert!(merges_hotfix(
            "Merge pull request #12 from org/hotfix-login"
        ));
        assert!(!merges_hotfix("Merge branch 'feature/login'"));
        assert!(!merges_hotfix("hotfix the login"), "not a merge");
    }

    #[test]
    fn reverts_are_read_from_the_message() {
        let id = "0123456789abcdef0123456789abcdef01234567";
        let message = format!("Revert \"Add login\"\n\nThis reverts commit {id}.\n");
        assert_eq!(reverts(&message), Some(Reverted::Commit(id.to_string())));
        assert_eq!(
            reverts("Undo\n\nThis reverts commit ABCDEF1, it broke prod"),
            Some(Reverted::Commit("abcdef1".into()))
        );
        assert_eq!(
            reverts("Revert \"Add login\" (#14)\n\nReverts org/repo#12"),
            Some(Reverted::Unknown)
        );
        assert_eq!(reverts("Add login\n\nThis reverts commit 12."), None);
        assert_eq!(reverts("Reverting is hard"), None);
        assert_eq!(reverts(""), None);
    }
}
