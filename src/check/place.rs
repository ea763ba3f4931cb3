//! Where a finding is: field paths → cells, and the order of fields in the form.

use crate::model::{BudgetField, CellRef, Provenance};

/// The sections of the form, in the order it prints them, with their fields in column order.
const SECTIONS: [(&str, &[&str]); 7] = [
    ("department", &[]),
    ("basic_info", &["staff_count", "subordinate_units"]),
    ("budget", &[]),
    ("overall_goals", &[]),
    (
        "key_tasks",
        &["name", "content", "funds", "expected_outcome"],
    ),
    ("other_tasks", &[]),
    (
        "indicators",
        &["level1", "level2", "name", "period_value", "annual_value"],
    ),
];

/// A sort key that puts field paths in the order of the form: `department` <
/// `budget` < `budget.basic_expenditure` < `key_tasks[1].funds` < `key_tasks[2]` < `indicators`.
pub fn order_key(path: &str) -> Vec<u32> {
    const UNKNOWN: u32 = u32::MAX;
    let mut key = Vec::new();
    let mut fields: &[&str] = &[];
    for (depth, segment) in path.split('.').enumerate() {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<u32>().ok()),
            None => (segment, None),
        };
        if depth == 0 {
            match SECTIONS.iter().position(|(section, _)| *section == name) {
                Some(i) => {
                    key.push(i as u32);
                    fields = SECTIONS[i].1;
                }
                None => key.push(UNKNOWN),
            }
        } else if path.starts_with("budget.") {
            let position = BudgetField::ALL.iter().position(|f| f.key() == name);
            key.push(position.map_or(UNKNOWN, |p| p as u32));
        } else if !name.is_empty() {
            key.push(
                fields
                    .iter()
                    .position(|f| *f == name)
                    .map_or(UNKNOWN, |p| p as u32),
            );
        }
        if let Some(index) = index {
            key.push(index);
        }
    }
    key
}

/// The cell or range that holds `fields`: their cells, or, for a field without a cell of its
/// own, its row (`indicators[3]`) or its section's cells (`indicators` → every indicator cell).
/// Several cells on one sheet become the range that spans them.
pub fn place_of(cells: &Provenance, fields: &[String]) -> Option<CellRef> {
    let mut found: Vec<&CellRef> = Vec::new();
    for field in fields {
        found.extend(cells_of(cells, field));
    }
    let first = found.first()?;
    let on_sheet: Vec<&CellRef> = found
        .iter()
        .copied()
        .filter(|c| c.sheet == first.sheet)
        .collect();
    Some(CellRef {
        sheet: first.sheet.clone(),
        cell: span(&on_sheet).unwrap_or_else(|| first.cell.clone()),
    })
}

fn cells_of<'c>(cells: &'c Provenance, field: &str) -> Vec<&'c CellRef> {
    if let Some(cell) = cells.get(field) {
        return vec![cell];
    }
    // The row, for a field of a row.
    if let Some((row, _)) = field.rsplit_once('.') {
        if row.ends_with(']') {
            if let Some(cell) = cells.get(row) {
                return vec![cell];
            }
        }
    }
    // Everything under a section or row.
    cells
        .range(field.to_string()..)
        .take_while(|(path, _)| path.starts_with(field))
        .filter(|(path, _)| matches!(path.as_bytes().get(field.len()), Some(b'[' | b'.')))
        .map(|(_, cell)| cell)
        .collect()
}

/// The A1 range spanning `cells` (`C7:E11`), or `None` when one is not A1 notation.
fn span(cells: &[&CellRef]) -> Option<String> {
    let mut corners = Vec::new();
    for cell in cells {
        let (from, to) = cell
            .cell
            .split_once(':')
            .unwrap_or((&cell.cell, &cell.cell));
        corners.push(parse_a1(from)?);
        corners.push(parse_a1(to)?);
    }
    let min_col = corners.iter().map(|c| c.0).min()?;
    let max_col = corners.iter().map(|c| c.0).max()?;
    let min_row = corners.iter().map(|c| c.1).min()?;
    let max_row = corners.iter().map(|c| c.1).max()?;
    let from = format!("{}{}", column_name(min_col), min_row);
    if (min_col, min_row) == (max_col, max_row) {
        Some(from)
    } else {
        Some(format!("{from}:{}{}", column_name(max_col), max_row))
    }
}

/// `"AB12"` → (28, 12); columns count from 1. Accepts `$` anchors.
fn parse_a1(text: &str) -> Option<(u32, u32)> {
    let text = text.replace('$', "");
    let letters = text.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let (col, row) = text.split_at(letters);
    if col.is_empty() || col.len() > 3 {
        return None;
    }
    let col = col.chars().fold(0u32, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    let row = row.parse::<u32>().ok().filter(|r| *r > 0)?;
    Some((col, row))
}

fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        name.push(char::from(b'A' + rem as u8));
        col = (col - 1) / 26;
    }
    name.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(sheet: &str, a1: &str) -> CellRef {
        CellRef {
            sheet: sheet.to_string(),
            cell: a1.to_string(),
        }
    }

    #[test]
    fn fields_sort_in_form_order() {
        let mut paths = vec![
            "indicators[10].name",
            "indicators[2].annual_value",
            "indicators",
            "key_tasks[1].funds",
            "budget.transfer_to_lower_level",
            "budget",
            "budget.basic_expenditure",
            "overall_goals",
            "department",
            "indicators[2].level1",
            "key_tasks[0]",
            "key_tasks[0].expected_outcome",
        ];
        paths.sort_by_key(|p| order_key(p));
        assert_eq!(
            paths,
            [
                "department",
                "budget",
                "budget.basic_expenditure",
                "budget.transfer_to_lower_level",
                "overall_goals",
                "key_tasks[0]",
                "key_tasks[0].expected_outcome",
                "key_tasks[1].funds",
                "indicators",
                "indicators[2].level1",
                "indicators[2].annual_value",
                "indicators[10].name",
            ]
        );
    }

    #[test]
    fn a1_columns_round_trip() {
        for (name, n) in [
            ("A", 1),
            ("Z", 26),
            ("AA", 27),
            ("AZ", 52),
            ("BA", 53),
            ("XFD", 16384),
        ] {
            assert_eq!(column_name(n), name);
            assert_eq!(parse_a1(&format!("{name}7")), Some((n, 7)));
        }
        assert_eq!(parse_a1("$C$7"), Some((3, 7)));
        assert_eq!(parse_a1("7C"), None);
        assert_eq!(parse_a1("C0"), None);
    }

    #[test]
    fn several_cells_become_the_range_spanning_them() {
        let mut cells = Provenance::new();
        cells.insert("budget.basic_expenditure".into(), cell("Sheet1", "C7"));
        cells.insert("budget.other_funds".into(), cell("Sheet1", "E8"));
        cells.insert(
            "budget.other_development_expenditure".into(),
            cell("Sheet1", "C11"),
        );
        let fields = [
            "budget.basic_expenditure",
            "budget.other_funds",
            "budget.other_development_expenditure",
        ]
        .map(String::from);
        assert_eq!(place_of(&cells, &fields), Some(cell("Sheet1", "C7:E11")));
        assert_eq!(place_of(&cells, &fields[..1]), Some(cell("Sheet1", "C7")));
    }

    #[test]
    fn a_field_without_a_cell_falls_back_to_its_row_then_its_section() {
        let mut cells = Provenance::new();
        cells.insert("indicators[0].name".into(), cell("表1", "C30"));
        cells.insert("indicators[1]".into(), cell("表1", "A31:E31"));
        cells.insert("indicators[1].level1".into(), cell("表1", "A30:A31"));
        cells.insert("indicators_extra".into(), cell("表1", "Z99"));
        assert_eq!(
            place_of(&cells, &["indicators[1].annual_value".to_string()]),
            Some(cell("表1", "A31:E31"))
        );
        assert_eq!(
            place_of(&cells, &["indicators".to_string()]),
            Some(cell("表1", "A30:E31"))
        );
        assert_eq!(place_of(&cells, &["department".to_string()]), None);
        assert_eq!(
            place_of(&Provenance::new(), &["indicators".to_string()]),
            None
        );
    }
}
