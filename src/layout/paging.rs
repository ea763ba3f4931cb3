//! Printed pages: where page breaks go, and how merged regions are split at them.
//!
//! Government forms are printed, signed and stamped, so a page must never start in the middle of
//! a merged block with its label left behind on the page before. We place the page breaks
//! ourselves (manual `<rowBreaks>`), from the row heights the writer measured, preferring — in
//! order — a section boundary, a boundary between table items (key tasks), a 一级 boundary, a
//! 二级 boundary and, when one block is taller than a page, any row. A merged region a break
//! crosses is split in two and each part shows the region's text, so a page that starts inside a
//! 一级 block repeats the 一级 and 二级 names in its first row.
//!
//! The page model is A4 at 100% with the writer's margins, portrait unless the columns need
//! landscape ([`Orientation`]); [`PAGE_BODY_POINTS`] keeps a
//! margin of safety below the real body height so LibreOffice and Excel never need a break of
//! their own (tests render with LibreOffice and compare the page count).

use super::Region;

/// Printable width of A4 portrait with 0.5 in side margins is 523 pt. The writer's columns add up
/// to this in Excel's measure; LibreOffice draws each column 5 px (3.75 pt) wider than Excel does
/// for the same file, so seven columns need 26 pt to spare for the form to print at 100%.
pub const PRINTABLE_WIDTH_POINTS: f64 = 494.0;

/// Height of a page's body that the breaks fill: A4 (841.9 pt) less 0.6 in top and bottom
/// margins is 755.5 pt; LibreOffice takes the footer out of it, and row heights are rounded, so
/// we fill only this much.
pub const PAGE_BODY_POINTS: f64 = 700.0;

/// The landscape counterparts: A4 landscape is 841.9 pt wide, 769.9 pt inside the side margins;
/// LibreOffice's wider columns (3.75 pt each, up to 13 columns) and a margin of safety leave
/// this much. Its body is 595.3 pt less the top and bottom margins, 508.9 pt, filled like the
/// portrait one (55 pt kept free).
pub const PRINTABLE_WIDTH_LANDSCAPE_POINTS: f64 = 712.0;
/// Its page body height, landscape.
pub const PAGE_BODY_LANDSCAPE_POINTS: f64 = 453.0;

/// Which way the A4 page is turned. Portrait, unless the columns' minimum widths do not fit its
/// width: then fit-to-width would shrink the text below 100% (a department form with all the
/// optional indicator columns needs 640 pt), and landscape prints it at full size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// Upright: the default.
    #[default]
    Portrait,
    /// Turned: for forms whose columns need more than portrait's width.
    Landscape,
}

impl Orientation {
    /// The orientation for columns whose minimum widths add up to `minimum_points`.
    pub fn for_minimum(minimum_points: f64) -> Orientation {
        if minimum_points > PRINTABLE_WIDTH_POINTS {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        }
    }

    /// Width the columns may take, points.
    pub fn printable_width(self) -> f64 {
        match self {
            Orientation::Portrait => PRINTABLE_WIDTH_POINTS,
            Orientation::Landscape => PRINTABLE_WIDTH_LANDSCAPE_POINTS,
        }
    }

    /// Height of a page's body the breaks fill, points.
    pub fn body_points(self) -> f64 {
        match self {
            Orientation::Portrait => PAGE_BODY_POINTS,
            Orientation::Landscape => PAGE_BODY_LANDSCAPE_POINTS,
        }
    }
}

/// A page that starts a new page only when the one before is at least this full, unless nothing
/// better exists: keeps a section break from leaving most of a page empty.
const MIN_FILL: f64 = 0.5;

/// Where a page may start, for one row (the row that would be the first on the new page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BreakRule {
    /// Never: the row belongs with the one above (a header and its first row, the title).
    Never,
    /// Inside a small fixed block (the budget grid): only if nothing else fits.
    Avoid,
    /// Between two rows of one 二级 run.
    Row,
    /// At a 二级 boundary inside a 一级 run.
    Subgroup,
    /// At a 一级 boundary.
    Group,
    /// Between two items of a table (key tasks).
    Item,
    /// At a section.
    Section,
}

/// The rows that start a new page, for rows of `row_points` height. `repeated_header` is the row
/// printed again at the top of every page after it (the indicator table's header).
pub fn page_breaks(
    row_points: &[f64],
    rules: &[BreakRule],
    repeated_header: Option<u32>,
) -> Vec<u32> {
    page_breaks_within(row_points, rules, repeated_header, PAGE_BODY_POINTS)
}

/// [`page_breaks`] for pages whose body is `body_points` high.
pub fn page_breaks_within(
    row_points: &[f64],
    rules: &[BreakRule],
    repeated_header: Option<u32>,
    body_points: f64,
) -> Vec<u32> {
    let mut breaks = Vec::new();
    let mut start = 0usize;
    // The height a page starting at `row` loses to the repeated header.
    let header_cost = |row: usize| match repeated_header {
        Some(h) if (h as usize) < row => row_points.get(h as usize).copied().unwrap_or(0.0),
        _ => 0.0,
    };
    while start < row_points.len() {
        let budget = body_points - header_cost(start);
        // The first row that does not fit on the page starting at `start`.
        let mut used = 0.0;
        let mut end = start;
        while end < row_points.len() && used + row_points[end] <= budget {
            used += row_points[end];
            end += 1;
        }
        if end >= row_points.len() {
            break;
        }
        // A single row taller than a page still gets a page of its own.
        let end = end.max(start + 1);
        let next = best_break(row_points, rules, start, end, budget).unwrap_or(end);
        breaks.push(next as u32);
        start = next;
    }
    breaks
}

/// The best row in `start+1 ..= end` to start the next page at: among the rows that leave this
/// page at least [`MIN_FILL`] full, the latest of the best tier — a section, a key task or a
/// 一级 boundary are equally good places, so the page is filled as far as one of them allows —
/// then a 二级 boundary, then any row; failing that the best tier anywhere.
fn best_break(
    row_points: &[f64],
    rules: &[BreakRule],
    start: usize,
    end: usize,
    budget: f64,
) -> Option<usize> {
    let mut filled = 0.0;
    let mut candidates = Vec::new();
    for row in start + 1..=end.min(row_points.len() - 1) {
        filled += row_points[row - 1];
        let rule = rules.get(row).copied().unwrap_or(BreakRule::Row);
        if rule != BreakRule::Never {
            candidates.push((row, rule, filled / budget >= MIN_FILL));
        }
    }
    let pick = |full_enough: bool| {
        candidates
            .iter()
            .filter(|(_, _, f)| !full_enough || *f)
            .max_by_key(|(row, rule, _)| (tier(*rule), *row))
            .map(|(row, _, _)| *row)
    };
    pick(true).or_else(|| pick(false))
}

/// How good a place to start a page `rule` is: boundaries that cut no block (a section, between
/// key tasks, a 一级) all rank first.
fn tier(rule: BreakRule) -> u8 {
    match rule {
        BreakRule::Never => 0,
        BreakRule::Avoid => 1,
        BreakRule::Row => 2,
        BreakRule::Subgroup => 3,
        BreakRule::Group | BreakRule::Item | BreakRule::Section => 4,
    }
}

/// `regions` with every region that a break crosses split at it. `reanchor(content, row)` gives
/// what the part starting at `row` shows (the same label; the field of that row).
pub fn split_regions<C: Clone>(
    regions: &[Region<C>],
    breaks: &[u32],
    reanchor: impl Fn(&C, u32) -> C,
) -> Vec<Region<C>> {
    let mut out: Vec<Region<C>> = Vec::with_capacity(regions.len() + breaks.len() * 3);
    for region in regions {
        let mut first = region.first_row;
        for &b in breaks
            .iter()
            .filter(|&&b| region.first_row < b && b <= region.last_row)
        {
            out.push(Region {
                first_row: first,
                last_row: b - 1,
                content: if first == region.first_row {
                    region.content.clone()
                } else {
                    reanchor(&region.content, first)
                },
                ..region.clone()
            });
            first = b;
        }
        out.push(Region {
            first_row: first,
            content: if first == region.first_row {
                region.content.clone()
            } else {
                reanchor(&region.content, first)
            },
            ..region.clone()
        });
    }
    // Keep the layout's order: top to bottom, left to right.
    out.sort_by_key(|r| (r.first_row, r.first_col));
    out
}

/// The printed pages of a sheet with these breaks: `(first row, last row)` of each.
pub fn pages(row_count: u32, breaks: &[u32]) -> Vec<(u32, u32)> {
    let mut pages = Vec::new();
    let mut first = 0;
    for &b in breaks {
        pages.push((first, b - 1));
        first = b;
    }
    pages.push((first, row_count.saturating_sub(1)));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Content, Style};

    #[test]
    fn a_short_sheet_has_no_breaks() {
        let rows = vec![20.0; 30];
        let rules = vec![BreakRule::Row; 30];
        assert!(page_breaks(&rows, &rules, None).is_empty());
    }

    #[test]
    fn breaks_prefer_the_strongest_boundary_that_leaves_the_page_half_full() {
        // 50 rows of 20 pt: 35 fit on a page of 700 pt.
        let rows = vec![20.0; 50];
        let mut rules = vec![BreakRule::Row; 50];
        rules[10] = BreakRule::Section; // too early: the page would be 29% full
        rules[25] = BreakRule::Group;
        rules[30] = BreakRule::Subgroup;
        assert_eq!(page_breaks(&rows, &rules, None), vec![25]);
        // Without a boundary, the page is filled to the last row that fits.
        let plain = vec![BreakRule::Row; 50];
        assert_eq!(page_breaks(&rows, &plain, None), vec![35]);
    }

    #[test]
    fn never_rows_are_kept_with_the_row_above_and_the_repeated_header_costs_room() {
        let rows = vec![20.0; 80];
        let mut rules = vec![BreakRule::Row; 80];
        rules[35] = BreakRule::Never;
        assert_eq!(page_breaks(&rows, &rules, None)[0], 34);
        // A header of 100 pt repeated after row 0: later pages hold 30 rows, not 35.
        let mut tall = rows.clone();
        tall[0] = 100.0;
        let plain = vec![BreakRule::Row; 80];
        let breaks = page_breaks(&tall, &plain, Some(0));
        assert_eq!(breaks[0], 31);
        assert_eq!(breaks[1] - breaks[0], 30);
    }

    #[test]
    fn a_row_taller_than_a_page_gets_a_page_of_its_own() {
        let rows = vec![20.0, 800.0, 20.0];
        let rules = vec![BreakRule::Row; 3];
        assert_eq!(page_breaks(&rows, &rules, None), vec![1, 2]);
    }

    #[test]
    fn a_merge_crossing_a_break_is_split_and_both_parts_show_the_text() {
        let region = Region {
            first_row: 2,
            first_col: 1,
            last_row: 9,
            last_col: 1,
            content: Content::Label("产出指标".to_string()),
            style: Style::Centered,
        };
        let split = split_regions(&[region], &[5, 8], |c, _| c.clone());
        let spans: Vec<(u32, u32)> = split.iter().map(|r| (r.first_row, r.last_row)).collect();
        assert_eq!(spans, vec![(2, 4), (5, 7), (8, 9)]);
        assert!(split
            .iter()
            .all(|r| r.content == Content::Label("产出指标".to_string())));
        assert_eq!(pages(10, &[5, 8]), vec![(0, 4), (5, 7), (8, 9)]);
    }
}
