//! A process killed (SIGKILL) at random moments while it saves a 10,000-sentence project over
//! and over never leaves a damaged project: after each kill the file is exactly the old or the
//! new version, the backup too, and the temporary files a kill can leave between creating and
//! renaming them are recognised and removed by `store::remove_stale_temp_files`.
//!
//! Each test re-runs this test binary with only itself selected and `VIRAST_CRASH_CHILD` set;
//! in that child it saves in a loop instead. `cargo test --test suite crash::` runs a short version;
//! `cargo test --test suite crash:: -- --ignored` the full one (at least 200 kills).

use crate::store_common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use chrono::{TimeZone, Utc};
use store_common::{Rng, ok};
use virast::model::Project;
use virast::store::{self, ProjectFile};

/// Set in the child to the project file it saves.
const CHILD_ENV: &str = "VIRAST_CRASH_CHILD";
/// What the child prints once it starts saving.
const READY: &str = "crash-child-ready";
const SENTENCES: usize = 10_000;
/// A child whose parent is gone stops after this many saves (the parent kills it long before).
const CHILD_MAX_SAVES: usize = 200;

/// The two versions the child alternates between: the same 10,000 sentences, translated
/// differently (and with different lengths, so a mix of the two could not pass for either).
fn versions() -> [Project; 2] {
    let time = Utc
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let pieces = (0..SENTENCES).map(|i| {
        let sep = if i % 7 == 6 { "\n" } else { " " };
        (format!("این جمله شماره {i} از خبر است."), sep.to_owned())
    });
    let base = Project::new("crash", "", pieces, time);
    let translated = |suffix: &str| {
        let mut p = base.clone();
        for (i, seg) in p.segments.iter_mut().enumerate() {
            seg.target = format!("This is sentence {i} of the article{suffix}.");
        }
        p
    };
    [translated(""), translated(", revised")]
}

/// In the child: save the version the file does not hold, then the other, and so on.
fn child(path: &Path) {
    let [a, b] = versions();
    let start_with_b = fs::read(path).ok() == Some(ok(store::to_json(&a)));
    let order = if start_with_b { [&b, &a] } else { [&a, &b] };
    let mut file = ProjectFile::new(path);
    println!("{READY}");
    let _ = std::io::stdout().flush();
    for p in order.iter().cycle().take(CHILD_MAX_SAVES) {
        ok(file.save_overwriting(p));
    }
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = ok(fs::read_dir(dir))
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

#[derive(Debug, Default)]
struct Tally {
    kills: usize,
    unchanged: usize,
    changed: usize,
    temp_files: usize,
    kills_leaving_temp_files: usize,
}

/// Run `kills` kill cycles (or be the child, when started as one).
fn crash_run(test_name: &str, kills: usize, seed: u64) -> Tally {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        child(Path::new(&path));
        return Tally::default();
    }
    let started = Instant::now();
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("p.virast.json");
    let [a, b] = versions();
    let versions = [ok(store::to_json(&a)), ok(store::to_json(&b))];
    // One save here gives the scale of the random delays.
    let t = Instant::now();
    let mut file = ProjectFile::new(&path);
    ok(file.save(&a));
    let save_time = t.elapsed();
    // A second save makes the backup exist before any kill (a kill before the child's first
    // save completes must still find one).
    ok(file.save(&a));
    let exe = ok(std::env::current_exe());
    // The harness names a test by its module path below the crate: `crash::NAME`.
    let module = module_path!().split_once("::").map_or("", |(_, rest)| rest);
    let full_name = format!("{module}::{test_name}");
    let mut rng = Rng(seed);
    let mut tally = Tally::default();

    for kill in 0..kills {
        let before = ok(fs::read(&path));
        let mut child = ok(Command::new(&exe)
            .args(["--exact", &full_name, "--include-ignored", "--nocapture"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn());
        let out = child.stdout.take().map(BufReader::new);
        let ready = out
            .into_iter()
            .flat_map(BufRead::lines)
            .map_while(Result::ok)
            .any(|line| line == READY);
        assert!(ready, "kill {kill}: the child did not start saving");
        // Anywhere in the first two saves: before, during and after the first rename.
        let max_delay = u64::try_from(save_time.as_micros() * 2).unwrap_or(u64::MAX);
        std::thread::sleep(Duration::from_micros(rng.next_u64() % max_delay.max(1)));
        ok(child.kill());
        ok(child.wait());
        tally.kills += 1;

        let now = ok(fs::read(&path));
        assert!(
            versions.contains(&now),
            "kill {kill}: the file is neither version ({} bytes)",
            now.len()
        );
        if now == before {
            tally.unchanged += 1;
        } else {
            tally.changed += 1;
        }
        let loaded = ok(store::load(&path));
        assert!(loaded == a || loaded == b, "kill {kill}");
        let bak = ok(fs::read(dir.path().join("p.virast.json.bak")));
        assert!(
            versions.contains(&bak),
            "kill {kill}: the backup is damaged"
        );

        let temps = temp_files(dir.path());
        tally.temp_files += temps.len();
        tally.kills_leaving_temp_files += usize::from(!temps.is_empty());
        // Fresh ones are kept (they could be a save in progress on another machine) ...
        assert!(store::remove_stale_temp_files(&path).is_empty());
        // ... and removed once old enough.
        let old = SystemTime::now() - store::STALE_TEMP_AGE_UNKNOWN_OWNER - Duration::from_secs(1);
        for temp in &temps {
            ok(ok(fs::File::options().write(true).open(temp)).set_modified(old));
        }
        let mut removed = store::remove_stale_temp_files(&path);
        removed.sort();
        assert_eq!(removed, temps, "kill {kill}");
        assert!(temp_files(dir.path()).is_empty());
    }
    eprintln!(
        "{test_name}: {tally:?} (a 10,000-sentence file of {} and {} bytes, one save {save_time:?}) in {:?}",
        versions[0].len(),
        versions[1].len(),
        started.elapsed()
    );
    assert_eq!(tally.unchanged + tally.changed, kills);
    tally
}

#[test]
fn killed_saves_leave_the_old_or_the_new_file_short() {
    crash_run("killed_saves_leave_the_old_or_the_new_file_short", 15, 1);
}

#[test]
#[ignore = "about two minutes; run with --ignored"]
fn killed_saves_leave_the_old_or_the_new_file_full() {
    let tally = crash_run("killed_saves_leave_the_old_or_the_new_file_full", 250, 2);
    if std::env::var_os(CHILD_ENV).is_none() {
        // With 250 kills spread over two saves, both outcomes and left temp files occur.
        assert!(tally.unchanged > 0 && tally.changed > 0, "{tally:?}");
        assert!(tally.kills_leaving_temp_files > 0, "{tally:?}");
    }
}
