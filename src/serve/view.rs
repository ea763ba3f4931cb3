//! What the page's 查看 view draws: the sheet's own cells (merged as in the sheet), the
//! diagnostics placed at their cells, and each indicator value's structured reading.

use serde_json::{json, Value};

use crate::check::Diagnostic;
use crate::read::{column_name, Grid};

/// A drawn sheet is cut at this many rows and columns: a form has about 60 × 6, and a hostile
/// sheet must not become a page of millions of cells.
const MAX_ROWS: u32 = 2_000;
const MAX_COLS: u32 = 60;

/// `(first_row, first_col, last_row, last_col)`, zero-based, inclusive.
type Area = (u32, u32, u32, u32);

/// `E23` → (22, 4); `B21:F54` → the range. `None` for anything else.
pub fn parse_area(a1: &str) -> Option<Area> {
    let one = |s: &str| -> Option<(u32, u32)> {
        let split = s.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = s.split_at(split);
        if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let mut col: u32 = 0;
        for c in letters.chars() {
            col = col
                .checked_mul(26)?
                .checked_add(u32::from(c as u8 - b'A') + 1)?;
        }
        let row: u32 = digits.parse().ok()?;
        Some((row.checked_sub(1)?, col - 1))
    };
    let (first, last) = match a1.split_once(':') {
        Some((a, b)) => (one(a)?, one(b)?),
        None => {
            let p = one(a1)?;
            (p, p)
        }
    };
    Some((
        first.0.min(last.0),
        first.1.min(last.1),
        first.0.max(last.0),
        first.1.max(last.1),
    ))
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
                .and_then(|p| parse_area(&p.cell));
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
            let Some(place) = imported.cells.get(&format!("indicators[{i}].{key}")) else {
                continue;
            };
            if Some(place.sheet.as_str()) != sheet {
                continue;
            }
            let Some((a, b, c, e)) = parse_area(&place.cell) else {
                continue;
            };
            readings.push(json!({ "area": [a, b, c, e], "value": value }));
        }
    }
    Value::Array(readings)
}

#[cfg(test)]
mod tests {
    use super::parse_area;

    #[test]
    fn a1_areas_parse_zero_based() {
        assert_eq!(parse_area("A1"), Some((0, 0, 0, 0)));
        assert_eq!(parse_area("E23"), Some((22, 4, 22, 4)));
        assert_eq!(parse_area("B21:F54"), Some((20, 1, 53, 5)));
        assert_eq!(parse_area("AA10"), Some((9, 26, 9, 26)));
        assert_eq!(parse_area("A0"), None);
        assert_eq!(parse_area("e5"), None);
        assert_eq!(parse_area(""), None);
    }
}
