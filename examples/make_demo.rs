//! Writes a demo project: the sample article with the fixture translation, some sentences
//! approved, one sent back with a comment, one edited after approval. With a count it repeats
//! the article to that many sentences (for trying the desk at scale).
//!
//! `cargo run --example make_demo -- OUT.virast.json [SENTENCES]`

use std::path::PathBuf;

use virast::model::{Project, Stamp};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "demo.virast.json".into()));
    let count: Option<usize> = args.next().map(|n| n.parse()).transpose()?;
    let sample = virast::app::Document::sample().project;
    let english: Vec<&str> = include_str!("../tests/fixtures/sample.en.txt")
        .lines()
        .collect();
    let n = count.unwrap_or(sample.segments.len());
    let pieces = (0..n).map(|i| {
        let seg = &sample.segments[i % sample.segments.len()];
        // The article has no final newline; repeated, each copy starts a new paragraph.
        let separator = if seg.separator.is_empty() && i + 1 < n {
            "\n".to_owned()
        } else {
            seg.separator.clone()
        };
        (seg.source.clone(), separator)
    });
    let mut p = Project::new(
        "Police counselling centres (demo)",
        "",
        pieces,
        chrono::Utc::now(),
    );
    let translator = Stamp::now("Sara (translator)");
    let editor = Stamp::now("Mina (editor)");
    for i in 0..n {
        let k = i % sample.segments.len();
        // Leave the last two sentences of each article untranslated.
        if k + 2 >= sample.segments.len() {
            continue;
        }
        if let Some(text) = english.get(k) {
            p.set_target(i, text, &translator)?;
        }
        match k {
            0 | 1 | 4 => {
                p.approve(i, &editor)?;
            }
            2 => p.send_back(i, "“Iranian year 1398 (2019-20)” is right, but the sentence runs on: split it after “effective”.", &editor)?,
            _ => {}
        }
    }
    // Sentence 2 edited after approval: the approval is withdrawn and the diff shows why.
    if n > 1 {
        let edited = english[1].replace("very good measures", "most effective measures");
        p.set_target(1, &edited, &translator)?;
        p.add_comment(1, "Is “most effective” faithful to “بسیار خوبی”?", &editor)?;
    }
    let mut file = virast::store::ProjectFile::new(&out);
    file.save_overwriting(&p)?;
    println!("wrote {} sentences to {}", n, out.display());
    Ok(())
}
