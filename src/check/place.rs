//! Where a finding is: field paths → cells, and the order of fields in the form.

use crate::address::CellRange;
use crate::model::{CellRef, FieldPath, Provenance};

/// The cell or range that holds `fields`: their cells, or, for a field without a cell of its
/// own, its row (`indicators[3]`) or its section's cells (`indicators` → every indicator cell).
/// Several cells on one sheet become the range that spans them.
pub fn place_of(cells: &Provenance, fields: &[FieldPath]) -> Option<CellRef> {
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
    let span = CellRange::spanning(on_sheet.iter().map(|c| c.cell)).unwrap_or(first.cell);
    Some(CellRef::new(first.sheet.clone(), span))
}

fn cells_of<'c>(cells: &'c Provenance, field: &FieldPath) -> Vec<&'c CellRef> {
    if let Some(cell) = cells.get(field) {
        return vec![cell];
    }
    // The row, for a field of a row.
    let row = field.parent();
    if row.segments().last().is_some_and(|s| s.index.is_some()) {
        if let Some(cell) = cells.get(&row) {
            return vec![cell];
        }
    }
    // Everything under a section or row.
    cells.under(field).map(|(_, cell)| cell).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(sheet: &str, a1: &str) -> CellRef {
        CellRef::new(sheet, a1.parse::<CellRange>().expect("A1"))
    }

    #[test]
    fn several_cells_become_the_range_spanning_them() {
        let mut cells = Provenance::new();
        cells.insert(
            FieldPath::from("budget.basic_expenditure"),
            cell("Sheet1", "C7"),
        );
        cells.insert(FieldPath::from("budget.other_funds"), cell("Sheet1", "E8"));
        cells.insert(
            "budget.other_development_expenditure",
            cell("Sheet1", "C11"),
        );
        let fields = [
            "budget.basic_expenditure",
            "budget.other_funds",
            "budget.other_development_expenditure",
        ]
        .map(FieldPath::from);
        assert_eq!(place_of(&cells, &fields), Some(cell("Sheet1", "C7:E11")));
        assert_eq!(place_of(&cells, &fields[..1]), Some(cell("Sheet1", "C7")));
    }

    #[test]
    fn a_field_without_a_cell_falls_back_to_its_row_then_its_section() {
        let mut cells = Provenance::new();
        cells.insert(FieldPath::from("indicators[0].name"), cell("表1", "C30"));
        cells.insert(FieldPath::from("indicators[1]"), cell("表1", "A31:E31"));
        cells.insert(
            FieldPath::from("indicators[1].level1"),
            cell("表1", "A30:A31"),
        );
        cells.insert(FieldPath::from("indicators_extra"), cell("表1", "Z99"));
        assert_eq!(
            place_of(&cells, &[FieldPath::indicator(1, "annual_value")]),
            Some(cell("表1", "A31:E31"))
        );
        assert_eq!(
            place_of(&cells, &[FieldPath::key("indicators")]),
            Some(cell("表1", "A30:E31"))
        );
        assert_eq!(place_of(&cells, &[FieldPath::key("department")]), None);
        assert_eq!(
            place_of(&Provenance::new(), &[FieldPath::key("indicators")]),
            None
        );
    }
}
