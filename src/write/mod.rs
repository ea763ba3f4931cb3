//! Writing the form in the canonical layout, and blank templates.
