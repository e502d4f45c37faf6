//! Project files on disk: load, save, backup, conflict detection, autosave and recovery.
//!
//! The format is described in `docs/FORMAT.md`. Saving never destroys anything: the new
//! content goes to a temporary file in the same folder, which is flushed, synced and renamed
//! over the target; the previous version is kept as `NAME.bak`. A file changed on disk since it
//! was loaded is not overwritten silently ([`StoreError::Conflict`]). No egui.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Extra, InvalidProject, Meta, Project, Segment};

/// The value of the `format` field that marks a Virast project file.
pub const FORMAT: &str = "virast-project";

/// The schema version this build writes.
pub const VERSION: u64 = 6;

/// The oldest schema version this build reads (older ones go through [`MIGRATIONS`]).
pub const MIN_VERSION: u64 = 1;

/// Suggested file name ending for project files.
pub const EXTENSION: &str = ".virast.json";

/// Appended to a project file's name for the previous version kept at each save.
pub const BACKUP_SUFFIX: &str = ".bak";

/// The largest project file [`open`] and [`load`] read (512 MiB, some 500 times a long
/// article with a full history); a larger file is refused before anything is read.
pub const MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

/// One migration step: turns a document of version `n` into version `n + 1` in place.
pub type Migration = fn(&mut Value) -> Result<(), String>;

/// `MIGRATIONS[i]` upgrades version `MIN_VERSION + i` to the next one. A change to the format
/// bumps [`VERSION`] and adds its step here (with a test on a file of the old version).
pub const MIGRATIONS: &[Migration] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6];

/// Version 2 adds the optional segment field `alignment_confidence` and the history actions
/// `import` and `realign`. A version-1 segment has no alignment information, which version 2
/// writes as the field being absent, so the step only checks the shape it relies on.
fn v1_to_v2(doc: &mut Value) -> Result<(), String> {
    match doc.get("segments") {
        Some(Value::Array(_)) | None => Ok(()),
        Some(_) => Err("`segments` is not a list".into()),
    }
}

/// Version 3 adds source correction: the optional segment field `original_source`, the
/// optional `meta.imported_source`, the history action `correct_source` with the optional
/// revision fields `source_before` and `source_after`. A version-2 project has never been
/// corrected, which version 3 writes as those fields being absent, so the step only checks
/// the shape it relies on (and that no field of those names is already there with a
/// meaning version 2 did not give it).
fn v2_to_v3(doc: &mut Value) -> Result<(), String> {
    let segments = match doc.get("segments") {
        Some(Value::Array(segments)) => segments.as_slice(),
        None => &[],
        Some(_) => return Err("`segments` is not a list".into()),
    };
    if segments
        .iter()
        .any(|s| s.get("original_source").is_some_and(|v| !v.is_string()))
    {
        return Err("a segment has an `original_source` that is not text".into());
    }
    Ok(())
}

/// Version 4 adds the project's spelling settings to `meta`: the optional `english_variant`
/// (`"en-US"`, the default when absent, or `"en-GB"`) and the optional `project_words`
/// (`{"added": [...], "ignored": [...]}`). A version-3 project has neither, which version 4
/// reads as en-US with an empty word list, so the step converts nothing; it only refuses a
/// field of those names that a version-3 file carried with another meaning (an unknown field
/// kept from another tool) rather than read it as spelling settings.
fn v3_to_v4(doc: &mut Value) -> Result<(), String> {
    let Some(meta) = doc.get("meta") else {
        return Ok(());
    };
    if let Some(variant) = meta.get("english_variant")
        && !matches!(variant.as_str(), Some("en-US" | "en-GB"))
    {
        return Err(format!(
            "`meta.english_variant` is {variant}, not \"en-US\" or \"en-GB\""
        ));
    }
    if let Some(words) = meta.get("project_words") {
        let lists_of_text = words.as_object().is_some_and(|o| {
            o.iter().all(|(key, list)| {
                (key == "added" || key == "ignored")
                    && list
                        .as_array()
                        .is_some_and(|l| l.iter().all(Value::is_string))
            })
        });
        if !lists_of_text {
            return Err("`meta.project_words` is not lists of added and ignored words".into());
        }
    }
    Ok(())
}

/// Version 5 adds merge conflicts kept as data: the optional segment field `conflict` (both
/// versions of a sentence two people changed differently) and the history action
/// `resolve_conflict`. A version-4 project has no conflict, which version 5 writes as the
/// field being absent, so the step converts nothing; it only refuses a `conflict` field that
/// a version-4 file carried with another meaning (an unknown field kept from another tool)
/// rather than read it as a conflict.
fn v4_to_v5(doc: &mut Value) -> Result<(), String> {
    let segments = match doc.get("segments") {
        Some(Value::Array(segments)) => segments.as_slice(),
        None => &[],
        Some(_) => return Err("`segments` is not a list".into()),
    };
    if segments.iter().any(|s| s.get("conflict").is_some()) {
        return Err("a segment has a `conflict` field, which version 4 did not have".into());
    }
    Ok(())
}

/// Version 6 adds glossaries (docs/GLOSSARY.md): the optional `meta.glossaries` (paths of
/// linked glossary files, relative to the project) and `meta.terms` (the project's own terms).
/// A version-5 project has neither, which version 6 reads as no glossary, so the step converts
/// nothing; it only refuses a field of those names that a version-5 file carried with another
/// meaning (an unknown field kept from another tool) rather than read it as a glossary.
fn v5_to_v6(doc: &mut Value) -> Result<(), String> {
    let Some(meta) = doc.get("meta") else {
        return Ok(());
    };
    for field in ["glossaries", "terms"] {
        if meta.get(field).is_some() {
            return Err(format!(
                "`meta.{field}` is there, which version 5 did not have"
            ));
        }
    }
    Ok(())
}

const _: () = assert!(MIN_VERSION + MIGRATIONS.len() as u64 == VERSION);

/// Why a project file could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read.
    #[error("cannot read {}: {cause}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        cause: io::Error,
    },
    /// The file is not well-formed JSON, or a field has the wrong shape (e.g. truncated).
    #[error(
        "{} is damaged: {message} at line {line}, column {column}",
        path.display()
    )]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Line of the problem, from 1.
        line: usize,
        /// Column (byte in the line) of the problem, from 1 (0 before the first byte).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Well-formed JSON without the `"format": "virast-project"` marker.
    #[error("{} is not a Virast project file (it has no \"format\": \"{FORMAT}\" field)", path.display())]
    NotAProject {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by a newer Virast.
    #[error(
        "{} uses project format version {found}, but this Virast reads versions up to {supported}: update Virast to open it",
        path.display()
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u64,
    },
    /// A version older than any this build knows, or a missing version.
    #[error(
        "{} has an unknown project format version {found} (this Virast reads versions {MIN_VERSION} to {VERSION})",
        path.display()
    )]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// What the file says (`null` if it has no version).
        found: String,
    },
    /// Upgrading an older file failed.
    #[error(
        "{} could not be upgraded from project format version {from}: {message}",
        path.display()
    )]
    Migration {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        from: u64,
        /// What went wrong.
        message: String,
    },
    /// Saving would overwrite a file this session did not write or load.
    #[error("{}", conflict_message(path, *kind))]
    Conflict {
        /// The file.
        path: PathBuf,
        /// Why the file on disk is not the one this session knows.
        kind: ConflictKind,
    },
    /// Saving failed; the previous file is untouched.
    #[error(
        "could not save {}: {what}: {cause}; {}",
        path.display(),
        if *existed { "the existing file was left unchanged" } else { "nothing was written" }
    )]
    Save {
        /// The file being saved.
        path: PathBuf,
        /// The step that failed.
        what: String,
        /// What the system said.
        cause: io::Error,
        /// Whether a previous version of the file exists (and is untouched).
        existed: bool,
    },
    /// A sidecar file could not be removed.
    #[error("could not remove {}: {cause}", path.display())]
    Remove {
        /// The file.
        path: PathBuf,
        /// What the system said.
        cause: io::Error,
    },
    /// An export or other plain write aimed at a Virast project, backup or autosave.
    #[error(
        "{} is a Virast {what}; an export never writes over one (choose another file name)",
        path.display()
    )]
    ProtectedFile {
        /// The file.
        path: PathBuf,
        /// "project file" or "autosave".
        what: &'static str,
    },
    /// The target of an export exists and replacing it was not confirmed.
    #[error("{} already exists; it was not replaced", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The target of an export is a folder.
    #[error("{} is a folder, not a file", path.display())]
    IsFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The project could not be turned into JSON (not expected for valid projects).
    #[error("could not encode the project for {}: {cause}", path.display())]
    Encode {
        /// The file being saved.
        path: PathBuf,
        /// What serde said.
        cause: serde_json::Error,
    },
    /// Well-formed, but breaks a rule the program relies on (e.g. two segments with one id).
    #[error("{} is not a valid project: {problem}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        problem: InvalidProject,
    },
    /// The file is larger than [`MAX_FILE_SIZE`]; nothing was read.
    #[error(
        "{} is too large to be a project file: {size} bytes or more, the limit is {limit} bytes",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size as far as it was seen.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// Why a save was refused as a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// The file changed on disk since this session loaded or saved it.
    ChangedOnDisk,
    /// The file exists but this session never loaded it (a new project saved over it).
    AlreadyExists,
}

fn conflict_message(path: &Path, kind: ConflictKind) -> String {
    match kind {
        ConflictKind::ChangedOnDisk => format!(
            "{} was changed on disk since it was opened (did someone else save it?); it was not overwritten",
            path.display()
        ),
        ConflictKind::AlreadyExists => format!(
            "{} already exists and is not the project being saved; it was not overwritten",
            path.display()
        ),
    }
}

impl StoreError {
    /// Whether this is a [`StoreError::Conflict`], which the caller may resolve by asking the user
    /// and then calling [`ProjectFile::save_overwriting`].
    pub fn is_conflict(&self) -> bool {
        matches!(self, StoreError::Conflict { .. })
    }
}

/// The file's top-level object as written. Fields are listed explicitly (not flattened) so
/// the order is stable and a new field in [`Project`] fails to compile here until it is added.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    meta: &'a Meta,
    next_id: u64,
    segments: &'a [Segment],
    #[serde(flatten)]
    extra: &'a Extra,
}

#[derive(Deserialize)]
struct FileIn {
    #[allow(
        dead_code,
        reason = "checked by the header pass; listed so it is not unknown"
    )]
    format: String,
    #[allow(
        dead_code,
        reason = "checked by the header pass; listed so it is not unknown"
    )]
    version: u64,
    meta: Meta,
    next_id: u64,
    segments: Vec<Segment>,
    #[serde(flatten)]
    extra: Extra,
}

impl From<FileIn> for Project {
    fn from(file: FileIn) -> Self {
        Project {
            meta: file.meta,
            next_id: file.next_id,
            segments: file.segments,
            extra: file.extra,
        }
    }
}

/// The marker and version of a document.
#[derive(Default)]
struct Header {
    format: Option<Value>,
    version: Option<Value>,
}

/// Reads top-level keys until it has both `format` and `version` (or only `format` when the
/// flag says the marker is enough), then stops: files written by Virast have them first, so
/// the version is known without parsing a large file twice.
struct HeaderVisitor<'a>(&'a mut Header, bool);

impl<'de> serde::de::Visitor<'de> for HeaderVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a project file object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => self.0.format = Some(map.next_value()?),
                "version" => self.0.version = Some(map.next_value()?),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            if self.0.format.is_some() && (self.1 || self.0.version.is_some()) {
                break;
            }
        }
        Ok(())
    }
}

/// The marker and version, or the syntax error that hid them.
fn read_header(bytes: &[u8]) -> Result<Header, serde_json::Error> {
    let mut header = Header::default();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed = serde::Deserializer::deserialize_map(&mut de, HeaderVisitor(&mut header, false));
    match parsed {
        // Stopping early leaves the object unclosed, which the deserializer reports; the
        // full parse that follows checks the rest.
        _ if header.format.is_some() && header.version.is_some() => Ok(header),
        Ok(()) => de.end().map(|()| header),
        Err(err) => Err(err),
    }
}

/// The project as the bytes of a project file (pretty JSON, final newline).
pub fn to_json(project: &Project) -> Result<Vec<u8>, serde_json::Error> {
    let Project {
        meta,
        next_id,
        segments,
        extra,
    } = project;
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        meta,
        next_id: *next_id,
        segments,
        extra,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn malformed(path: &Path, err: &serde_json::Error) -> StoreError {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    StoreError::Malformed {
        path: path.to_path_buf(),
        line: err.line(),
        column: err.column(),
        message,
    }
}

/// Parse the bytes of a project file and check the model's invariants
/// ([`Project::validate`]); `path` names it in errors.
pub fn from_json(bytes: &[u8], path: &Path) -> Result<Project, StoreError> {
    let project = parse(bytes, path)?;
    project.validate().map_err(|problem| StoreError::Invalid {
        path: path.to_path_buf(),
        problem,
    })?;
    Ok(project)
}

fn parse(bytes: &[u8], path: &Path) -> Result<Project, StoreError> {
    let header = read_header(bytes).map_err(|e| malformed(path, &e))?;
    if header.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(StoreError::NotAProject {
            path: path.to_path_buf(),
        });
    }
    let version = match header.version {
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or_default(),
        other => {
            return Err(StoreError::UnknownVersion {
                path: path.to_path_buf(),
                found: other.unwrap_or(Value::Null).to_string(),
            });
        }
    };
    if version > VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: VERSION,
        });
    }
    if version == VERSION {
        let file: FileIn = serde_json::from_slice(bytes).map_err(|e| malformed(path, &e))?;
        return Ok(file.into());
    }
    let mut doc: Value = serde_json::from_slice(bytes).map_err(|e| malformed(path, &e))?;
    migrate(&mut doc, version, MIN_VERSION, MIGRATIONS).map_err(|message| match message {
        MigrateError::Unknown => StoreError::UnknownVersion {
            path: path.to_path_buf(),
            found: version.to_string(),
        },
        MigrateError::Step(message) => StoreError::Migration {
            path: path.to_path_buf(),
            from: version,
            message,
        },
    })?;
    let file = FileIn::deserialize(doc).map_err(|e| StoreError::Migration {
        path: path.to_path_buf(),
        from: version,
        message: e.to_string(),
    })?;
    Ok(file.into())
}

/// Why [`migrate`] failed.
#[derive(Debug, PartialEq)]
enum MigrateError {
    /// No step starts at this version.
    Unknown,
    /// A step failed.
    Step(String),
}

/// Run the steps from `from` up to `min + steps.len()`, setting `version` after each.
fn migrate(doc: &mut Value, from: u64, min: u64, steps: &[Migration]) -> Result<(), MigrateError> {
    if from < min {
        return Err(MigrateError::Unknown);
    }
    let first = usize::try_from(from - min).map_err(|_| MigrateError::Unknown)?;
    for (offset, step) in steps.iter().enumerate().skip(first) {
        step(doc).map_err(MigrateError::Step)?;
        if let Some(obj) = doc.as_object_mut() {
            obj.insert("version".into(), Value::from(min + offset as u64 + 1));
        }
    }
    Ok(())
}

/// What a project file looked like on disk when this session last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskState {
    /// Modification time, where the platform has one.
    pub modified: Option<SystemTime>,
    /// Size in bytes.
    pub len: u64,
    /// [`fingerprint`] of the content.
    pub hash: u64,
}

impl DiskState {
    fn of(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        DiskState {
            modified,
            len: bytes.len() as u64,
            hash: fingerprint(bytes),
        }
    }
}

/// A fingerprint of file content that is the same on every machine and in every build
/// (64-bit FNV-1a): used to tell whether a file changed and which version an autosave extends.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A project opened from disk.
#[derive(Debug)]
pub struct Opened {
    /// The project as saved in the file.
    pub project: Project,
    /// The file, remembering its state for conflict detection.
    pub file: ProjectFile,
}

/// A project file path and what this session knows of its content on disk.
#[derive(Clone, Debug)]
pub struct ProjectFile {
    path: PathBuf,
    on_disk: Option<DiskState>,
}

/// Open a project file (autosaves left beside it are found by
/// [`autosave::recoveries_for_file`]). Temporary files left next to it by a save that was
/// killed are removed ([`remove_stale_temp_files`]).
pub fn open(path: &Path) -> Result<Opened, StoreError> {
    let (bytes, modified) = read_with_mtime(path)?;
    remove_stale_temp_files(path);
    let project = from_json(&bytes, path)?;
    let file = ProjectFile {
        path: path.to_path_buf(),
        on_disk: Some(DiskState::of(&bytes, modified)),
    };
    Ok(Opened { project, file })
}

/// Load a project file (no conflict tracking; for one-shot commands).
pub fn load(path: &Path) -> Result<Project, StoreError> {
    let (bytes, _) = read_limited(path, MAX_FILE_SIZE)?;
    from_json(&bytes, path)
}

pub(crate) fn read_error(path: &Path, cause: io::Error) -> StoreError {
    StoreError::Read {
        path: path.to_path_buf(),
        cause,
    }
}

fn read_with_mtime(path: &Path) -> Result<(Vec<u8>, Option<SystemTime>), StoreError> {
    read_limited(path, MAX_FILE_SIZE)
}

/// The content and modification time of a file of at most `limit` bytes. The size is checked
/// before reading and the read stops after `limit + 1` bytes, so a file growing meanwhile
/// cannot make it read more.
pub(crate) fn read_limited(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, Option<SystemTime>), StoreError> {
    let file = File::open(path).map_err(|cause| read_error(path, cause))?;
    let meta = file.metadata().map_err(|cause| read_error(path, cause))?;
    let too_large = |size| StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|cause| read_error(path, cause))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, meta.modified().ok()))
}

pub(crate) fn remove_if_exists(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(StoreError::Remove {
            path: path.to_path_buf(),
            cause: err,
        }),
        _ => Ok(()),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

impl ProjectFile {
    /// A file this session has not loaded: saving refuses to overwrite an existing file there
    /// unless forced.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        ProjectFile {
            path: path.into(),
            on_disk: None,
        }
    }

    /// The project file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the file looked like when this session last read or wrote it.
    pub fn disk_state(&self) -> Option<&DiskState> {
        self.on_disk.as_ref()
    }

    /// Where the previous version is kept at each save (`NAME.bak`).
    pub fn backup_path(&self) -> PathBuf {
        with_suffix(&self.path, BACKUP_SUFFIX)
    }

    /// Check that the file on disk is still the one this session knows; a missing file is
    /// fine (nothing would be lost by writing it).
    pub fn check_unchanged(&self) -> Result<(), StoreError> {
        // No file to see (missing, or a folder on the way is not one): nothing to protect, and
        // if the folder is unusable the write itself fails with a clearer message.
        let Ok(meta) = fs::metadata(&self.path) else {
            return Ok(());
        };
        let conflict = |kind| StoreError::Conflict {
            path: self.path.clone(),
            kind,
        };
        let Some(known) = &self.on_disk else {
            return Err(conflict(ConflictKind::AlreadyExists));
        };
        if meta.len() != known.len {
            return Err(conflict(ConflictKind::ChangedOnDisk));
        }
        // Same size: compare content, since a touch alone changes nothing worth protecting
        // and mtimes can be too coarse to see a quick second write.
        let bytes = match read_limited(&self.path, known.len) {
            Err(StoreError::TooLarge { .. }) => return Err(conflict(ConflictKind::ChangedOnDisk)),
            read => read?.0,
        };
        if fingerprint(&bytes) == known.hash {
            Ok(())
        } else {
            Err(conflict(ConflictKind::ChangedOnDisk))
        }
    }

    /// Save, unless the file changed on disk since it was loaded or saved here
    /// ([`StoreError::Conflict`]). Keeps the previous version as [`Self::backup_path`].
    /// Autosave sidecars are the caller's to remove ([`autosave::remove_sidecar`]).
    pub fn save(&mut self, project: &Project) -> Result<(), StoreError> {
        self.check_unchanged()?;
        self.save_overwriting(project)
    }

    /// Save even if the file changed on disk ("overwrite anyway"); the file that was there is
    /// still kept as the backup.
    pub fn save_overwriting(&mut self, project: &Project) -> Result<(), StoreError> {
        let bytes = to_json(project).map_err(|cause| StoreError::Encode {
            path: self.path.clone(),
            cause,
        })?;
        let modified = write_atomically(&self.path, &bytes, true)?;
        self.on_disk = Some(DiskState::of(&bytes, modified));
        remove_stale_temp_files(&self.path);
        Ok(())
    }

    /// The fingerprint of the file version this session knows ([`autosave::base_of`]), which
    /// an autosave of this project extends.
    pub fn base(&self) -> Option<String> {
        self.on_disk.as_ref().map(|d| format!("{:016x}", d.hash))
    }
}

/// What is at a path that something is about to be written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Nothing (or nothing readable): writing creates it.
    Nothing,
    /// A folder.
    Folder,
    /// A Virast project file (or its backup).
    Project,
    /// A Virast autosave.
    Autosave,
    /// Any other file.
    OtherFile,
}

/// Look at what is at `path`. Virast files are recognised by their top-level `format` field
/// wherever it is in the object: the file is read as a stream of JSON until that key is found
/// (every other value skipped without being kept), so neither key order (a project re-saved
/// with sorted keys) nor the size of what comes before it matters. What is not a JSON object
/// stops the reading at its first byte.
pub fn existing(path: &Path) -> Existing {
    let Ok(meta) = fs::metadata(path) else {
        return Existing::Nothing;
    };
    if meta.is_dir() {
        return Existing::Folder;
    }
    let Ok(file) = File::open(path) else {
        return Existing::OtherFile;
    };
    let mut header = Header::default();
    let mut de = serde_json::Deserializer::from_reader(io::BufReader::new(file));
    // Stopping at `format` leaves the object unread, which the deserializer reports as an
    // error; the marker found is what counts (a truncated project is still a project).
    let _ = serde::Deserializer::deserialize_map(&mut de, HeaderVisitor(&mut header, true));
    match header.format.as_ref().and_then(Value::as_str) {
        Some(FORMAT) => Existing::Project,
        Some(autosave::AUTOSAVE_FORMAT) => Existing::Autosave,
        _ => Existing::OtherFile,
    }
}

/// Write an export to `path` safely: never over a Virast project, backup or autosave (whatever
/// its name), never into a folder, and over another existing file only when `replace` says
/// the user confirmed it.
pub fn write_export(path: &Path, bytes: &[u8], replace: bool) -> Result<(), StoreError> {
    let what = match existing(path) {
        Existing::Nothing => return write_file(path, bytes),
        Existing::OtherFile if replace => return write_file(path, bytes),
        Existing::OtherFile => {
            return Err(StoreError::Exists {
                path: path.to_path_buf(),
            });
        }
        Existing::Folder => {
            return Err(StoreError::IsFolder {
                path: path.to_path_buf(),
            });
        }
        Existing::Project => "project file",
        Existing::Autosave => "autosave",
    };
    Err(StoreError::ProtectedFile {
        path: path.to_path_buf(),
        what,
    })
}

/// Write any file (an export, say) the same safe way: temporary file, sync, rename. No
/// backup and no conflict check.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomically(path, bytes, false).map(drop)
}

/// Distinguishes temporary files of several saves in one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.{what}-{}-{n}", std::process::id()))
}

/// How old a temporary file of a process that no longer runs must be before
/// [`remove_stale_temp_files`] removes it: a save takes well under this, so a file this old is
/// not being written, also by a process on another machine sharing the folder.
pub const STALE_TEMP_MIN_AGE: Duration = Duration::from_mins(1);

/// How old a temporary file must be to be removed where it cannot be told whether the process
/// that wrote it still runs.
pub const STALE_TEMP_AGE_UNKNOWN_OWNER: Duration = Duration::from_hours(24);

/// The process id in the name of a temporary sibling of `target_name`
/// (`.NAME.tmp-PID-N` or `.NAME.bak-PID-N`, as [`temp_sibling`] makes them), or `None` for any
/// other name.
fn temp_file_owner(file_name: &str, target_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(target_name)?;
    let rest = rest
        .strip_prefix(".tmp-")
        .or_else(|| rest.strip_prefix(".bak-"))?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` runs, where the system says (`/proc` on Linux).
fn process_running(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self")
        .exists()
        .then(|| proc.join(pid.to_string()).exists())
}

/// Remove temporary files that a save of `path` left behind when its process was killed
/// between creating and renaming them. Only regular files named exactly as a save of this
/// file names them (`.NAME.tmp-PID-N`, `.NAME.bak-PID-N`) are candidates, and only those of
/// another process that no longer runs and at least [`STALE_TEMP_MIN_AGE`] old (where it
/// cannot be told whether the process runs: [`STALE_TEMP_AGE_UNKNOWN_OWNER`] old). Anything
/// else in the folder is left alone. Returns what was removed; failures are ignored, since
/// temporary files hold nothing the user needs.
pub fn remove_stale_temp_files(path: &Path) -> Vec<PathBuf> {
    // Saves through a symbolic link write next to the file it points at.
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => target,
            Err(_) => return Vec::new(),
        },
        _ => path.to_path_buf(),
    };
    let Some(target_name) = target.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| temp_file_owner(n, target_name)) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default();
        let stale = pid != std::process::id()
            && meta.file_type().is_file()
            && match process_running(pid) {
                Some(running) => !running && age >= STALE_TEMP_MIN_AGE,
                None => age >= STALE_TEMP_AGE_UNKNOWN_OWNER,
            };
        if stale && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Removes a temporary file unless disarmed, so no failure path leaves one behind.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            // Best effort: the temporary file holds nothing the user needs.
            let _ = fs::remove_file(path);
        }
    }
}

/// Write `bytes` to `path` so that at every moment `path` holds either the old or the new
/// content, never a mix; with `backup`, the old content is also kept as `path.bak`.
/// Returns the new file's modification time.
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    backup: bool,
) -> Result<Option<SystemTime>, StoreError> {
    let fail = |what: String| {
        move |cause| StoreError::Save {
            path: path.to_path_buf(),
            what,
            cause,
            existed: path.exists(),
        }
    };
    // Write through a symbolic link to the file it points at, keeping the link.
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(fail("cannot follow the symbolic link".into()))?
        }
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old = fs::metadata(&target).ok();

    let tmp = temp_sibling(&target, "tmp");
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(fail(format!(
            "cannot create a temporary file in {}",
            dir.display()
        )))?;
    let mut guard = TempGuard(Some(tmp.clone()));
    let wrote = file
        .write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all());
    wrote.map_err(fail(format!("cannot write {}", tmp.display())))?;
    drop(file);

    if let Some(old) = &old {
        // Keep the file's permissions; failing to is not worth losing the save over.
        let _ = fs::set_permissions(&tmp, old.permissions());
        if backup {
            keep_backup(&target).map_err(fail(format!(
                "cannot keep the previous version as {}",
                with_suffix(&target, BACKUP_SUFFIX).display()
            )))?;
        }
    }
    fs::rename(&tmp, &target).map_err(fail(format!("cannot replace it with {}", tmp.display())))?;
    guard.0 = None;
    sync_dir(&dir);
    Ok(fs::metadata(&target).and_then(|m| m.modified()).ok())
}

/// Make `target.bak` hold the current content of `target`, replacing an older backup
/// atomically. A hard link costs nothing (the old inode survives the rename of the new file
/// over `target`); where links are not supported, copy.
fn keep_backup(target: &Path) -> io::Result<()> {
    let bak = with_suffix(target, BACKUP_SUFFIX);
    let bak_tmp = temp_sibling(target, "bak");
    let mut guard = TempGuard(Some(bak_tmp.clone()));
    if fs::hard_link(target, &bak_tmp).is_err() {
        fs::copy(target, &bak_tmp)?;
        File::open(&bak_tmp)?.sync_all()?;
    }
    fs::rename(&bak_tmp, &bak)?;
    guard.0 = None;
    Ok(())
}

/// Persist a rename by syncing the folder (where the platform allows opening a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        // Not all platforms/filesystems support syncing a folder; the rename itself is done.
        let _ = d.sync_all();
    }
}

pub mod autosave;
pub mod glossary;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod safety_tests;
