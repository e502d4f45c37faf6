//! Autosave sidecars and recovery.
//!
//! While a project has unsaved changes, a copy is written every few seconds to a *sidecar*:
//! beside the project file (`NAME.autosave-USER-SESSION`), or, for a project that has no file
//! yet, in the per-user [`recovery_dir`] (`untitled-CREATED.virast.json.autosave`). A sidecar
//! is a small envelope around the project document that says what it was based on:
//!
//! ```json
//! { "format": "virast-autosave", "version": 1,
//!   "base": "8c3f…",            // fingerprint of the project file it extends, or null
//!   "user": "Mina", "written": "2026-11-28T09:00:00Z",
//!   "project": { "format": "virast-project", … } }
//! ```
//!
//! The rules that keep work from being lost:
//! - sidecars are per user *and* per session, so two people (or two windows) on one file
//!   never write over or delete each other's autosave;
//! - a sidecar is only deleted after a save of the same work, or when the user explicitly
//!   discards it; never at quit, never because a newer one exists;
//! - recovery is offered only for a sidecar whose project differs from the file, and says
//!   whether it extends the file as it is now ([`Base::Current`]) or an older version of it
//!   ([`Base::Older`], e.g. someone saved after the crash): the latter is recovered as a
//!   separate copy, never over the newer file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{
    EXTENSION, MAX_FILE_SIZE, StoreError, fingerprint, from_json, read_error, read_limited,
    remove_stale_temp_files, to_json, write_file,
};
use crate::model::{Project, Status};

/// The `format` value of an autosave envelope.
pub const AUTOSAVE_FORMAT: &str = "virast-autosave";

/// The envelope version this build writes and reads.
pub const AUTOSAVE_VERSION: u64 = 1;

/// What follows a project file's name in the name of its sidecars.
pub const AUTOSAVE_SUFFIX: &str = ".autosave";

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    version: u64,
    base: Option<&'a str>,
    user: &'a str,
    written: DateTime<Utc>,
    project: &'a RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    format: String,
    version: u64,
    base: Option<String>,
    #[serde(default)]
    user: String,
    written: Option<DateTime<Utc>>,
    project: Box<RawValue>,
}

/// How an autosave relates to the project file it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// It extends the file exactly as it is on disk now: recovering it loses nothing.
    Current,
    /// It extends an older version of the file (someone saved since): recover it as a copy.
    Older,
    /// Written by an older Virast, which did not record its base; newer than the file.
    Unknown,
    /// The project had no file when it was autosaved.
    NoFile,
}

/// An autosave holding work that was never saved, offered for recovery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// The sidecar file.
    pub path: PathBuf,
    /// When it was written (from the envelope, else the file time).
    pub written: Option<DateTime<Utc>>,
    /// Who was working (empty if not recorded).
    pub user: String,
    /// How it relates to the project file.
    pub base: Base,
    /// The autosaved project.
    pub project: Project,
}

impl Recovery {
    /// Number of sentences.
    pub fn sentences(&self) -> usize {
        self.project.segments.len()
    }

    /// Number of sentences with a translation.
    pub fn translated(&self) -> usize {
        self.project
            .segments
            .iter()
            .filter(|s| s.status != Status::Untranslated)
            .count()
    }
}

/// Where this session's autosaves go: per user and per session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutosaveTarget {
    /// Who is working (part of the sidecar name, recorded inside it).
    pub user: String,
    /// Folder for projects without a file ([`recovery_dir`] in the app, a temporary folder in
    /// tests); `None`: such projects are not autosaved.
    pub recovery_dir: Option<PathBuf>,
}

/// A token unique to this process run, so two sessions never share a sidecar.
pub fn session_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos() ^ (d.as_secs() as u32));
        format!("{:x}{:x}", std::process::id(), nanos)
    })
}

/// The user name as it appears in a file name: letters and digits, others as `_`.
fn user_slug(user: &str) -> String {
    let slug: String = user
        .chars()
        .take(40)
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    if slug.is_empty() {
        "anonymous".to_owned()
    } else {
        slug
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The sidecar this session writes for project file `project_path`.
pub fn sidecar_path(project_path: &Path, user: &str) -> PathBuf {
    project_path.with_file_name(format!(
        "{}{AUTOSAVE_SUFFIX}-{}-{}",
        file_name(project_path),
        user_slug(user),
        session_id()
    ))
}

/// The sidecar in `dir` for a project that has no file, named after its creation time so
/// that successive autosaves of one project replace each other.
pub fn unsaved_sidecar_path(dir: &Path, project: &Project) -> PathBuf {
    let stamp = project.meta.created.format("%Y%m%dT%H%M%S%.9fZ");
    dir.join(format!("untitled-{stamp}{EXTENSION}{AUTOSAVE_SUFFIX}"))
}

/// The per-user folder for autosaves of projects that have no file yet:
/// `$XDG_DATA_HOME/virast/recovery`, else `~/.local/share/virast/recovery`
/// (`%LOCALAPPDATA%\virast\recovery` on Windows).
pub fn recovery_dir() -> Option<PathBuf> {
    let env = |key| {
        std::env::var_os(key)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local").join("share")))
    }?;
    Some(base.join("virast").join("recovery"))
}

/// The envelope bytes for `project` extending the file version `base`.
pub fn envelope(project: &Project, base: Option<&str>, user: &str) -> Result<Vec<u8>, String> {
    let inner = to_json(project).map_err(|e| e.to_string())?;
    let inner = String::from_utf8(inner).map_err(|e| e.to_string())?;
    let raw = RawValue::from_string(inner).map_err(|e| e.to_string())?;
    let out = EnvelopeOut {
        format: AUTOSAVE_FORMAT,
        version: AUTOSAVE_VERSION,
        base,
        user,
        written: Utc::now(),
        project: &raw,
    };
    let mut bytes = serde_json::to_vec(&out).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Write an autosave of `project` to `path` (atomically), recording the fingerprint of the
/// file version it extends (`None` for a project without a file).
pub fn write_sidecar(
    path: &Path,
    project: &Project,
    base: Option<&str>,
    user: &str,
) -> Result<(), StoreError> {
    let bytes = envelope(project, base, user).map_err(|message| StoreError::Malformed {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message,
    })?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|cause| StoreError::Save {
            path: path.to_path_buf(),
            what: format!("cannot create the folder {}", dir.display()),
            cause,
            existed: false,
        })?;
    }
    write_file(path, &bytes)
}

/// A sidecar read back: the project, its recorded base, author and time.
struct Sidecar {
    project: Project,
    base: Option<String>,
    user: String,
    written: Option<DateTime<Utc>>,
}

/// Read a sidecar: an envelope, or a plain project file (autosaves of older Virast builds).
fn read_sidecar(path: &Path) -> Result<Sidecar, StoreError> {
    let (bytes, modified) = read_limited(path, MAX_FILE_SIZE)?;
    let modified = modified.map(DateTime::<Utc>::from);
    match serde_json::from_slice::<EnvelopeIn>(&bytes) {
        Ok(env) if env.format == AUTOSAVE_FORMAT => {
            if env.version > AUTOSAVE_VERSION {
                return Err(StoreError::TooNew {
                    path: path.to_path_buf(),
                    found: env.version,
                    supported: AUTOSAVE_VERSION,
                });
            }
            Ok(Sidecar {
                project: from_json(env.project.get().as_bytes(), path)?,
                base: env.base,
                user: env.user,
                written: env.written.or(modified),
            })
        }
        // Not an envelope: an autosave written before envelopes existed is a project file.
        _ => Ok(Sidecar {
            project: from_json(&bytes, path)?,
            base: None,
            user: String::new(),
            written: modified,
        }),
    }
}

/// Load the project of a sidecar (fresh from disk).
pub fn load_sidecar(path: &Path) -> Result<Project, StoreError> {
    read_sidecar(path).map(|s| s.project)
}

/// Delete a sidecar the user chose to discard, or whose work was just saved.
pub fn remove_sidecar(path: &Path) -> Result<(), StoreError> {
    super::remove_if_exists(path)
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(read_error(dir, err)),
    };
    Ok(entries.filter_map(Result::ok).map(|e| e.path()).collect())
}

/// Remove temporary files that a session killed while writing an autosave left in `dir`
/// (`.SIDECAR.tmp-PID-N`, for sidecars whose name starts with `prefix`); the store's rules
/// apply: only our exact names, only of processes that no longer run, only when old enough.
fn clean_stale_sidecar_temps(dir: &Path, entries: &[PathBuf], prefix: &str) {
    for path in entries {
        let name = file_name(path);
        let Some(rest) = name.strip_prefix('.').filter(|r| r.starts_with(prefix)) else {
            continue;
        };
        if let Some(cut) = rest.rfind(".tmp-") {
            remove_stale_temp_files(&dir.join(&rest[..cut]));
        }
    }
}

fn newest_first(found: &mut [Recovery]) {
    found.sort_by_key(|r| std::cmp::Reverse(r.written));
}

/// Sidecars of project file `project_path` written by `user` (in any session, including
/// autosaves of older builds, which had one sidecar per file) that hold work the file does not:
/// `file_project` and `file_fingerprint` describe the file as it is on disk now.
pub fn recoveries_for_file(
    project_path: &Path,
    file_project: &Project,
    file_fingerprint: &str,
    user: &str,
) -> Result<Vec<Recovery>, StoreError> {
    let name = file_name(project_path);
    let legacy = format!("{name}{AUTOSAVE_SUFFIX}");
    let mine = format!("{name}{AUTOSAVE_SUFFIX}-{}-", user_slug(user));
    let dir = match project_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_mtime = fs::metadata(project_path)
        .and_then(|m| m.modified())
        .ok()
        .map(DateTime::<Utc>::from);
    let entries = list_dir(&dir)?;
    clean_stale_sidecar_temps(&dir, &entries, &legacy);
    let mut found = Vec::new();
    for path in entries {
        let n = file_name(&path);
        if n != legacy && !n.starts_with(&mine) {
            continue;
        }
        // A sidecar that cannot be read is left alone (never deleted) and not offered.
        let Ok(side) = read_sidecar(&path) else {
            continue;
        };
        if side.project == *file_project {
            continue;
        }
        let base = match side.base.as_deref() {
            Some(b) if b == file_fingerprint => Base::Current,
            Some(_) => Base::Older,
            None => {
                // Old-style sidecar: only what is newer than the file is unsaved work.
                if let (Some(w), Some(f)) = (side.written, file_mtime)
                    && w <= f
                {
                    continue;
                }
                Base::Unknown
            }
        };
        found.push(Recovery {
            path,
            written: side.written,
            user: side.user,
            base,
            project: side.project,
        });
    }
    newest_first(&mut found);
    Ok(found)
}

/// Autosaves of projects that never had a file, left in `dir` (none if `dir` does not exist),
/// newest first. Unreadable ones are left alone and not listed.
pub fn unsaved_recoveries_in(dir: &Path) -> Result<Vec<Recovery>, StoreError> {
    let suffix = format!("{EXTENSION}{AUTOSAVE_SUFFIX}");
    let entries = list_dir(dir)?;
    clean_stale_sidecar_temps(dir, &entries, "untitled-");
    let mut found: Vec<Recovery> = entries
        .into_iter()
        .filter(|p| file_name(p).ends_with(&suffix))
        .filter_map(|path| {
            let side = read_sidecar(&path).ok()?;
            Some(Recovery {
                path,
                written: side.written,
                user: side.user,
                base: Base::NoFile,
                project: side.project,
            })
        })
        .collect();
    newest_first(&mut found);
    Ok(found)
}

/// The stable fingerprint recorded as a sidecar's base: see [`fingerprint`].
pub fn base_of(file_bytes: &[u8]) -> String {
    format!("{:016x}", fingerprint(file_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stamp;
    use crate::store::ProjectFile;

    fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
        r.unwrap_or_else(|e| panic!("unexpected error: {e}"))
    }

    fn sample() -> Project {
        let article = ok(crate::import::decode(
            "سلام. خوبی؟\nخداحافظ.".as_bytes(),
            Path::new("a.txt"),
        ));
        article.into_project("نمونه", Utc::now())
    }

    fn edited(mut p: Project, target: &str) -> Project {
        ok(p.set_target(1, target, &Stamp::now("bo")));
        p
    }

    fn saved(dir: &Path) -> (PathBuf, Project, String) {
        let path = dir.join("p.virast.json");
        let p = sample();
        ok(ProjectFile::new(&path).save(&p));
        let base = base_of(&ok(fs::read(&path)));
        (path, p, base)
    }

    #[test]
    fn sidecar_extending_the_file_is_offered_with_its_facts() {
        let dir = ok(tempfile::tempdir());
        let (path, p, base) = saved(dir.path());
        let work = edited(p.clone(), "Unsaved.");
        let side = sidecar_path(&path, "Mina Rad");
        ok(write_sidecar(&side, &work, Some(&base), "Mina Rad"));
        assert!(
            file_name(&side).starts_with("p.virast.json.autosave-Mina_Rad-"),
            "{}",
            side.display()
        );
        let found = ok(recoveries_for_file(&path, &p, &base, "Mina Rad"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].base, Base::Current);
        assert_eq!(found[0].project, work);
        assert_eq!(found[0].user, "Mina Rad");
        assert_eq!((found[0].sentences(), found[0].translated()), (3, 1));
        assert_eq!(ok(load_sidecar(&side)), work);
    }

    #[test]
    fn sidecars_are_per_user_and_identical_ones_are_not_offered() {
        let dir = ok(tempfile::tempdir());
        let (path, p, base) = saved(dir.path());
        let sara = sidecar_path(&path, "Sara");
        ok(write_sidecar(
            &sara,
            &edited(p.clone(), "Sara's."),
            Some(&base),
            "Sara",
        ));
        let mina = sidecar_path(&path, "Mina");
        ok(write_sidecar(&mina, &p, Some(&base), "Mina"));
        assert_ne!(sara, mina);
        assert!(ok(recoveries_for_file(&path, &p, &base, "Mina")).is_empty());
        let for_sara = ok(recoveries_for_file(&path, &p, &base, "Sara"));
        assert_eq!(for_sara.len(), 1);
        assert_eq!(for_sara[0].path, sara);
        assert!(sara.exists() && mina.exists(), "listing deletes nothing");
    }

    #[test]
    fn sidecar_of_an_older_file_version_is_marked_older() {
        let dir = ok(tempfile::tempdir());
        let (path, p, base) = saved(dir.path());
        let side = sidecar_path(&path, "Mina");
        ok(write_sidecar(
            &side,
            &edited(p.clone(), "Mine."),
            Some(&base),
            "Mina",
        ));
        // Someone saves the file after the autosave.
        let theirs = edited(p, "Theirs.");
        let mut file = ok(crate::store::open(&path)).file;
        ok(file.save(&theirs));
        let now = base_of(&ok(fs::read(&path)));
        let found = ok(recoveries_for_file(&path, &theirs, &now, "Mina"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].base, Base::Older);
    }

    #[test]
    fn legacy_plain_sidecar_is_read_when_newer() {
        let dir = ok(tempfile::tempdir());
        let (path, p, base) = saved(dir.path());
        let side = path.with_file_name("p.virast.json.autosave");
        let work = edited(p.clone(), "Old build.");
        ok(write_file(&side, &ok(to_json(&work))));
        let f = ok(fs::File::options().write(true).open(&side));
        ok(f.set_modified(SystemTime::now() + std::time::Duration::from_secs(5)));
        let found = ok(recoveries_for_file(&path, &p, &base, "anyone"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].base, Base::Unknown);
        ok(f.set_modified(SystemTime::now() - std::time::Duration::from_hours(1)));
        assert!(ok(recoveries_for_file(&path, &p, &base, "anyone")).is_empty());
    }

    #[test]
    fn unsaved_projects_have_one_sidecar_each_in_the_recovery_folder() {
        let dir = ok(tempfile::tempdir());
        let rec = dir.path().join("virast").join("recovery");
        assert!(ok(unsaved_recoveries_in(&rec)).is_empty());
        let p = sample();
        let side = unsaved_sidecar_path(&rec, &p);
        ok(write_sidecar(&side, &p, None, "Mina"));
        let more = edited(p.clone(), "More.");
        ok(write_sidecar(&side, &more, None, "Mina"));
        let found = ok(unsaved_recoveries_in(&rec));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].base, Base::NoFile);
        assert_eq!(found[0].project, more);
        ok(remove_sidecar(&side));
        assert!(ok(unsaved_recoveries_in(&rec)).is_empty());
    }

    #[test]
    fn damaged_sidecar_is_neither_offered_nor_deleted() {
        let dir = ok(tempfile::tempdir());
        let (path, p, base) = saved(dir.path());
        let side = sidecar_path(&path, "Mina");
        ok(fs::write(
            &side,
            b"{\"format\": \"virast-autosave\", \"vers",
        ));
        assert!(ok(recoveries_for_file(&path, &p, &base, "Mina")).is_empty());
        assert!(side.exists());
    }

    #[test]
    fn temp_files_of_killed_autosaves_are_cleaned_and_nothing_else() {
        let dir = ok(tempfile::tempdir());
        let (path, p, base) = saved(dir.path());
        let old = SystemTime::now() - std::time::Duration::from_hours(1);
        // A dead process (pid beyond the kernel's maximum) left these, an hour ago.
        let dead = 4_999_999_u32;
        let stale = [
            format!(".p.virast.json.autosave-Mina-ab12.tmp-{dead}-0"),
            format!(".p.virast.json.autosave.tmp-{dead}-3"),
        ];
        let keep = [
            format!(
                ".p.virast.json.autosave-Mina-ab12.tmp-{}-0",
                std::process::id()
            ),
            ".p.virast.json.autosave-Mina-ab12.tmp-x-0".to_owned(),
            "p.virast.json.autosave-notes.txt".to_owned(),
        ];
        for name in stale.iter().chain(&keep) {
            let f = dir.path().join(name);
            ok(fs::write(&f, b"partial"));
            ok(ok(fs::File::options().write(true).open(&f)).set_modified(old));
        }
        ok(recoveries_for_file(&path, &p, &base, "Mina"));
        for name in &stale {
            assert!(!dir.path().join(name).exists(), "{name} removed");
        }
        for name in &keep {
            assert!(dir.path().join(name).exists(), "{name} kept");
        }
    }

    #[test]
    fn recovery_dir_is_per_user() {
        if let Some(dir) = recovery_dir() {
            assert!(dir.ends_with("virast/recovery"), "{}", dir.display());
        }
    }
}
