//! The department form's layout as data: templates/layout-department.toml, which build.rs
//! (build/layout.rs) turns into the [`BlockSpec`]s below; [`super::Layout::with_options`] lays
//! them out for one form's shape.

use super::paging::BreakRule;
use super::{Field, IndicatorColumn, KeyTaskColumn, Style};
use crate::labels::Label;

/// A column of a region: a letter of A–G, or the grid's last column (G, or the last optional
/// indicator column).
#[derive(Debug, Clone, Copy)]
pub(super) enum Col {
    At(u16),
    Last,
}

/// What a region of the file shows.
#[derive(Debug)]
pub(super) enum SpecContent {
    /// A label, printed as its canonical text.
    Label(Label),
    /// Fixed text.
    Text(&'static str),
    /// A field of the form.
    Field(Field),
    /// A column of a key-task row (the row's index comes from the item).
    KeyTask(KeyTaskColumn),
    /// A column of an indicator row.
    Indicator(IndicatorColumn),
}

/// A region, relative to its block's first row (an item region: to its item's row).
#[derive(Debug)]
pub(super) struct RegionSpec {
    pub first_row: u32,
    /// `None`: the block's last row.
    pub last_row: Option<u32>,
    pub first_col: Col,
    pub last_col: Col,
    pub content: SpecContent,
    pub style: Style,
    /// Only on the row where a run of equal 一级/二级 names starts, merged over the run.
    pub merge_runs: bool,
}

/// Which row a block's first row is, for the fields of [`super::Layout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    KeyTaskHeader,
    OtherTasks,
    IndicatorHeader,
}

/// What a table block repeats, one row per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Items {
    KeyTasks,
    Indicators,
}

/// A block of rows: fixed, or a table's header and one row per item.
#[derive(Debug)]
pub(super) struct BlockSpec {
    /// Only when the form has a 部门职责.
    pub when_duties: bool,
    /// Whether a printed page may start at the block's first row.
    pub first_break: BreakRule,
    /// Rows of a fixed block.
    pub rows: u32,
    pub anchor: Option<Anchor>,
    pub items: Option<Items>,
    /// The optional indicator columns follow G, in the header and in every item row.
    pub extras: bool,
    pub regions: &'static [RegionSpec],
    pub item: &'static [RegionSpec],
}

// DEPARTMENT: build.rs turns templates/layout-department.toml into it.
include!(concat!(env!("OUT_DIR"), "/layout_department.rs"));
