//! The HTTP API. Each handler reads its uploads, then does the work on the blocking pool.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::error::ApiError;
use super::lang::in_lang;
use super::upload::{self, Scratch, Upload};
use super::view;
use super::AppState;
use crate::check::report::{self, FileReport};
use crate::check::Severity;
use crate::model::{Document, DocumentKind};
use crate::write::system::Profile;
use crate::write::{
    document_xlsx, project_template_xlsx, template_xlsx, ExportOptions, OutputLayout,
    TemplateOptions,
};

type Shared = State<Arc<AppState>>;
type Body = Result<Multipart, MultipartRejection>;
type Answer = Result<Response, ApiError>;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Reads the uploads (holding one of the upload permits, which bounds memory), then runs `work`
/// on the blocking pool.
async fn with_uploads<T: Send + 'static>(
    state: &AppState,
    body: Body,
    work: impl FnOnce(Vec<Upload>) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = state
        .uploads
        .acquire()
        .await
        .map_err(|_| ApiError::internal(crate::t!("serve.api.closing")))?;
    let uploads = upload::read_all(body, state.max_upload).await?;
    blocking(move || work(uploads)).await
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(in_lang(work))
        .await
        .map_err(|_| ApiError::internal(crate::t!("serve.api.internal")))?
}

/// `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266).
fn attachment(name: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let disposition = format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok", "version": crate::write::TOOL_VERSION }))
}

pub async fn not_found() -> ApiError {
    ApiError::not_found(crate::t!("serve.api.no_such_address"))
}

/// `POST /api/import`: the form JSON.
pub async fn import(State(state): Shared, body: Body) -> Answer {
    with_uploads(&state, body, |mut uploads| {
        let file = upload::take(&mut uploads, "file")?;
        let loaded = upload::import(&file, false)?;
        let printed = loaded.printed();
        Ok(Json(crate::model::PrintedDocuments(&printed)).into_response())
    })
    .await
}

/// `POST /api/check`: the report of `jixiao check --format json`.
pub async fn check(State(state): Shared, body: Body) -> Answer {
    with_uploads(&state, body, |mut uploads| {
        let file = upload::take(&mut uploads, "file")?;
        let loaded = upload::import(&file, false)?;
        let found = loaded.checked()?;
        let reports = [FileReport::checked(file.name, found)];
        Ok(Json(report::json(&reports)).into_response())
    })
    .await
}

/// The query of `POST /api/convert`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvertQuery {
    /// `canonical` (the default) or `system`: the budget system's flat table.
    #[serde(default)]
    layout: Option<String>,
    /// With `layout=system`: the province's profile (`templates/system.toml`).
    #[serde(default)]
    profile: Option<String>,
}

impl ConvertQuery {
    fn output_layout(&self) -> Result<(OutputLayout, &'static str), ApiError> {
        match (self.layout.as_deref(), &self.profile) {
            (None | Some("canonical"), None) => Ok((OutputLayout::Canonical, "-canonical.xlsx")),
            (None | Some("canonical"), Some(_)) => Err(ApiError::bad_request(crate::t!(
                "serve.api.profile_without_system"
            ))),
            (Some("system"), profile) => Profile::get(profile.as_deref())
                .map(|p| (OutputLayout::System(p), "-系统表.xlsx"))
                .map_err(ApiError::bad_request),
            (Some(other), _) => Err(ApiError::bad_request(crate::t!(
                "serve.api.unknown_layout",
                layout = format!("{other:?}")
            ))),
        }
    }
}

/// `POST /api/convert[?layout=system[&profile=ID]]`: the canonical xlsx, or the budget
/// system's flat table.
pub async fn convert(
    State(state): Shared,
    query: Result<Query<ConvertQuery>, QueryRejection>,
    body: Body,
) -> Answer {
    let Query(query) = query.map_err(|e| {
        ApiError::bad_request(crate::t!("serve.api.bad_query", detail = e.body_text()))
    })?;
    let (layout, suffix) = query.output_layout()?;
    with_uploads(&state, body, move |mut uploads| {
        let file = upload::take(&mut uploads, "file")?;
        let loaded = upload::import(&file, false)?;
        let document = loaded.single()?;
        let bytes = document_xlsx(document, layout, &ExportOptions::default()).map_err(|e| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_supported",
                crate::t!(
                    "serve.api.cannot_write_xlsx",
                    name = file.name,
                    reason = writer_reason(&e)
                ),
            )
        })?;
        let name = upload::derived_name(&file.name, suffix);
        Ok(attachment(&name, XLSX, bytes))
    })
    .await
}

/// A writer's error without the placeholder path it names.
fn writer_reason(err: &crate::Error) -> String {
    match err {
        crate::Error::Unwritable { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// `POST /api/diff`: the changes from `old` to `new`, as `jixiao diff --format json`.
pub async fn diff(State(state): Shared, body: Body) -> Answer {
    with_uploads(&state, body, |mut uploads| {
        let old = upload::take(&mut uploads, "old")?;
        let new = upload::take(&mut uploads, "new")?;
        let old = upload::import(&old, false)?;
        let new = upload::import(&new, false)?;
        let ((old_form, old_cells), (new_form, new_cells)) = (old.department()?, new.department()?);
        let changes = crate::diff::diff(old_form, old_cells, new_form, new_cells);
        // As `jixiao diff --format json`, with each place also in the form's own words.
        let mut listed = Vec::with_capacity(changes.len());
        for change in &changes {
            let mut value =
                serde_json::to_value(change).map_err(|e| ApiError::internal_detail(&e))?;
            if let Some(object) = value.as_object_mut() {
                object.insert("label".to_string(), change.label.clone().into());
            }
            listed.push(value);
        }
        Ok(Json(json!({ "changes": listed })).into_response())
    })
    .await
}

/// `POST /api/score`, for a build without scoring (the route's one-line switch).
#[allow(dead_code)]
pub async fn score_not_available() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_available",
        crate::t!("serve.api.score_not_available"),
    )
}

/// `POST /api/score`: the scorecard of `jixiao score --format json` for each self-evaluation
/// of the upload.
pub async fn score(State(state): Shared, body: Body) -> Answer {
    with_uploads(&state, body, |mut uploads| {
        let file = upload::take(&mut uploads, "file")?;
        let loaded = upload::import(&file, false)?;
        let rules = crate::score::rules();
        let evaluations: Vec<_> = loaded
            .documents
            .iter()
            .filter_map(|d| match &d.document {
                Document::SelfEvaluation(e) => Some((e, &d.cells)),
                _ => None,
            })
            .collect();
        if evaluations.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_supported",
                crate::t!("serve.api.not_self_evaluation", name = file.name),
            ));
        }
        let several = evaluations.len() > 1;
        let cards: Vec<_> = evaluations
            .iter()
            .enumerate()
            .map(|(n, (evaluation, cells))| {
                let name = if several {
                    format!("{}#{}", file.name, n + 1)
                } else {
                    file.name.clone()
                };
                (
                    name,
                    crate::score::score_self_evaluation(rules, evaluation, cells),
                )
            })
            .collect();
        let text = crate::score::json(rules, &cards);
        let value: Value =
            serde_json::from_str(&text).map_err(|e| ApiError::internal_detail(&e))?;
        Ok(Json(value).into_response())
    })
    .await
}

/// The query of `POST /api/template/self-evaluation`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefillQuery {
    #[serde(default)]
    protect: bool,
}

/// `POST /api/template/self-evaluation[?protect=true]` (field `file`: the approved target
/// form): the 绩效自评表 pre-filled from it, as `jixiao template --self-evaluation --from`.
pub async fn self_evaluation_template(
    State(state): Shared,
    query: Result<Query<PrefillQuery>, QueryRejection>,
    body: Body,
) -> Answer {
    let Query(query) = query.map_err(|e| {
        ApiError::bad_request(crate::t!("serve.api.bad_query", detail = e.body_text()))
    })?;
    with_uploads(&state, body, move |mut uploads| {
        let file = upload::take(&mut uploads, "file")?;
        let loaded = upload::import(&file, false)?;
        let approved = loaded.single()?;
        let evaluation = crate::write::self_evaluation_from(approved);
        let options = crate::write::SelfEvaluationOptions {
            template: true,
            protect: query.protect,
        };
        let bytes = crate::write::export_self_evaluation(&evaluation, &options).map_err(|e| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_supported",
                crate::t!(
                    "serve.api.cannot_prefill",
                    name = file.name,
                    reason = writer_reason(&e)
                ),
            )
        })?;
        let name = upload::derived_name(&file.name, "-自评表.xlsx");
        Ok(attachment(&name, XLSX, bytes))
    })
    .await
}

/// The body of `POST /api/template`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateRequest {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    year: Option<u32>,
    #[serde(default)]
    rows: Option<u32>,
    #[serde(default)]
    protect: bool,
}

/// `POST /api/template`: a blank form.
pub async fn template(request: Result<Json<TemplateRequest>, JsonRejection>) -> Answer {
    let Json(request) = request.map_err(|e| {
        ApiError::bad_request(crate::t!("serve.api.template_body", detail = e.body_text()))
    })?;
    let project = match request.kind.as_deref() {
        None | Some("department") | Some("部门整体") => false,
        Some("project") | Some("项目") => true,
        Some(other) => {
            return Err(ApiError::bad_request(crate::t!(
                "serve.api.unknown_kind",
                kind = format!("{other:?}")
            )))
        }
    };
    let year = match request.year {
        None => None,
        Some(y @ 1900..=2999) => Some(y as u16),
        Some(y) => {
            return Err(ApiError::bad_request(crate::t!(
                "serve.api.year_range",
                year = y
            )))
        }
    };
    let rows = match request.rows {
        None => 3,
        Some(n @ 1..=200) => n as usize,
        Some(n) => {
            return Err(ApiError::bad_request(crate::t!(
                "serve.api.rows_range",
                rows = n
            )))
        }
    };
    let department = request
        .department
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty());
    let blank = if project {
        "空白项目申报表.xlsx"
    } else {
        "空白申报表.xlsx"
    };
    let name = match &department {
        Some(d) => format!("{}-{blank}", upload::safe_name(d, "template")),
        None => blank.to_string(),
    };
    let options = TemplateOptions {
        department,
        year,
        rows,
        protect: request.protect,
    };
    let bytes = blocking(move || {
        let made = if project {
            project_template_xlsx(&options)
        } else {
            template_xlsx(&options)
        };
        made.map_err(|e| {
            ApiError::internal(crate::t!(
                "serve.api.cannot_template",
                reason = writer_reason(&e)
            ))
        })
    })
    .await?;
    Ok(attachment(&name, XLSX, bytes))
}

/// `GET /api/schema/{kind}`: that kind's JSON Schema (`department` or `form`, `project`,
/// `self-evaluation`, or a kind's format tag).
pub async fn schema(UrlPath(kind): UrlPath<String>) -> Answer {
    let known = match kind.as_str() {
        "form" => Some(DocumentKind::Department),
        other => DocumentKind::from_name(other),
    };
    let Some(known) = known else {
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
        return Err(ApiError::not_found(crate::t!(
            "serve.api.no_schema",
            kind = format!("{kind:?}"),
            names = names.join(crate::i18n::text("serve.api.separator"))
        )));
    };
    let mut response = crate::schema::schema(known).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/schema+json"),
    );
    Ok(response)
}

/// The answer of `POST /api/inspect`, serialised directly (the document is not copied into a
/// `serde_json::Value` first).
#[derive(Serialize)]
struct Inspected<'a, G: Serialize> {
    file: &'a str,
    forms: Vec<InspectedForm<'a, G>>,
}

/// One form of [`Inspected`], its fields in the order the page has always received them.
#[derive(Serialize)]
struct InspectedForm<'a, G: Serialize> {
    kind: String,
    subject: String,
    checked: bool,
    errors: usize,
    warnings: usize,
    score: Option<String>,
    grade: G,
    document: &'a Document,
    diagnostics: Value,
    readings: Value,
    view: Option<Value>,
    drawn_canonical: bool,
}

/// `POST /api/inspect` (the page's intake and view): each form of the upload, its check, and
/// its sheet drawn with the diagnostics at their cells.
pub async fn inspect(State(state): Shared, body: Body) -> Answer {
    with_uploads(&state, body, |mut uploads| {
        let file = upload::take(&mut uploads, "file")?;
        let loaded = upload::import(&file, true)?;
        let mut forms = Vec::with_capacity(loaded.documents.len());
        for (imported, grid) in loaded.documents.iter().zip(&loaded.grids) {
            // Kinds without checks are listed unchecked.
            let found = upload::findings(imported);
            let (score, grade) = match &imported.document {
                Document::SelfEvaluation(evaluation) => {
                    let card = crate::score::score_self_evaluation(
                        crate::score::rules(),
                        evaluation,
                        &imported.cells,
                    );
                    (
                        card.total.computed.map(|d| d.to_string()),
                        card.grade.computed,
                    )
                }
                _ => (None, None),
            };
            let count = |s: Severity| {
                found
                    .as_ref()
                    .map_or(0, |f| f.iter().filter(|d| d.severity == s).count())
            };
            forms.push(InspectedForm {
                kind: upload::kind_label(&imported.document),
                subject: upload::subject(&imported.document),
                checked: found.is_some(),
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                score,
                grade,
                document: &imported.document,
                diagnostics: view::diagnostics_json(
                    found.as_deref().unwrap_or(&[]),
                    imported.sheet.as_deref(),
                ),
                readings: view::readings_json(imported),
                view: grid.as_ref().map(view::sheet_json),
                // A JSON upload has no sheet of its own: it is drawn in the canonical layout.
                drawn_canonical: imported.kind == crate::read::Kind::Json,
            });
        }
        Ok(Json(Inspected {
            file: &file.name,
            forms,
        })
        .into_response())
    })
    .await
}

/// `POST /api/bundle` (the page's 下载全部): every `file` converted as `jixiao batch` does, and
/// the batch tables, in one zip.
pub async fn bundle(State(state): Shared, body: Body) -> Answer {
    with_uploads(&state, body, |uploads| {
        let files: Vec<Upload> = uploads.into_iter().filter(|u| u.field == "file").collect();
        if files.is_empty() {
            return Err(ApiError::bad_request(crate::t!(
                "serve.api.missing_file",
                field = "file"
            )));
        }
        let scratch = Scratch::new()?;
        let mut taken = std::collections::HashSet::new();
        for (i, file) in files.iter().enumerate() {
            let mut file = file.clone();
            // Two uploads of the same name both stay in the bundle.
            if !taken.insert(file.name.clone()) {
                file.name = format!("{}-{}", i + 1, file.name);
                taken.insert(file.name.clone());
            }
            scratch.save("in", &file)?;
        }
        let in_dir = scratch.path().join("in");
        let out_dir = scratch.path().join("out");
        let options = crate::batch::BatchOptions {
            in_dir: in_dir.clone(),
            out_dir: out_dir.clone(),
            jobs: Some(1),
            excel_csv: true,
            progress: false,
            file_timeout: crate::batch::DEFAULT_FILE_TIMEOUT,
            layout: OutputLayout::Canonical,
        };
        crate::batch::run_batch(&options)
            .map_err(|e| ApiError::internal(crate::t!("serve.api.batch_failed", detail = e)))?;
        let bytes = zip_folder(&out_dir, &[&in_dir, scratch.path()]).map_err(|e| {
            ApiError::internal(crate::t!(
                "serve.api.cannot_zip",
                detail = crate::i18n::io_message(&e)
            ))
        })?;
        Ok(attachment("jixiao-转换结果.zip", "application/zip", bytes))
    })
    .await
}

/// Zips every file under `dir`, with the private folders' paths (`hide`) removed from the
/// text of the tables.
fn zip_folder(dir: &Path, hide: &[&Path]) -> std::io::Result<Vec<u8>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            // The batch's own bookkeeping (its lock file) is not an output.
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hidden = Vec::new();
    for path in hide {
        hidden.push(format!("{}/", path.display()));
        if let Ok(real) = std::fs::canonicalize(path) {
            hidden.push(format!("{}/", real.display()));
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for path in files {
        let Ok(relative) = path.strip_prefix(dir) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        let mut bytes = std::fs::read(&path)?;
        if name.ends_with(".csv") || name.ends_with(".json") {
            if let Ok(mut text) = String::from_utf8(bytes.clone()) {
                for h in &hidden {
                    text = text.replace(h.as_str(), "");
                }
                bytes = text.into_bytes();
            }
        }
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&bytes)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
