//! The translation memory in the desk: loading the sources on a worker thread (with
//! progress; the desk never waits), the matches of the current sentence (looked up once per
//! sentence change and cached, so a frame costs the same at any memory size), inserting a
//! match (Ctrl+1..5, one undo step) and concordance search (Ctrl+K). No drawing here
//! (`ui::memory` draws the Memory tab).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, mpsc};

use super::VirastApp;
use crate::memory::{self, Concordance, Loaded, Match, Memory, WordDiff};

/// How many matches the Memory tab shows (and Ctrl+1..5 reaches).
pub const MAX_MATCHES: usize = 5;
/// How many concordance hits are listed.
pub const MAX_CONCORDANCE: usize = 100;

/// Memory sources being read on a worker thread.
#[derive(Debug)]
pub struct LoadJob {
    /// Work done, in thousandths.
    progress: Arc<AtomicU32>,
    result: mpsc::Receiver<Loaded>,
}

impl LoadJob {
    /// Share of the work done, 0.0..=1.0.
    pub fn progress(&self) -> f32 {
        self.progress.load(Ordering::Relaxed).min(1000) as f32 / 1000.0
    }
}

/// What the cached matches were found for: (memory generation, sentence index, its Persian,
/// threshold).
type MatchKey = (u64, usize, String, u8);

/// A match of the current sentence as the Memory tab shows it.
#[derive(Clone, Debug)]
pub struct ShownMatch {
    /// The unit and its score.
    pub found: Match,
    /// The memory's Persian against this sentence's, word by word.
    pub diff: WordDiff,
}

/// The memory of the desk.
#[derive(Debug, Default)]
pub struct MemoryState {
    /// The memory last loaded.
    pub memory: Option<Arc<Memory>>,
    /// Counts loads, so cached matches follow a reload.
    pub generation: u64,
    /// A load in progress.
    pub job: Option<LoadJob>,
    /// Files skipped at the last load, each "FILE: why".
    pub notices: Vec<String>,
    /// Files read at the last load.
    pub files: usize,
    /// Sources given on the command line (`virast --tm SOURCE`), for this session only.
    pub session_sources: Vec<PathBuf>,
    /// Whether loading was started once (the first frame starts it).
    started: bool,
    /// The matches found for the current sentence, and for what.
    cache: Option<(MatchKey, Vec<ShownMatch>)>,
    /// The concordance field.
    pub concordance_query: String,
    /// The phrase last searched and what was found.
    pub concordance: Option<(String, Vec<Concordance>)>,
    /// The "add a source" field of the Memory tab.
    pub source_draft: String,
    /// Give the concordance field keyboard focus on the next frame.
    pub focus_concordance: bool,
    /// Lookups made so far (a frame that changes nothing makes none).
    pub lookups: u64,
}

/// The label the open project's own pairs carry as their file.
fn own_label(app: &VirastApp) -> String {
    app.doc.path().map_or_else(
        || "this project".to_owned(),
        |p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        },
    )
}

impl VirastApp {
    /// Every memory source: the settings' list and the command line's.
    pub fn memory_sources(&self) -> Vec<PathBuf> {
        let mut all = self.settings.memory_sources.clone();
        for s in &self.memory.session_sources {
            if !all.contains(s) {
                all.push(s.clone());
            }
        }
        all
    }

    /// (Re)load the memory on a worker thread: the sources and the open project's approved
    /// pairs as they are now.
    pub fn reload_memory(&mut self) {
        self.memory.started = true;
        let sources = self.memory_sources();
        let own = memory::read::project_units(&self.doc.project, &own_label(self));
        let progress = Arc::new(AtomicU32::new(0));
        let shared = Arc::clone(&progress);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let report = |share: f32| {
                shared.store((share * 1000.0).round() as u32, Ordering::Relaxed);
            };
            let mut loaded = memory::read::load_with(&sources, own, &report);
            loaded.notices.shrink_to_fit();
            // The desk may have closed; nothing to do then.
            let _ = tx.send(loaded);
        });
        self.memory.job = Some(LoadJob {
            progress,
            result: rx,
        });
    }

    /// Start loading at the first frame; take the result of a load when it is ready. Called
    /// every frame; cheap when nothing happens.
    pub(super) fn poll_memory(&mut self, ctx: &egui::Context) {
        if !self.memory.started {
            // Checked once: a frame never scans the project for this again.
            self.memory.started = true;
            if self.memory_sources().is_empty() && !self.has_own_pairs() {
                return;
            }
            self.reload_memory();
        }
        let Some(job) = &self.memory.job else {
            return;
        };
        match job.result.try_recv() {
            Ok(loaded) => {
                self.memory.job = None;
                self.memory.generation += 1;
                self.memory.files = loaded.files;
                let n = loaded.memory.len();
                let skipped = loaded.notices.len();
                self.memory.notices = loaded.notices;
                self.memory.memory = Some(Arc::new(loaded.memory));
                self.memory.concordance = None;
                let text = format!(
                    "Memory: {n} pairs from {} file(s){}.",
                    loaded.files,
                    if skipped > 0 {
                        format!(", {skipped} skipped (see the Memory tab)")
                    } else {
                        String::new()
                    }
                );
                // With no sources of its own (only this project's approved sentences) the
                // memory loads silently.
                if skipped > 0 {
                    self.error(text);
                } else if !self.memory_sources().is_empty() {
                    self.notice(text);
                }
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint(),
            Err(mpsc::TryRecvError::Disconnected) => {
                self.memory.job = None;
                self.error("Loading the memory failed.");
            }
        }
    }

    fn has_own_pairs(&self) -> bool {
        self.doc
            .project
            .segments
            .iter()
            .any(|s| s.status == crate::model::Status::Approved)
    }

    /// The matches of the current sentence (at least the user's threshold, best first, at
    /// most [`MAX_MATCHES`]); looked up only when the sentence, its Persian, the threshold or
    /// the memory changed.
    pub fn memory_matches(&mut self) -> &[ShownMatch] {
        let index = self.view.current;
        let source = self
            .doc
            .project
            .segments
            .get(index)
            .map(|s| s.source.as_str())
            .unwrap_or_default();
        let min = self.settings.memory_min.clamp(1, 100);
        let fresh = self.memory.cache.as_ref().is_some_and(|((g, i, s, m), _)| {
            *g == self.memory.generation && *i == index && s == source && *m == min
        });
        if !fresh {
            self.memory.lookups += 1;
            let found = self.compute_matches(index, min);
            let key = (self.memory.generation, index, source.to_owned(), min);
            self.memory.cache = Some((key, found));
        }
        self.memory
            .cache
            .as_ref()
            .map_or(&[], |(_, m)| m.as_slice())
    }

    fn compute_matches(&self, index: usize, min: u8) -> Vec<ShownMatch> {
        let (Some(memory), Some(seg)) = (&self.memory.memory, self.doc.project.segments.get(index))
        else {
            return Vec::new();
        };
        let own = own_label(self);
        // One more than shown, in case the sentence's own approved pair is among them.
        memory
            .lookup(&seg.source, min, MAX_MATCHES + 1)
            .into_iter()
            .filter(|m| {
                memory.unit(m.unit).is_some_and(|u| {
                    !(u.origin.segment == Some(seg.id.0) && *u.origin.file == *own)
                })
            })
            .take(MAX_MATCHES)
            .filter_map(|found| {
                let unit = memory.unit(found.unit)?;
                Some(ShownMatch {
                    found,
                    diff: memory::word_diff(&unit.fa, &seg.source),
                })
            })
            .collect()
    }

    /// Put match number `n` (from 1) in place of the current sentence's English: one undo
    /// step, recorded in the history as "from memory: FILE, 87%".
    pub(super) fn insert_match(&mut self, n: usize) {
        let i = self.view.current;
        let Some(found) = self
            .memory_matches()
            .get(n.wrapping_sub(1))
            .map(|m| m.found)
        else {
            self.notice(format!("No memory match {n} for this sentence."));
            return;
        };
        let Some(unit) = self
            .memory
            .memory
            .as_ref()
            .and_then(|m| m.unit(found.unit))
            .cloned()
        else {
            return;
        };
        let note = memory::pretranslate::history_note(&unit, found.score);
        let stamp = self.stamp();
        self.doc.undo.break_typing();
        if self.edit(
            &format!("Insert memory match {n} ({}%)", found.score),
            i,
            1,
            None,
            |p| p.fill_target(i, &unit.en, None, &note, &stamp).map(|_| 1),
        ) {
            self.doc.undo.break_typing();
            self.view.focus_current = true;
            self.notice(format!(
                "Inserted the {}% match from {}{}",
                found.score,
                unit.origin.file,
                if found.score < 100 {
                    ": check what differs (the diff in the Memory tab)."
                } else {
                    "."
                }
            ));
        }
    }

    /// Search the memory for a Persian or English phrase.
    pub(super) fn search_memory(&mut self, phrase: &str) {
        let Some(memory) = &self.memory.memory else {
            self.notice("The memory is not loaded (add a source in the Memory tab).");
            return;
        };
        let hits = memory.concordance(phrase, MAX_CONCORDANCE);
        self.memory.concordance = Some((phrase.to_owned(), hits));
    }

    /// Add a memory source (a TMX file, a project or a folder) to the settings and reload.
    pub(super) fn add_memory_source(&mut self, path: PathBuf) {
        if !path.exists() {
            self.error(format!("{} does not exist.", path.display()));
            return;
        }
        if !self.settings.memory_sources.contains(&path) {
            self.settings.memory_sources.push(path);
        }
        self.memory.source_draft.clear();
        self.reload_memory();
    }

    /// Remove a memory source from the settings and reload.
    pub(super) fn remove_memory_source(&mut self, path: &std::path::Path) {
        self.settings.memory_sources.retain(|p| p != path);
        self.reload_memory();
    }
}
