//! Uploads: reading the multipart fields, and the one function that turns an upload into a form
//! ([`import`]). Every endpoint that reads a submission goes through it, so a new kind of
//! document is a change here only.

use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::http::StatusCode;

use super::error::ApiError;
use crate::model::{Document, DocumentKind, Form, Provenance};
use crate::read::{self, Grid, ImportOptions, ImportedDocument};

/// One uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The multipart field it came in (`file`, `old`, `new`).
    pub field: String,
    /// The file name the browser sent, reduced to a safe base name.
    pub name: String,
    pub bytes: Bytes,
}

/// Reads every field of a multipart body; the body limit is enforced while reading.
pub async fn read_all(
    multipart: Result<Multipart, MultipartRejection>,
    max_upload: u64,
) -> Result<Vec<Upload>, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(max_upload)
        } else {
            ApiError::bad_request(crate::t!("serve.api.not_multipart", detail = e.body_text()))
        }
    })?;
    let broken = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(max_upload)
        } else {
            ApiError::bad_request(crate::t!(
                "serve.api.unreadable_body",
                detail = e.body_text()
            ))
        }
    };
    let mut uploads = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = safe_name(field.file_name().unwrap_or(""), &name);
        let bytes = field.bytes().await.map_err(broken)?;
        if bytes.len() as u64 > max_upload {
            return Err(ApiError::too_large(max_upload));
        }
        uploads.push(Upload {
            field: name,
            name: file_name,
            bytes,
        });
    }
    Ok(uploads)
}

/// The one upload in `field`: 400 when it is missing.
pub fn take(uploads: &mut Vec<Upload>, field: &str) -> Result<Upload, ApiError> {
    let at = uploads
        .iter()
        .position(|u| u.field == field)
        .ok_or_else(|| ApiError::bad_request(crate::t!("serve.api.missing_file", field = field)))?;
    Ok(uploads.remove(at))
}

/// The browser's file name reduced to a base name that is safe as a file name here: no folders,
/// no control characters, not hidden, at most 120 characters. `field` stands in for a missing one.
pub fn safe_name(sent: &str, field: &str) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let mut name: String = if cleaned.is_empty() {
        format!("{}.xlsx", if field.is_empty() { "upload" } else { field })
    } else {
        cleaned.to_string()
    };
    if name.chars().count() > 120 {
        // Keep the extension: the user recognises the file by it.
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().chars().take(10).collect::<String>())
            .unwrap_or_default();
        let stem: String = name.chars().take(100).collect();
        name = if ext.is_empty() {
            stem
        } else {
            format!("{stem}.{ext}")
        };
    }
    name
}

/// A private folder (mode 0700 on Unix) removed when this is dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Result<Self, ApiError> {
        tempfile::Builder::new()
            .prefix("jixiao-serve-")
            .tempdir()
            .map(|dir| Scratch { dir })
            .map_err(|e| {
                ApiError::internal(crate::t!(
                    "serve.api.no_temp",
                    detail = crate::i18n::io_message(&e)
                ))
            })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `upload` into the folder under its own name (in `sub`, when given).
    pub fn save(&self, sub: &str, upload: &Upload) -> Result<PathBuf, ApiError> {
        let folder = if sub.is_empty() {
            self.dir.path().to_path_buf()
        } else {
            self.dir.path().join(sub)
        };
        std::fs::create_dir_all(&folder).map_err(|e| temp_unwritable(&e))?;
        let path = folder.join(&upload.name);
        std::fs::write(&path, &upload.bytes).map_err(|e| temp_unwritable(&e))?;
        Ok(path)
    }
}

fn temp_unwritable(e: &std::io::Error) -> ApiError {
    ApiError::internal(crate::t!(
        "serve.api.temp_unwritable",
        detail = crate::i18n::io_message(e)
    ))
}

/// The forms read from an upload (one for most files, several for a workbook with a form per
/// sheet), with the cells of each one's sheet when asked for.
pub struct Loaded {
    /// The upload's file name, for messages.
    pub name: String,
    pub documents: Vec<ImportedDocument>,
    /// Per document: the cells of the sheet it was read from (`None` for JSON, or when not
    /// asked).
    pub grids: Vec<Option<Grid>>,
}

/// Reads the forms in `upload` — THE import of the server. The upload is written to a private
/// folder under its own name (so the reader's messages name it), read, and the folder removed.
pub fn import(upload: &Upload, with_grid: bool) -> Result<Loaded, ApiError> {
    let scratch = Scratch::new()?;
    let path = scratch.save("", upload)?;
    let fail = |e: crate::Error| ApiError::unreadable(&upload.name, &path, &e);
    let mut documents = read::open_documents(&path, &ImportOptions::default()).map_err(fail)?;
    let mut grids = Vec::with_capacity(documents.len());
    for document in &mut documents {
        if with_grid && document.sheet.is_none() {
            canonical_cells(&scratch, document)?;
        }
        grids.push(match (&document.sheet, with_grid) {
            (Some(sheet), true) => Some(
                read::sheet_grid(&document_path(&scratch, &path, document), sheet).map_err(fail)?,
            ),
            _ => None,
        });
    }
    Ok(Loaded {
        name: upload.name.clone(),
        documents,
        grids,
    })
}

/// The canonical xlsx a JSON document is drawn from ([`canonical_cells`]). With its leading dot
/// no upload is saved under this name ([`safe_name`] drops leading dots).
const CANONICAL: &str = ".canonical.xlsx";

/// A form read from JSON has no sheet: it is drawn in the canonical layout instead, written
/// into the scratch folder, and its cells (so its diagnostics) are those of that layout.
fn canonical_cells(scratch: &Scratch, document: &mut ImportedDocument) -> Result<(), ApiError> {
    let Document::Department(form) = &document.document else {
        return Ok(());
    };
    let undrawable =
        |e: crate::Error| ApiError::internal(crate::t!("serve.api.cannot_draw", detail = e));
    let bytes = crate::write::export_xlsx(form, &crate::write::ExportOptions::default())
        .map_err(undrawable)?;
    let path = scratch.path().join(CANONICAL);
    std::fs::write(&path, bytes).map_err(|e| temp_unwritable(&e))?;
    let drawn = read::open_documents(&path, &ImportOptions::default()).map_err(undrawable)?;
    if let Some(drawn) = drawn.into_iter().next() {
        document.cells = drawn.cells;
        document.sheet = drawn.sheet;
    }
    Ok(())
}

/// Where the sheet of `document` is: the upload, or the canonical drawing of a JSON document.
fn document_path(scratch: &Scratch, upload: &Path, document: &ImportedDocument) -> PathBuf {
    if document.kind == read::Kind::Json {
        scratch.path().join(CANONICAL)
    } else {
        upload.to_path_buf()
    }
}

impl Loaded {
    /// The documents as `jixiao import` prints them (serialise them with
    /// [`PrintedDocuments`](crate::model::PrintedDocuments): the document, or an array when the
    /// file holds several).
    pub fn printed(&self) -> Vec<crate::model::PrintedDocument<'_>> {
        self.documents.iter().map(|d| d.printed(false)).collect()
    }

    /// The one form of the upload: 422 for a file of several forms.
    pub fn single(&self) -> Result<&Document, ApiError> {
        match self.documents.as_slice() {
            [one] => Ok(&one.document),
            many => Err(self.several(many.len())),
        }
    }

    fn several(&self, count: usize) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "several_forms",
            crate::t!("serve.api.several_forms", name = self.name, count = count),
        )
    }

    /// The findings of the one form of the upload, by the checks of its kind: 422 for a kind
    /// without checks.
    pub fn checked(&self) -> Result<Vec<crate::check::Diagnostic>, ApiError> {
        let [one] = self.documents.as_slice() else {
            return Err(self.several(self.documents.len()));
        };
        findings(one).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_supported",
                crate::t!(
                    "serve.api.no_checks",
                    name = self.name,
                    title = one.document.kind().title()
                ),
            )
        })
    }

    /// The one 部门整体 form of the upload, for what works on that kind only (checks, the
    /// canonical xlsx, the diff): 422 for another kind or a file of several forms.
    pub fn department(&self) -> Result<(&Form, &Provenance), ApiError> {
        let [one] = self.documents.as_slice() else {
            return Err(self.several(self.documents.len()));
        };
        match &one.document {
            Document::Department(form) => Ok((form, &one.cells)),
            other => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_supported",
                crate::t!(
                    "serve.api.department_only",
                    name = self.name,
                    title = other.kind().title()
                ),
            )),
        }
    }
}

/// What kind of form this is, as the intake table shows it.
pub fn kind_label(document: &Document) -> String {
    match document.kind() {
        DocumentKind::Department => crate::t!("serve.kind.department"),
        DocumentKind::Project => crate::t!("serve.kind.project"),
        DocumentKind::SelfEvaluation => crate::t!("serve.kind.self_evaluation"),
    }
}

/// Who the form is for: the department, or the project.
pub fn subject(document: &Document) -> String {
    document.display_name().to_string()
}

/// The file name of a converted download: `某局.xls` → `某局-canonical.xlsx`.
pub fn derived_name(upload_name: &str, suffix: &str) -> String {
    let stem = Path::new(upload_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "form".to_string());
    format!("{stem}{suffix}")
}

/// The findings of the checks of `imported`'s kind; `None` for a kind without checks.
pub fn findings(imported: &ImportedDocument) -> Option<Vec<crate::check::Diagnostic>> {
    Some(crate::check::check_document(
        &imported.document,
        &imported.cells,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_folders_and_controls_but_keep_chinese() {
        assert_eq!(safe_name("../../etc/passwd", "file"), "passwd");
        assert_eq!(safe_name("C:\\报送\\某局.xls", "file"), "某局.xls");
        assert_eq!(safe_name("..\u{0}.x", "file"), "x");
        assert_eq!(safe_name("", "old"), "old.xlsx");
        let long = format!("{}.xlsx", "表".repeat(300));
        let safe = safe_name(&long, "file");
        assert!(
            safe.ends_with(".xlsx") && safe.chars().count() <= 111,
            "{safe}"
        );
    }

    #[test]
    fn derived_names_keep_the_stem() {
        assert_eq!(
            derived_name("某局.xls", "-canonical.xlsx"),
            "某局-canonical.xlsx"
        );
        assert_eq!(derived_name(".xlsx", ".json"), ".xlsx.json");
    }
}
