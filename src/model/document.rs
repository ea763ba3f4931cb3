//! [`Document`]: one form of any kind of the family, serialising as that kind's JSON.

use serde::{Deserialize, Serialize};

use super::{Form, ProjectForm, SelfEvaluation, FORMAT, PROJECT_FORMAT, SELF_EVALUATION_FORMAT};

/// The kinds of form jixiao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// 部门整体预算绩效目标申报表 (`jixiao/form@1`).
    Department,
    /// 项目支出绩效目标申报表 (`jixiao/project-form@1`).
    Project,
    /// 绩效自评表 (`jixiao/self-evaluation@1`).
    SelfEvaluation,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Department,
        DocumentKind::Project,
        DocumentKind::SelfEvaluation,
    ];

    /// The kind's JSON `format` tag.
    pub fn format(self) -> &'static str {
        match self {
            DocumentKind::Department => FORMAT,
            DocumentKind::Project => PROJECT_FORMAT,
            DocumentKind::SelfEvaluation => SELF_EVALUATION_FORMAT,
        }
    }

    /// The kind with this `format` tag.
    pub fn from_format(format: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.format() == format)
    }

    /// The name `--kind` takes: `department`, `project`, `self-evaluation`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Department => "department",
            DocumentKind::Project => "project",
            DocumentKind::SelfEvaluation => "self-evaluation",
        }
    }

    /// The kind named `name` (as [`DocumentKind::name`] gives it, or its format tag).
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.name() == name || k.format() == name)
    }

    /// The form's name in Chinese, for messages.
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Department => "部门整体预算绩效目标申报表",
            DocumentKind::Project => "项目支出绩效目标申报表",
            DocumentKind::SelfEvaluation => "绩效自评表",
        }
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One form of any kind.
///
/// ```
/// use jixiao::model::{Document, DocumentKind, ProjectForm};
///
/// let doc = Document::Project(ProjectForm::default());
/// let json = serde_json::to_string(&doc).expect("json");
/// assert!(json.starts_with(r#"{"format":"jixiao/project-form@1""#));
/// let back: Document = serde_json::from_str(&json).expect("reads back");
/// assert_eq!(back.kind(), DocumentKind::Project);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// 部门整体预算绩效目标申报表.
    Department(Form),
    /// 项目支出绩效目标申报表.
    Project(ProjectForm),
    /// 绩效自评表.
    SelfEvaluation(SelfEvaluation),
}

impl Document {
    /// Which kind this is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Document::Department(_) => DocumentKind::Department,
            Document::Project(_) => DocumentKind::Project,
            Document::SelfEvaluation(_) => DocumentKind::SelfEvaluation,
        }
    }

    /// The department form, when this is one.
    pub fn as_department(&self) -> Option<&Form> {
        match self {
            Document::Department(form) => Some(form),
            _ => None,
        }
    }

    /// The department (or, for a project, its 主管部门; for a self-evaluation, its 主管部门).
    pub fn department(&self) -> &str {
        match self {
            Document::Department(form) => &form.department,
            Document::Project(form) => &form.project.department,
            Document::SelfEvaluation(form) => &form.department,
        }
    }

    /// A name for the document in messages and file names: the department of a department
    /// form, the project's name otherwise.
    pub fn display_name(&self) -> &str {
        match self {
            Document::Department(form) => &form.department,
            Document::Project(form) => &form.project.name,
            Document::SelfEvaluation(form) => &form.name,
        }
    }
}

impl From<Form> for Document {
    fn from(form: Form) -> Document {
        Document::Department(form)
    }
}

impl Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Department(form) => form.serialize(s),
            Document::Project(form) => form.serialize(s),
            Document::SelfEvaluation(form) => form.serialize(s),
        }
    }
}

/// Reads a document of any kind from JSON, by its `format` (serde_json only: the document is
/// kept as its text, not as a `serde_json::Value`, while the tag is read, then read once
/// into its kind's type). The contract's readers (`jixiao::read`) also recompute values and
/// name the JSON path of a refusal.
impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct Tag {
            format: Option<String>,
        }
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let format = serde_json::from_str::<Tag>(raw.get())
            .map_err(D::Error::custom)?
            .format
            .ok_or_else(|| D::Error::custom("missing \"format\""))?;
        let kind = DocumentKind::from_format(&format)
            .ok_or_else(|| D::Error::custom(format!("unknown format {format:?}")))?;
        let text = raw.get();
        let document = match kind {
            DocumentKind::Department => serde_json::from_str(text).map(Document::Department),
            DocumentKind::Project => serde_json::from_str(text).map(Document::Project),
            DocumentKind::SelfEvaluation => {
                serde_json::from_str(text).map(Document::SelfEvaluation)
            }
        };
        document.map_err(D::Error::custom)
    }
}

/// A document as `jixiao import` prints it: its kind's JSON, and with `cells` where each field
/// was read, as a trailing `"cells"` object (field path → `Sheet1!E23`).
///
/// Serialised directly from the model (no intermediate `serde_json::Value`).
#[derive(Debug, Clone, Copy)]
pub struct PrintedDocument<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its provenance, when it is to be shown.
    pub cells: Option<&'a super::Provenance>,
}

impl Serialize for PrintedDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// The document's fields followed by `"cells"`.
        #[derive(Serialize)]
        struct WithCells<'a> {
            #[serde(flatten)]
            document: &'a Document,
            cells: CellTexts<'a>,
        }
        match self.cells {
            None => self.document.serialize(s),
            Some(cells) => WithCells {
                document: self.document,
                cells: CellTexts(cells),
            }
            .serialize(s),
        }
    }
}

/// Provenance as an object of texts: `"indicators[0].name": "Sheet1!D30"`.
struct CellTexts<'a>(&'a super::Provenance);

impl Serialize for CellTexts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Text<'a, T: std::fmt::Display>(&'a T);
        impl<T: std::fmt::Display> Serialize for Text<'_, T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self.0)
            }
        }
        s.collect_map(self.0.iter().map(|(path, cell)| (Text(path), Text(cell))))
    }
}

/// The pretty-printed JSON of `documents`, ending with a newline: one document's object, or an
/// array when there are several (or none) — what `import`, `convert --json` and `batch` write.
pub fn documents_json(documents: &[PrintedDocument<'_>]) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(documents.len() * 4096);
    match documents {
        [one] => serde_json::to_writer_pretty(&mut out, one)?,
        many => serde_json::to_writer_pretty(&mut out, many)?,
    }
    out.push(b'\n');
    Ok(out)
}
