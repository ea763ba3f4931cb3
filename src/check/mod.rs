//! Validation of a form, with diagnostics that point at cells.
