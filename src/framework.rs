//! The indicator framework (一级指标 → 二级指标), from `templates/framework.toml`.
//!
//! ```
//! use jixiao::framework::framework;
//!
//! let classic = framework().version("classic").expect("classic version");
//! assert_eq!(classic.level1[0].name, "产出指标");
//! assert_eq!(classic.level1[0].level2, ["数量指标", "质量指标", "时效指标", "成本指标"]);
//!
//! // Names real forms use instead of the framework's.
//! assert_eq!(framework().synonym("环境效益指标"), Some("生态效益指标"));
//! assert_eq!(framework().synonym("数量指标"), None);
//! ```

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// The indicator framework (指标体系): its versions and the synonyms real forms use.
#[derive(Debug, Deserialize)]
pub struct Framework {
    /// Every version, as `templates/framework.toml` lists them.
    #[serde(rename = "version")]
    pub versions: Vec<Version>,
    /// A name real forms use for a level → the framework's name for it.
    #[serde(default)]
    pub synonyms: BTreeMap<String, String>,
}

/// One version of the framework: which 二级 belong to which 一级.
#[derive(Debug, Deserialize)]
pub struct Version {
    /// Its id (`classic`, `v2021`).
    pub id: String,
    /// Its name for people (传统指标体系), as messages cite it.
    pub name: String,
    /// Its 一级指标, in order.
    pub level1: Vec<Level1>,
}

/// One 一级指标 and its 二级指标.
#[derive(Debug, Deserialize)]
pub struct Level1 {
    /// The 一级's name.
    pub name: String,
    /// Its 二级 names, in order.
    pub level2: Vec<String>,
}

static FRAMEWORK: LazyLock<Framework> = LazyLock::new(|| crate::shipped::FRAMEWORK.read());

/// The framework compiled into the binary.
pub fn framework() -> &'static Framework {
    &FRAMEWORK
}

impl Framework {
    /// The version `id`, if the framework has it.
    pub fn version(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id)
    }

    /// The framework's name for a level that forms call `name` instead.
    pub fn synonym(&self, name: &str) -> Option<&str> {
        self.synonyms.get(name).map(String::as_str)
    }

    /// The version blank templates are laid out in.
    pub fn template_version(&self) -> &Version {
        match self.version("classic") {
            Some(v) => v,
            None => panic!("templates/framework.toml has no classic version"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_framework_versions_are_templates_framework_toml() {
        crate::shipped::FRAMEWORK.assert_reads_as_its_toml::<Framework>();
    }

    #[test]
    fn both_versions_load_with_their_level1_names() {
        let f = framework();
        let names = |id: &str| -> Vec<&str> {
            f.version(id)
                .map(|v| v.level1.iter().map(|l| l.name.as_str()).collect())
                .unwrap_or_default()
        };
        assert_eq!(names("classic"), ["产出指标", "效益指标", "满意度指标"]);
        assert_eq!(
            names("v2021"),
            ["产出指标", "成本指标", "效益指标", "满意度指标"]
        );
    }
}
