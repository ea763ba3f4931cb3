//! jixiao (绩效): read, check, compare and write 部门整体预算绩效目标申报表 — the Chinese
//! department budget-performance target form.
//!
//! Data flows one way: cells → [`read::Grid`] → [`model::Form`] → cells
//! ([`write`]). The canonical layout is defined once, in [`layout`], and used by the writer and
//! the blank template alike. Labels, synonyms, the indicator framework and the value-notation
//! words are data under `templates/`, compiled into the binary.

pub mod address;
pub mod batch;
pub mod check;
pub(crate) mod decimal;
pub mod diff;
pub mod error;
pub mod escape;
pub mod framework;
pub mod i18n;
pub mod io;
pub mod labels;
pub mod layout;
pub mod model;
pub mod number;
pub mod properties;
pub mod read;
pub mod schema;
pub mod score;
#[cfg(feature = "serve")]
pub mod serve;
pub mod value;
pub mod write;

pub use error::{Error, Result};
pub use model::{Form, Indicator, KeyTask};
