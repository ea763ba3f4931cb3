//! A sheet as a grid with absolute coordinates, where every cell knows the merged region it
//! belongs to. Lookups are O(1): the grid is dense over the bounding box of its non-empty
//! cells, and each position holds the index of its merged region.

/// Positions are zero-based (row, column), absolute on the sheet; A1 names come from
/// [`crate::address`].
pub use crate::address::Pos;
use crate::address::{a1, a1_range};

pub use super::limits::MAX_AREA;
pub use super::raw::{CellValue, Merge, RawSheet};

/// A sheet ready for label lookups.
#[derive(Debug)]
pub struct Grid {
    name: String,
    origin: Pos,
    rows: u32,
    cols: u32,
    /// Dense over the bounding box: index into `values`, or `NONE`.
    slots: Vec<u32>,
    /// Dense over the bounding box: index into `merges`, or `NONE`.
    merge_slots: Vec<u32>,
    values: Vec<CellValue>,
    merges: Vec<Merge>,
}

const NONE: u32 = u32::MAX;

/// Why a sheet cannot be laid out as a grid.
#[derive(Debug)]
pub enum Unfit {
    /// The used area is too large for a form.
    TooLarge { first: Pos, last: Pos },
    /// Two merged regions share a cell: no spreadsheet program writes that, and which region
    /// a cell belongs to would be a guess.
    Overlap {
        first: Merge,
        second: Merge,
        at: Pos,
    },
}

impl Unfit {
    /// What is wrong, naming the range or the cell, for a message about `sheet`.
    pub fn describe(&self, sheet: &str) -> String {
        match self {
            Unfit::TooLarge { first, last } => crate::t!(
                "limits.area",
                sheet = format!("{sheet:?}"),
                range = a1_range(*first, *last),
                limit = MAX_AREA
            ),
            Unfit::Overlap { first, second, at } => crate::t!(
                "limits.overlap",
                sheet = format!("{sheet:?}"),
                first = a1_range(first.first, first.last),
                second = a1_range(second.first, second.last),
                at = a1(*at)
            ),
        }
    }
}

impl Grid {
    /// Builds the grid. Empty text cells are dropped; merges are clipped to the used area,
    /// repeated ones read once, and overlapping ones refused. Each cell is marked with its merge
    /// at most once, so this costs O(area + m log m) for m merges, whatever they are.
    pub fn build(raw: RawSheet) -> Result<Grid, Unfit> {
        let cells: Vec<(Pos, CellValue)> = raw
            .cells
            .into_iter()
            // Whitespace-only text is dropped by the loader for legacy files and kept for
            // jixiao's own (`BookBuilder::keep_blank_text`); empty text is never a cell.
            .filter(|(_, v)| !matches!(v, CellValue::Text(t) if t.is_empty()))
            .collect();
        let (mut first, mut last) = ((u32::MAX, u32::MAX), (0u32, 0u32));
        for ((r, c), _) in &cells {
            first = (first.0.min(*r), first.1.min(*c));
            last = (last.0.max(*r), last.1.max(*c));
        }
        if cells.is_empty() {
            return Ok(Grid {
                name: raw.name,
                origin: (0, 0),
                rows: 0,
                cols: 0,
                slots: Vec::new(),
                merge_slots: Vec::new(),
                values: Vec::new(),
                merges: Vec::new(),
            });
        }
        let rows = u64::from(last.0 - first.0) + 1;
        let cols = u64::from(last.1 - first.1) + 1;
        if rows * cols > MAX_AREA {
            return Err(Unfit::TooLarge { first, last });
        }
        let (rows, cols) = (rows as u32, cols as u32);
        let area = (rows as usize) * (cols as usize);
        let mut grid = Grid {
            name: raw.name,
            origin: first,
            rows,
            cols,
            slots: vec![NONE; area],
            merge_slots: vec![NONE; area],
            values: Vec::with_capacity(cells.len()),
            merges: Vec::new(),
        };
        for (pos, value) in cells {
            if let Some(i) = grid.index(pos) {
                grid.slots[i] = grid.values.len() as u32;
                grid.values.push(value);
            }
        }
        // Clip to the grid: outside it every cell is blank anyway, and a hostile merge over a
        // whole sheet must not cost memory. The region itself is kept whole.
        let mut clipped: Vec<(Pos, Pos, Merge)> = raw
            .merges
            .into_iter()
            .filter(|m| m.first != m.last)
            .filter_map(|m| {
                let f = (m.first.0.max(first.0), m.first.1.max(first.1));
                let l = (m.last.0.min(last.0), m.last.1.min(last.1));
                (f.0 <= l.0 && f.1 <= l.1).then_some((f, l, m))
            })
            .collect();
        clipped.sort_unstable_by_key(|(f, l, m)| (*f, *l, m.first, m.last));
        clipped.dedup_by_key(|(_, _, m)| *m);
        for (f, l, m) in clipped {
            let id = grid.merges.len() as u32;
            grid.merges.push(m);
            for r in f.0..=l.0 {
                for c in f.1..=l.1 {
                    let Some(i) = grid.index((r, c)) else {
                        continue;
                    };
                    let earlier = grid.merge_slots[i];
                    if earlier != NONE {
                        // Stopping at the first shared cell is what bounds the cost: cells are
                        // marked once.
                        return Err(Unfit::Overlap {
                            first: grid.merges[earlier as usize],
                            second: m,
                            at: (r, c),
                        });
                    }
                    grid.merge_slots[i] = id;
                }
            }
        }
        Ok(grid)
    }

    fn index(&self, (r, c): Pos) -> Option<usize> {
        let (r0, c0) = self.origin;
        if r < r0 || c < c0 || r - r0 >= self.rows || c - c0 >= self.cols {
            return None;
        }
        Some(((r - r0) as usize) * (self.cols as usize) + (c - c0) as usize)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// First and last used rows and columns (inclusive). Meaningless for an empty grid.
    pub fn bounds(&self) -> (Pos, Pos) {
        let (r0, c0) = self.origin;
        (
            (r0, c0),
            (
                r0 + self.rows.saturating_sub(1),
                c0 + self.cols.saturating_sub(1),
            ),
        )
    }

    /// The value stored in exactly this cell (a covered cell of a merge has none).
    pub fn own(&self, pos: Pos) -> Option<&CellValue> {
        let i = self.index(pos)?;
        match self.slots[i] {
            NONE => None,
            v => self.values.get(v as usize),
        }
    }

    /// The merged region this cell belongs to.
    pub fn merge_at(&self, pos: Pos) -> Option<&Merge> {
        let i = self.index(pos)?;
        match self.merge_slots[i] {
            NONE => None,
            m => self.merges.get(m as usize),
        }
    }

    /// The anchor of the cell's merged region, or the cell itself.
    pub fn anchor(&self, pos: Pos) -> Pos {
        self.merge_at(pos).map_or(pos, |m| m.first)
    }

    /// The value a person sees at this cell: the anchor's value for a merged cell.
    pub fn value(&self, pos: Pos) -> Option<&CellValue> {
        self.own(self.anchor(pos))
    }

    /// The shown text at this cell (merge-aware), `""` when blank.
    pub fn text(&self, pos: Pos) -> &str {
        self.value(pos).map_or("", CellValue::shown)
    }

    /// The last position covered by the cell's region (itself when not merged).
    pub fn region_end(&self, pos: Pos) -> Pos {
        self.merge_at(pos).map_or(pos, |m| m.last)
    }

    /// Every non-empty anchor cell, in row-major order.
    pub fn cells(&self) -> impl Iterator<Item = (Pos, &CellValue)> + '_ {
        let cols = self.cols.max(1) as usize;
        let (r0, c0) = self.origin;
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| **s != NONE)
            .filter_map(move |(i, s)| {
                let pos = (r0 + (i / cols) as u32, c0 + (i % cols) as u32);
                Some((pos, self.values.get(*s as usize)?))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    #[test]
    fn merged_cells_resolve_to_their_anchor() {
        let raw = RawSheet {
            name: "S".into(),
            cells: vec![
                ((2, 1), text("绩效指标")),
                ((2, 2), text("x")),
                ((9, 5), text("y")),
            ],
            merges: vec![Merge {
                first: (2, 1),
                last: (6, 1),
            }],
        };
        let grid = Grid::build(raw).expect("small");
        assert_eq!(grid.text((4, 1)), "绩效指标");
        assert_eq!(grid.own((4, 1)), None);
        assert_eq!(grid.anchor((6, 1)), (2, 1));
        assert_eq!(grid.text((7, 1)), "");
        assert_eq!(grid.text((0, 0)), "", "outside the grid is blank");
        assert_eq!(grid.cells().count(), 3);
    }

    #[test]
    fn a_far_away_cell_is_refused_before_allocating() {
        let raw = RawSheet {
            name: "S".into(),
            cells: vec![((0, 0), text("a")), ((1_048_575, 16_383), text("b"))],
            merges: vec![],
        };
        let err = Grid::build(raw).expect_err("too large");
        assert!(matches!(err, Unfit::TooLarge { last, .. } if a1(last) == "XFD1048576"));
    }

    #[test]
    fn blank_text_cells_do_not_count() {
        let raw = RawSheet {
            name: "S".into(),
            cells: vec![((0, 0), text("")), ((3, 3), text("z"))],
            merges: vec![],
        };
        let grid = Grid::build(raw).expect("small");
        assert_eq!(grid.bounds(), ((3, 3), (3, 3)));
    }
}
