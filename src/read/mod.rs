//! Reading the form from a spreadsheet: cells → grid → form.

/// Placeholder for the grid type (issue 3).
pub struct Grid;
