//! One integration-test binary (build time on two cores matters): each module tests one concern.

mod common;
mod export_support;

mod batch;
mod check_cli;
mod check_rules;
mod check_samples;
mod check_xlsx;
mod cli_value;
mod contract;
mod diff;
mod export_cli;
mod export_layout;
mod export_project;
mod fuzz_regressions;
mod hostile;
mod i18n_cli;
mod import;
mod import_cells;
mod import_xls_formats;
mod kinds_check;
mod kinds_convert;
mod kinds_variants;
mod module_cycles;
mod people_outputs;
mod print_pages;
mod print_scale;
mod realworld;
mod roundtrip;
mod roundtrip_edits;
mod roundtrip_project;
mod safe_outputs;
mod schema;
mod score;
#[cfg(feature = "serve")]
mod serve_api;
#[cfg(feature = "serve")]
mod serve_browser;
#[cfg(feature = "serve")]
mod serve_support;
mod summary_scores;
mod system_roundtrip;
mod template_blank;
mod template_libreoffice;
mod template_project;
mod value_corpus;
mod value_props;
mod verbatim;
