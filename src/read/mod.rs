//! Reading the form from a spreadsheet: cells → [`Grid`] → [`Form`].
//!
//! The reader assumes no coordinates: it finds the sheet that holds the form, then each
//! section by its label (after normalising, with the synonyms of `templates/labels.toml`).

mod form;
mod grid;
pub mod json;
mod ods;
mod text;
mod workbook;
mod xls_formats;

use std::path::Path;

pub use grid::{a1, a1_range, column_name, CellValue, Grid, Merge, Pos, RawSheet};
pub use workbook::{in_guarded_reader, Kind};

use crate::error::{Error, Result};
use crate::labels::{labels, Group};
use crate::model::{Form, Provenance};

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Read this sheet instead of searching for the one that holds the form.
    pub sheet: Option<String>,
}

/// A form read from a file, with where each field came from.
#[derive(Debug, Clone)]
pub struct Imported {
    pub form: Form,
    /// Field path → cell. Empty for a form read from JSON.
    pub cells: Provenance,
    /// The sheet the form was read from (`None` for JSON).
    pub sheet: Option<String>,
    /// What the file was.
    pub kind: Kind,
    /// The id of the jixiao writer that made the file (`jixiao-export`, `jixiao-template`),
    /// read from its custom document properties while they survive.
    pub template_id: Option<String>,
    /// What the reader corrected and the user should know (a JSON value's parsed fields that
    /// its text contradicts), in the current language.
    pub warnings: Vec<String>,
}

/// Reads a form from a spreadsheet (xlsx, xlsm, xls, ods, xlsb — chosen by content, not by
/// extension) or from the `jixiao/form@1` JSON.
pub fn open(path: &Path, options: &ImportOptions) -> Result<Imported> {
    let kind = workbook::sniff(path)?;
    if kind == Kind::Json {
        return open_json(path);
    }
    let sheets = workbook::load(path, kind)?;
    let mut grids = Vec::with_capacity(sheets.len());
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    for sheet in sheets {
        if let Some(wanted) = &options.sheet {
            if &sheet.name != wanted {
                continue;
            }
        }
        let name = sheet.name.clone();
        let grid = Grid::build(sheet).map_err(|too_large| {
            Error::not_the_form(
                path,
                crate::t!(
                    "read.sheet_too_large",
                    sheet = format!("{name:?}"),
                    range = a1_range(too_large.first, too_large.last),
                    max = grid::MAX_AREA
                ),
            )
        })?;
        grids.push(grid);
    }
    if let Some(wanted) = &options.sheet {
        if grids.is_empty() {
            return Err(Error::not_the_form(
                path,
                crate::t!(
                    "read.no_such_sheet",
                    sheet = format!("{wanted:?}"),
                    sheets = quoted(&names)
                ),
            ));
        }
    }
    if grids.iter().all(Grid::is_empty) {
        return Err(Error::not_the_form(
            path,
            crate::t!("read.blank", sheets = quoted(&names)),
        ));
    }
    let best = grids
        .iter()
        .map(|g| (form::Layout::scan(g), g))
        .enumerate()
        // The highest score wins; among equals, the first sheet.
        .max_by_key(|(i, (layout, _))| (layout.score(), std::cmp::Reverse(*i)))
        .map(|(_, found)| found);
    let Some((layout, grid)) = best.filter(|(layout, _)| layout.score() >= MIN_SCORE) else {
        let searched: Vec<String> = grids.iter().map(|g| g.name().to_string()).collect();
        return Err(Error::not_the_form(path, not_found_message(&searched)));
    };
    let (mut form, cells) = form::FormReader::new(path, grid, &layout).read()?;
    form.budget.unit = money_unit(grid).to_string();
    Ok(Imported {
        form,
        cells,
        sheet: Some(grid.name().to_string()),
        kind,
        template_id: match kind {
            Kind::Xlsx => workbook::template_id(path),
            _ => None,
        },
        warnings: Vec::new(),
    })
}

/// The money unit the sheet's labels state: `元` when a label says （元） or 单位：元 and none
/// says 万元; otherwise `万元`, the unit of these forms.
fn money_unit(grid: &Grid) -> &'static str {
    let says = |text: &str, unit: &str| {
        ["（", "("]
            .iter()
            .any(|open| text.contains(&format!("{open}{unit}")))
            || text.contains(&format!("单位：{unit}"))
            || text.contains(&format!("单位:{unit}"))
    };
    let (mut yuan, mut wan) = (false, false);
    for (_, value) in grid.cells() {
        let text = value.shown();
        wan |= says(text, "万元");
        yuan |= says(text, "元");
    }
    if yuan && !wan {
        "元"
    } else {
        "万元"
    }
}

/// A sheet must show at least this much of the form (section labels, plus 2 for the
/// indicator table's header and 1 for the key tasks' header).
const MIN_SCORE: usize = 3;

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn not_found_message(searched: &[String]) -> String {
    let l = labels();
    let looked_for: Vec<&str> = form::SECTION_KEYS
        .iter()
        .map(|k| l.canonical(Group::Section, k))
        .chain([
            l.canonical(Group::IndicatorColumns, "level1"),
            l.canonical(Group::IndicatorColumns, "name"),
        ])
        .collect();
    crate::t!(
        "read.form_not_found",
        labels = looked_for.join("、"),
        sheets = quoted(searched)
    )
}

/// The JSON contract ([`json`]).
fn open_json(path: &Path) -> Result<Imported> {
    json::open(path)
}
