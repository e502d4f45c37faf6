//! Glossary files on disk (docs/GLOSSARY.md): the glossaries a project links, read into one
//! [`TermBase`] (a missing or unreadable one is a notice, never a failure to open the project),
//! and adding a term to a glossary file safely.
//!
//! Adding never rewrites what the file holds: the new entry is appended (a line of a TSV
//! glossary; a `termEntry` or `conceptEntry` before the TBX `</body>`) to the file as it is on
//! disk at that moment, so terms other people added meanwhile stay, and anything this version
//! does not read (other languages, transaction records) is kept byte for byte. The write is the
//! store's: temporary file, sync, rename, the old version kept as `NAME.bak`, and refused when
//! the file changed between reading and writing ([`StoreError::Conflict`]).

use std::path::{Component, Path, PathBuf};

use super::{ConflictKind, StoreError, fingerprint, read_limited, write_atomically};
use crate::glossary::{self, Format, GlossaryError, Origin, Term, TermBase, TermSet};
use crate::model::Project;

/// The largest glossary file read (64 MiB: some 200,000 terms in TBX).
pub const MAX_GLOSSARY_SIZE: u64 = 64 * 1024 * 1024;

/// Why a glossary file could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryFileError {
    /// Reading or writing the file failed (missing, unreadable, conflict, disk full).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The content is not a glossary Virast reads.
    #[error(transparent)]
    Glossary(#[from] GlossaryError),
    /// The term is already in the file.
    #[error("{}: “{term}” is already in this glossary; nothing was added", path.display())]
    Duplicate {
        /// The file.
        path: PathBuf,
        /// The Persian term.
        term: String,
    },
    /// A TBX file without `</body>` to add before.
    #[error("{}: no </body> to add the term before; nothing was added", path.display())]
    NoBody {
        /// The file.
        path: PathBuf,
    },
}

/// The folder a project's relative links start from (`.` for a project never saved).
pub fn project_dir(project_path: Option<&Path>) -> PathBuf {
    match project_path.and_then(Path::parent) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file a link (`meta.glossaries[i]`, `/`-separated, relative to the project's folder, or
/// absolute) points at.
pub fn resolve(project_path: Option<&Path>, link: &str) -> PathBuf {
    let link = Path::new(link);
    if link.is_absolute() {
        link.to_path_buf()
    } else {
        project_dir(project_path).join(link)
    }
}

/// How a project links `glossary`: relative to the project's folder with `/` separators where
/// it can be (so a team keeps the glossary in the same repository), else the absolute path.
pub fn link_for(project_path: Option<&Path>, glossary: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let from = absolute(&project_dir(project_path));
    let to = absolute(glossary);
    let from: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().into_owned();
    }
    let ups = std::iter::repeat_n("..".to_owned(), from.len() - common);
    let downs = to_parts[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    ups.chain(downs).collect::<Vec<_>>().join("/")
}

/// Read a glossary file (TBX or TSV by its name).
pub fn read(path: &Path) -> Result<glossary::Glossary, GlossaryFileError> {
    if Format::of_path(path).is_none() {
        return Err(GlossaryError::UnknownFormat {
            path: path.to_path_buf(),
        }
        .into());
    }
    let (bytes, _) = read_limited(path, MAX_GLOSSARY_SIZE)?;
    Ok(glossary::parse(&bytes, path)?)
}

/// The terms `project` uses: its own, then its linked glossaries in order, then `extra` files
/// (`virast check --glossary`). A glossary that cannot be read is left out with a notice.
pub fn term_base(
    project: &Project,
    project_path: Option<&Path>,
    extra: &[PathBuf],
) -> (TermBase, Vec<String>) {
    let mut sets = vec![TermSet {
        origin: Origin::Project,
        terms: project.meta.terms.clone(),
    }];
    let mut notices = Vec::new();
    let files = project
        .meta
        .glossaries
        .iter()
        .map(|link| (link.clone(), resolve(project_path, link)))
        .chain(extra.iter().map(|p| (p.display().to_string(), p.clone())));
    for (name, path) in files {
        match read(&path) {
            Ok(g) => sets.push(TermSet {
                origin: Origin::File(PathBuf::from(name)),
                terms: g.terms,
            }),
            Err(err) => notices.push(format!("Glossary {name} was not loaded: {err}")),
        }
    }
    (TermBase::new(sets), notices)
}

/// Add `term` to the glossary file at `path` (created if missing), keeping everything the
/// file holds (see the module). Refuses a term whose Persian the file already has.
pub fn add_term(path: &Path, term: &Term) -> Result<(), GlossaryFileError> {
    let format = Format::of_path(path).ok_or_else(|| GlossaryError::UnknownFormat {
        path: path.to_path_buf(),
    })?;
    let existing = match read_limited(path, MAX_GLOSSARY_SIZE) {
        Ok((bytes, _)) => Some(bytes),
        Err(StoreError::Read { cause, .. }) if cause.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err.into()),
    };
    let bytes = match &existing {
        None => glossary::write(std::slice::from_ref(term), format),
        Some(bytes) => {
            let current = glossary::parse(bytes, path)?;
            let key = crate::search::normalize(&term.source);
            if current
                .terms
                .iter()
                .any(|t| crate::search::normalize(&t.source) == key)
            {
                return Err(GlossaryFileError::Duplicate {
                    path: path.to_path_buf(),
                    term: term.source.clone(),
                });
            }
            match format {
                Format::Tsv => {
                    let mut out = bytes.clone();
                    if !out.is_empty() && !out.ends_with(b"\n") {
                        out.push(b'\n');
                    }
                    out.extend(glossary::tsv::write(std::slice::from_ref(term)));
                    out
                }
                Format::Tbx => {
                    let text = String::from_utf8_lossy(bytes);
                    glossary::tbx::insert_entry(&text, term)
                        .ok_or_else(|| GlossaryFileError::NoBody {
                            path: path.to_path_buf(),
                        })?
                        .into_bytes()
                }
            }
        }
    };
    // The conflict check: the file must still be what was just read.
    let now = match read_limited(path, MAX_GLOSSARY_SIZE) {
        Ok((b, _)) => Some(fingerprint(&b)),
        Err(StoreError::Read { cause, .. }) if cause.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err.into()),
    };
    if now != existing.as_deref().map(fingerprint) {
        return Err(StoreError::Conflict {
            path: path.to_path_buf(),
            kind: ConflictKind::ChangedOnDisk,
        }
        .into());
    }
    write_atomically(path, &bytes, true)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(links: &[&str]) -> Project {
        let mut p = Project::new(
            "t",
            "",
            [("ناجا گفت.".to_owned(), String::new())],
            chrono::Utc::now(),
        );
        p.meta.glossaries = links.iter().map(|l| (*l).to_owned()).collect();
        p.meta.terms = vec![Term::new("مجلس", "the Majlis")];
        p
    }

    #[test]
    fn links_are_relative_to_the_project_folder() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let proj = dir.path().join("stories/a.virast.json");
        let glossary = dir.path().join("glossaries/house.tbx");
        assert_eq!(link_for(Some(&proj), &glossary), "../glossaries/house.tbx");
        assert_eq!(
            resolve(Some(&proj), "../glossaries/house.tbx"),
            dir.path().join("stories/../glossaries/house.tbx")
        );
        assert_eq!(
            link_for(Some(&proj), &dir.path().join("stories/x.tsv")),
            "x.tsv"
        );
    }

    #[test]
    fn a_missing_or_broken_glossary_is_a_notice_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let proj = dir.path().join("a.virast.json");
        std::fs::write(
            dir.path().join("good.tsv"),
            "ناجا\tNAJA\nمجلس\tparliament\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("bad.tbx"), "<martif><text><body>")
            .unwrap_or_else(|e| panic!("{e}"));
        let p = project(&["missing.tbx", "bad.tbx", "good.tsv"]);
        let (base, notices) = term_base(&p, Some(&proj), &[]);
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices[0].starts_with("Glossary missing.tbx was not loaded: "));
        assert!(notices[1].contains("bad.tbx") && notices[1].contains("line 1"));
        let english: Vec<&str> = base
            .terms_in("ناجا و مجلس")
            .iter()
            .map(|t| t.2.english.as_str())
            .collect();
        assert_eq!(
            english,
            ["NAJA", "the Majlis"],
            "the project's own term wins"
        );
    }

    #[test]
    fn adding_a_term_appends_and_keeps_what_the_file_holds() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let tsv = dir.path().join("g.tsv");
        std::fs::write(&tsv, "# house list\nناجا\tNAJA").unwrap_or_else(|e| panic!("{e}"));
        add_term(&tsv, &Term::new("مجلس", "parliament")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read_to_string(&tsv).unwrap_or_default(),
            "# house list\nناجا\tNAJA\nمجلس\tparliament\n"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("g.tsv.bak")).unwrap_or_default(),
            "# house list\nناجا\tNAJA",
            "the previous version is kept"
        );
        let err = add_term(&tsv, &Term::new("ناجا", "the police"));
        assert!(matches!(err, Err(GlossaryFileError::Duplicate { .. })));

        // TBX: a foreign entry (another language, an admin field) is kept byte for byte.
        let tbx = dir.path().join("g.tbx");
        let foreign = "<?xml version=\"1.0\"?>\n<martif type=\"TBX\"><text><body>\n<termEntry id=\"x\"><admin type=\"x\">keep</admin><langSet xml:lang=\"de\"><tig><term>Polizei</term></tig></langSet><langSet xml:lang=\"fa\"><tig><term>پلیس</term></tig></langSet></termEntry>\n</body></text></martif>\n";
        std::fs::write(&tbx, foreign).unwrap_or_else(|e| panic!("{e}"));
        add_term(&tbx, &Term::new("ظریف", "Zarif")).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(&tbx).unwrap_or_default();
        assert!(text.starts_with(&foreign[..foreign.find("</body>").unwrap_or(0)]));
        let g = read(&tbx).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.terms[1].english, "Zarif");

        // A new file is created.
        let new = dir.path().join("new.tbx");
        add_term(&new, &Term::new("ظریف", "Zarif")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&new).map_or(0, |g| g.terms.len()), 1);
    }

    #[test]
    fn a_malformed_glossary_is_never_changed_by_adding() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let tsv = dir.path().join("g.tsv");
        std::fs::write(&tsv, "one field only\n").unwrap_or_else(|e| panic!("{e}"));
        let err = add_term(&tsv, &Term::new("مجلس", "parliament"));
        assert!(
            matches!(&err, Err(GlossaryFileError::Glossary(_))),
            "{err:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&tsv).unwrap_or_default(),
            "one field only\n"
        );
        assert!(!dir.path().join("g.tsv.bak").exists());
    }
}
