//! Finding a term's English in a translation, with English inflection: the last word may
//! take a plural (`-s`, `-es`, `y` → `-ies`) or a possessive (`'s`, `’s`, `s'`), the first
//! letter may be a capital (sentence start) or not, and a leading "the" may be left out
//! (`the police` matches "Police said"). Otherwise words compare exactly, so a forbidden
//! `Naja` is not the preferred `NAJA`.

use std::ops::Range;

/// The words of `text` (runs of letters and digits) with their byte ranges.
fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), &text[s..]));
    }
    out
}

/// Whether `written` is `form` with its first letter in either case.
fn same_but_first_case(written: &str, form: &str) -> bool {
    let (mut a, mut b) = (written.chars(), form.chars());
    match (a.next(), b.next()) {
        (Some(x), Some(y)) => {
            (x == y || x.to_lowercase().eq(y.to_lowercase())) && a.as_str() == b.as_str()
        }
        _ => false,
    }
}

/// Whether `written` is `form` or an inflection of it (plural).
fn inflected(written: &str, form: &str, first: bool) -> bool {
    let same = |w: &str| {
        if first {
            same_but_first_case(w, form)
        } else {
            w == form
        }
    };
    if same(written) {
        return true;
    }
    if let Some(stem) = written.strip_suffix("es").filter(|s| same(s)) {
        return !stem.is_empty();
    }
    if written.strip_suffix('s').is_some_and(same) {
        return true;
    }
    if let (Some(stem), Some(form_stem)) = (written.strip_suffix("ies"), form.strip_suffix('y')) {
        let w = format!("{stem}y");
        return !form_stem.is_empty() && same(&w);
    }
    false
}

/// Every place `form` occurs in `text`, as byte ranges, left to right (see the module).
pub fn find(text: &str, form: &str) -> Vec<Range<usize>> {
    let mut forms = vec![words(form)];
    if let Some((_, first)) = forms[0].first()
        && first.eq_ignore_ascii_case("the")
        && forms[0].len() > 1
    {
        let rest = forms[0][1..].to_vec();
        forms.push(rest);
    }
    let text_words = words(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    for form_words in &forms {
        let n = form_words.len();
        if n == 0 || n > text_words.len() {
            continue;
        }
        for start in 0..=text_words.len() - n {
            let window = &text_words[start..start + n];
            let all = window
                .iter()
                .zip(form_words)
                .enumerate()
                .all(|(k, (w, f))| {
                    if k + 1 == n {
                        inflected(w.1, f.1, k == 0)
                    } else if k == 0 {
                        same_but_first_case(w.1, f.1)
                    } else {
                        w.1 == f.1
                    }
                });
            if all {
                let range = window[0].0.start..window[n - 1].0.end;
                if !out
                    .iter()
                    .any(|r| r.start < range.end && range.start < r.end)
                {
                    out.push(range);
                }
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Whether `text` contains `form` (see [`find`]).
pub fn contains(text: &str, form: &str) -> bool {
    !find(text, form).is_empty()
}
