//! Projects shared by the integration tests.

#![allow(dead_code, reason = "each test binary uses a part")]

use std::path::Path;

use chrono::{TimeZone, Utc};
use virast::import::read_article;
use virast::model::{Project, Stamp};

/// The value of a result the test expects to be `Ok`.
pub fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

/// A fixture article from `tests/fixtures`.
pub fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The sample article with translations, an approval, a comment and a send-back, so the
/// file has every kind of field in it.
pub fn reviewed_sample() -> Project {
    let time = Utc
        .with_ymd_and_hms(2026, 11, 28, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut p = ok(read_article(&fixture(
        "khabarresa-police-counseling.fa.txt",
    )))
    .into_project("Police counseling", time);
    let ana = Stamp {
        author: "ana".into(),
        time,
    };
    let ed = Stamp {
        author: "editor".into(),
        time: time + chrono::Duration::hours(2),
    };
    ok(p.set_target(0, "Police run counseling centres in 700 stations.", &ana));
    ok(p.set_target(1, "He continued: \"we use volunteers.\"", &ana));
    ok(p.approve(0, &ed));
    ok(p.send_back(1, "Quote marks: use the source's wording.", &ed));
    p
}

/// `SplitMix64`: small, deterministic, good enough to pick mutations.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
