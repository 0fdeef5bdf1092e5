//! Writing outputs so that a failed or killed run never leaves them half-written.
//!
//! Single files are written to a temporary sibling and renamed over the target.
//! A generated crate is written to a staging folder beside it and exchanged
//! with the old folder in one atomic step. Leftover temporaries (`*.tmp-gen`)
//! of a killed run are ignored by git and removed by the next run.
//! Only files listed in the crate's manifest (written by an earlier run) are
//! ever replaced; anything else found in the folder is carried over untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The manifest of generated files, kept in the crate folder.
pub const MANIFEST: &str = ".generated-files";

/// Files of one output folder, by path relative to it.
pub type Files = BTreeMap<PathBuf, String>;

/// Write `contents` to `path` atomically (temp file + fsync + rename).
pub fn write_atomic(path: &Path, contents: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = sibling(path, ".tmp-gen");
    write_synced(&tmp, contents)?;
    fs::rename(&tmp, path)
}

/// Write `contents` to `path` and flush it to disk (the temporaries renamed over targets).
fn write_synced(path: &Path, contents: &str) -> io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(contents.as_bytes())?;
    f.sync_all()
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Write files of one folder that must change together (a spec and the baselines the next run
/// compares it with): each to a temporary, then a journal naming them (the commit point), then
/// the renames. A run killed before the journal leaves them all as they were; one killed after
/// it is rolled forward by [`finish_pending`], which the next run calls before it reads them.
pub fn write_together(journal: &Path, files: &[(&Path, &str)]) -> io::Result<()> {
    finish_pending(journal)?;
    let folder = journal.parent().unwrap_or(Path::new("."));
    let mut names = String::new();
    for (path, contents) in files {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if path.parent().unwrap_or(Path::new(".")) != folder || name.is_empty() || name.contains('\n') {
            return Err(io::Error::other(format!("{} is not a file of {}", path.display(), folder.display())));
        }
        write_synced(&sibling(path, ".tmp-gen"), contents)?;
        names.push_str(&name);
        names.push('\n');
    }
    write_atomic(journal, &names)?;
    finish_pending(journal)
}

/// Complete the renames a journal of [`write_together`] lists (a killed run's), then drop it.
pub fn finish_pending(journal: &Path) -> io::Result<()> {
    let text = match fs::read_to_string(journal) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let folder = journal.parent().unwrap_or(Path::new("."));
    for name in text.lines().filter(|l| !l.is_empty()) {
        let target = folder.join(name);
        let tmp = sibling(&target, ".tmp-gen");
        if tmp.exists() {
            fs::rename(&tmp, &target)?;
        }
    }
    fs::remove_file(journal)
}

/// Finish a swap a killed run left half done: the old folder is put back.
pub fn recover(dir: &Path) -> io::Result<()> {
    let old = sibling(dir, ".old-gen");
    let staging = sibling(dir, ".tmp-gen");
    if old.exists() && !dir.exists() {
        fs::rename(&old, dir)?;
    }
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    Ok(())
}

/// Replace the generated files of `dir` with `files`, atomically as a folder.
pub fn replace_dir(dir: &Path, files: &Files) -> io::Result<()> {
    recover(dir)?;
    let staging = sibling(dir, ".tmp-gen");
    fs::create_dir_all(&staging)?;
    for (rel, contents) in files {
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, contents)?;
    }
    let manifest: String = files.keys().map(|p| format!("{}\n", p.to_string_lossy().replace('\\', "/"))).collect();
    fs::write(staging.join(MANIFEST), manifest)?;
    if dir.exists() {
        carry_over_foreign_files(dir, &staging, files)?;
        swap(&staging, dir)?;
        // `staging` now holds the previous folder.
        fs::remove_dir_all(&staging)?;
    } else {
        fs::rename(&staging, dir)?;
    }
    Ok(())
}

/// Exchange two folders in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Elsewhere: two renames; a run killed between them is repaired by [`recover`].
#[cfg(not(target_os = "linux"))]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    let old = sibling(b, ".old-gen");
    fs::rename(b, &old)?;
    fs::rename(a, b)?;
    fs::rename(&old, a)
}

/// Files in `dir` that the generator did not create are copied into the new folder.
fn carry_over_foreign_files(dir: &Path, staging: &Path, files: &Files) -> io::Result<()> {
    let generated = read_manifest(dir);
    let mut existing = Vec::new();
    list_files(dir, dir, &mut existing)?;
    for rel in existing {
        let ours = generated.contains(&rel) || files.contains_key(&rel) || rel == Path::new(MANIFEST);
        if !ours {
            let target = staging.join(&rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::copy(dir.join(&rel), target)?;
        }
    }
    Ok(())
}

pub fn read_manifest(dir: &Path) -> Vec<PathBuf> {
    fs::read_to_string(dir.join(MANIFEST))
        .map(|s| s.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect())
        .unwrap_or_default()
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            list_files(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// Files whose content on disk differs from `files` (or that are missing), and
/// generated files on disk that would be removed.
pub fn stale(dir: &Path, files: &Files) -> Vec<(PathBuf, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for (rel, want) in files {
        let have = fs::read_to_string(dir.join(rel)).ok();
        if have.as_deref() != Some(want.as_str()) {
            out.push((rel.clone(), have, Some(want.clone())));
        }
    }
    for rel in read_manifest(dir) {
        if !files.contains_key(&rel) && dir.join(&rel).exists() {
            out.push((rel.clone(), fs::read_to_string(dir.join(&rel)).ok(), None));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_foreign_files_and_drops_old_generated_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("crate");
        let mut files = Files::new();
        files.insert("a.rs".into(), "one".into());
        files.insert("src/b.rs".into(), "two".into());
        replace_dir(&dir, &files).unwrap();
        fs::write(dir.join("mine.txt"), "user").unwrap();
        files.remove(Path::new("a.rs"));
        replace_dir(&dir, &files).unwrap();
        assert!(!dir.join("a.rs").exists());
        assert_eq!(fs::read_to_string(dir.join("mine.txt")).unwrap(), "user");
        assert_eq!(fs::read_to_string(dir.join("src/b.rs")).unwrap(), "two");
        assert!(stale(&dir, &files).is_empty());
    }

    #[test]
    fn files_written_together_are_rolled_forward_after_a_kill() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("openapi.yaml"), dir.path().join("rust-api.json"));
        let journal = dir.path().join(".commit.tmp-gen");
        fs::write(&a, "old a").unwrap();
        fs::write(&b, "old b").unwrap();
        write_together(&journal, &[(&a, "new a"), (&b, "new b")]).unwrap();
        assert_eq!(
            (fs::read_to_string(&a).unwrap(), fs::read_to_string(&b).unwrap()),
            ("new a".into(), "new b".into())
        );
        assert!(!journal.exists());
        // Killed after the journal and one rename: the next run finishes the other.
        fs::write(sibling(&b, ".tmp-gen"), "newer b").unwrap();
        fs::write(&a, "newer a").unwrap();
        fs::write(&journal, "openapi.yaml\nrust-api.json\n").unwrap();
        finish_pending(&journal).unwrap();
        assert_eq!(fs::read_to_string(&b).unwrap(), "newer b");
        assert_eq!(fs::read_to_string(&a).unwrap(), "newer a");
        assert!(!journal.exists());
        // A file of another folder is refused before anything is written.
        let other = tempfile::tempdir().unwrap();
        assert!(write_together(&journal, &[(&other.path().join("x"), "x")]).is_err());
    }

    #[test]
    fn recover_restores_a_half_swapped_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("crate");
        let old = tmp.path().join("crate.old-gen");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("x"), "kept").unwrap();
        recover(&dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join("x")).unwrap(), "kept");
    }
}
