//! `virast package-files DIR` (hidden): the man pages and the bash, zsh and fish completions,
//! generated from the clap definitions when the package is made (`scripts/package.sh`), so
//! they always describe the binary they ship with. Not a build script: ordinary builds stay
//! as fast as before.

use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;

/// Each shell and the file name its completion directory expects (Debian's
/// `bash-completion/completions/virast`, `zsh/vendor-completions/_virast`,
/// `fish/vendor_completions.d/virast.fish`).
const COMPLETIONS: [(Shell, &str); 3] = [
    (Shell::Bash, "virast"),
    (Shell::Zsh, "_virast"),
    (Shell::Fish, "virast.fish"),
];

/// Write `DIR/man/virast.1` (and one page per subcommand, `virast-import.1`, …) and
/// `DIR/completions/{virast,_virast,virast.fish}`.
pub fn write(dir: &Path) -> anyhow::Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    for folder in [&man, &completions] {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    clap_mangen::generate_to(super::Cli::command(), &man)
        .with_context(|| format!("cannot write the man pages into {}", man.display()))?;
    for (shell, name) in COMPLETIONS {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut super::Cli::command(), "virast", &mut script);
        let path = completions.join(name);
        std::fs::write(&path, script)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "Wrote the man pages into {} and the completions into {}",
        man.display(),
        completions.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_man_pages_for_every_visible_command_and_three_completions() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path()).unwrap();
        let page = std::fs::read_to_string(dir.path().join("man/virast.1")).unwrap();
        assert!(page.starts_with(".ie"), "{page}");
        assert!(page.contains("git\\-setup"), "{page}");
        assert!(dir.path().join("man/virast-merge.1").is_file());
        assert!(!dir.path().join("man/virast-package-files.1").exists());
        for (_, name) in COMPLETIONS {
            let script =
                std::fs::read_to_string(dir.path().join("completions").join(name)).unwrap();
            assert!(script.contains("import-xliff"), "{name}: {script}");
        }
    }
}
