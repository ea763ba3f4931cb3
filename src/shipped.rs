//! The templates read whole into serde types at run time, compiled in as the JSON build.rs
//! writes from each `templates/<name>.toml` (build/templates.rs): the TOML stays the data,
//! the program parses no TOML for them. User-supplied scoring profiles are still TOML
//! (`score::Rules::from_toml`).

use serde::de::DeserializeOwned;

/// One shipped template: its file under templates/ and the JSON made of it.
pub(crate) struct Shipped {
    /// Its file name under templates/, for messages.
    file: &'static str,
    json: &'static str,
}

macro_rules! shipped {
    ($name:literal) => {
        Shipped {
            file: concat!($name, ".toml"),
            json: include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json")),
        }
    };
}

pub(crate) const SYSTEM: Shipped = shipped!("system");
pub(crate) const FRAMEWORK: Shipped = shipped!("framework");
pub(crate) const SELF_EVALUATION: Shipped = shipped!("self_evaluation");
pub(crate) const INSTRUCTIONS: Shipped = shipped!("instructions");
pub(crate) const DIFF: Shipped = shipped!("diff");
pub(crate) const DIAGNOSTICS: Shipped = shipped!("diagnostics");
pub(crate) const SCORING: Shipped = shipped!("scoring");

impl Shipped {
    /// The template read as `T`. The JSON was written from a file whose shape the unit tests
    /// check against `T` (`assert_reads_as_its_toml`), so a failure here is a bug in the file.
    pub(crate) fn read<T: DeserializeOwned>(&self) -> T {
        self.try_read()
            .unwrap_or_else(|e| panic!("templates/{} is invalid: {e}", self.file))
    }

    /// The template read as `T`, or serde's message.
    pub(crate) fn try_read<T: DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_str(self.json).map_err(|e| e.to_string())
    }

    /// The compiled-in JSON reads as the same `T` as the TOML file it was made from.
    #[cfg(test)]
    pub(crate) fn assert_reads_as_its_toml<T: DeserializeOwned + std::fmt::Debug>(&self) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates")
            .join(self.file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let from_toml: T =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let from_json: T = self.read();
        assert_eq!(
            format!("{from_json:#?}"),
            format!("{from_toml:#?}"),
            "templates/{}",
            self.file
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped template, as a table: nothing lost or added on the way to JSON.
    #[test]
    fn every_template_reads_as_its_toml() {
        for shipped in [
            SYSTEM,
            FRAMEWORK,
            SELF_EVALUATION,
            INSTRUCTIONS,
            DIFF,
            DIAGNOSTICS,
            SCORING,
        ] {
            shipped.assert_reads_as_its_toml::<toml::Table>();
            let value: serde_json::Value = shipped.read();
            assert!(value.is_object(), "{}", shipped.file);
        }
    }
}
