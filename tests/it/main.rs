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
mod fuzz_regressions;
mod hostile;
mod i18n_cli;
mod import;
mod import_xls_formats;
mod people_outputs;
mod roundtrip;
mod roundtrip_edits;
mod schema;
mod template_blank;
mod template_libreoffice;
mod value_corpus;
mod value_props;
