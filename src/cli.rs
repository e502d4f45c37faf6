//! The command line: `virast [FILE]` starts the app; `import`, `stats`, `export`, `merge` and
//! the others work on project files without a window; `git-setup` installs `virast merge` as
//! git's merge driver for project files (docs/MERGE.md).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::export::Untranslated;
use crate::import::{read_article, title_from_path};
use crate::interop::{self, ExportOptions, Format, tmx::TmxScope};
use crate::model::{Project, Stamp};
use crate::store::{self, ProjectFile, StoreError};

mod git_setup;
mod glossary_cmd;
mod merge_cmd;
mod mqm_score;
mod package_files;
pub mod pretranslate_cmd;

pub use git_setup::{ATTRIBUTES_LINE, DRIVER_NAME, with_attributes_line};

/// Editorial review of Persian-to-English news translation.
#[derive(Debug, Parser)]
#[command(
    name = "virast",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A command to run without opening the app.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project file to open in the app (default: the sample article).
    pub file: Option<PathBuf>,
    /// Your name, recorded with every change (default: from settings, else the OS user name).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// A translation memory source for this session (a TMX file, a project or a folder of
    /// them), besides those in the settings; may be given more than once.
    #[arg(long = "tm", value_name = "SOURCE")]
    pub tm: Vec<PathBuf>,
}

/// Commands that work on files without opening a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a project from a Persian article (a UTF-8 text file), cut into sentences.
    Import {
        /// The article, a UTF-8 text file.
        article: PathBuf,
        /// The project file to create (suggested ending: .virast.json).
        #[arg(short, long, value_name = "PROJECT")]
        output: PathBuf,
        /// Title of the project (default: the article's file name).
        #[arg(long)]
        title: Option<String>,
        /// Name of the source publication.
        #[arg(long, value_name = "NAME")]
        source_name: Option<String>,
        /// URL of the original article.
        #[arg(long)]
        url: Option<String>,
        /// Publication date of the original, as given.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// Replace an existing file at PROJECT (it is kept as PROJECT.bak).
        #[arg(long)]
        force: bool,
    },
    /// Count segments, paragraphs, statuses and source words of a project.
    Stats {
        /// The project file.
        project: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write the English article or the Persian source of a project.
    Export {
        /// The project file.
        project: PathBuf,
        /// `text`: the English article; `source`: the Persian article exactly as imported.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// For `text`: leave untranslated sentences out, or mark them.
        #[arg(long, value_enum, default_value_t = UntranslatedArg::Omit)]
        untranslated: UntranslatedArg,
        /// For `tmx`: only approved pairs, or approved and translated ones.
        #[arg(long, value_enum, default_value_t = TmxArg::Approved)]
        tmx_pairs: TmxArg,
    },
    /// Bring translations and statuses back from an XLIFF 2.0 or 1.2 file exported from this
    /// project (matched by segment id; refused with a list if a source differs). Only what the
    /// file changed since the export is applied; a unit changed both in the file and in the
    /// project since is listed and not applied (exit status 1).
    ImportXliff {
        /// The project file.
        project: PathBuf,
        /// The XLIFF file.
        xliff: PathBuf,
        /// Save the result here instead of over PROJECT (which is kept as PROJECT.bak).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Your name, recorded in the history of each segment that changes.
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Print the summary as JSON (units changed on both sides with both versions).
        #[arg(long)]
        json: bool,
    },
    /// Fill a project's targets from an English translation (.txt or .docx), aligned to the
    /// Persian sentences.
    Align {
        /// The project file.
        project: PathBuf,
        /// The translation: UTF-8 text (.txt) or a Word file (.docx).
        translation: PathBuf,
        /// Write the result here instead of saving PROJECT itself.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace existing targets (default: fill only empty ones).
        #[arg(long)]
        replace: bool,
        /// Write even if the translation does not seem to be of this article.
        #[arg(long)]
        force: bool,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
        /// Your name, recorded in the history (default: the OS user name).
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
    },
    /// Run the QA checks; exits with status 1 when an error-severity finding is not ignored.
    Check {
        /// The project file.
        project: PathBuf,
        /// Print one JSON report instead of one line per finding.
        #[arg(long)]
        json: bool,
        /// Check house style as en-US, en-GB, en-GB-oxendict (British with -ize) or auto
        /// (inferred from the story) instead of the project's own English variant (the one
        /// chosen in the desk, `meta.english_variant`; inferred when none was chosen).
        #[arg(long, value_parser = parse_choice)]
        english: Option<crate::qa::VariantChoice>,
        /// Also list words in no English dictionary (`spelling:WORD` warnings with suggestions;
        /// names in capitals, the project's words and the source's Latin words are skipped).
        #[arg(long)]
        spelling: bool,
        /// Also check terminology against this glossary (TBX, or tab-separated TSV), after the
        /// project's own terms and the glossaries it links; may be given several times.
        #[arg(long, value_name = "FILE")]
        glossary: Vec<PathBuf>,
    },
    /// Check a glossary (TBX, or tab-separated .tsv/.tab/.txt/.utf8 as CAT tools use) or convert it to
    /// the other format (docs/GLOSSARY.md). A malformed file is an error naming the file and
    /// the position, and nothing is written.
    Glossary {
        /// The glossary.
        file: PathBuf,
        /// List duplicates, terms both preferred and forbidden, empty sides and fields TSV cannot
        /// hold, each with its line (and TBX entry number); exits 1 if there is any.
        #[arg(long)]
        check: bool,
        /// Write the glossary to OUT in the format its name says (.tbx or .tsv): TBX <-> TSV.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists (never a Virast project or autosave).
        #[arg(long)]
        force: bool,
    },
    /// Three-way merge of two versions of a project, sentence by sentence (docs/MERGE.md).
    /// Exits 0 when clean, 1 when conflicts were recorded in the result, 2 when nothing could
    /// be merged (nothing is written then). Usable as git's merge driver: `merge %O %A %B --name %P`.
    Merge {
        /// The common ancestor of both versions.
        base: PathBuf,
        /// Our version; the result is written over it unless `-o` is given.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Write the result here instead of over OURS (a new file or a Virast project, which
        /// is kept as OUT.bak).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// The project's path as people know it, for messages (git's `%P`: git hands the
        /// driver temporary copies, whose names mean nothing to the user).
        #[arg(long, value_name = "PATH")]
        name: Option<String>,
    },
    /// Fill the untranslated sentences from translation memories (TMX files, projects, folders
    /// of both): an exact match becomes Translated, a fuzzy one Needs revision with a note
    /// naming its score and origin. Sentences that have a translation are never touched.
    Pretranslate(pretranslate_cmd::Args),
    /// Make git merge project files (`*.virast.json`) with `virast merge` in the repository
    /// at DIR: adds a line to `.gitattributes` and sets `merge.virast.*` in its git config.
    GitSetup {
        /// A folder in the git work tree (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// MQM scores of an annotation file in the layout of the public WMT MQM data (system,
    /// doc, `doc_id`, `seg_id`, rater, source, target, category, severity): per system, averaged
    /// as the expert MQM study does (Minor 1, Major 5, Minor punctuation 0.1,
    /// Non-translation 25; lower is better).
    MqmScore {
        /// The tab-separated file.
        file: PathBuf,
        /// Print one JSON object: {"systems": [{"system", "score", "segments"}]}.
        #[arg(long)]
        json: bool,
        /// Also score each rater.
        #[arg(long)]
        by_rater: bool,
        /// Also score each system on each document.
        #[arg(long)]
        by_doc: bool,
    },
    /// Write the man pages and the bash, zsh and fish completions into DIR (for
    /// `scripts/package.sh`; hidden from help).
    #[command(hide = true)]
    PackageFiles {
        /// The folder to write `man/` and `completions/` into (created if missing).
        dir: PathBuf,
    },
}

fn parse_choice(tag: &str) -> Result<crate::qa::VariantChoice, String> {
    crate::qa::VariantChoice::parse(tag)
        .ok_or_else(|| format!("“{tag}” is not en-US, en-GB, en-GB-oxendict or auto"))
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The English article as plain text.
    Text,
    /// The Persian article: as imported, with any source corrections.
    Source,
    /// XLIFF 2.0 for CAT tools.
    Xliff,
    /// XLIFF 1.2 for CAT tools.
    Xliff12,
    /// TMX 1.4b for translation memories.
    Tmx,
    /// The bilingual review report, one self-contained HTML file.
    Html,
}

impl From<ExportFormat> for Format {
    fn from(arg: ExportFormat) -> Self {
        match arg {
            ExportFormat::Text => Format::Text,
            ExportFormat::Source => Format::Source,
            ExportFormat::Xliff => Format::Xliff,
            ExportFormat::Xliff12 => Format::Xliff12,
            ExportFormat::Tmx => Format::Tmx,
            ExportFormat::Html => Format::Html,
        }
    }
}

/// Which pairs a TMX export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TmxArg {
    /// Only approved pairs.
    Approved,
    /// Approved and translated pairs (never those sent back).
    Translated,
}

/// What to do with untranslated sentences in a text export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UntranslatedArg {
    /// Leave them out.
    Omit,
    /// Mark them as `[untranslated #ID: SOURCE]`.
    Mark,
}

impl From<UntranslatedArg> for Untranslated {
    fn from(arg: UntranslatedArg) -> Self {
        match arg {
            UntranslatedArg::Omit => Untranslated::Omit,
            UntranslatedArg::Mark => Untranslated::Mark,
        }
    }
}

/// How a command ended when that is neither success nor a plain error (status 1): `virast
/// merge` exits 1 when it recorded conflicts and 2 when it refused to merge. [`run`] returns
/// it as the error; the binary reads it with [`exit_status`].
#[derive(Debug, thiserror::Error)]
pub enum Exit {
    /// Done, but the result needs a person (merge conflicts recorded); the message was
    /// already printed. Status 1.
    #[error("{0}")]
    NeedsAttention(String),
    /// Refused before anything was written. Status 2.
    #[error("{0:#}")]
    Refused(anyhow::Error),
}

impl Exit {
    /// The process exit status.
    pub fn code(&self) -> u8 {
        match self {
            Exit::NeedsAttention(_) => 1,
            Exit::Refused(_) => 2,
        }
    }
}

/// The exit status for an error returned by [`run`], and the message to print, if any
/// ([`Exit::NeedsAttention`] has printed its own).
pub fn exit_status(err: &anyhow::Error) -> (u8, Option<String>) {
    match err.downcast_ref::<Exit>() {
        Some(exit @ Exit::NeedsAttention(_)) => (exit.code(), None),
        Some(exit) => (exit.code(), Some(exit.to_string())),
        None => (1, Some(format!("{err:#}"))),
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        None => run_app(cli.file, cli.user, cli.tm),
        Some(Command::Pretranslate(args)) => pretranslate_cmd::run(&args),
        Some(Command::Import {
            article,
            output,
            title,
            source_name,
            url,
            published,
            force,
        }) => {
            let text = read_article(&article)?;
            let title = title.unwrap_or_else(|| title_from_path(&article));
            let mut project = text.into_project(&title, chrono::Utc::now());
            project.meta.source_name = source_name;
            project.meta.source_url = url;
            project.meta.published = published;
            let mut file = ProjectFile::new(&output);
            let saved = if force {
                file.save_overwriting(&project)
            } else {
                file.save(&project)
            };
            match saved {
                Err(err @ StoreError::Conflict { .. }) => {
                    bail!("{err} (use --force to replace it; the old file is kept as .bak)")
                }
                other => other?,
            }
            println!(
                "Imported {} sentences in {} paragraphs from {} into {}",
                project.segments.len(),
                project.paragraph_count(),
                article.display(),
                output.display()
            );
            Ok(())
        }
        Some(Command::Align {
            project,
            translation,
            output,
            replace,
            force,
            json,
            user,
        }) => run_align(&AlignArgs {
            project,
            translation,
            output,
            replace,
            force,
            json,
            user,
        }),
        Some(Command::Check {
            project,
            json,
            english,
            spelling,
            glossary,
        }) => {
            let loaded = store::load(&project)?;
            glossary_cmd::check_given(&glossary)?;
            let (terms, notices) = store::glossary::term_base(&loaded, Some(&project), &glossary);
            for notice in notices {
                eprintln!("{notice}");
            }
            let mut out = std::io::stdout().lock();
            let english = english.unwrap_or(crate::qa::VariantChoice::of_project(
                loaded.meta.english_variant,
            ));
            let has_errors =
                crate::qa::run_check_with(&loaded, english, spelling, &terms, json, &mut out)
                    .context("cannot write to standard output")?;
            drop(out);
            let conflicts = loaded.conflict_count();
            if conflicts > 0 {
                bail!(
                    "{} has {conflicts} open merge conflict(s) (reported as errors above): choose a version in the review desk",
                    project.display()
                );
            }
            if has_errors {
                bail!(
                    "{} has QA errors that are not ignored: fix them or ignore them in the review desk",
                    project.display()
                );
            }
            Ok(())
        }
        Some(Command::ImportXliff {
            project,
            xliff,
            output,
            user,
            json,
        }) => import_xliff(&project, &xliff, output.as_deref(), user, json),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            name,
        }) => merge_cmd::run(&base, &ours, &theirs, output.as_deref(), name.as_deref()),
        Some(Command::Glossary {
            file,
            check,
            output,
            force,
        }) => glossary_cmd::run(&glossary_cmd::GlossaryArgs {
            file,
            check,
            output,
            force,
        }),
        Some(Command::GitSetup { dir }) => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            let exe = std::env::current_exe()
                .context("cannot tell where this virast program is, for git to run it")?;
            let done = git_setup::install(&dir, &exe)?;
            write_stdout(done.as_bytes())
        }
        Some(Command::MqmScore {
            file,
            json,
            by_rater,
            by_doc,
        }) => write_stdout(mqm_score::run(&file, json, by_rater, by_doc)?.as_bytes()),
        Some(Command::PackageFiles { dir }) => package_files::write(&dir),
        Some(Command::Stats { project, json }) => {
            let stats = Stats::of(&store::load(&project)?);
            let out = if json {
                serde_json::to_string(&stats)? + "\n"
            } else {
                stats.table()
            };
            write_stdout(out.as_bytes())
        }
        Some(Command::Export {
            project: path,
            format,
            output,
            untranslated,
            tmx_pairs,
        }) => {
            let project = store::load(&path)?;
            let bytes = ExportOptions {
                format: format.into(),
                tmx_scope: match tmx_pairs {
                    TmxArg::Approved => TmxScope::Approved,
                    TmxArg::Translated => TmxScope::Translated,
                },
                untranslated: untranslated.into(),
            }
            .render(&project)?;
            match output {
                None => write_stdout(&bytes),
                Some(out) => {
                    if same_file(&out, &path) {
                        bail!(
                            "refusing to export over the project file itself: {}",
                            out.display()
                        );
                    }
                    // `-o` replaces an ordinary file, as command-line tools do, but never a
                    // Virast project, backup or autosave.
                    store::write_export(&out, &bytes, true)?;
                    Ok(())
                }
            }
        }
    }
}

/// What `virast import-xliff --json` prints.
#[derive(serde::Serialize)]
struct ImportXliffReport<'a> {
    file: &'a Path,
    #[serde(flatten)]
    summary: &'a interop::import_xliff::Summary,
    /// Where the project was saved; `None` when nothing changed.
    saved: Option<&'a Path>,
}

/// `virast import-xliff`: read, check, apply, save (over the project with a backup, or to a
/// new file). Units changed on both sides since the export are listed, not applied, and make
/// the exit status 1 (after the rest is saved).
fn import_xliff(
    path: &Path,
    xliff: &Path,
    output: Option<&Path>,
    user: Option<String>,
    json: bool,
) -> anyhow::Result<()> {
    let opened = store::open(path)?;
    let mut project = opened.project;
    let bytes = interop::import_xliff::read_file(xliff)
        .with_context(|| format!("cannot read {}", xliff.display()))?;
    let name = xliff.file_name().map_or_else(
        || xliff.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let user = user
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "virast".to_owned());
    let plan = interop::import_xliff::plan_file(&project, &bytes)
        .with_context(|| format!("cannot import {}", xliff.display()))?;
    let summary = plan.summary(&project);
    let target = output.unwrap_or(path);
    let saved = if plan.changes.is_empty() {
        None
    } else {
        interop::import_xliff::apply(&mut project, &plan, &name, &Stamp::now(user));
        let mut file = match output {
            Some(out) => ProjectFile::new(out),
            None => opened.file,
        };
        file.save(&project)?;
        Some(target)
    };
    let mut out = if json {
        serde_json::to_string(&ImportXliffReport {
            file: xliff,
            summary: &summary,
            saved,
        })? + "\n"
    } else {
        let outcome = match saved {
            Some(target) => format!("Saved {}.", target.display()),
            None => format!("{} is unchanged.", path.display()),
        };
        format!("{}: {summary} {outcome}\n", xliff.display())
    };
    if !json {
        use std::fmt::Write as _;
        for both in &summary.both_changed {
            let _ = writeln!(
                out,
                "  {}: here ({}) «{}»; in the file ({}) «{}»",
                both.id,
                both.project_status.label(),
                both.project_target,
                both.file_status.label(),
                both.file_target
            );
        }
    }
    write_stdout(out.as_bytes())?;
    if summary.both_changed.is_empty() {
        Ok(())
    } else {
        Err(Exit::NeedsAttention(format!(
            "{} changed both in the project and in {} since the export: not imported",
            interop::plural(summary.both_changed.len(), "unit"),
            xliff.display()
        ))
        .into())
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Write to standard output; a closed pipe (`virast export ... | head`) is not an error.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            Err(err).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Arguments of `virast align`.
struct AlignArgs {
    project: PathBuf,
    translation: PathBuf,
    output: Option<PathBuf>,
    replace: bool,
    force: bool,
    json: bool,
    user: Option<String>,
}

/// What `virast align --json` prints.
#[derive(serde::Serialize)]
struct AlignReport<'a> {
    #[serde(flatten)]
    summary: &'a crate::align::Summary,
    #[serde(flatten)]
    import: crate::model::ImportReport,
    /// Ids of segments the aligner found no English for.
    persian_without_english: Vec<u64>,
    /// The file written; `null` when nothing changed and nothing was written.
    output: Option<&'a Path>,
}

/// `virast align`: align, fill, save, report.
fn run_align(args: &AlignArgs) -> anyhow::Result<()> {
    use crate::align::{self, Model};
    use crate::model::{ImportMode, Stamp};

    let opened = store::open(&args.project)?;
    let mut project = opened.project;
    let text = align::read::read_translation(&args.translation)?;
    if let Err(why) = align::check_length(&project, &text) {
        bail!("{}: {why}", args.translation.display());
    }
    let plan = align::plan(&project, &text, Model::Anchored);
    let summary = &plan.summary;
    if plan.looks_unrelated() && !args.force {
        bail!(
            "{} does not look like a translation of {}: only {:.0}% of the sentence pairs found fit with good confidence ({} Persian, {} English sentences). Nothing was written; use --force to import anyway",
            args.translation.display(),
            args.project.display(),
            summary.overall_confidence * 100.0,
            summary.persian_sentences,
            summary.english_sentences
        );
    }
    let mode = if args.replace {
        ImportMode::ReplaceAll
    } else {
        ImportMode::FillEmpty
    };
    let placements: Vec<(String, f64)> = plan
        .placements
        .iter()
        .map(|p| (p.target.clone(), p.confidence))
        .collect();
    let author = args
        .user
        .clone()
        .unwrap_or_else(crate::app::settings::default_user);
    let conflicts = project.import_conflicts(&placements, mode);
    if !conflicts.is_empty() {
        let list: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
        bail!(
            "{} would change {} with an open merge conflict ({}); settle them in the review desk first (Take ours, Take theirs or Edit). Nothing was written",
            args.translation.display(),
            crate::interop::plural(conflicts.len(), "sentence"),
            list.join(", ")
        );
    }
    let source = title_from_file_name(&args.translation);
    let before = project.clone();
    let report = project.import_translation(&placements, mode, &source, &Stamp::now(author));
    let out_path = args.output.clone().unwrap_or_else(|| args.project.clone());
    // A command that changes nothing writes nothing (the backup keeps the real previous
    // version).
    let unchanged = project == before;
    if unchanged {
        // Nothing to write.
    } else if same_file(&out_path, &args.project) {
        let mut file = opened.file;
        file.save(&project)?;
    } else if out_path.exists() {
        bail!(
            "{} already exists: choose another output file (nothing was written)",
            out_path.display()
        );
    } else {
        ProjectFile::new(&out_path).save(&project)?;
    }
    let without: Vec<u64> = project
        .segments
        .iter()
        .zip(&plan.placements)
        .filter(|(_, p)| p.target.is_empty())
        .map(|(s, _)| s.id.0)
        .collect();
    let out = if args.json {
        let json = AlignReport {
            summary,
            import: report,
            persian_without_english: without,
            output: if unchanged { None } else { Some(&out_path) },
        };
        serde_json::to_string(&json)? + "\n"
    } else {
        align_table(
            summary,
            &report,
            &without,
            (!unchanged).then_some(&out_path),
        )
    };
    write_stdout(out.as_bytes())
}

/// The file name of a path, for history notes.
fn title_from_file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The human-readable summary of `virast align`.
fn align_table(
    summary: &crate::align::Summary,
    report: &crate::model::ImportReport,
    without: &[u64],
    out: Option<&Path>,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let beads: Vec<String> = crate::align::BeadKind::ALL
        .iter()
        .map(|k| format!("{} {}", k.label(), summary.beads.get(*k)))
        .collect();
    let _ = writeln!(
        s,
        "Persian sentences: {}\nEnglish sentences: {}\nBeads:             {}",
        summary.persian_sentences,
        summary.english_sentences,
        beads.join(", ")
    );
    let _ = writeln!(
        s,
        "Low confidence:    {} (use the \"Check alignment\" filter in the desk)\nOverall:           {:.0}% of the sentence pairs fit with good confidence",
        summary.low_confidence,
        summary.overall_confidence * 100.0
    );
    let _ = writeln!(
        s,
        "Targets:           {} filled, {} replaced, {} kept",
        report.filled, report.replaced, report.kept
    );
    if report.kept > 0 && report.replaced == 0 {
        let _ = writeln!(
            s,
            "                   (existing translations were kept; --replace replaces them)"
        );
    }
    if !without.is_empty() {
        let ids: Vec<String> = without.iter().map(|id| format!("#{id}")).collect();
        let _ = writeln!(s, "No English found for: {}", ids.join(" "));
    }
    if !summary.unplaced_english.is_empty() {
        let _ = writeln!(
            s,
            "English sentences that matched no Persian sentence (not imported):"
        );
        for e in &summary.unplaced_english {
            let _ = writeln!(s, "  {e}");
        }
    }
    match out {
        Some(out) => {
            let _ = writeln!(s, "Wrote {}", out.display());
        }
        None => {
            let _ = writeln!(s, "Nothing changed, so nothing was written.");
        }
    }
    s
}

/// Start the desktop app.
fn run_app(file: Option<PathBuf>, user: Option<String>, tm: Vec<PathBuf>) -> anyhow::Result<()> {
    crate::app::run::run(file, user, tm)
}

/// Numbers reported by `virast stats`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Number of segments (sentences).
    pub segments: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Segments without a translation.
    pub untranslated: usize,
    /// Segments translated and waiting for review.
    pub translated: usize,
    /// Segments sent back by an editor.
    pub needs_revision: usize,
    /// Approved segments.
    pub approved: usize,
    /// Words in the Persian source.
    pub source_words: usize,
    /// Share of approved segments in percent, to one decimal.
    pub percent_approved: f64,
    /// Segments with an open merge conflict (docs/MERGE.md).
    pub conflicts: usize,
}

impl Stats {
    /// The statistics of a project.
    pub fn of(project: &Project) -> Self {
        let counts = project.status_counts();
        let segments = project.segments.len();
        let percent_approved = if segments == 0 {
            0.0
        } else {
            (counts.approved as f64 * 1000.0 / segments as f64).round() / 10.0
        };
        Stats {
            segments,
            paragraphs: project.paragraph_count(),
            untranslated: counts.untranslated,
            translated: counts.translated,
            needs_revision: counts.needs_revision,
            approved: counts.approved,
            source_words: project.source_words(),
            percent_approved,
            conflicts: project.conflict_count(),
        }
    }

    /// A human-readable table, one number per line.
    pub fn table(&self) -> String {
        format!(
            "Segments:        {}\n\
             Paragraphs:      {}\n\
             Untranslated:    {}\n\
             Translated:      {}\n\
             Needs revision:  {}\n\
             Approved:        {} ({:.1}%)\n\
             Source words:    {}\n\
             Conflicts:       {}\n",
            self.segments,
            self.paragraphs,
            self.untranslated,
            self.translated,
            self.needs_revision,
            self.approved,
            self.percent_approved,
            self.source_words,
            self.conflicts
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gui_and_subcommands() {
        let cli = Cli::try_parse_from(["virast", "p.virast.json", "--user", "ana"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(cli.command.is_none());
        assert_eq!(cli.file.as_deref(), Some(Path::new("p.virast.json")));
        assert_eq!(cli.user.as_deref(), Some("ana"));

        let cli = Cli::try_parse_from([
            "virast",
            "export",
            "p",
            "--format",
            "text",
            "--untranslated",
            "mark",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            cli.command,
            Some(Command::Export {
                format: ExportFormat::Text,
                untranslated: UntranslatedArg::Mark,
                output: None,
                ..
            })
        ));
        assert!(Cli::try_parse_from(["virast", "export", "p", "--format", "pdf"]).is_err());
        assert!(
            Cli::try_parse_from(["virast", "import", "a.txt"]).is_err(),
            "-o is required"
        );
    }

    #[test]
    fn stats_of_a_fresh_project() {
        let article = crate::import::decode("الف. ب.\nج.".as_bytes(), Path::new("a.txt"))
            .unwrap_or_else(|e| panic!("{e}"));
        let stats = Stats::of(&article.into_project("t", chrono::Utc::now()));
        assert_eq!(
            (
                stats.segments,
                stats.paragraphs,
                stats.untranslated,
                stats.approved
            ),
            (3, 2, 3, 0)
        );
        assert_eq!(stats.source_words, 3);
        assert_eq!(stats.conflicts, 0);
        assert!(stats.table().ends_with("Conflicts:       0\n"));
        assert!(stats.table().contains("Approved:        0 (0.0%)"));
    }
}
