//! Which row of the old form is which row of the new one.
//!
//! Three passes, each over what the one before left unmatched:
//!
//! 1. by key (一级/二级/三级 for indicators, the name for key tasks), duplicates in order;
//! 2. moved: the same name in another place (another 一级/二级);
//! 3. renamed: a similar name (Dice coefficient of character bigrams ≥ 0.5) in the same place.
//!
//! Then [`in_new_order`] lays the pairs out in the new form's order, removals where they stood.
//!
//! The rename pass is linear in the rows. Each name's bigrams are computed once, sorted, and the
//! new rows left in each place are indexed by bigram. An old row's candidates are the new rows
//! of its place sharing a bigram with it — all of them while no bigram it holds is shared by
//! more than [`COMMON_BIGRAM`] of those rows (so every form of ordinary size is matched as if
//! every pair had been compared). A bigram that common says little about which row is which
//! (数量, 满意 in a long 数量指标 block), so it is not followed; instead the next
//! [`WINDOW`] unmatched new rows at the place's cursor (after the last row the window matched)
//! stand in: renames keep their order. Among the candidates the most similar wins; on a tie the
//! later new row, as the all-pairs comparison this replaces did.

use std::collections::{HashMap, VecDeque};

use super::ChangeKind;

/// Names at least this similar (Dice coefficient over character bigrams) are a rename.
const RENAME_SIMILARITY: f64 = 0.5;

/// A bigram held by more new rows of one place than this is not followed in the index.
const COMMON_BIGRAM: usize = 32;

/// How many unmatched new rows at a place's cursor are compared when a name holds a common
/// bigram.
const WINDOW: usize = 16;

/// How an old row and a new row were paired, in the new form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pair {
    /// Old index, new index, and how they matched: `Changed` for the same key (its fields may
    /// or may not differ), `Renamed` or `Moved` otherwise.
    Matched(usize, usize, ChangeKind),
    Removed(usize),
    Added(usize),
}

/// How to see a row: its key, its place (the group a rename stays within) and its name.
pub(super) struct RowView<T> {
    pub key: fn(&T) -> String,
    pub place: fn(&T) -> String,
    pub name: fn(&T) -> &str,
}

/// Matches the rows of `a` (old) to those of `b` (new); see the module documentation.
pub(super) fn match_rows<T>(a: &[T], b: &[T], view: RowView<T>) -> Vec<Pair> {
    let mut matching = Matching::new(a.len(), b.len());
    matching.by_key(a, b, view.key);
    let old_places: Vec<String> = a.iter().map(view.place).collect();
    let new_places: Vec<String> = b.iter().map(view.place).collect();
    matching.moves(a, b, &old_places, &new_places, view.name);
    let old_names: Vec<&str> = a.iter().map(view.name).collect();
    let new_names: Vec<&str> = b.iter().map(view.name).collect();
    matching.renames(&old_names, &new_names, &old_places, &new_places);
    in_new_order(&matching.old_to_new, b.len())
}

/// The pairs found so far.
struct Matching {
    /// For each old row, its new row and how they matched.
    old_to_new: Vec<Option<(usize, ChangeKind)>>,
    /// For each new row, whether an old row has it.
    taken: Vec<bool>,
}

impl Matching {
    fn new(old_rows: usize, new_rows: usize) -> Matching {
        Matching {
            old_to_new: vec![None; old_rows],
            taken: vec![false; new_rows],
        }
    }

    fn pair(&mut self, old: usize, new: usize, kind: ChangeKind) {
        self.old_to_new[old] = Some((new, kind));
        self.taken[new] = true;
    }

    fn unmatched_old(&self) -> impl Iterator<Item = usize> + '_ {
        self.old_to_new
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_none())
            .map(|(i, _)| i)
    }

    /// The same key: the k-th old row with a key is the k-th new row with it.
    fn by_key<T>(&mut self, a: &[T], b: &[T], key: fn(&T) -> String) {
        let mut new_by_key: HashMap<String, VecDeque<usize>> = HashMap::new();
        for (j, row) in b.iter().enumerate() {
            new_by_key.entry(key(row)).or_default().push_back(j);
        }
        for (i, row) in a.iter().enumerate() {
            if let Some(j) = new_by_key.get_mut(&key(row)).and_then(VecDeque::pop_front) {
                self.pair(i, j, ChangeKind::Changed);
            }
        }
    }

    /// Moved: the same name in another place, each name used once on each side. An old row
    /// takes the first unmatched new row of its name; if that row is in the same place it is
    /// not a move, and the name is used up all the same.
    fn moves<T>(
        &mut self,
        a: &[T],
        b: &[T],
        old_places: &[String],
        new_places: &[String],
        name: fn(&T) -> &str,
    ) {
        let mut new_by_name: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (j, row) in b.iter().enumerate() {
            if !self.taken[j] {
                new_by_name.entry(name(row)).or_default().push_back(j);
            }
        }
        let unmatched: Vec<usize> = self.unmatched_old().collect();
        for i in unmatched {
            let Some(j) = new_by_name
                .get_mut(name(&a[i]))
                .and_then(VecDeque::pop_front)
            else {
                continue;
            };
            if new_places[j] != old_places[i] {
                self.pair(i, j, ChangeKind::Moved);
            }
        }
    }

    /// Renamed: a similar name in the same place.
    fn renames(
        &mut self,
        old_names: &[&str],
        new_names: &[&str],
        old_places: &[String],
        new_places: &[String],
    ) {
        let mut places: HashMap<&str, Leftovers> = HashMap::new();
        // Each name's bigrams once, not once per pair compared.
        let new_names: Vec<Name<'_>> = new_names.iter().map(|text| Name::new(text)).collect();
        for (j, name) in new_names.iter().enumerate() {
            if !self.taken[j] {
                places
                    .entry(new_places[j].as_str())
                    .or_default()
                    .add(j, name);
            }
        }
        let mut search = Search::new(new_names.len());
        let unmatched: Vec<usize> = self.unmatched_old().collect();
        for i in unmatched {
            let Some(leftovers) = places.get_mut(old_places[i].as_str()) else {
                continue;
            };
            let name = Name::new(old_names[i]);
            let found = search.best(&name, leftovers, &self.taken, &new_names);
            if let Some(found) = found {
                self.pair(i, found.new, ChangeKind::Renamed);
                if found.in_window {
                    leftovers.advance_past(found.new);
                }
            }
        }
    }
}

/// Two characters in a row, packed.
type Bigram = u64;

/// A name's character bigrams, sorted, repeats kept (the coefficient counts them).
fn bigrams(name: &str) -> Vec<Bigram> {
    let mut chars = name.chars();
    let Some(mut previous) = chars.next() else {
        return Vec::new();
    };
    let mut found: Vec<Bigram> = chars
        .map(|c| {
            let bigram = (u64::from(previous) << 32) | u64::from(c);
            previous = c;
            bigram
        })
        .collect();
    found.sort_unstable();
    found
}

/// A name with its bigrams.
struct Name<'a> {
    text: &'a str,
    bigrams: Vec<Bigram>,
}

impl Name<'_> {
    fn new(text: &str) -> Name<'_> {
        Name {
            text,
            bigrams: bigrams(text),
        }
    }
}

/// Dice coefficient over character bigrams: 1.0 for equal names, 0.0 for nothing shared.
fn similarity(a: &Name<'_>, b: &Name<'_>) -> f64 {
    let (x, y) = (&a.bigrams, &b.bigrams);
    if x.is_empty() || y.is_empty() {
        return if a.text == b.text { 1.0 } else { 0.0 };
    }
    // Both sorted: count the bigrams they share, each occurrence once.
    let (mut p, mut q, mut shared) = (0, 0, 0usize);
    while p < x.len() && q < y.len() {
        match x[p].cmp(&y[q]) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                p += 1;
                q += 1;
            }
        }
    }
    (2 * shared) as f64 / (x.len() + y.len()) as f64
}

/// The similarity of two names as text (for tests and callers without precomputed bigrams).
#[cfg(test)]
pub(super) fn name_similarity(a: &str, b: &str) -> f64 {
    similarity(&Name::new(a), &Name::new(b))
}

/// The new rows of one place that no old row has yet, indexed for the rename search.
#[derive(Default)]
struct Leftovers {
    /// New row indices, ascending.
    rows: Vec<usize>,
    /// Where the window starts in `rows`.
    cursor: usize,
    /// Bigram → the new rows holding it, ascending.
    by_bigram: HashMap<Bigram, Vec<usize>>,
    /// Names without a bigram (one character or none) → the new rows so named, ascending.
    by_short_name: HashMap<String, Vec<usize>>,
}

impl Leftovers {
    fn add(&mut self, new: usize, name: &Name<'_>) {
        self.rows.push(new);
        if name.bigrams.is_empty() {
            self.by_short_name
                .entry(name.text.to_string())
                .or_default()
                .push(new);
        }
        for bigram in dedup_sorted(&name.bigrams) {
            self.by_bigram.entry(bigram).or_default().push(new);
        }
    }

    /// Moves the window past a row it matched.
    fn advance_past(&mut self, new: usize) {
        if let Ok(at) = self.rows.binary_search(&new) {
            self.cursor = self.cursor.max(at + 1);
        }
    }
}

/// The chosen new row for an old one.
struct Found {
    new: usize,
    /// Whether it was among the window's rows (so the window moves past it).
    in_window: bool,
}

/// Scratch space for rename searches: which new rows this search has already looked at.
struct Search {
    seen_by: Vec<usize>,
    searches: usize,
    candidates: Vec<usize>,
}

impl Search {
    fn new(new_rows: usize) -> Search {
        Search {
            seen_by: vec![usize::MAX; new_rows],
            searches: 0,
            candidates: Vec::new(),
        }
    }

    fn consider(&mut self, new: usize, taken: &[bool]) {
        if !taken[new] && self.seen_by[new] != self.searches {
            self.seen_by[new] = self.searches;
            self.candidates.push(new);
        }
    }

    /// The most similar unmatched new row of the place, if similar enough.
    fn best(
        &mut self,
        old: &Name<'_>,
        leftovers: &mut Leftovers,
        taken: &[bool],
        new_names: &[Name<'_>],
    ) -> Option<Found> {
        self.searches += 1;
        self.candidates.clear();
        if old.bigrams.is_empty() {
            // Only an equal name is similar; the last one wins a tie.
            let list = leftovers.by_short_name.get_mut(old.text)?;
            while list.last().is_some_and(|&j| taken[j]) {
                list.pop();
            }
            return list.last().map(|&new| Found {
                new,
                in_window: false,
            });
        }
        let mut has_common_bigram = false;
        for bigram in dedup_sorted(&old.bigrams) {
            match leftovers.by_bigram.get(&bigram) {
                Some(rows) if rows.len() > COMMON_BIGRAM => has_common_bigram = true,
                Some(rows) => {
                    for &j in rows {
                        self.consider(j, taken);
                    }
                }
                None => {}
            }
        }
        let mut window = Vec::new();
        if has_common_bigram {
            while leftovers
                .rows
                .get(leftovers.cursor)
                .is_some_and(|&j| taken[j])
            {
                leftovers.cursor += 1;
            }
            window.extend(
                leftovers.rows[leftovers.cursor..]
                    .iter()
                    .copied()
                    .filter(|&j| !taken[j])
                    .take(WINDOW),
            );
            for &j in &window {
                self.consider(j, taken);
            }
        }
        let best = self
            .candidates
            .iter()
            .map(|&j| (j, similarity(old, &new_names[j])))
            .filter(|(_, s)| *s >= RENAME_SIMILARITY)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)))?;
        Some(Found {
            new: best.0,
            in_window: window.contains(&best.0),
        })
    }
}

/// Each value of a sorted list once.
fn dedup_sorted(sorted: &[Bigram]) -> impl Iterator<Item = Bigram> + '_ {
    sorted
        .iter()
        .enumerate()
        .filter(|(k, g)| *k == 0 || sorted[k - 1] != **g)
        .map(|(_, g)| *g)
}

/// Walks the new form; an unmatched old row is reported before the first new row that
/// follows it in the old order, and any left at the end after the last.
fn in_new_order(old_to_new: &[Option<(usize, ChangeKind)>], new_rows: usize) -> Vec<Pair> {
    let mut new_to_old: Vec<Option<(usize, ChangeKind)>> = vec![None; new_rows];
    for (i, m) in old_to_new.iter().enumerate() {
        if let Some((j, kind)) = m {
            new_to_old[*j] = Some((i, *kind));
        }
    }
    let mut pairs = Vec::new();
    let mut reported = vec![false; old_to_new.len()];
    let mut next_old = 0;
    for (j, m) in new_to_old.iter().enumerate() {
        match m {
            Some((i, kind)) => {
                while next_old < *i {
                    if old_to_new[next_old].is_none() {
                        pairs.push(Pair::Removed(next_old));
                        reported[next_old] = true;
                    }
                    next_old += 1;
                }
                next_old = next_old.max(i + 1);
                pairs.push(Pair::Matched(*i, j, *kind));
            }
            None => pairs.push(Pair::Added(j)),
        }
    }
    for (i, m) in old_to_new.iter().enumerate().skip(next_old) {
        if m.is_none() {
            pairs.push(Pair::Removed(i));
            reported[i] = true;
        }
    }
    // A row matched out of order leaves earlier unmatched old rows unreported: report them.
    for (i, m) in old_to_new.iter().enumerate() {
        if m.is_none() && !reported[i] {
            pairs.push(Pair::Removed(i));
        }
    }
    pairs
}
