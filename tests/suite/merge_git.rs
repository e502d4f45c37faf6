//! `virast merge` and `virast git-setup` on the real binary, with the real `git`: two people
//! edit one article on two branches and `git merge` merges it per sentence; the same sentence
//! edited twice is a conflict kept as data (valid JSON, both texts, no markers); refusals
//! (damaged, newer or foreign input, `-o` over a file that is not a project) write nothing.
//!
//! The git tests run with a temporary `HOME` and no system config, so they need no git set-up
//! and never touch the user's. Where `git` is missing they are skipped with a message, except
//! under `CI` (any value), where a missing git fails them.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use virast::model::{Project, Resolution, Stamp};
use virast::store::{self, ProjectFile};

const BIN: &str = env!("CARGO_BIN_EXE_virast");

/// The article: five Persian sentences in two paragraphs.
const SOURCES: [(&str, &str); 5] = [
    ("پلیس از افتتاح ۴۰۰ مرکز مشاوره خبر داد.", " "),
    ("این مراکز در کلانتری‌ها فعال می‌شوند.", " "),
    ("هدف کاهش پرونده‌های قضایی است.", "\n"),
    ("رئیس پلیس گفت مشاوره رایگان است.", " "),
    ("طرح از ماه آینده آغاز می‌شود.", ""),
];

const FILE: &str = "articles/police.virast.json";

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn output_of(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

/// The base project: nothing translated but the first sentence.
fn base_project() -> Project {
    let pieces = SOURCES
        .iter()
        .map(|(s, sep)| ((*s).to_owned(), (*sep).to_owned()));
    let mut p = Project::new("Police counselling", "", pieces, chrono::Utc::now());
    p.set_target(
        0,
        "Police announced 400 counselling centres.",
        &Stamp::now("Sara"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    p
}

fn save_new(project: &Project, path: &Path) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    }
    ProjectFile::new(path)
        .save(project)
        .unwrap_or_else(|e| panic!("cannot save {}: {e}", path.display()));
}

/// Open a project file, set the target of sentence `index`, save it (as the desk would).
fn edit(path: &Path, index: usize, target: &str, who: &str) {
    let mut opened = store::open(path).unwrap_or_else(|e| panic!("{e}"));
    opened
        .project
        .set_target(index, target, &Stamp::now(who))
        .unwrap_or_else(|e| panic!("{e}"));
    opened
        .file
        .save(&opened.project)
        .unwrap_or_else(|e| panic!("{e}"));
}

fn load(path: &Path) -> Project {
    store::load(path).unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()))
}

fn virast<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                out.insert(path, bytes);
            }
        }
    }
    out
}

/// Whether `git` can run. Under CI (`CI` set, and `.ci/run` installs it) a missing `git`
/// fails the test; on a developer's machine without it the git tests are skipped with a
/// message.
fn have_git() -> bool {
    if Command::new("git").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "cannot run `git`: install it with `apt-get install git`"
    );
    eprintln!(
        "SKIPPED: `git` is not installed, so the merge driver was not tried with git \
         (apt-get install git; CI installs it and requires it)"
    );
    false
}

/// A git work tree in a temporary folder, with its own `HOME`, identity and no system config.
struct Repo {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempdir(),
            home: tempdir(),
        };
        repo.ok(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self) -> PathBuf {
        self.path().join(FILE)
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(self.path())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.org")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.org")
            .env("GIT_EDITOR", "true")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("LC_ALL", "C");
        c
    }

    fn git(&self, args: &[&str]) -> Output {
        self.command("git")
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run git: {e}"))
    }

    /// Run git and require success; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            output_of(&out)
        );
        text(&out.stdout)
    }

    fn virast(&self, args: &[&OsStr]) -> Output {
        self.command(BIN)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
    }

    /// The base commit on `main`: the project and the driver set up by `virast git-setup`,
    /// then branches `ana` and `bob` from it.
    fn with_base() -> Repo {
        let repo = Repo::new();
        save_new(&base_project(), &repo.file());
        let setup = repo.virast(&["git-setup".as_ref(), repo.path().as_os_str()]);
        assert!(setup.status.success(), "{}", output_of(&setup));
        repo.ok(&["add", "-A"]);
        repo.ok(&["commit", "-q", "-m", "base"]);
        repo.ok(&["branch", "ana"]);
        repo.ok(&["branch", "bob"]);
        repo
    }

    /// On `branch`: set sentence `index` to `target` and commit.
    fn commit_edit(&self, branch: &str, index: usize, target: &str) {
        self.ok(&["checkout", "-q", branch]);
        edit(&self.file(), index, target, branch);
        self.ok(&[
            "commit",
            "-q",
            "-am",
            &format!("{branch} edits #{}", index + 1),
        ]);
    }
}

#[test]
fn git_merges_edits_of_different_sentences_cleanly() {
    if !have_git() {
        return;
    }
    let repo = Repo::with_base();
    assert_eq!(
        repo.ok(&["check-attr", "merge", FILE]).trim(),
        format!("{FILE}: merge: virast"),
        "git-setup sent project files to the driver"
    );
    repo.commit_edit("ana", 1, "The centres open in police stations.");
    repo.commit_edit("bob", 3, "The police chief said counselling is free.");
    repo.ok(&["checkout", "-q", "ana"]);
    let merge = repo.git(&["merge", "--no-edit", "bob"]);
    let said = output_of(&merge);
    assert!(merge.status.success(), "{said}");
    assert!(
        said.contains(&format!(
            "{FILE}: merged: 1 sentence from their side, 0 conflicts"
        )),
        "the driver ran and reported, naming the project (git's %P): {said}"
    );
    assert_eq!(
        repo.ok(&["status", "--porcelain"]),
        format!("?? {FILE}.bak\n"),
        "nothing left to do, and no file of the driver left behind (the backup is the test's save)"
    );
    let parents = repo.ok(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 2, "a merge commit");

    let merged = load(&repo.file());
    let targets: Vec<&str> = merged.segments.iter().map(|s| s.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "Police announced 400 counselling centres.",
            "The centres open in police stations.",
            "",
            "The police chief said counselling is free.",
            "",
        ]
    );
    assert_eq!(merged.conflict_count(), 0);
    let committed = repo.ok(&["show", &format!("HEAD:{FILE}")]);
    assert_eq!(
        committed.as_bytes(),
        fs::read(repo.file()).unwrap_or_default(),
        "the merge commit holds the merged file"
    );
}

#[test]
fn git_merge_of_one_sentence_edited_twice_is_a_conflict_kept_as_valid_json() {
    if !have_git() {
        return;
    }
    let repo = Repo::with_base();
    let ana = "These centres will operate in police stations.";
    let bob = "The centres are to be set up at police precincts.";
    repo.commit_edit("ana", 1, ana);
    repo.commit_edit("bob", 1, bob);
    repo.ok(&["checkout", "-q", "ana"]);
    let merge = repo.git(&["merge", "--no-edit", "bob"]);
    let said = output_of(&merge);
    assert_eq!(merge.status.code(), Some(1), "{said}");
    assert!(said.contains("CONFLICT"), "git reports it: {said}");
    assert!(
        said.contains(&format!(
            "{FILE}: merged: 0 sentences from their side, 1 conflict (#2)"
        )),
        "{said}"
    );
    assert_eq!(
        repo.ok(&["diff", "--name-only", "--diff-filter=U"]).trim(),
        FILE,
        "git marks the file as conflicted"
    );

    let bytes = fs::read(repo.file()).unwrap_or_default();
    let raw = text(&bytes);
    assert!(
        !raw.contains("<<<<<<<") && !raw.contains(">>>>>>>"),
        "no markers"
    );
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .unwrap_or_else(|e| panic!("not valid JSON: {e}"));
    assert!(
        raw.contains(ana) && raw.contains(bob),
        "both texts are kept"
    );
    let merged = load(&repo.file());
    assert_eq!(merged.conflict_count(), 1);
    let seg = &merged.segments[1];
    assert_eq!(seg.target, ana, "meanwhile the sentence shows ours");
    let conflict = seg
        .conflict
        .as_ref()
        .unwrap_or_else(|| panic!("no conflict"));
    assert_eq!(conflict.theirs.target, bob);

    // `virast check` blocks on it: an error naming the sentence.
    let check = repo.virast(&["check".as_ref(), repo.file().as_os_str()]);
    assert_eq!(check.status.code(), Some(1), "{}", output_of(&check));
    assert!(
        text(&check.stdout).contains("#2 error   merge-conflict"),
        "{}",
        output_of(&check)
    );
    let stats = repo.virast(&["stats".as_ref(), repo.file().as_os_str(), "--json".as_ref()]);
    let stats: serde_json::Value =
        serde_json::from_slice(&stats.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["conflicts"], 1);

    // Settled as the desk would, then committed the usual way.
    let mut opened = store::open(&repo.file()).unwrap_or_else(|e| panic!("{e}"));
    let settled = opened
        .project
        .resolve_conflict(1, &Resolution::Theirs, &Stamp::now("ana"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(settled);
    opened
        .file
        .save(&opened.project)
        .unwrap_or_else(|e| panic!("{e}"));
    repo.ok(&["add", FILE]);
    repo.ok(&["commit", "-q", "--no-edit"]);
    let done = load(&repo.file());
    assert_eq!(
        (done.conflict_count(), done.segments[1].target.as_str()),
        (0, bob)
    );
    assert_eq!(
        repo.ok(&["status", "--porcelain", "--untracked-files=no"]),
        ""
    );
}

#[test]
fn git_setup_adds_the_line_once_keeps_the_file_and_sets_the_driver() {
    if !have_git() {
        return;
    }
    let repo = Repo::new();
    let attributes = repo.path().join(".gitattributes");
    fs::write(&attributes, "# binary assets\n*.png binary").unwrap_or_else(|e| panic!("{e}"));
    let sub = repo.path().join("articles");
    fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..2 {
        // From a subfolder: the file at the top of the work tree is the one changed.
        let out = repo.virast(&["git-setup".as_ref(), sub.as_os_str()]);
        assert!(out.status.success(), "{}", output_of(&out));
        assert_eq!(
            fs::read_to_string(&attributes).unwrap_or_default(),
            "# binary assets\n*.png binary\n*.virast.json merge=virast\n"
        );
    }
    assert!(!sub.join(".gitattributes").exists());
    assert_eq!(
        repo.ok(&["config", "--get", "merge.virast.driver"]).trim(),
        format!("{BIN} merge %O %A %B --name %P")
    );
    assert_eq!(
        repo.ok(&["config", "--get", "merge.virast.name"]).trim(),
        "Virast per-sentence merge"
    );
    assert!(
        !repo.home.path().join(".gitconfig").exists(),
        "the repository's config, not the user's"
    );
    let left: Vec<_> = fs::read_dir(repo.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gitattributes."))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn git_setup_refuses_outside_a_work_tree() {
    if !have_git() {
        return;
    }
    let repo = Repo::new();
    let outside = tempdir();
    let before = snapshot(outside.path());
    let out = repo.virast(&["git-setup".as_ref(), outside.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("is not in a git work tree"), "{err}");
    assert_eq!(snapshot(outside.path()), before, "nothing written");
}

/// Issue 28 item 9: a later `.gitattributes` line that takes the driver away (`-merge`, another
/// driver, the `binary` macro) makes git-setup fail, naming the line; git's own answer
/// (`git check-attr merge`) is what is checked, so `.git/info/attributes` counts too.
#[test]
fn git_setup_fails_and_names_the_line_when_a_later_one_overrides_the_driver() {
    if !have_git() {
        return;
    }
    for (overriding, effective) in [
        ("*.json -merge", "unset"),
        ("*.json merge=union", "union"),
        ("*.virast.json binary", "unset"),
        // A macro defined after our line, used by the overriding one.
        ("*.json keep", "union"),
    ] {
        let repo = Repo::new();
        let attributes = repo.path().join(".gitattributes");
        let lines = format!(
            "# ours\n*.virast.json merge=virast\n*.png binary\n{overriding}\n[attr]keep merge=union\n"
        );
        fs::write(&attributes, &lines).unwrap_or_else(|e| panic!("{e}"));
        let out = repo.virast(&["git-setup".as_ref(), repo.path().as_os_str()]);
        let err = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{overriding}: {}",
            output_of(&out)
        );
        assert!(
            err.contains(&format!("says `{effective}`"))
                && err.contains(&format!("line 4 `{overriding}`"))
                && !err.contains("line 3"),
            "{overriding}: {err}"
        );
        assert_eq!(
            fs::read_to_string(&attributes).unwrap_or_default(),
            lines,
            "the user's lines are not rearranged"
        );
    }

    // The line first and ours after it: ours wins, and the check says so.
    let repo = Repo::new();
    fs::write(repo.path().join(".gitattributes"), "*.json -merge\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = repo.virast(&["git-setup".as_ref(), repo.path().as_os_str()]);
    assert!(out.status.success(), "{}", output_of(&out));
    assert!(
        text(&out.stdout).contains("git gives x.virast.json the driver `virast`"),
        "{}",
        output_of(&out)
    );

    // An override outside .gitattributes is reported with the file git reads it from.
    let info = repo.path().join(".git/info/attributes");
    fs::create_dir_all(repo.path().join(".git/info")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(&info, "*.json merge=union\n").unwrap_or_else(|e| panic!("{e}"));
    let out = repo.virast(&["git-setup".as_ref(), repo.path().as_os_str()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}", output_of(&out));
    assert!(
        err.contains("says `union`") && err.contains("info/attributes"),
        "{err}"
    );
}

/// A program path with a space and a quote works as git's driver (quoted for the shell).
#[test]
fn git_runs_the_driver_from_a_path_with_spaces() {
    if !have_git() {
        return;
    }
    let repo = Repo::new();
    let place = tempdir();
    let exe = place.path().join("my tools").join("it's virast");
    fs::create_dir_all(exe.parent().unwrap_or(place.path())).unwrap_or_else(|e| panic!("{e}"));
    fs::copy(BIN, &exe).unwrap_or_else(|e| panic!("{e}"));
    save_new(&base_project(), &repo.file());
    let setup = repo
        .command(exe.to_str().unwrap_or_default())
        .arg("git-setup")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(setup.status.success(), "{}", output_of(&setup));
    repo.ok(&["add", "-A"]);
    repo.ok(&["commit", "-q", "-m", "base"]);
    repo.ok(&["branch", "ana"]);
    repo.ok(&["branch", "bob"]);
    repo.commit_edit("ana", 2, "The aim is fewer court cases.");
    repo.commit_edit("bob", 4, "The plan starts next month.");
    repo.ok(&["checkout", "-q", "ana"]);
    let merge = repo.git(&["merge", "--no-edit", "bob"]);
    assert!(merge.status.success(), "{}", output_of(&merge));
    assert!(output_of(&merge).contains(&format!("{FILE}: merged: 1 sentence")));
    let merged = load(&repo.file());
    assert_eq!(merged.segments[2].target, "The aim is fewer court cases.");
    assert_eq!(merged.segments[4].target, "The plan starts next month.");
}

/// Base, ours (sentence 2 edited) and theirs (sentence 4 edited) in a folder.
fn three_versions(dir: &Path) -> [PathBuf; 3] {
    let paths = ["base", "ours", "theirs"].map(|n| dir.join(format!("{n}.virast.json")));
    let base = base_project();
    for p in &paths {
        save_new(&base, p);
    }
    edit(&paths[1], 1, "The centres open in police stations.", "ana");
    edit(
        &paths[2],
        3,
        "The police chief said counselling is free.",
        "bob",
    );
    paths
}

fn merge_args<'a>(paths: &'a [PathBuf; 3], extra: &[&'a OsStr]) -> Vec<&'a OsStr> {
    let mut args: Vec<&OsStr> = vec!["merge".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend_from_slice(extra);
    args
}

#[test]
fn merge_writes_over_ours_and_exits_zero_when_clean() {
    let dir = tempdir();
    let paths = three_versions(dir.path());
    let theirs_before = fs::read(&paths[2]).unwrap_or_default();
    let out = virast(&merge_args(&paths, &[]));
    assert_eq!(out.status.code(), Some(0), "{}", output_of(&out));
    assert_eq!(
        text(&out.stderr).trim(),
        "merged: 1 sentence from their side, 0 conflicts"
    );
    let merged = load(&paths[1]);
    assert_eq!(
        merged.segments[1].target,
        "The centres open in police stations."
    );
    assert_eq!(
        merged.segments[3].target,
        "The police chief said counselling is free."
    );
    assert_eq!(fs::read(&paths[2]).unwrap_or_default(), theirs_before);
}

#[test]
fn refused_merges_exit_two_and_leave_every_file_as_it_was() {
    let dir = tempdir();
    let paths = three_versions(dir.path());
    let good: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| fs::read(p).unwrap_or_default())
        .collect();
    let other_article = {
        let pieces = [("مقاله‌ای دیگر.".to_owned(), String::new())];
        let p = Project::new("Other", "", pieces, chrono::Utc::now());
        store::to_json(&p).unwrap_or_default()
    };
    let newer = text(&good[2]).replacen(
        &format!("\"version\": {}", store::VERSION),
        "\"version\": 99",
        1,
    );
    assert_ne!(
        newer.as_bytes(),
        &good[2][..],
        "the version field was found"
    );
    let cases: Vec<(&str, usize, Vec<u8>, &str)> = vec![
        (
            "damaged theirs",
            2,
            good[2][..good[2].len() / 2].to_vec(),
            "is damaged",
        ),
        (
            "damaged ours",
            1,
            good[1][..good[1].len() - 40].to_vec(),
            "is damaged",
        ),
        (
            "ours with merge markers",
            1,
            [b"<<<<<<< HEAD\n".as_slice(), &good[1]].concat(),
            "is damaged",
        ),
        ("newer theirs", 2, newer.into_bytes(), "update Virast"),
        (
            "theirs of another article",
            2,
            other_article,
            "not a version of the same article",
        ),
        ("missing base", 0, Vec::new(), "cannot read"),
    ];
    for (what, index, bytes, says) in cases {
        for (i, p) in paths.iter().enumerate() {
            fs::write(p, &good[i]).unwrap_or_else(|e| panic!("{e}"));
        }
        if what == "missing base" {
            fs::remove_file(&paths[0]).unwrap_or_else(|e| panic!("{e}"));
        } else {
            fs::write(&paths[index], &bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        let before = snapshot(dir.path());
        let out_file = dir.path().join("out.virast.json");
        for extra in [
            vec![],
            vec!["-o".as_ref(), out_file.as_os_str()],
            vec!["--name".as_ref(), "articles/police.virast.json".as_ref()],
        ] {
            let out = virast(&merge_args(&paths, &extra));
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{what}: {err}");
            assert!(err.starts_with("virast: error: "), "{what}: {err}");
            if !extra.is_empty() && extra[0] == "--name" {
                // As under git: the project is named, git's temporary copies are not all
                // that is said.
                assert!(
                    err.starts_with("virast: error: articles/police.virast.json: not merged: "),
                    "{what}: {err}"
                );
            }
            assert!(err.contains(says), "{what}: {err}");
            assert!(!err.contains("panicked"), "{what}: {err}");
            assert_eq!(
                snapshot(dir.path()),
                before,
                "{what}: every file byte for byte as it was, nothing new"
            );
        }
    }
}

#[test]
fn output_goes_to_a_new_file_or_over_a_project_never_over_another_file() {
    let dir = tempdir();
    let paths = three_versions(dir.path());
    let ours_before = fs::read(&paths[1]).unwrap_or_default();

    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "my notes, not a project\n").unwrap_or_else(|e| panic!("{e}"));
    let before = snapshot(dir.path());
    let out = virast(&merge_args(&paths, &["-o".as_ref(), notes.as_os_str()]));
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is not a Virast project"), "{err}");
    assert_eq!(snapshot(dir.path()), before, "nothing written");

    let folder = dir.path().join("folder.virast.json");
    fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    let out = virast(&merge_args(&paths, &["-o".as_ref(), folder.as_os_str()]));
    assert_eq!(out.status.code(), Some(2), "{}", output_of(&out));

    let fresh = dir.path().join("merged.virast.json");
    let out = virast(&merge_args(&paths, &["-o".as_ref(), fresh.as_os_str()]));
    assert_eq!(out.status.code(), Some(0), "{}", output_of(&out));
    assert_eq!(
        fs::read(&paths[1]).unwrap_or_default(),
        ours_before,
        "-o leaves ours alone"
    );
    let merged = load(&fresh);
    assert_eq!(
        merged.segments[3].target,
        "The police chief said counselling is free."
    );

    // Over an existing project: replaced, the old one kept as .bak.
    let old = fs::read(&paths[0]).unwrap_or_default();
    let out = virast(&merge_args(&paths, &["-o".as_ref(), paths[0].as_os_str()]));
    assert_eq!(out.status.code(), Some(0), "{}", output_of(&out));
    assert_eq!(
        fs::read(dir.path().join("base.virast.json.bak")).unwrap_or_default(),
        old
    );
    assert_eq!(
        load(&paths[0]).segments[1].target,
        "The centres open in police stations."
    );
}

#[test]
fn git_rebase_replays_edits_through_the_driver() {
    if !have_git() {
        return;
    }
    // Rebase swaps the roles (ours is the branch rebased onto, theirs the commit replayed);
    // the per-sentence merge gives the same result either way.
    let repo = Repo::with_base();
    repo.commit_edit("ana", 1, "The centres open in police stations.");
    repo.commit_edit("bob", 3, "The police chief said counselling is free.");
    repo.commit_edit("bob", 4, "They start next month.");
    repo.ok(&["checkout", "-q", "bob"]);
    let rebase = repo.git(&["rebase", "ana"]);
    let said = output_of(&rebase);
    assert!(rebase.status.success(), "{said}");
    assert_eq!(
        said.matches(&format!(
            "{FILE}: merged: 1 sentence from their side, 0 conflicts"
        ))
        .count(),
        2,
        "the driver merged each replayed commit: {said}"
    );
    let log = repo.ok(&["log", "--format=%s", "ana..bob"]);
    assert_eq!(
        log.lines().count(),
        2,
        "both of bob's commits replayed: {log}"
    );
    let parents = repo.ok(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 1, "a straight history");
    let rebased = load(&repo.file());
    let targets: Vec<&str> = rebased.segments.iter().map(|s| s.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "Police announced 400 counselling centres.",
            "The centres open in police stations.",
            "",
            "The police chief said counselling is free.",
            "They start next month.",
        ]
    );
    assert_eq!(rebased.conflict_count(), 0);
    // Each replayed sentence carries both authors' history, once.
    let history = &rebased.segments[1].history;
    assert_eq!(history.iter().filter(|r| r.author == "ana").count(), 1);
}
