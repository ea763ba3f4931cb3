//! The canonical layout of the form: defined once, used by the writer and the template.
