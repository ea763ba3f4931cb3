//! Reading the form from a spreadsheet: cells → [`Grid`] → [`Form`].
//!
//! The reader assumes no coordinates: it finds the sheet that holds the form, then each
//! section by its label (after normalising, with the synonyms of `templates/labels.toml`).

mod form;
mod grid;
mod limits;
mod ods;
mod sniff;
mod text;
mod workbook;
mod xls;
mod xls_formats;
mod xlsb;
mod xlsx;

use std::path::Path;

pub use grid::{a1, a1_range, column_name, CellValue, Grid, Merge, Pos, RawSheet};
pub use limits::{read_json, MAX_STDIN_BYTES};
pub use sniff::Kind;
pub use workbook::in_guarded_reader;

use crate::error::{Error, Result};
use crate::labels::{labels, Group};
use crate::model::{CellRef, Document, DocumentKind, Form, Provenance, FORMAT};

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Read this sheet instead of searching for the one that holds the form.
    pub sheet: Option<String>,
    /// Read the form as this kind instead of deciding by the sections present.
    pub kind: Option<DocumentKind>,
}

/// One form of any kind read from a file, with where each field came from.
#[derive(Debug, Clone)]
pub struct ImportedDocument {
    pub document: Document,
    /// Field path → cell. Empty for a document read from JSON.
    pub cells: Provenance,
    /// The sheet the form was read from (`None` for JSON).
    pub sheet: Option<String>,
    /// What the file was.
    pub kind: Kind,
    /// The id of the jixiao writer that made the file, while its properties survive.
    pub template_id: Option<String>,
}

/// Reads every form a file holds, of any kind: one for most files; one per sheet for a
/// workbook with a sheet per department; one per project for the budget system's flat
/// export. JSON may hold one document or an array of them.
pub fn open_documents(path: &Path, options: &ImportOptions) -> Result<Vec<ImportedDocument>> {
    let imported = open(path, options)?;
    Ok(vec![ImportedDocument {
        document: Document::Department(imported.form),
        cells: imported.cells,
        sheet: imported.sheet,
        kind: imported.kind,
        template_id: imported.template_id,
    }])
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
///
/// `-` reads standard input (copied to a private temporary file first: the readers seek).
pub fn open(path: &Path, options: &ImportOptions) -> Result<Imported> {
    if crate::io::is_stdio(path) {
        let copy = crate::io::stdin_to_temporary(MAX_STDIN_BYTES)?;
        return open(copy.path(), options).map_err(|e| e.about(Path::new("<stdin>")));
    }
    let kind = sniff::sniff(path)?;
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
        let grid =
            Grid::build(sheet).map_err(|unfit| Error::not_the_form(path, unfit.describe(&name)))?;
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
            Kind::Xlsx => xlsx::template_id(path),
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
    let bytes = read_json(path)?;
    let not_form =
        |e: String| Error::not_the_form(path, format!("is not a {FORMAT} document: {e}"));
    let mut json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| not_form(e.to_string()))?;
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
    let kind = sniff::sniff(path)?;
    let sheet = workbook::load(path, kind)?
        .into_iter()
        .find(|s| s.name == name)
        .ok_or_else(|| Error::not_the_form(path, format!("has no sheet named {name:?}")))?;
    Grid::build(sheet).map_err(|unfit| Error::not_the_form(path, unfit.describe(name)))
}
