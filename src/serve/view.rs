//! What the page's 查看 view draws: the sheet's own cells (merged as in the sheet), the
//! diagnostics placed at their cells, and each indicator value's structured reading.

use serde_json::{json, Value};

use crate::address::{column_name, CellRange};
use crate::check::Diagnostic;
use crate::model::FieldPath;
use crate::read::Grid;

/// A drawn sheet is cut at this many rows and columns: a form has about 60 × 6, and a hostile
/// sheet must not become a page of millions of cells.
const MAX_ROWS: u32 = 2_000;
const MAX_COLS: u32 = 60;

/// `(first_row, first_col, last_row, last_col)`, zero-based, inclusive.
type Area = (u32, u32, u32, u32);

/// The rectangle `range` covers, whichever corners it names.
fn area(range: CellRange) -> Area {
    let (a, b) = (range.first, range.last);
    (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1))
}

/// The sheet as rows of anchor cells `[row, col, rowspan, colspan, text]` (covered cells of a
/// merge are left out, as an HTML table wants).
pub fn sheet_json(grid: &Grid) -> Value {
    if grid.is_empty() {
        return json!({ "sheet": grid.name(), "first_row": 0, "first_col": 0, "rows": 0,
                       "cols": 0, "columns": [], "cells": [], "truncated": false });
    }
    let ((r0, c0), (r1, c1)) = grid.bounds();
    // A few rows and columns before the used area are drawn too, so that the sheet looks like
    // the sheet (a form starting at B3 still shows A1).
    let r0 = if r0 < 20 { 0 } else { r0 };
    let c0 = if c0 < 10 { 0 } else { c0 };
    let last_row = r1.min(r0 + MAX_ROWS - 1);
    let last_col = c1.min(c0 + MAX_COLS - 1);
    let mut cells = Vec::new();
    for r in r0..=last_row {
        for c in c0..=last_col {
            let (rs, cs) = match grid.merge_at((r, c)) {
                Some(m) if m.first != (r, c) => continue,
                Some(m) => (
                    m.last.0.min(last_row) - r + 1,
                    m.last.1.min(last_col) - c + 1,
                ),
                None => (1, 1),
            };
            let text = grid.own((r, c)).map_or("", |v| v.shown());
            cells.push(json!([r, c, rs, cs, text]));
        }
    }
    json!({
        "sheet": grid.name(),
        "first_row": r0,
        "first_col": c0,
        "rows": last_row - r0 + 1,
        "cols": last_col - c0 + 1,
        "columns": (c0..=last_col).map(column_name).collect::<Vec<_>>(),
        "cells": cells,
        "truncated": last_row < r1 || last_col < c1,
    })
}

/// The diagnostics, each with its cell area when it has one on the drawn sheet.
pub fn diagnostics_json(found: &[Diagnostic], sheet: Option<&str>) -> Value {
    found
        .iter()
        .map(|d| {
            let area = d
                .place
                .as_ref()
                .filter(|p| Some(p.sheet.as_str()) == sheet)
                .map(|p| area(p.cell));
            json!({
                "severity": d.severity,
                "code": d.code.as_str(),
                "message": d.message,
                "field": d.field,
                "cell": d.place.as_ref().map(|p| p.to_string()),
                "hint": d.hint,
                "area": area.map(|(a, b, c, e)| [a, b, c, e]),
            })
        })
        .collect()
}

/// Each indicator value's structured reading, at the cell it was read from.
pub fn readings_json(imported: &crate::read::ImportedDocument) -> Value {
    let sheet = imported.sheet.as_deref();
    let mut readings = Vec::new();
    let Some(form) = imported.document.as_department() else {
        return Value::Array(readings);
    };
    for (i, indicator) in form.indicators.iter().enumerate() {
        for (key, value) in [
            ("period_value", &indicator.period_value),
            ("annual_value", &indicator.annual_value),
        ] {
            let Some(place) = imported.cells.get(&FieldPath::indicator(i, key)) else {
                continue;
            };
            if Some(place.sheet.as_str()) != sheet {
                continue;
            }
            let (a, b, c, e) = area(place.cell);
            readings.push(json!({ "area": [a, b, c, e], "value": value }));
        }
    }
    Value::Array(readings)
}

#[cfg(test)]
mod tests {
    use super::area;

    #[test]
    fn areas_are_zero_based_and_inclusive_whichever_corners_are_named() {
        let parse = |a1: &str| a1.parse().map(area).ok();
        assert_eq!(parse("A1"), Some((0, 0, 0, 0)));
        assert_eq!(parse("E23"), Some((22, 4, 22, 4)));
        assert_eq!(parse("B21:F54"), Some((20, 1, 53, 5)));
        assert_eq!(parse("F54:B21"), Some((20, 1, 53, 5)));
        assert_eq!(parse("AA10"), Some((9, 26, 9, 26)));
        assert_eq!(parse("A0"), None);
    }
}
