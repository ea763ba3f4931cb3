//! The custom document properties jixiao stamps into the workbooks it writes, and the ids they
//! carry: a leaf both the writer (which sets them) and the reader (which recognises its own
//! files by them) depend on, so that reading never depends on writing.

/// Custom document property naming which of our writers made the file.
pub const PROPERTY_TEMPLATE_ID: &str = "jixiao-template-id";
/// Custom document property: [`crate::layout::LAYOUT_VERSION`].
pub const PROPERTY_LAYOUT_VERSION: &str = "jixiao-layout-version";
/// Custom document property: the version of jixiao that wrote the file.
pub const PROPERTY_TOOL_VERSION: &str = "jixiao-tool-version";
/// Custom document property: the year a blank template was made for (`--year`).
pub const PROPERTY_YEAR: &str = "jixiao-year";
/// Custom document property: the form's title as its JSON has it, when the sheet prints it
/// with （YYYY年度） added; the reader takes it back so the title stays verbatim.
pub const PROPERTY_TITLE: &str = "jixiao-title";
/// [`PROPERTY_TEMPLATE_ID`] of a blank template.
pub const TEMPLATE_ID: &str = "jixiao-template";
/// [`PROPERTY_TEMPLATE_ID`] of an exported form.
pub const EXPORT_ID: &str = "jixiao-export";
