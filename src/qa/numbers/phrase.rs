//! A small number grammar shared by Persian and English.
//!
//! Each language maps its tokens to [`Atom`]s; this parser combines atoms into one value:
//! `بیست و یک` and `twenty-one` are 21, `۴۰۰ هزار` and `400 thousand` are 400,000,
//! `۳ میلیون و ۲۰۰ هزار` is 3,200,000, `دو و نیم میلیون` is 2,500,000. Two numbers joined by
//! "and" (`۷۰ و ۸۰`) stay two numbers: a part may only be added to a group when it is smaller
//! than the place the group leaves open (after 20 only 1-9, after 300 only 1-99).

use super::super::dec::Dec;
use super::super::text::Tok;

/// One meaningful piece of a number phrase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Atom {
    /// A value: a digit run or a number word. Only a part smaller than `open` may be added to it.
    Lit {
        /// The value.
        value: Dec,
        /// Exclusive limit for a part added after it (10 after "twenty", 1 after "seven").
        open: Dec,
        /// True for digits: digits never join a group of number words.
        digits: bool,
    },
    /// صد / hundred: multiplies a preceding unit (`سه صد`, `two hundred`) or means 100.
    Hundred,
    /// هزار / thousand and bigger.
    Scale(Dec),
    /// نیم / half: only after a connector (`دو و نیم`, `two and a half`).
    Half,
    /// و / and.
    And,
    /// A hyphen inside a number (`twenty-one`).
    Joiner,
    /// English a/an (`a million`, `and a half`).
    Article,
}

impl Atom {
    /// A digit run: an integer leaves room only for "and a half", a decimal for nothing.
    pub(super) fn digits(value: Dec) -> Atom {
        let open = if value.is_integer() {
            Dec::int(1)
        } else {
            Dec::ZERO
        };
        Atom::Lit {
            value,
            open,
            digits: true,
        }
    }
}

/// An atom found at a token index.
#[derive(Clone, Copy, Debug)]
pub(super) struct AtomAt {
    /// The atom.
    pub atom: Atom,
    /// It ends with an ordinal suffix (`یکمین`, `21st`); nothing can follow it.
    pub ordinal: bool,
    /// Number of tokens it covers (a suffix may be its own token).
    pub len: usize,
}

/// A parsed number phrase over `toks[start..end]`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Phrase {
    /// Its value.
    pub value: Dec,
    /// First token index.
    pub start: usize,
    /// Token index after the last token.
    pub end: usize,
    /// The last atom was an ordinal.
    pub ordinal: bool,
    /// Number of value-bearing atoms (1 for a lone `یک` or `one`).
    pub value_atoms: usize,
    /// A scale word with no number before it (`هزار`, `a million`).
    pub bare_scale: bool,
}

#[derive(Default)]
struct State {
    /// Sum of finished scaled groups.
    total: Option<Dec>,
    /// A scaled group that a bigger scale may still multiply: (value, product of its scales).
    pending: Option<(Dec, Dec)>,
    /// The group being read, before its scale.
    chunk: Option<Dec>,
    /// Exclusive limit for the next part of `chunk`.
    open: Dec,
    /// A group after a scale must stay below that scale (`۳ میلیون و ۲۰۰ هزار`).
    ceiling: Option<Dec>,
    /// No more parts can be added (after "and a half" following a scale).
    closed: bool,
    /// The group being read started with digits.
    chunk_digits: bool,
    /// The last scaled group was written in digits (`1.7 million`): a group of words after it
    /// needs "and" (`1.7 million four years` is two numbers).
    scaled_digits: bool,
}

impl State {
    fn value(&self) -> Option<Dec> {
        let mut v = self.total.unwrap_or(Dec::ZERO);
        if let Some((p, _)) = self.pending {
            v = v.checked_add(p)?;
        }
        if let Some(c) = self.chunk {
            v = v.checked_add(c)?;
        }
        Some(v)
    }

    fn fresh(&self) -> bool {
        self.total.is_none() && self.pending.is_none() && self.chunk.is_none()
    }

    /// Starts a group after a scale; false if it cannot (it would not be below the scale).
    fn start_group_after_scale(&mut self, value: Dec, open: Dec) -> Option<bool> {
        if let Some((p, scale)) = self.pending.take() {
            self.total = Some(self.total.unwrap_or(Dec::ZERO).checked_add(p)?);
            self.ceiling = Some(scale);
        }
        if self.ceiling.is_some_and(|c| value >= c) {
            return Some(false);
        }
        self.chunk = Some(value);
        self.open = open;
        Some(true)
    }
}

/// What applying one atom did.
enum Step {
    /// Consumed; the phrase may go on.
    Value,
    /// Not part of this phrase: stop before it.
    Stop,
    /// A group started after a scale turned out too big: drop it (`۲ میلیون ۳ میلیون`).
    Revert,
}

/// Parses the longest number phrase starting at `start`, or `None` if no number starts there.
pub(super) fn parse(
    toks: &[Tok],
    start: usize,
    atom_at: impl Fn(&[Tok], usize) -> Option<AtomAt>,
) -> Option<Phrase> {
    let mut st = State::default();
    let mut best: Option<Phrase> = None;
    let mut before_group: Option<Phrase> = None;
    let mut i = start;
    let mut connector = false;
    let mut article = false;
    let mut last_word = false;
    let mut value_atoms = 0;
    let mut bare_scale = false;
    let hundred = Dec::int(100);
    while let Some(at) = atom_at(toks, i) {
        let step = match at.atom {
            Atom::And | Atom::Joiner => {
                if best.is_none() || connector || article || st.closed {
                    break;
                }
                connector = true;
                i += at.len;
                continue;
            }
            Atom::Article => {
                if article || !(best.is_none() || connector) {
                    break;
                }
                article = true;
                i += at.len;
                continue;
            }
            Atom::Lit {
                value,
                open,
                digits,
            } => {
                if article || st.closed {
                    Step::Stop
                } else if st.fresh() {
                    st.chunk = Some(value);
                    st.open = open;
                    st.chunk_digits = digits;
                    Step::Value
                } else if let Some(c) = st.chunk {
                    // Nothing adds zero: `یک صفر` is a score, 1-0.
                    let joinable =
                        !digits && (connector || last_word) && value < st.open && value > Dec::ZERO;
                    if joinable {
                        st.chunk = Some(c.checked_add(value)?);
                        st.open = open;
                        Step::Value
                    } else {
                        Step::Stop
                    }
                } else if (digits || st.scaled_digits) && !connector {
                    // `۴۰۰ هزار ۷۰۰ کلانتری` and `1.7 million four years` are two numbers;
                    // `۲ میلیون و ۳۰۰ هزار` is one.
                    Step::Stop
                } else {
                    before_group.clone_from(&best);
                    if st.start_group_after_scale(value, open)? {
                        st.chunk_digits = digits;
                        Step::Value
                    } else {
                        Step::Stop
                    }
                }
            }
            Atom::Hundred => {
                if st.closed {
                    Step::Stop
                } else if st.fresh() {
                    st.chunk = Some(hundred);
                    st.open = hundred;
                    Step::Value
                } else if let Some(c) = st.chunk {
                    if !connector && c >= Dec::int(1) && c < Dec::int(10) && c.is_integer() {
                        st.chunk = Some(c.checked_mul(hundred)?);
                        st.open = hundred;
                        Step::Value
                    } else {
                        Step::Stop
                    }
                } else if connector {
                    before_group.clone_from(&best);
                    if st.start_group_after_scale(hundred, hundred)? {
                        Step::Value
                    } else {
                        Step::Stop
                    }
                } else {
                    Step::Stop
                }
            }
            Atom::Scale(scale) => {
                let too_big =
                    |st: &State, v: Dec, s: Dec| st.ceiling.is_some_and(|c| s >= c || v >= c);
                if connector || st.closed {
                    Step::Stop
                } else if let Some(c) = st.chunk.take() {
                    st.scaled_digits = st.chunk_digits;
                    let v = c.checked_mul(scale)?;
                    if too_big(&st, v, scale) {
                        Step::Revert
                    } else {
                        st.pending = Some((v, scale));
                        Step::Value
                    }
                } else if let Some((p, ps)) = st.pending {
                    let (v, s) = (p.checked_mul(scale)?, ps.checked_mul(scale)?);
                    if scale > ps && !too_big(&st, v, s) {
                        st.pending = Some((v, s));
                        Step::Value
                    } else {
                        Step::Stop
                    }
                } else if st.fresh() {
                    st.pending = Some((scale, scale));
                    bare_scale = true;
                    Step::Value
                } else {
                    Step::Stop
                }
            }
            Atom::Half => {
                if !(connector || article) || st.closed {
                    Step::Stop
                } else if let Some(c) = st.chunk {
                    if st.open >= Dec::int(1) {
                        st.chunk = Some(c.checked_add(Dec::HALF)?);
                        st.open = Dec::ZERO;
                        Step::Value
                    } else {
                        Step::Stop
                    }
                } else if let Some((p, ps)) = st.pending {
                    st.pending = Some((p.checked_add(ps.checked_mul(Dec::HALF)?)?, ps));
                    st.closed = true;
                    Step::Value
                } else {
                    Step::Stop
                }
            }
        };
        match step {
            Step::Stop => break,
            Step::Revert => return before_group,
            Step::Value => {}
        }
        connector = false;
        article = false;
        last_word = !matches!(at.atom, Atom::Lit { digits: true, .. });
        value_atoms += 1;
        i += at.len;
        best = Some(Phrase {
            value: st.value()?,
            start,
            end: i,
            ordinal: at.ordinal,
            value_atoms,
            bare_scale: bare_scale && value_atoms == 1,
        });
        if at.ordinal {
            break;
        }
    }
    best
}
