//! Atomic file writes: a temporary file in the target's directory, synced, then renamed over the
//! target (and the directory synced), so a reader or a crash sees the old content or the new,
//! never a mix.
//!
//! Temporary files are named `.checkpoint-<target name>.<random>.tmp`, so the holder of a
//! checkpoint's lock can tell which leftovers of a killed process are its own to clean up
//! ([`clean_stale`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The start every temporary file's name shares.
const PREFIX: &str = ".checkpoint-";
const SUFFIX: &str = ".tmp";

/// How old a temporary file of another target must be before [`clean_stale`] takes it for a
/// leftover: a live write holds its file for milliseconds.
const ORPHAN_AGE: Duration = Duration::from_secs(10 * 60);

/// Writes `bytes` to `path` atomically, creating the parent directory if needed.
///
/// A symlink is written through (its target is replaced, the link stays), and an existing
/// file keeps its permissions; a new file gets the usual `rw-r--r--`. Anything that is not a
/// regular file (a directory, a device such as `/dev/null`, a pipe) is refused, never replaced.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve(path);
    let permissions = match std::fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => return Err(not_regular(&meta)),
        Ok(meta) => Some(meta.permissions()),
        Err(_) => None,
    };
    let (tmp, dir) = temporary(&target, bytes, permissions)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir)
}

/// Writes `bytes` to `path` atomically, failing with [`std::io::ErrorKind::AlreadyExists`] when
/// something is there already: a file that appears is complete, and an existing one is never
/// replaced (a filled-in ballot is not lost to a blank one).
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (tmp, dir) = temporary(path, bytes, None)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(&dir)
}

/// Removes the temporary files a killed writer left beside `target`: those made for `target`
/// itself (the caller holds its lock, so no live write owns them) and those of any other file
/// older than ten minutes. Returns how many were removed; errors are ignored, as a leftover
/// harms nothing but the directory's tidiness.
pub fn clean_stale(target: &Path) -> usize {
    let dir = parent(target);
    let own = target.file_name().map(|n| prefix_for(&n.to_string_lossy()));
    let Ok(read) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in read.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let mine = own.as_ref().is_some_and(|p| name.starts_with(p.as_str()));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > ORPHAN_AGE));
        if (mine || old) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The temporary file's name start for a target named `name`, cut to keep within the 255
/// bytes most file systems allow.
fn prefix_for(name: &str) -> String {
    let mut cut = name.len().min(120);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{PREFIX}{}.", &name[..cut])
}

/// A synced temporary file holding `bytes` beside `target`, and its directory.
fn temporary(
    target: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<(tempfile::NamedTempFile, PathBuf)> {
    let dir = parent(target).to_path_buf();
    std::fs::create_dir_all(&dir)?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix_for(&name))
        .suffix(SUFFIX)
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    let permissions = match permissions {
        Some(p) => p,
        None => new_file_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    Ok((tmp, dir))
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn not_regular(meta: &std::fs::Metadata) -> std::io::Error {
    let what = if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file (a device, pipe or socket)"
    };
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("{what}; refusing to replace it"),
    )
}

/// Makes the rename durable: the directory entry is on disk once this returns.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::File::open(dir).and_then(|d| d.sync_all()) {
        // Some file systems cannot sync a directory; the rename itself has happened.
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Where a write to `path` must land: the file a symlink points to, else `path` itself.
fn resolve(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

#[cfg(unix)]
fn new_file_permissions(_: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_content_keeps_permissions_and_writes_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        write(&file, b"one").unwrap();
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o644
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        write(&file, b"two").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );

        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        write(&link, b"three").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"three");
        assert_eq!(names(dir.path()), ["a.md", "link.md"], "no temporary file");
    }

    #[test]
    fn what_is_not_a_regular_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let err = write(&sub, b"x").unwrap_err();
        assert!(err.to_string().contains("a directory"), "{err}");
        assert!(sub.is_dir());
        // A device or a pipe (as /dev/null is) stays what it is, even for root.
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let err = write(&fifo, b"x").unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(!std::fs::metadata(&fifo).unwrap().is_file());
        assert_eq!(names(dir.path()), ["fifo", "sub"], "no temporary file");
    }

    #[test]
    fn new_files_never_replace_and_never_appear_half_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ballot.yaml");
        write_new(&file, b"filled in").unwrap();
        let err = write_new(&file, b"blank").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&file).unwrap(), b"filled in");
        assert_eq!(names(dir.path()), ["ballot.yaml"], "no temporary file");
    }

    #[test]
    fn stale_temporary_files_of_the_target_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("squad.toml");
        std::fs::write(&target, "x").unwrap();
        // What a writer killed between creating and renaming leaves behind.
        let mine = dir.path().join(".checkpoint-squad.toml.Ab12Cd.tmp");
        let other_fresh = dir.path().join(".checkpoint-other.toml.Zz99Yy.tmp");
        let unrelated = dir.path().join("notes.tmp");
        for f in [&mine, &other_fresh, &unrelated] {
            std::fs::write(f, "").unwrap();
        }
        assert_eq!(clean_stale(&target), 1);
        assert_eq!(
            names(dir.path()),
            [
                ".checkpoint-other.toml.Zz99Yy.tmp",
                "notes.tmp",
                "squad.toml"
            ]
        );
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&other_fresh)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(
            clean_stale(&target),
            1,
            "an old orphan of another file goes"
        );
        assert_eq!(names(dir.path()), ["notes.tmp", "squad.toml"]);
    }

    #[test]
    fn long_names_keep_the_temporary_name_within_limits() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.toml", "é".repeat(120));
        let file = dir.path().join(&name);
        write(&file, b"x").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
    }
}
