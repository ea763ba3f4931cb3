//! Reading the form from a spreadsheet: cells → [`Grid`] → [`Form`].
//!
//! The reader assumes no coordinates: it finds the sheet that holds the form, then each
//! section by its label (after normalising, with the synonyms of `templates/labels.toml`).

mod form;
mod grid;
mod ods;
mod text;
mod workbook;
mod xls_formats;

use std::path::Path;

pub use grid::{a1, a1_range, column_name, CellValue, Grid, Merge, Pos, RawSheet};
pub use workbook::{in_guarded_reader, Kind};

use crate::error::{Error, Result};
use crate::labels::{labels, Group};
use crate::model::{CellRef, Form, Provenance, FORMAT};

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
                format!(
                    "sheet {name:?} uses the range {} — far larger than a form ({} cells at most), refused",
                    a1_range(too_large.first, too_large.last),
                    grid::MAX_AREA
                ),
            )
        })?;
        grids.push(grid);
    }
    if let Some(wanted) = &options.sheet {
        if grids.is_empty() {
            return Err(Error::not_the_form(
                path,
                format!("has no sheet named {wanted:?} (sheets: {})", quoted(&names)),
            ));
        }
    }
    if grids.iter().all(Grid::is_empty) {
        return Err(Error::not_the_form(
            path,
            format!(
                "is blank: no sheet has any content (sheets: {})",
                quoted(&names)
            ),
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
    let (form, cells) = form::FormReader::new(path, grid, &layout).read()?;
    Ok(Imported {
        form,
        cells,
        sheet: Some(grid.name().to_string()),
        kind,
        template_id: match kind {
            Kind::Xlsx => workbook::template_id(path),
            _ => None,
        },
    })
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
    format!(
        "holds no 部门整体预算绩效目标申报表: looked for the labels {} (and their synonyms) in the sheets {}",
        looked_for.join("、"),
        quoted(searched)
    )
}

/// The JSON contract, with the optional `"cells"` object that `jixiao import --cells` adds
/// (field path → `"Sheet1!E23"`) taken as the provenance.
fn open_json(path: &Path) -> Result<Imported> {
    let bytes = std::fs::read(path).map_err(|e| Error::unreadable(path, e.to_string()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let not_form =
        |e: String| Error::not_the_form(path, format!("is not a {FORMAT} document: {e}"));
    let mut json: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| not_form(e.to_string()))?;
    let mut cells = Provenance::new();
    if let Some(found) = json.as_object_mut().and_then(|o| o.remove("cells")) {
        let serde_json::Value::Object(found) = found else {
            return Err(not_form("\"cells\" must be an object".to_string()));
        };
        for (field, cell) in found {
            let parsed = match &cell {
                serde_json::Value::String(text) => CellRef::parse(text),
                other => serde_json::from_value::<CellRef>(other.clone()).ok(),
            };
            let cell = parsed.ok_or_else(|| {
                not_form(format!(
                    "\"cells\".{field}: {cell} is not a cell such as \"Sheet1!E23\""
                ))
            })?;
            cells.insert(field, cell);
        }
    }
    let form: Form = serde_json::from_value(json).map_err(|e| not_form(e.to_string()))?;
    if form.format != FORMAT {
        return Err(Error::not_the_form(
            path,
            format!(
                "has format {:?}; this version reads {FORMAT:?}",
                form.format
            ),
        ));
    }
    Ok(Imported {
        form,
        cells,
        sheet: None,
        kind: Kind::Json,
        template_id: None,
    })
}

/// The cells of the sheet `name` of a spreadsheet as the reader sees them, for drawing the
/// sheet with its diagnostics at their cells (`jixiao serve`'s view).
pub fn sheet_grid(path: &Path, name: &str) -> Result<Grid> {
    let kind = workbook::sniff(path)?;
    let sheet = workbook::load(path, kind)?
        .into_iter()
        .find(|s| s.name == name)
        .ok_or_else(|| Error::not_the_form(path, format!("has no sheet named {name:?}")))?;
    Grid::build(sheet).map_err(|too_large| {
        Error::not_the_form(
            path,
            format!(
                "sheet {name:?} uses the range {} — far larger than a form, refused",
                a1_range(too_large.first, too_large.last)
            ),
        )
    })
}
