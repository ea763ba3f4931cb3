//! A folder of submissions → the canonical xlsx and the JSON of each, and tables over all of
//! them ([`run_batch`]).
//!
//! For every submission `IN_DIR/REL` (found as `batch/walk.rs` describes: every regular file that is not
//! hidden, whatever its extension; the importer decides by content) it writes
//! `OUT_DIR/REL.xlsx` and `OUT_DIR/REL.json` — the input's whole file name plus a suffix, so
//! `a.xls` and `a.xlsx` side by side keep their outputs (`a.xls.xlsx`, `a.xlsx.xlsx`) and an
//! output name says which input it came from. In OUT_DIR itself:
//!
//! - `indicators.csv`: one row per indicator of every converted form ([`INDICATOR_COLUMNS`]);
//! - `tasks.csv`: one row per key task ([`TASK_COLUMNS`]);
//! - `summary.csv` and `summary.json`: one entry per file — `ok` or `failed`, the numbers of
//!   check errors and warnings, the failure message ([`FileReport`]).
//!
//! Guarantees:
//! - A file that fails (unreadable, not the form, an output that cannot be written) is reported
//!   and the others go on.
//! - Nothing is written inside IN_DIR, except inside OUT_DIR when OUT_DIR lies within IN_DIR
//!   (and then OUT_DIR is not searched for inputs). OUT_DIR equal to IN_DIR is refused. No
//!   output replaces an input.
//! - Every output is written atomically: to a temporary beside it, then renamed over its name
//!   ([`crate::io::write_atomic_unsynced`]). A reader never sees half a file, and an output of an
//!   earlier run is either the old file or the new one, whole.
//! - Durable when the batch returns: the outputs are not synced one by one; one sync of OUT_DIR's
//!   file system ([`crate::io::sync_filesystem`], `syncfs` on Linux) at the end puts them all
//!   on disk before the summary line is printed. A crash or power cut *during* a batch may lose
//!   any of that run's outputs (missing, or on some file systems empty): run it again.
//! - Memory does not grow with the number of files: files are converted a few per thread at a
//!   time, their rows go straight to the tables (CSV through temporaries beside them,
//!   summary.xlsx through unnamed temporaries in OUT_DIR that the system removes), and only each
//!   file's summary line is kept.
//! - One batch at a time per OUT_DIR: a second one started while the first runs is refused
//!   (a lock on `OUT_DIR/.jixiao-batch.lock`, released by the system when the run ends, even
//!   killed).
//! - A file that takes longer than the per-file budget ([`BatchOptions::file_timeout`]) is
//!   reported as failed and the batch goes on; its outputs are not written.
//! - File names are shown escaped in every table and message ([`crate::escape::path`]):
//!   a newline cannot fake a line, bytes that are not UTF-8 show as `\xNN`.
//! - The same input gives byte-identical outputs whatever the number of threads: files are
//!   processed in parallel but reported in the order of their relative paths, and the exported
//!   xlsx carries no timestamp.
//!
//! ```
//! use jixiao::batch::{run_batch, BatchOptions, Status};
//!
//! let work = tempfile::tempdir()?;
//! let in_dir = work.path().join("submissions");
//! std::fs::create_dir(&in_dir)?;
//! std::fs::copy("samples/seed-legacy.xls", in_dir.join("a.xls"))?;
//! std::fs::copy("samples/seed-legacy.xlsx", in_dir.join("a.xlsx"))?;
//! std::fs::write(in_dir.join("readme.txt"), "not a form")?;
//! let out_dir = work.path().join("converted");
//! let summary = run_batch(&BatchOptions {
//!     in_dir,
//!     out_dir: out_dir.clone(),
//!     jobs: Some(2),
//!     excel_csv: false,
//!     progress: false,
//!     file_timeout: jixiao::batch::DEFAULT_FILE_TIMEOUT,
//!     layout: Default::default(),
//! })?;
//! assert_eq!((summary.totals.converted, summary.totals.failed), (2, 1));
//! assert_eq!(summary.files[2].file, "readme.txt");
//! assert_eq!(summary.files[2].status, Status::Failed);
//! assert_eq!(summary.exit_code(), 1);
//! assert!(out_dir.join("a.xls.xlsx").is_file() && out_dir.join("a.xlsx.json").is_file());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In the CSV tables, an indicator value is given as its verbatim `text`, its `kind` (the JSON
//! contract's tag), and `op`, `value`, `unit`: a comparison's operator, number and unit; a
//! deadline's `<=` and date; a range as `min..max` with its unit; a period as `start..end`.
//! A qualitative value has no op, value or unit (its embedded targets are in the JSON). Every
//! cell is neutralised against formula injection ([`csv::neutralise`]): the operator `=`
//! (`116人`) is written `'=` like any other cell that begins with `=`.

pub mod csv;
mod lock;
pub mod summary_xlsx;
mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::check::{check, Diagnostic, Severity};
use crate::error::{exit, Error, Result};
use crate::model::{Document, Form, PrintedDocument};
use crate::read::{self, ImportOptions};
use crate::value::IndicatorValue;
use crate::write::{form_xlsx, ExportOptions, OutputLayout};
use csv::CsvTable;
use walk::Input;

/// The file names of the tables written into OUT_DIR.
pub const INDICATORS_CSV: &str = "indicators.csv";
/// Every key task of every converted form.
pub const TASKS_CSV: &str = "tasks.csv";
/// One line per file: status, counts, where its outputs went.
pub const SUMMARY_CSV: &str = "summary.csv";
/// The same as JSON ([`BatchSummary`]).
pub const SUMMARY_JSON: &str = "summary.json";
/// The workbook for people: 汇总, 绩效指标, 检查结果.
pub const SUMMARY_XLSX: &str = summary_xlsx::SUMMARY_XLSX;
const TABLES: [&str; 5] = [
    INDICATORS_CSV,
    TASKS_CSV,
    SUMMARY_CSV,
    SUMMARY_JSON,
    SUMMARY_XLSX,
];

/// What the tables list of a file that was read: the department form (the CSV tables and the
/// indicators sheet list its rows), or the summary line of another kind, and the findings.
struct Read {
    form: Option<Form>,
    other: Option<summary_xlsx::OtherForm>,
    diagnostics: Vec<Diagnostic>,
}

/// A converted file's [`Read`]; `None` when it failed.
type Converted = Option<Read>;

/// The `format` tag of `summary.json`.
pub const SUMMARY_FORMAT: &str = "jixiao/batch-summary@1";

/// The header of `indicators.csv`: the JSON contract's field names, `period_` for 实施周期指标值
/// and `annual_` for 年度指标值.
pub const INDICATOR_COLUMNS: [&str; 15] = [
    "file",
    "department",
    "level1",
    "level2",
    "name",
    "period_text",
    "period_kind",
    "period_op",
    "period_value",
    "period_unit",
    "annual_text",
    "annual_kind",
    "annual_op",
    "annual_value",
    "annual_unit",
];

/// The header of `tasks.csv`.
pub const TASK_COLUMNS: [&str; 6] = [
    "file",
    "department",
    "name",
    "content",
    "funds",
    "expected_outcome",
];

/// The header of `summary.csv`; `summary.json` has the same fields.
pub const SUMMARY_COLUMNS: [&str; 7] = [
    "file", "status", "errors", "warnings", "message", "xlsx", "json",
];

/// What to convert, and how.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The folder of submissions, searched recursively.
    pub in_dir: PathBuf,
    /// Where the outputs go; created when missing.
    pub out_dir: PathBuf,
    /// Worker threads; `None`: one per CPU.
    pub jobs: Option<usize>,
    /// Start each CSV file with a UTF-8 byte-order mark, for Excel.
    pub excel_csv: bool,
    /// Draw a progress bar on stderr (the caller decides whether stderr is a terminal).
    pub progress: bool,
    /// The longest one file may take to read, check and render; past it the file is reported
    /// as failed ([`DEFAULT_FILE_TIMEOUT`] unless told otherwise).
    pub file_timeout: Duration,
    /// The layout of the xlsx outputs: canonical, or the budget system's flat table.
    pub layout: OutputLayout,
}

/// The per-file budget unless told otherwise: generous, since every limit of the reader keeps
/// a file far below it; it is the backstop for what the limits miss.
pub const DEFAULT_FILE_TIMEOUT: Duration = Duration::from_secs(300);

/// The lock file in OUT_DIR (hidden, so never taken for a submission).
pub const LOCK_FILE: &str = ".jixiao-batch.lock";

/// Whether a file was converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Converted (its check may still have found errors).
    Ok,
    /// Not read or not written: see the report's `message`.
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
        }
    }
}

/// One file's line in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The input, relative to IN_DIR, with `/` between folders.
    pub file: String,
    /// Converted or failed.
    pub status: Status,
    /// Check errors; `None` when the form could not be read.
    pub errors: Option<usize>,
    /// Check warnings; `None` when the form could not be read.
    pub warnings: Option<usize>,
    /// Why the file failed.
    pub message: Option<String>,
    /// The canonical xlsx written, relative to OUT_DIR.
    pub xlsx: Option<String>,
    /// The JSON written, relative to OUT_DIR.
    pub json: Option<String>,
}

impl FileReport {
    fn failed(file: String, message: String) -> Self {
        FileReport {
            file,
            status: Status::Failed,
            errors: None,
            warnings: None,
            message: Some(message),
            xlsx: None,
            json: None,
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// Always [`SUMMARY_FORMAT`].
    pub format: &'static str,
    /// One entry per file, in the order of the relative paths.
    pub files: Vec<FileReport>,
    /// The counts over all files.
    pub totals: Totals,
}

/// The counts of the one-line summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Files found under IN_DIR.
    pub files: usize,
    /// Files converted.
    pub converted: usize,
    /// Files that failed.
    pub failed: usize,
    /// Check errors over all converted files.
    pub errors: usize,
    /// Check warnings over all converted files.
    pub warnings: usize,
}

impl BatchSummary {
    fn new(files: Vec<FileReport>) -> Self {
        let converted = files.iter().filter(|f| f.status == Status::Ok).count();
        let totals = Totals {
            files: files.len(),
            converted,
            failed: files.len() - converted,
            errors: files.iter().filter_map(|f| f.errors).sum(),
            warnings: files.iter().filter_map(|f| f.warnings).sum(),
        };
        BatchSummary {
            format: SUMMARY_FORMAT,
            files,
            totals,
        }
    }

    /// 1 ([`exit::FINDINGS`]) when a file failed, else 0. Check errors do not count: the file
    /// was converted, and its errors are in the summary for the reviewer (`jixiao check` is the
    /// command whose exit code is about them).
    pub fn exit_code(&self) -> u8 {
        if self.totals.failed > 0 {
            exit::FINDINGS
        } else {
            exit::OK
        }
    }

    /// `jixiao batch: 12 files, 10 converted, 2 failed (3 check errors, 17 warnings) → OUT`, in
    /// the current language.
    pub fn line(&self, out_dir: &Path) -> String {
        self.line_in(crate::i18n::lang(), out_dir)
    }

    /// [`BatchSummary::line`] in `lang`.
    pub fn line_in(&self, lang: crate::i18n::Lang, out_dir: &Path) -> String {
        use crate::i18n::fill_in;
        let t = &self.totals;
        fill_in(
            lang,
            "batch.line",
            &[
                (
                    "files",
                    &fill_in(lang, "batch.files", &[("count", &t.files)]),
                ),
                ("converted", &t.converted),
                ("failed", &t.failed),
                (
                    "errors",
                    &fill_in(lang, "batch.errors", &[("count", &t.errors)]),
                ),
                (
                    "warnings",
                    &fill_in(lang, "batch.warnings", &[("count", &t.warnings)]),
                ),
                ("out", &crate::escape::path(out_dir)),
            ],
        )
    }
}

/// Converts every submission under `options.in_dir` into `options.out_dir`, in parallel, and
/// writes the tables. A file that fails is in the summary; the error cases are about the
/// folders: IN_DIR unreadable ([`Error::Unreadable`], exit 3), OUT_DIR equal to IN_DIR or not
/// writable, or a table that cannot be written ([`Error::Unwritable`], exit 4).
pub fn run_batch(options: &BatchOptions) -> Result<BatchSummary> {
    let in_dir = std::fs::canonicalize(&options.in_dir)
        .map_err(|e| Error::unreadable_io(&options.in_dir, &e))?;
    if !in_dir.is_dir() {
        return Err(Error::unreadable(
            &options.in_dir,
            crate::t!("batch.not_a_folder"),
        ));
    }
    let (out_dir, _lock) = prepare_out_dir(&options.out_dir, &in_dir)?;
    let found = walk::discover(&in_dir, &out_dir)?;
    let fence = Fence {
        in_dir: &in_dir,
        out_dir: &out_dir,
        layout: options.layout,
    };

    let plans = plan_outputs(&found.inputs);
    // Every file in the order it is reported (its shown name; a stable sort, as before).
    let mut jobs: Vec<(String, Job)> = found
        .inputs
        .iter()
        .zip(&plans)
        .map(|(input, plan)| (slashed(&input.rel), Job::Convert(input, plan)))
        .chain(
            found
                .problems
                .iter()
                .map(|(rel, message)| (slashed(rel), Job::Problem(message))),
        )
        .collect();
    jobs.sort_by(|a, b| a.0.cmp(&b.0));

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::unwritable(&options.out_dir, crate::t!("batch.threads", detail = e)))?;
    let bar = progress_bar(options.progress, found.inputs.len());
    let mut tables = Tables::create(&out_dir, options.excel_csv)?;
    let mut reports = Vec::with_capacity(jobs.len());
    // A few files per thread at a time, written to the tables in order and then dropped:
    // memory holds one slice of forms, not the whole batch.
    let slice = pool.current_num_threads().max(1) * FILES_IN_FLIGHT_PER_THREAD;
    // The pool's threads speak the caller's language (a server answers each request in its own).
    let lang = crate::i18n::lang();
    for slice in jobs.chunks(slice) {
        let results: Vec<(FileReport, Converted)> = pool.install(|| {
            slice
                .par_iter()
                .map(|(file, job)| {
                    crate::i18n::with_lang(lang, || match job {
                        Job::Convert(input, plan) => {
                            let result = convert(input, plan, &fence, options.file_timeout);
                            bar.inc(1);
                            result
                        }
                        Job::Problem(message) => {
                            (FileReport::failed(file.clone(), (*message).clone()), None)
                        }
                    })
                })
                .collect()
        });
        for (report, converted) in results {
            tables.add(&report, converted.as_ref())?;
            reports.push(report);
        }
    }
    bar.finish_and_clear();

    let summary = BatchSummary::new(reports);
    tables.finish()?;
    write_summary(&summary, &out_dir, options.excel_csv)?;
    // The outputs were written without waiting for the disk; now all at once.
    crate::io::sync_filesystem(&out_dir)?;
    Ok(summary)
}

/// How many files each thread has in hand at once (see [`run_batch`]): enough that a slow file
/// rarely leaves a thread idle, few enough that the forms in memory stay a handful.
const FILES_IN_FLIGHT_PER_THREAD: usize = 8;

/// One line of the summary to produce: a file to convert, or one the walk could not take.
enum Job<'a> {
    Convert(&'a Input, &'a Plan),
    Problem(&'a String),
}

/// Creates OUT_DIR, refuses it when it is IN_DIR, checks that it can be written to and locks
/// it for this run; its canonical path, and the lock (held until dropped).
fn prepare_out_dir(out_dir: &Path, in_dir: &Path) -> Result<(PathBuf, lock::Lock)> {
    // Compare before creating anything: a missing OUT_DIR cannot be IN_DIR.
    if std::fs::canonicalize(out_dir).is_ok_and(|o| o == in_dir) {
        return Err(Error::unwritable(out_dir, crate::t!("batch.out_is_in")));
    }
    std::fs::create_dir_all(out_dir).map_err(|e| Error::unwritable_io(out_dir, &e))?;
    let canonical =
        std::fs::canonicalize(out_dir).map_err(|e| Error::unwritable_io(out_dir, &e))?;
    // Find out now rather than after converting everything. The probe has an unpredictable
    // name and is created exclusively: a planted link is never followed.
    tempfile::Builder::new()
        .prefix(".probe.jixiao-")
        .suffix(".tmp")
        .rand_bytes(10)
        .tempfile_in(&canonical)
        .map_err(|e| Error::unwritable_io(out_dir, &e))?;
    let lock = lock::Lock::acquire(&canonical.join(LOCK_FILE)).map_err(|why| match why {
        lock::Refused::Busy => {
            Error::unwritable(out_dir, crate::t!("batch.busy", lock = LOCK_FILE))
        }
        lock::Refused::Io(e) => Error::unwritable(
            out_dir,
            crate::t!("batch.lock", detail = crate::i18n::io_message(&e)),
        ),
    })?;
    Ok((canonical, lock))
}

/// Where one input's outputs go, or why they cannot.
type Plan = std::result::Result<(PathBuf, PathBuf), String>;

/// `REL.xlsx` and `REL.json` for every input. An input whose output name is taken — by a table
/// (an input named `summary`) or by a folder other outputs need (a file `a` beside a folder
/// `a.xlsx/`) — gets a message instead: nothing is overwritten.
fn plan_outputs(inputs: &[Input]) -> Vec<Plan> {
    let named = |rel: &Path, ext: &str| {
        let mut name = rel.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    };
    let outputs: Vec<(PathBuf, PathBuf)> = inputs
        .iter()
        .map(|i| (named(&i.rel, "xlsx"), named(&i.rel, "json")))
        .collect();
    let folders: BTreeSet<PathBuf> = outputs
        .iter()
        .flat_map(|(xlsx, _)| xlsx.ancestors().skip(1))
        .filter(|a| !a.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .collect();
    let tables: BTreeSet<&Path> = TABLES.iter().map(Path::new).collect();
    outputs
        .into_iter()
        .map(|(xlsx, json)| {
            for output in [&xlsx, &json] {
                if tables.contains(output.as_path()) {
                    return Err(crate::t!("batch.output_is_table", output = slashed(output)));
                }
                if folders.contains(output.as_path()) {
                    return Err(crate::t!(
                        "batch.output_is_folder",
                        output = slashed(output)
                    ));
                }
            }
            if let Some(table) = xlsx.ancestors().find(|a| tables.contains(a)) {
                return Err(crate::t!("batch.folder_is_table", folder = slashed(table)));
            }
            Ok((xlsx, json))
        })
        .collect()
}

/// One file read, checked and rendered, ready to be written.
struct Rendered {
    /// The department form, when the file holds exactly one (the tables list its rows).
    form: Option<Form>,
    /// The summary line of a file holding one form of another kind.
    other: Option<summary_xlsx::OtherForm>,
    /// Its findings (for the tables and summary.xlsx).
    diagnostics: Vec<Diagnostic>,
    errors: usize,
    warnings: usize,
    /// The canonical xlsx: only for a file holding one department form.
    xlsx: Option<Vec<u8>>,
    json: String,
    /// Why there is no xlsx, for the summary.
    note: Option<String>,
}

/// Reads, checks and renders `path` on a thread of its own, waiting at most `budget`. A file
/// that takes longer is given up: its thread is left to finish on its own (its result is
/// dropped, nothing of it is written) so that the batch goes on.
fn read_within(
    path: &Path,
    budget: Duration,
    layout: OutputLayout,
) -> std::result::Result<Rendered, String> {
    let (send, receive) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    let lang = crate::i18n::lang();
    let spawned = std::thread::Builder::new()
        .name("jixiao-batch-file".to_string())
        .spawn(move || {
            let rendered = crate::i18n::with_lang(lang, || read_and_render(&owned, layout));
            let _ = send.send(rendered);
        });
    if let Err(e) = spawned {
        return Err(crate::t!("batch.no_thread", detail = e));
    }
    match receive.recv_timeout(budget) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            Err(crate::t!("batch.timeout", seconds = budget.as_secs_f64()))
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(crate::t!("batch.reader_died")),
    }
}

fn read_and_render(path: &Path, layout: OutputLayout) -> std::result::Result<Rendered, String> {
    let mut documents = read::open_documents(path, &ImportOptions::default())
        .map_err(|err| about_input(&err, path))?;
    let single = if documents.len() == 1 {
        documents.pop()
    } else {
        None
    };
    let imported = match single {
        Some(read::ImportedDocument {
            document: Document::Department(form),
            cells,
            ..
        }) => read::Imported {
            form,
            cells,
            sheet: None,
            kind: read::Kind::Json,
            template_id: None,
            warnings: Vec::new(),
        },
        Some(other) => return render_other_kinds(&[other], layout),
        None => return render_other_kinds(&documents, layout),
    };
    let diagnostics = check(&imported.form, &imported.cells);
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let xlsx =
        form_xlsx(&imported.form, layout, &ExportOptions::default()).map_err(|e| e.to_string())?;
    let mut json = serde_json::to_string_pretty(&imported.form).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(Rendered {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        diagnostics,
        form: Some(imported.form),
        other: None,
        xlsx: Some(xlsx),
        json,
        note: None,
    })
}

/// A file holding another kind of form, or several forms: its JSON (one document, or an
/// array) and its findings; the xlsx of a single project form or self-evaluation in its
/// kind's layout, none for several forms (the summary says why).
fn render_other_kinds(
    documents: &[read::ImportedDocument],
    layout: OutputLayout,
) -> std::result::Result<Rendered, String> {
    let diagnostics: Vec<_> = documents
        .iter()
        .flat_map(|d| crate::check::check_document(&d.document, &d.cells))
        .collect();
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let mut kinds: Vec<&str> = documents
        .iter()
        .map(|d| d.document.kind().title())
        .collect();
    kinds.dedup();
    let xlsx = match documents {
        [one] => Some(
            crate::write::document_xlsx(&one.document, layout, &ExportOptions::default())
                .map_err(|e| e.to_string())?,
        ),
        _ => None,
    };
    let note = if xlsx.is_some() {
        None
    } else if documents.len() > 1 {
        Some(crate::t!(
            "batch.several_forms",
            count = documents.len(),
            kinds = kinds.join(crate::i18n::text("version.separator"))
        ))
    } else {
        None
    };
    let printed: Vec<PrintedDocument> = documents.iter().map(|d| d.printed(false)).collect();
    let json = crate::model::documents_json(&printed).map_err(|e| e.to_string())?;
    let json = String::from_utf8(json).map_err(|e| e.to_string())?;
    Ok(Rendered {
        form: None,
        other: match documents {
            [one] => Some(summary_xlsx::OtherForm::of(one)),
            _ => None,
        },
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        diagnostics,
        xlsx,
        json,
        note,
    })
}

/// Reads, checks and writes one file.
fn convert(input: &Input, plan: &Plan, fence: &Fence, budget: Duration) -> (FileReport, Converted) {
    let file = slashed(&input.rel);
    let (xlsx_rel, json_rel) = match plan {
        Ok(paths) => paths,
        Err(message) => return (FileReport::failed(file, message.clone()), None),
    };
    let rendered = match read_within(&input.path, budget, fence.layout) {
        Ok(rendered) => rendered,
        Err(message) => return (FileReport::failed(file, message), None),
    };
    let mut report = FileReport {
        file,
        status: Status::Ok,
        errors: Some(rendered.errors),
        warnings: Some(rendered.warnings),
        message: rendered.note.clone(),
        xlsx: None,
        json: None,
    };
    let written = write_outputs(&rendered, input, fence, xlsx_rel, json_rel);
    match written {
        Ok(()) => {
            report.xlsx = rendered.xlsx.as_ref().map(|_| slashed(xlsx_rel));
            report.json = Some(slashed(json_rel));
            let read = (rendered.form.is_some() || rendered.other.is_some()).then_some(Read {
                form: rendered.form,
                other: rendered.other,
                diagnostics: rendered.diagnostics,
            });
            (report, read)
        }
        Err(err) => {
            report.status = Status::Failed;
            report.message = Some(err.to_string());
            (report, None)
        }
    }
}

fn write_outputs(
    rendered: &Rendered,
    input: &Input,
    fence: &Fence,
    xlsx_rel: &Path,
    json_rel: &Path,
) -> Result<()> {
    let xlsx_path = fence.out_dir.join(xlsx_rel);
    let json_path = fence.out_dir.join(json_rel);
    if let Some(parent) = xlsx_path.parent() {
        fence.make_dir(parent)?;
    }
    let xlsx = rendered.xlsx.as_deref().map(|bytes| (&xlsx_path, bytes));
    let outputs = xlsx
        .into_iter()
        .chain([(&json_path, rendered.json.as_bytes())]);
    for (path, bytes) in outputs {
        crate::io::ensure_not_input(path, &input.path)?;
        crate::io::write_atomic_unsynced(path, bytes)?;
    }
    Ok(())
}

/// An import error in the file's own words, without the path (the summary names the file).
fn about_input(err: &Error, path: &Path) -> String {
    let full = err.to_string();
    match full.strip_prefix(&crate::escape::path(path)) {
        Some(rest) => rest
            .trim_start_matches([':', '：'])
            .trim_start()
            .to_string(),
        None => full,
    }
}

/// The folders outputs may be written to.
struct Fence<'a> {
    /// Canonical.
    in_dir: &'a Path,
    /// Canonical.
    out_dir: &'a Path,
    /// How the xlsx outputs are written (carried here because every worker gets the fence).
    layout: OutputLayout,
}

impl Fence<'_> {
    /// Creates `dir` (inside OUT_DIR), unless it would be inside IN_DIR — as through a link
    /// in OUT_DIR pointing into IN_DIR, or a subfolder of IN_DIR when IN_DIR is inside OUT_DIR.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        let fail = |message: String| Error::unwritable(dir, message);
        // The missing folders would be created in the nearest one that exists: where is it
        // really?
        let existing = dir
            .ancestors()
            .find(|a| a.exists())
            .ok_or_else(|| fail(crate::t!("batch.no_path")))?;
        let rest = dir.strip_prefix(existing).unwrap_or(Path::new(""));
        let real = std::fs::canonicalize(existing)
            .map_err(|e| fail(crate::i18n::io_message(&e)))?
            .join(rest);
        let within_out_within_in =
            self.out_dir.starts_with(self.in_dir) && real.starts_with(self.out_dir);
        if real.starts_with(self.in_dir) && !within_out_within_in {
            return Err(fail(crate::t!(
                "batch.inside_input",
                in_dir = self.in_dir.display()
            )));
        }
        std::fs::create_dir_all(dir).map_err(|e| fail(crate::i18n::io_message(&e)))
    }
}

/// A relative path with `/` between its parts, whatever the platform, each part escaped
/// ([`crate::escape::path`]): the name as every table and message shows it.
fn slashed(rel: &Path) -> String {
    rel.components()
        .map(|c| crate::escape::path(Path::new(c.as_os_str())))
        .collect::<Vec<_>>()
        .join("/")
}

fn progress_bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(crate::i18n::text("batch.progress")) {
        bar.set_style(style);
    }
    bar
}

/// The tables over all files, written as the files come ([`run_batch`]): the CSV rows go to
/// temporaries beside their tables, summary.xlsx streams its sheets; [`Tables::finish`] puts
/// them in place.
struct Tables {
    out_dir: PathBuf,
    indicators: (CsvTable, crate::io::AtomicFile),
    tasks: (CsvTable, crate::io::AtomicFile),
    workbook: summary_xlsx::SummaryWorkbook,
}

impl Tables {
    fn create(out_dir: &Path, excel: bool) -> Result<Tables> {
        let table = |name: &str, columns: &[&str]| -> Result<(CsvTable, crate::io::AtomicFile)> {
            let mut csv = CsvTable::new(excel);
            csv.row(header(columns));
            Ok((csv, crate::io::AtomicFile::create(&out_dir.join(name))?))
        };
        let xlsx_path = out_dir.join(SUMMARY_XLSX);
        Ok(Tables {
            out_dir: out_dir.to_path_buf(),
            indicators: table(INDICATORS_CSV, &INDICATOR_COLUMNS)?,
            tasks: table(TASKS_CSV, &TASK_COLUMNS)?,
            workbook: summary_xlsx::SummaryWorkbook::new(out_dir)
                .map_err(|e| Error::unwritable(&xlsx_path, e.to_string()))?,
        })
    }

    /// One file's rows, in every table.
    fn add(&mut self, report: &FileReport, converted: Option<&Read>) -> Result<()> {
        let (indicators, tasks) = (&mut self.indicators.0, &mut self.tasks.0);
        if let Some(form) = converted.and_then(|read| read.form.as_ref()) {
            for indicator in &form.indicators {
                let mut row = vec![
                    report.file.clone(),
                    form.department.clone(),
                    indicator.level1.clone(),
                    indicator.level2.clone(),
                    indicator.name.clone(),
                ];
                row.extend(value_columns(&indicator.period_value));
                row.extend(value_columns(&indicator.annual_value));
                indicators.row(row);
            }
            for task in &form.key_tasks {
                tasks.row([
                    report.file.as_str(),
                    form.department.as_str(),
                    task.name.as_str(),
                    task.content.as_str(),
                    &task.funds.map(|f| f.to_string()).unwrap_or_default(),
                    task.expected_outcome.as_str(),
                ]);
            }
        }
        for (name, (csv, file)) in [
            (INDICATORS_CSV, &mut self.indicators),
            (TASKS_CSV, &mut self.tasks),
        ] {
            file.write_all(&csv.take_bytes())
                .map_err(|e| Error::unwritable_io(&self.out_dir.join(name), &e))?;
        }
        let entry = summary_xlsx::Entry {
            report,
            form: converted.and_then(|read| read.form.as_ref()),
            other: converted.and_then(|read| read.other.as_ref()),
            diagnostics: converted.map_or(&[], |read| read.diagnostics.as_slice()),
        };
        self.workbook
            .add(&entry)
            .map_err(|e| Error::unwritable(&self.out_dir.join(SUMMARY_XLSX), e.to_string()))
    }

    /// Puts every table in place.
    fn finish(self) -> Result<()> {
        for (csv, mut file) in [self.indicators, self.tasks] {
            // The header of a table no file added rows to, or a last piece.
            let rest = csv.into_bytes();
            if !rest.is_empty() {
                file.write_all(&rest)
                    .map_err(|e| Error::unwritable_io(&self.out_dir, &e))?;
            }
            file.commit()?;
        }
        let path = self.out_dir.join(SUMMARY_XLSX);
        let bytes = self
            .workbook
            .finish()
            .map_err(|e| Error::unwritable(&path, e.to_string()))?;
        write_table(&self.out_dir, SUMMARY_XLSX, bytes)
    }
}

fn write_summary(summary: &BatchSummary, out_dir: &Path, excel: bool) -> Result<()> {
    let mut table = CsvTable::new(excel);
    table.row(header(&SUMMARY_COLUMNS));
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    for f in &summary.files {
        table.row([
            f.file.clone(),
            f.status.as_str().to_string(),
            number(f.errors),
            number(f.warnings),
            f.message.clone().unwrap_or_default(),
            f.xlsx.clone().unwrap_or_default(),
            f.json.clone().unwrap_or_default(),
        ]);
    }
    write_table(out_dir, SUMMARY_CSV, table.into_bytes())?;
    let path = out_dir.join(SUMMARY_JSON);
    let mut json = serde_json::to_string_pretty(summary)
        .map_err(|e| Error::unwritable(&path, e.to_string()))?;
    json.push('\n');
    write_table(out_dir, SUMMARY_JSON, json.into_bytes())
}

/// The column headers in the current language (`columns.<id>` of templates/messages.toml);
/// `--lang en` gives the ids themselves, for scripts.
pub fn header(columns: &[&str]) -> Vec<String> {
    columns
        .iter()
        .map(|id| crate::i18n::text(&format!("columns.{id}")).to_string())
        .collect()
}

fn write_table(out_dir: &Path, name: &str, bytes: Vec<u8>) -> Result<()> {
    crate::io::write_atomic_unsynced(&out_dir.join(name), &bytes)
}

/// `text, kind, op, value, unit` of one indicator value (see the module's documentation).
fn value_columns(value: &IndicatorValue) -> [String; 5] {
    use crate::value::ValueKind;
    let (op, number, unit) = match &value.kind {
        ValueKind::Comparison(c) => (c.op.as_json(), c.value.to_string(), c.unit.clone()),
        ValueKind::Range(r) => ("", format!("{}..{}", r.min, r.max), r.unit.clone()),
        ValueKind::Deadline(d) => (d.op.as_json(), d.date.clone(), String::new()),
        ValueKind::Period(p) => ("", format!("{}..{}", p.start, p.end), String::new()),
        ValueKind::Empty | ValueKind::Qualitative(_) | ValueKind::NotApplicable => {
            ("", String::new(), String::new())
        }
    };
    [
        value.text.clone(),
        kind_tag(value),
        op.to_string(),
        number,
        unit,
    ]
}

/// The `kind` tag the JSON contract gives this value (`comparison`, `not_applicable`), taken from
/// its serialisation so the two cannot differ.
fn kind_tag(value: &IndicatorValue) -> String {
    serde_json::to_value(&value.kind)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse;

    #[test]
    fn value_columns_by_kind() {
        let cols = |text: &str| value_columns(&parse(text));
        assert_eq!(
            cols("≥18000家次"),
            ["≥18000家次", "comparison", ">=", "18000", "家次"]
        );
        assert_eq!(cols("5%-8%"), ["5%-8%", "range", "", "5..8", "%"]);
        assert_eq!(cols(""), ["", "empty", "", "", ""]);
        assert_eq!(
            cols("2024年12月31日前")[1..4],
            ["deadline", "<=", "2024-12-31"]
        );
        assert_eq!(cols("不适用")[1], "not_applicable");
    }

    #[test]
    fn outputs_never_collide() {
        let input = |rel: &str| Input {
            rel: PathBuf::from(rel),
            path: PathBuf::from(rel),
        };
        let inputs = [
            input("a.xls"),
            input("a.xlsx"),
            input("summary"),
            input("b"),
            input("b.xlsx/c.ods"),
            input("tasks.csv/d.xlsx"),
        ];
        let plans = plan_outputs(&inputs);
        let ok = |i: usize| plans[i].as_ref().map(|(x, j)| (slashed(x), slashed(j)));
        assert_eq!(ok(0), Ok(("a.xls.xlsx".into(), "a.xls.json".into())));
        assert_eq!(ok(1), Ok(("a.xlsx.xlsx".into(), "a.xlsx.json".into())));
        assert!(plans[2].as_ref().is_err_and(|m| m.contains("summary.xlsx")));
        assert!(plans[3].as_ref().is_err_and(|m| m.contains("b.xlsx")));
        assert_eq!(
            ok(4),
            Ok(("b.xlsx/c.ods.xlsx".into(), "b.xlsx/c.ods.json".into()))
        );
        assert!(plans[5].as_ref().is_err_and(|m| m.contains("tasks.csv")));
    }

    #[test]
    fn summary_line_and_exit_code() {
        let ok = FileReport {
            file: "a.xlsx".into(),
            status: Status::Ok,
            errors: Some(3),
            warnings: Some(1),
            message: None,
            xlsx: Some("a.xlsx.xlsx".into()),
            json: Some("a.xlsx.json".into()),
        };
        let summary = BatchSummary::new(vec![ok.clone()]);
        assert_eq!(
            summary.exit_code(),
            exit::OK,
            "check errors alone do not fail"
        );
        let failed = FileReport::failed("b.txt".into(), "is not a spreadsheet".into());
        let summary = BatchSummary::new(vec![ok, failed]);
        assert_eq!(summary.exit_code(), exit::FINDINGS);
        assert_eq!(
            summary.line_in(crate::i18n::Lang::En, Path::new("out")),
            "jixiao batch: 2 files, 1 converted, 1 failed (3 check errors, 1 warning) → out"
        );
        assert_eq!(
            summary.line_in(crate::i18n::Lang::Zh, Path::new("out")),
            "jixiao batch：共 2 个文件，转换 1 个，失败 1 个（检查错误 3 个，警告 1 个）→ out"
        );
    }
}
