//! Reading the form from a spreadsheet: cells → grid → [`Form`].
//!
//! The reader assumes no coordinates: it finds the sheet that holds the form, then each
//! section by its label (after normalising, with the synonyms of `templates/labels.toml`).

mod flat;
mod form;
mod format;
mod grid;
pub mod json;
mod limits;
mod ods;
mod project;
mod raw;
mod scan;
mod self_evaluation;
mod sniff;
mod table;
mod text;
mod workbook;
mod xls;
mod xls_formats;
mod xlsb;
mod xlsx;
mod xlsx_merges;

use std::path::Path;

pub(crate) use grid::Grid;
pub use grid::Pos;
pub use limits::{read_json, MAX_STDIN_BYTES};
pub use sniff::Kind;
pub use workbook::in_guarded_reader;

use crate::error::{Error, Result};
use crate::labels::{
    EvaluationLabel, ExecutionLabel, FundsLabel, IndicatorColumnLabel, ProjectLabel,
};
use crate::model::{Document, DocumentKind, Form, Provenance, FORMAT};

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Read this sheet instead of searching for the one that holds the form.
    pub sheet: Option<String>,
    /// Read the form as this kind instead of deciding by the sections present.
    pub kind: Option<DocumentKind>,
    /// The caller will not look at where fields came from (`import` without `--cells`):
    /// reading skips building the cells (a path and a `Sheet1!E23` per field), so the
    /// documents' `cells` may be empty or partial.
    pub without_cells: bool,
}

/// One form of any kind read from a file, with where each field came from.
#[derive(Debug, Clone)]
pub struct ImportedDocument {
    /// The form, of whichever kind it is.
    pub document: Document,
    /// Field path → cell. Empty for a document read from JSON.
    pub cells: Provenance,
    /// The sheet the form was read from (`None` for JSON).
    pub sheet: Option<String>,
    /// What the file was.
    pub kind: Kind,
    /// The id of the jixiao writer that made the file, while its properties survive.
    pub template_id: Option<String>,
    /// What the reader corrected and the user should know (a JSON value's parsed fields that
    /// its text contradicts), in the current language.
    pub warnings: Vec<String>,
}

impl ImportedDocument {
    /// The document as `jixiao import` prints it: with its cells when `with_cells`.
    pub fn printed(&self, with_cells: bool) -> crate::model::PrintedDocument<'_> {
        crate::model::PrintedDocument {
            document: &self.document,
            cells: with_cells.then_some(&self.cells),
        }
    }
}

/// A department form read from a file, with where each field came from.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The department form.
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

/// Reads every form a file holds, of any kind: one for most files; one per sheet for a
/// workbook with a sheet per department; one per project for the budget system's flat
/// export. JSON may hold one document or an array of them.
///
/// The kind of each sheet is decided by the sections present (a 自评 title or 实际完成值 /
/// 得分 columns make a self-evaluation; 项目名称 or a 项目资金 block a project form; otherwise
/// the department form), unless [`ImportOptions::kind`] says.
///
/// `-` reads standard input (copied to a private temporary file first: the readers seek).
pub fn open_documents(path: &Path, options: &ImportOptions) -> Result<Vec<ImportedDocument>> {
    if crate::io::is_stdio(path) {
        let copy = crate::io::stdin_to_temporary(MAX_STDIN_BYTES)?;
        return open_documents(copy.path(), options).map_err(|e| e.about(Path::new("<stdin>")));
    }
    let kind = sniff::sniff(path)?;
    if kind == Kind::Json {
        return open_json_documents(path);
    }
    let grids = load_grids(path, kind, options)?;
    let template_id = match kind {
        Kind::Xlsx => xlsx::template_id(path),
        _ => None,
    };
    // A form jixiao exported holds the JSON's strings as they were: read them verbatim, with
    // none of the clean-up legacy cells need.
    let verbatim = template_id.as_deref() == Some(crate::properties::EXPORT_ID);
    let goal_lines = if verbatim {
        xlsx::custom_property(path, crate::properties::PROPERTY_GOAL_LINES)
            .map(|counts| form::goal_line_counts(&counts))
    } else {
        None
    };
    let layouts: Vec<(scan::Layout, &Grid)> =
        grids.iter().map(|g| (scan::Layout::scan(g), g)).collect();
    // When some sheet holds an indicator table, a sheet without one is not another form but
    // the workbook's 填报说明 or 目录, which name the labels in their prose.
    let some_table = layouts.iter().any(|(l, _)| l.indicator_header.is_some());
    // A department form written as the budget system's table keeps its header and key tasks
    // on sheets of their own beside the indicator table.
    let departments = flat::DepartmentTables::find(path, &layouts)?;
    let mut documents = Vec::new();
    for (layout, grid) in &layouts {
        if !layout.is_a_form() || (some_table && layout.indicator_header.is_none()) {
            continue;
        }
        let cell_warnings = std::cell::RefCell::new(Vec::new());
        let first_of_sheet = documents.len();
        let reader = || {
            form::FormReader::new(path, grid, layout)
                .verbatim(verbatim)
                .recording_cells(!options.without_cells)
                .goal_lines(goal_lines.clone().flatten())
                .warnings_into(&cell_warnings)
        };
        let mut push = |document: Document, cells: Provenance| {
            documents.push(ImportedDocument {
                document,
                cells,
                sheet: Some(grid.name().to_string()),
                kind,
                template_id: template_id.clone(),
                warnings: Vec::new(),
            });
        };
        let detected = options.kind.unwrap_or_else(|| detect(layout, grid));
        match detected {
            DocumentKind::Department => {
                let (mut form, cells) = reader().read()?;
                form.budget.unit = money_unit(grid).to_string();
                push(Document::Department(form), cells);
            }
            DocumentKind::SelfEvaluation => {
                let (form, cells) = reader().read_self_evaluation()?;
                push(Document::SelfEvaluation(form), cells);
            }
            DocumentKind::Project => {
                if reader().flat_columns().is_some() {
                    for (document, cells) in reader().read_flat_documents(departments.as_ref())? {
                        push(document, cells);
                    }
                } else {
                    let (form, cells) = reader().read_project()?;
                    push(Document::Project(form), cells);
                }
            }
        }
        // A sheet of several forms (a flat table) warns with its first.
        if let Some(first) = documents.get_mut(first_of_sheet) {
            first.warnings = once_each(cell_warnings.into_inner());
        }
    }
    // A department or project without indicator rows is still a form.
    for (document, cells) in departments.iter().flat_map(flat::DepartmentTables::rest) {
        let sheet = cells.iter().next().map(|(_, c)| c.sheet.clone());
        documents.push(ImportedDocument {
            document,
            cells,
            sheet,
            kind,
            template_id: template_id.clone(),
            warnings: Vec::new(),
        });
    }
    if documents.is_empty() {
        let searched: Vec<String> = grids.iter().map(|g| g.name().to_string()).collect();
        return Err(Error::not_the_form(path, not_found_message(&searched)));
    }
    if let Some(title) = printed_with_year(path, kind) {
        for d in &mut documents {
            match &mut d.document {
                Document::Department(form) => restore_title(form, &title),
                Document::Project(form) => {
                    let written = crate::model::ProjectForm {
                        title: title.clone(),
                        year: form.year,
                        ..Default::default()
                    };
                    if crate::write::project::printed_title(&written) == form.title {
                        form.title = title.clone();
                    }
                }
                Document::SelfEvaluation(_) => {}
            }
        }
    }
    Ok(documents)
}

/// The title jixiao's writer stamped when it printed the form's title with （YYYY年度） added.
fn printed_with_year(path: &Path, kind: Kind) -> Option<String> {
    match kind {
        Kind::Xlsx => xlsx::custom_property(path, crate::properties::PROPERTY_TITLE),
        _ => None,
    }
}

/// The form's own `title` back, when the sheet shows it as jixiao prints it (a person who
/// edited the title in the sheet keeps their edit).
fn restore_title(form: &mut Form, title: &str) {
    let written = Form {
        title: title.to_string(),
        year: form.year,
        ..Form::default()
    };
    if crate::write::printed_title(&written) == form.title {
        form.title = title.to_string();
    }
}

/// The kind a sheet holds, by the sections present.
fn detect(layout: &scan::Layout, grid: &Grid) -> DocumentKind {
    let title: String = layout
        .title
        .or(layout.heading)
        .map(|p| grid.text(p).to_string())
        .unwrap_or_default();
    let header_has = |key: IndicatorColumnLabel| {
        layout
            .indicator_header
            .as_ref()
            .is_some_and(|h| h.columns.contains_key(&key))
    };
    if title.contains("自评")
        || layout.first(EvaluationLabel::Title).is_some()
        || header_has(IndicatorColumnLabel::ActualValue)
        || (header_has(IndicatorColumnLabel::Score)
            && layout.first(ExecutionLabel::Executed).is_some())
    {
        return DocumentKind::SelfEvaluation;
    }
    let flat = form::FormReader::new(Path::new(""), grid, layout)
        .flat_columns()
        .is_some();
    if flat
        || title.contains("项目")
        || layout.first(ProjectLabel::Title).is_some()
        || layout.first(ProjectLabel::Name).is_some()
        || layout.first(FundsLabel::Block).is_some()
    {
        return DocumentKind::Project;
    }
    DocumentKind::Department
}

/// Every sheet of the workbook as a grid (only `options.sheet` when it names one).
fn load_grids(path: &Path, kind: Kind, options: &ImportOptions) -> Result<Vec<Grid>> {
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
    Ok(grids)
}

/// Reads a department form from a spreadsheet (xlsx, xlsm, xls, ods, xlsb — chosen by content,
/// not by extension) or from the `jixiao/form@1` JSON: the sheet that looks most like it.
///
/// A file holding another kind of form is refused with a message naming the kind; use
/// [`open_documents`] to read any kind.
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
    let grids = load_grids(path, kind, options)?;
    let best = grids
        .iter()
        .map(|g| (scan::Layout::scan(g), g))
        .enumerate()
        // The highest score wins; among equals, the first sheet.
        .max_by_key(|(i, (layout, _))| (layout.score(), std::cmp::Reverse(*i)))
        .map(|(_, found)| found);
    let Some((layout, grid)) = best.filter(|(layout, _)| layout.is_a_form()) else {
        let searched: Vec<String> = grids.iter().map(|g| g.name().to_string()).collect();
        return Err(Error::not_the_form(path, not_found_message(&searched)));
    };
    let detected = options.kind.unwrap_or_else(|| detect(&layout, grid));
    if detected != DocumentKind::Department {
        return Err(Error::not_the_form(
            path,
            crate::t!(
                "read.other_kind",
                title = detected.title(),
                format = detected.format()
            ),
        ));
    }
    let template_id = match kind {
        Kind::Xlsx => xlsx::template_id(path),
        _ => None,
    };
    // A form jixiao exported holds the JSON's strings as they were: read them verbatim, with
    // none of the clean-up legacy cells need.
    let verbatim = template_id.as_deref() == Some(crate::properties::EXPORT_ID);
    let goal_lines = if verbatim {
        xlsx::custom_property(path, crate::properties::PROPERTY_GOAL_LINES)
            .map(|counts| form::goal_line_counts(&counts))
    } else {
        None
    };
    let cell_warnings = std::cell::RefCell::new(Vec::new());
    let (mut form, cells) = form::FormReader::new(path, grid, &layout)
        .verbatim(verbatim)
        .goal_lines(goal_lines.flatten())
        .warnings_into(&cell_warnings)
        .read()?;
    form.budget.unit = money_unit(grid).to_string();
    if let Some(title) = printed_with_year(path, kind) {
        restore_title(&mut form, &title);
    }
    Ok(Imported {
        form,
        cells,
        sheet: Some(grid.name().to_string()),
        kind,
        template_id,
        warnings: once_each(cell_warnings.into_inner()),
    })
}

/// The warnings in their order, each once: a cell may be read twice (a flat table is looked at
/// before it is read).
fn once_each(warnings: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    warnings
        .into_iter()
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// JSON of any kind: one document, or an array of them. The optional `"cells"` object of each
/// is its provenance.
fn open_json_documents(path: &Path) -> Result<Vec<ImportedDocument>> {
    let bytes = read_json(path)?;
    let not_form =
        |e: String| Error::not_the_form(path, crate::t!("read.json_not_document", detail = e));
    let top = json::top(&bytes).map_err(|e| not_form(e.to_string()))?;
    let (items, many): (Vec<&[u8]>, bool) = match &top {
        json::Top::Array(items) => (items.iter().map(|i| i.get().as_bytes()).collect(), true),
        json::Top::Object(header)
            if header
                .format()
                .as_deref()
                .and_then(DocumentKind::from_format)
                .is_some_and(|k| k != DocumentKind::Department) =>
        {
            (vec![bytes.as_slice()], false)
        }
        // One department form (or something that is none of the kinds): read as before, with
        // the department contract's own messages.
        _ => {
            let (form, cells, warnings) = json::department(&bytes, top).map_err(|message| {
                Error::not_the_form(
                    path,
                    crate::t!("read.json_not_form", format = FORMAT, detail = message),
                )
            })?;
            return Ok(vec![ImportedDocument {
                document: Document::Department(form),
                cells,
                sheet: None,
                kind: Kind::Json,
                template_id: None,
                warnings,
            }]);
        }
    };
    let mut documents = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let at = many.then_some(i);
        let header = match json::top(item).map_err(|e| not_form(e.to_string()))? {
            json::Top::Object(header) => header,
            _ => json::Header::default(),
        };
        let cells = match header.cells {
            None => Provenance::new(),
            Some(raw) => json::cells(raw).map_err(|e| not_form(e.message()))?,
        };
        if let Some(kind) = header.kind {
            if json::string(kind)
                .as_deref()
                .and_then(DocumentKind::from_name)
                .is_none()
            {
                let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
                return Err(not_form(crate::t!(
                    "read.json_kind",
                    found = kind.get(),
                    kinds = names.join(", ")
                )));
            }
        }
        let Some(format) = header.format() else {
            return Err(not_form("missing \"format\"".to_string()));
        };
        let Some(kind) = DocumentKind::from_format(&format) else {
            return Err(not_form(format!("unknown format {format:?}")));
        };
        // Values need only their text (model::given), for every kind's indicators.
        let (document, warnings) = json::other_kind(item, kind, at).map_err(not_form)?;
        documents.push(ImportedDocument {
            document,
            cells,
            sheet: None,
            kind: Kind::Json,
            template_id: None,
            warnings,
        });
    }
    Ok(documents)
}

/// A sheet must show at least this much of the form (section labels, plus 2 for the
/// indicator table's header and 1 for the key tasks' header).
pub(super) const MIN_SCORE: usize = 3;

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn not_found_message(searched: &[String]) -> String {
    let looked_for: Vec<&str> = scan::SECTION_KEYS
        .iter()
        .map(|k| k.canonical())
        .chain([
            IndicatorColumnLabel::Level1.canonical(),
            IndicatorColumnLabel::Name.canonical(),
        ])
        .collect();
    crate::t!(
        "read.form_not_found",
        labels = looked_for.join(crate::i18n::text("version.separator")),
        sheets = quoted(searched)
    )
}

/// The JSON contract ([`json`]).
fn open_json(path: &Path) -> Result<Imported> {
    let bytes = read_json(path)?;
    json::open_bytes(path, &bytes)
}

/// The money unit the sheet's labels state: `元` when a label says （元） or 单位：元 and none
/// says 万元; otherwise `万元`, the unit of these forms.
fn money_unit(grid: &Grid) -> &'static str {
    // The phrases written out once, not formatted again for every cell.
    const WAN: [&str; 4] = ["（万元", "(万元", "单位：万元", "单位:万元"];
    const YUAN: [&str; 4] = ["（元", "(元", "单位：元", "单位:元"];
    let says = |text: &str, phrases: &[&str]| phrases.iter().any(|p| text.contains(p));
    let mut yuan = false;
    for (_, value) in grid.cells() {
        let text = value.shown();
        // Every phrase holds 元; most cells do not.
        if !text.contains('元') {
            continue;
        }
        // One label saying 万元 decides it, whatever the others say.
        if says(text, &WAN) {
            return "万元";
        }
        yuan |= says(text, &YUAN);
    }
    if yuan {
        "元"
    } else {
        "万元"
    }
}

/// The cells of the sheet `name` of a spreadsheet as the reader sees them, for drawing the
/// sheet with its diagnostics at their cells (`jixiao serve`'s view).
pub(crate) fn sheet_grid(path: &Path, name: &str) -> Result<Grid> {
    let kind = sniff::sniff(path)?;
    let sheet = workbook::load(path, kind)?
        .into_iter()
        .find(|s| s.name == name)
        .ok_or_else(|| Error::not_the_form(path, format!("has no sheet named {name:?}")))?;
    Grid::build(sheet).map_err(|unfit| Error::not_the_form(path, unfit.describe(name)))
}
