//! The Debian package and the tarball, checked with the desktop's own tools (issue 24).
//!
//! Ignored by default: it runs `scripts/package.sh`, which needs the release build and
//! cargo-deb. `.ci/run` installs the tools and runs it with
//! `cargo test --test suite package:: -- --ignored`. It extracts the package with
//! `dpkg-deb -x` into a temporary root (nothing is installed) and checks the desktop entry
//! (`desktop-file-validate`), the `AppStream` metainfo (`appstreamcli validate --no-net`), the
//! file type (`update-mime-database` + `xdg-mime query filetype`, by name and by content), the
//! man page (`man -l`), the completions, the licences and `virast --version`; then it installs
//! the tarball into a temporary prefix with its `install.sh`.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn show(out: &Output) -> String {
    format!(
        "status {}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Run `cmd`, fail the test with its output unless it succeeds, and return its stdout.
fn run_ok(cmd: &mut Command) -> String {
    let what = format!("{cmd:?}");
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run {what} (is it installed? .ci/run installs it): {e}")
    });
    assert!(out.status.success(), "{what} failed: {}", show(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a temporary folder: {e}"))
}

/// `xdg-mime query filetype FILE` seeing only the MIME databases under `share` (folders
/// joined with `:`, as in `XDG_DATA_DIRS`) and an empty user one, as a desktop without a
/// known environment does.
fn filetype(share: &OsStr, home: &Path, file: &Path) -> String {
    run_ok(
        Command::new("xdg-mime")
            .args([
                OsStr::new("query"),
                OsStr::new("filetype"),
                file.as_os_str(),
            ])
            .env("XDG_DATA_DIRS", share)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("HOME", home)
            .env_remove("XDG_CURRENT_DESKTOP")
            .env_remove("DESKTOP_SESSION")
            .env_remove("KDE_FULL_SESSION")
            .env_remove("GNOME_DESKTOP_SESSION_ID"),
    )
    .trim()
    .to_owned()
}

fn built_packages() -> (PathBuf, PathBuf) {
    let printed = run_ok(Command::new(repo().join("scripts/package.sh")).current_dir(repo()));
    let mut lines = printed.lines().rev();
    let tarball = PathBuf::from(lines.next().unwrap_or_default());
    let deb = PathBuf::from(lines.next().unwrap_or_default());
    let arch = run_ok(Command::new("dpkg").arg("--print-architecture"));
    assert_eq!(
        deb,
        Path::new("target/package").join(format!("virast_{VERSION}_{}.deb", arch.trim())),
        "{printed}"
    );
    (repo().join(deb), repo().join(tarball))
}

#[test]
#[ignore = "needs the release build and cargo-deb: run by .ci/run"]
fn the_debian_package_installs_like_a_desktop_app() {
    let (deb, tarball) = built_packages();
    let size = fs::metadata(&deb).map_or(0, |m| m.len());
    eprintln!("{}: {size} bytes", deb.display());

    let fields = run_ok(Command::new("dpkg-deb").arg("-f").arg(&deb));
    assert!(
        fields.contains(&format!("Version: {VERSION}\n")),
        "{fields}"
    );
    let depends = fields
        .lines()
        .find_map(|l| l.strip_prefix("Depends: "))
        .unwrap_or_else(|| panic!("no Depends: {fields}"));
    assert!(
        depends.contains("libc6"),
        "Depends from the binary's libraries: {depends}"
    );

    let tmp = tempdir();
    let root = tmp.path().join("root");
    run_ok(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&root));
    let usr = root.join("usr");
    let share = usr.join("share");

    // The program runs from the extracted tree.
    let version = run_ok(Command::new(usr.join("bin/virast")).arg("--version"));
    assert_eq!(version.trim(), format!("virast {VERSION}"));

    // Desktop entry.
    let desktop = share.join("applications/virast.desktop");
    run_ok(Command::new("desktop-file-validate").arg(&desktop));
    let entry = fs::read_to_string(&desktop).unwrap_or_default();
    for line in [
        "Exec=virast %f",
        "Icon=virast",
        "Categories=Office;Translation;",
        "MimeType=application/x-virast-project;text/plain;",
    ] {
        assert!(entry.lines().any(|l| l == line), "{line} in {entry}");
    }

    // AppStream metainfo, whose newest release is this version.
    let metainfo = share.join("metainfo/io.github.virast.virast.metainfo.xml");
    run_ok(
        Command::new("appstreamcli")
            .args([OsStr::new("validate"), OsStr::new("--no-net")])
            .arg(&metainfo),
    );
    let meta = fs::read_to_string(&metainfo).unwrap_or_default();
    assert!(
        meta.contains(&format!("<release version=\"{VERSION}\"")),
        "{meta}"
    );
    assert!(meta.contains("<screenshot type=\"default\">"), "{meta}");

    // The file type, by name and (a renamed project) by the "format" marker.
    run_ok(Command::new("update-mime-database").arg(share.join("mime")));
    let files = tmp.path().join("files");
    fs::create_dir_all(&files).unwrap_or_else(|e| panic!("{e}"));
    let project = files.join("story.virast.json");
    let article = virast::import::read_article(&repo().join("tests/fixtures/sample.fa.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    virast::store::ProjectFile::new(&project)
        .save(&article.into_project("Story", chrono::Utc::now()))
        .unwrap_or_else(|e| panic!("{e}"));
    let renamed = files.join("story-copy.txt");
    fs::copy(&project, &renamed).unwrap_or_else(|e| panic!("{e}"));
    let only_ours = share.as_os_str();
    assert_eq!(
        filetype(only_ours, tmp.path(), &project),
        "application/x-virast-project"
    );
    assert_eq!(
        filetype(only_ours, tmp.path(), &renamed),
        "application/x-virast-project"
    );
    // With the system's database too, where `*.json` is application/json: the marker wins.
    let mut with_system = share.clone().into_os_string();
    with_system.push(":/usr/share");
    let renamed_json = files.join("story-copy.json");
    fs::copy(&project, &renamed_json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        filetype(&with_system, tmp.path(), &project),
        "application/x-virast-project"
    );
    assert_eq!(
        filetype(&with_system, tmp.path(), &renamed_json),
        "application/x-virast-project"
    );
    let plain = files.join("article.txt");
    fs::copy(repo().join("tests/fixtures/sample.fa.txt"), &plain).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(filetype(&with_system, tmp.path(), &plain), "text/plain");

    // Man page (cargo-deb gzips it) and the subcommands' pages.
    let man = share.join("man/man1");
    let page = run_ok(
        Command::new("man")
            .arg("-l")
            .arg(man.join("virast.1.gz"))
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100"),
    );
    assert!(page.contains("virast"), "{page}");
    assert!(page.contains("git-setup"), "{page}");
    assert!(man.join("virast-merge.1.gz").is_file());

    // Completions where Debian's shells look.
    for path in [
        "bash-completion/completions/virast",
        "zsh/vendor-completions/_virast",
        "fish/vendor_completions.d/virast.fish",
    ] {
        let script = fs::read_to_string(share.join(path)).unwrap_or_default();
        assert!(script.contains("import-xliff"), "{path}: {script}");
    }

    // Icons and licences.
    for path in [
        "icons/hicolor/scalable/apps/virast.svg",
        "icons/hicolor/48x48/apps/virast.png",
        "icons/hicolor/128x128/apps/virast.png",
        "icons/hicolor/256x256/apps/virast.png",
        "mime/packages/virast.xml",
        "doc/virast/copyright",
        "doc/virast/LICENSE-MIT",
        "doc/virast/LICENSE-APACHE",
        "doc/virast/Vazirmatn-OFL.txt",
        "doc/virast/dictionary-en-US.LICENSE",
        "doc/virast/dictionary-en-GB.LICENSE",
    ] {
        assert!(share.join(path).is_file(), "{path} in the package");
    }

    // The tarball installs the same files into a prefix with its install.sh.
    let unpacked = tmp.path().join("tarball");
    fs::create_dir_all(&unpacked).unwrap_or_else(|e| panic!("{e}"));
    run_ok(
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&unpacked),
    );
    let folder = fs::read_dir(&unpacked)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.join("install.sh").is_file())
        .unwrap_or_else(|| panic!("no install.sh in {}", tarball.display()));
    let prefix = tmp.path().join("prefix");
    run_ok(
        Command::new(folder.join("install.sh"))
            .arg("--prefix")
            .arg(&prefix),
    );
    let version = run_ok(Command::new(prefix.join("bin/virast")).arg("--version"));
    assert_eq!(version.trim(), format!("virast {VERSION}"));
    for path in [
        "share/applications/virast.desktop",
        "share/icons/hicolor/256x256/apps/virast.png",
        "share/man/man1/virast.1.gz",
        "share/zsh/site-functions/_virast",
        "share/doc/virast/Vazirmatn-OFL.txt",
    ] {
        assert!(
            prefix.join(path).is_file(),
            "{path} installed from the tarball"
        );
    }
    let prefix_share = prefix.join("share");
    assert_eq!(
        filetype(prefix_share.as_os_str(), tmp.path(), &renamed),
        "application/x-virast-project"
    );
    run_ok(
        Command::new(folder.join("install.sh"))
            .arg("--uninstall")
            .arg("--prefix")
            .arg(&prefix),
    );
    assert!(!prefix.join("bin/virast").exists());
}
