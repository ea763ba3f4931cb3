//! Cells as a file format's loader hands them over, before a grid is built: the leaf the
//! loaders, the limits and the grid all share.

use rust_decimal::Decimal;

use crate::address::Pos;

/// What a cell holds, as the user sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    /// A numeric cell: its exact value as displayed, and the text the spreadsheet shows
    /// (`95%` for 0.95 in a `0%` cell).
    Number {
        value: Decimal,
        shown: String,
        /// The stored number, when it has more significant digits than the 15 a spreadsheet
        /// keeps and shows (`1234567890123.4567`, shown and read as `1234567890123.46`) and the
        /// difference is more than float noise: the form reader warns at the cell. Boxed: almost
        /// every cell has none, and a cell's size counts against the memory budget.
        stored: Option<Box<Decimal>>,
    },
}

impl CellValue {
    /// The text a person sees.
    pub fn shown(&self) -> &str {
        match self {
            CellValue::Text(t) => t,
            CellValue::Number { shown, .. } => shown,
        }
    }
}

/// A merged region, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first: Pos,
    pub last: Pos,
}

/// Cells as read from a file, before the grid is built.
#[derive(Debug, Default)]
pub struct RawSheet {
    pub name: String,
    pub cells: Vec<(Pos, CellValue)>,
    pub merges: Vec<Merge>,
}
