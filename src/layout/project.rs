//! The canonical layout of the 项目支出绩效目标申报表, defined once for the writer, the blank
//! template and the tests, like the department form's ([`super::Layout`]).
//!
//! The grid has one column per column of the indicator table: 一级指标 | 二级指标 | 三级指标 |
//! 指标值, then the optional columns the form has (实施周期指标值 before 指标值 when any indicator
//! has one; 分值, 指标解释, 评(扣)分标准, 备注 after it). The parts above use A for labels and
//! the other columns for values:
//!
//! | row | A | B | C | D… |
//! |-----|---|---|---|----|
//! | 0 | title （YYYY年度）, merged across | | | |
//! | 1 | 单位：万元 / 单位：元 (the form's unit), right-aligned | | | |
//! | 2 | 项目名称 | name, merged B… | | |
//! | 3 | 主管部门 | department | 实施单位 | unit (D…) |
//! | 4 | 项目属性 | attributes | 项目起止时间 | period (D…) |
//! | 5… | 项目资金 (merged down) | 资金总额 · 其中：财政拨款 · 其他资金 · 上年结转 · further lines | amount (C…) | |
//! | | 总体目标 | goals, one per line (B…) | | |
//! | | 年度目标 | goals, one per line (B…) | | |
//! | | 一级指标 | 二级指标 | 三级指标 | 指标值 … (header, repeated on printed pages) |
//! | | level 1 (runs merged) | level 2 (runs merged) | name | value … |
//! | | 填报人： · 联系电话： · 填报日期： (signature lines, no border) | | | |
//! | | 单位负责人： · 填报单位（盖章）： | | | |

use super::paging::{self, BreakRule};
use super::{level_runs, CellContent, ColumnSpec, Region, Run, Style};
use crate::labels::IndicatorColumnLabel;
use crate::model::FieldPath;

/// The name of the sheet holding a project form.
pub const PROJECT_SHEET_NAME: &str = "项目支出绩效目标申报表";

/// The labels of the project form, verbatim: the canonical texts of
/// templates/labels-project.toml, except where the printed form words it otherwise.
pub mod label {
    use crate::labels::{FundsLabel, ProjectGoalLabel, ProjectLabel};

    /// 项目名称.
    pub const NAME: &str = ProjectLabel::Name.canonical();
    /// 主管部门.
    pub const DEPARTMENT: &str = ProjectLabel::Department.canonical();
    /// 实施单位.
    pub const UNIT: &str = ProjectLabel::Unit.canonical();
    /// 项目属性.
    pub const ATTRIBUTES: &str = ProjectLabel::Attributes.canonical();
    /// 项目起止时间.
    pub const PERIOD: &str = ProjectLabel::Period.canonical();
    /// 项目资金, the funds section.
    pub const FUNDS: &str = FundsLabel::Block.canonical();
    /// 资金总额.
    pub const TOTAL: &str = FundsLabel::Total.canonical();
    /// 财政拨款 ([`FundsLabel::Fiscal`]) as a part of 资金总额; the reader drops the `其中：`.
    pub const FISCAL: &str = "其中：财政拨款";
    /// 其他资金.
    pub const OTHER: &str = FundsLabel::Other.canonical();
    /// 上年结转.
    pub const CARRYOVER: &str = FundsLabel::Carryover.canonical();
    /// 总体目标.
    pub const OVERALL_GOALS: &str = ProjectGoalLabel::Overall.canonical();
    /// 年度目标.
    pub const ANNUAL_GOALS: &str = ProjectGoalLabel::Annual.canonical();
    /// The two signature lines below the table, three labels each.
    pub const SIGNATURES: [[&str; 3]; 2] = [
        ["填报人：", "联系电话：", "填报日期："],
        ["单位负责人：", "填报单位（盖章）：", ""],
    ];
}

/// A column of the project form's indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectColumn {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标 (the indicator's name).
    Name,
    /// 实施周期指标值: only when an indicator has one.
    PeriodValue,
    /// 指标值 (the year's target).
    Value,
    /// 分值.
    Weight,
    /// 指标解释.
    Explanation,
    /// 评(扣)分标准.
    Standard,
    /// 备注.
    Remark,
}

impl ProjectColumn {
    /// The header text: the `[indicator_columns]` label, except 指标值 and 分值, the project
    /// form's own wording (synonyms of 年度指标值 and 权重).
    pub fn header(self) -> &'static str {
        match self {
            ProjectColumn::Level1 => IndicatorColumnLabel::Level1.canonical(),
            ProjectColumn::Level2 => IndicatorColumnLabel::Level2.canonical(),
            ProjectColumn::Name => IndicatorColumnLabel::Name.canonical(),
            ProjectColumn::PeriodValue => IndicatorColumnLabel::PeriodValue.canonical(),
            ProjectColumn::Value => "指标值",
            ProjectColumn::Weight => "分值",
            ProjectColumn::Explanation => IndicatorColumnLabel::Explanation.canonical(),
            ProjectColumn::Standard => IndicatorColumnLabel::Standard.canonical(),
            ProjectColumn::Remark => IndicatorColumnLabel::Remark.canonical(),
        }
    }

    /// Width limits, points.
    fn spec(self) -> ColumnSpec {
        let (min_points, max_points) = match self {
            ProjectColumn::Level1 => (62.0, 72.0),
            ProjectColumn::Level2 => (70.0, 90.0),
            ProjectColumn::Name => (90.0, 200.0),
            ProjectColumn::PeriodValue | ProjectColumn::Value => (64.0, 110.0),
            ProjectColumn::Weight => (36.0, 44.0),
            ProjectColumn::Explanation | ProjectColumn::Standard => (70.0, 200.0),
            ProjectColumn::Remark => (44.0, 120.0),
        };
        ColumnSpec {
            min_points,
            max_points,
        }
    }
}

/// Which optional columns a project form has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OptionalColumns {
    /// 实施周期指标值.
    pub period_value: bool,
    /// 分值.
    pub weight: bool,
    /// 指标解释.
    pub explanation: bool,
    /// 评(扣)分标准.
    pub standard: bool,
    /// 备注.
    pub remark: bool,
}

/// A field of the project form that an input region holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProjectField {
    /// The form's title row.
    Title,
    /// The funds' unit line (`金额单位：万元`).
    UnitLine,
    /// 项目名称.
    Name,
    /// 主管部门.
    Department,
    /// 实施单位.
    Unit,
    /// 项目属性.
    Attributes,
    /// 项目起止时间.
    Period,
    /// 资金总额.
    Total,
    /// 其中：财政拨款.
    Fiscal,
    /// 其他资金.
    Other,
    /// 上年结转.
    Carryover,
    /// The label of further money line `i`.
    ItemLabel(usize),
    /// The amount of further money line `i`.
    ItemAmount(usize),
    /// 总体目标.
    OverallGoals,
    /// 年度目标.
    AnnualGoals,
    /// Row `i` of the indicator table (for merged 一级/二级 runs, the run's first row).
    Indicator(usize, ProjectColumn),
}

impl ProjectColumn {
    /// The indicator's field this column holds, as named in the JSON (`annual_value` for 指标值).
    pub fn key(self) -> &'static str {
        match self {
            ProjectColumn::Level1 => "level1",
            ProjectColumn::Level2 => "level2",
            ProjectColumn::Name => "name",
            ProjectColumn::PeriodValue => "period_value",
            ProjectColumn::Value => "annual_value",
            ProjectColumn::Weight => "weight",
            ProjectColumn::Explanation => "explanation",
            ProjectColumn::Standard => "standard",
            ProjectColumn::Remark => "remark",
        }
    }
}

impl ProjectField {
    /// The field path, as in diagnostics (`funds.total`, `indicators[3].weight`).
    pub fn path(&self) -> String {
        match self {
            ProjectField::Title => "title".into(),
            ProjectField::UnitLine => "funds.unit".into(),
            ProjectField::Name => "project.name".into(),
            ProjectField::Department => "project.department".into(),
            ProjectField::Unit => "project.unit".into(),
            ProjectField::Attributes => "project.attributes".into(),
            ProjectField::Period => "project.period".into(),
            ProjectField::Total => "funds.total".into(),
            ProjectField::Fiscal => "funds.fiscal".into(),
            ProjectField::Other => "funds.other".into(),
            ProjectField::Carryover => "funds.carryover".into(),
            ProjectField::ItemLabel(i) => FieldPath::key("funds")
                .field("items")
                .at(*i)
                .field("label")
                .to_string(),
            ProjectField::ItemAmount(i) => FieldPath::key("funds")
                .field("items")
                .at(*i)
                .field("amount")
                .to_string(),
            ProjectField::OverallGoals => "goals.overall".into(),
            ProjectField::AnnualGoals => "goals.annual".into(),
            ProjectField::Indicator(i, c) => FieldPath::indicator(*i, c.key()).to_string(),
        }
    }
}

/// What a region of the project form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectContent {
    /// Fixed text, verbatim.
    Label(String),
    /// A field the form's data fills.
    Field(ProjectField),
}

impl CellContent for ProjectContent {
    fn is_input(&self) -> bool {
        matches!(self, ProjectContent::Field(f) if *f != ProjectField::Title && *f != ProjectField::UnitLine)
    }

    fn min_lines(&self) -> usize {
        match self {
            ProjectContent::Field(ProjectField::OverallGoals | ProjectField::AnnualGoals) => 3,
            _ => 1,
        }
    }
}

/// A region of the project form.
pub type ProjectRegion = Region<ProjectContent>;

/// The layout of one project form's shape.
#[derive(Debug, Clone)]
pub struct ProjectLayout {
    /// Every region, row by row.
    pub regions: Vec<ProjectRegion>,
    /// Rows of the grid, signatures included.
    pub row_count: u32,
    /// The indicator table's columns, in order (one grid column each).
    pub columns: Vec<ProjectColumn>,
    /// The row of the indicator table's header.
    pub indicator_header_row: u32,
    /// How many indicator rows the table holds.
    pub indicator_rows: usize,
    /// Where a page may start, per row: see [`paging::BreakRule`].
    pub break_rules: Vec<BreakRule>,
    /// The rows that start a new printed page (empty until [`ProjectLayout::paginated`]).
    pub page_breaks: Vec<u32>,
}

impl ProjectLayout {
    /// The layout for `fund_items` further money lines and indicator rows with these
    /// (一级, 二级) names, with the optional columns `optional`.
    pub fn new(
        fund_items: usize,
        indicator_levels: &[(String, String)],
        optional: OptionalColumns,
    ) -> ProjectLayout {
        use ProjectColumn as PC;
        let mut columns = vec![PC::Level1, PC::Level2, PC::Name];
        if optional.period_value {
            columns.push(PC::PeriodValue);
        }
        columns.push(PC::Value);
        for (on, c) in [
            (optional.weight, PC::Weight),
            (optional.explanation, PC::Explanation),
            (optional.standard, PC::Standard),
            (optional.remark, PC::Remark),
        ] {
            if on {
                columns.push(c);
            }
        }
        let last = columns.len() as u16 - 1;
        let (a, b, c, d) = (0u16, 1u16, 2u16, 3u16);
        let mut regions: Vec<ProjectRegion> = Vec::new();
        let mut push = |r0: u32, c0: u16, r1: u32, c1: u16, content, style| {
            regions.push(Region {
                first_row: r0,
                first_col: c0,
                last_row: r1,
                last_col: c1,
                content,
                style,
            })
        };
        let lab = |t: &str| ProjectContent::Label(t.to_string());
        let field = ProjectContent::Field;
        push(0, a, 0, last, field(ProjectField::Title), Style::Title);
        push(1, a, 1, last, field(ProjectField::UnitLine), Style::Unit);
        push(2, a, 2, a, lab(label::NAME), Style::Label);
        push(2, b, 2, last, field(ProjectField::Name), Style::Text);
        for (row, (l1, f1, l2, f2)) in [
            (
                label::DEPARTMENT,
                ProjectField::Department,
                label::UNIT,
                ProjectField::Unit,
            ),
            (
                label::ATTRIBUTES,
                ProjectField::Attributes,
                label::PERIOD,
                ProjectField::Period,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let row = 3 + row as u32;
            push(row, a, row, a, lab(l1), Style::Label);
            push(row, b, row, b, field(f1), Style::Text);
            push(row, c, row, c, lab(l2), Style::Label);
            push(row, d, row, last.max(d), field(f2), Style::Text);
        }
        // 项目资金.
        let funds_first = 5u32;
        let fixed = [
            (label::TOTAL, ProjectField::Total),
            (label::FISCAL, ProjectField::Fiscal),
            (label::OTHER, ProjectField::Other),
            (label::CARRYOVER, ProjectField::Carryover),
        ];
        let fixed_rows = fixed.len();
        let funds_rows = (fixed_rows + fund_items) as u32;
        push(
            funds_first,
            a,
            funds_first + funds_rows - 1,
            a,
            lab(label::FUNDS),
            Style::Label,
        );
        for (i, (l, f)) in fixed.into_iter().enumerate() {
            let row = funds_first + i as u32;
            push(row, b, row, b, lab(l), Style::Label);
            push(row, c, row, last, field(f), Style::Money);
        }
        for i in 0..fund_items {
            let row = funds_first + (fixed_rows + i) as u32;
            push(
                row,
                b,
                row,
                b,
                field(ProjectField::ItemLabel(i)),
                Style::Label,
            );
            push(
                row,
                c,
                row,
                last,
                field(ProjectField::ItemAmount(i)),
                Style::Money,
            );
        }
        let overall_row = funds_first + funds_rows;
        let annual_row = overall_row + 1;
        push(
            overall_row,
            a,
            overall_row,
            a,
            lab(label::OVERALL_GOALS),
            Style::Label,
        );
        push(
            overall_row,
            b,
            overall_row,
            last,
            field(ProjectField::OverallGoals),
            Style::Text,
        );
        push(
            annual_row,
            a,
            annual_row,
            a,
            lab(label::ANNUAL_GOALS),
            Style::Label,
        );
        push(
            annual_row,
            b,
            annual_row,
            last,
            field(ProjectField::AnnualGoals),
            Style::Text,
        );

        // The indicator table.
        let header_row = annual_row + 1;
        for (col, column) in columns.iter().enumerate() {
            push(
                header_row,
                col as u16,
                header_row,
                col as u16,
                lab(column.header()),
                Style::Header,
            );
        }
        let empty_row = [(String::new(), String::new())];
        let levels: &[(String, String)] = if indicator_levels.is_empty() {
            &empty_row
        } else {
            indicator_levels
        };
        let first_row = header_row + 1;
        let (level1_runs, level2_runs) = level_runs(levels);
        let mut starts: Vec<Vec<(Run, ProjectColumn)>> = vec![Vec::new(); levels.len()];
        let mut rules_at: Vec<BreakRule> = vec![BreakRule::Row; levels.len()];
        for run in &level2_runs {
            rules_at[run.start] = BreakRule::Subgroup;
        }
        for run in &level1_runs {
            rules_at[run.start] = BreakRule::Group;
        }
        for (runs, column) in [(level1_runs, PC::Level1), (level2_runs, PC::Level2)] {
            for run in runs {
                starts[run.start].push((run, column));
            }
        }
        for (i, s) in starts.into_iter().enumerate() {
            let row = first_row + i as u32;
            for (run, column) in s {
                let col = if column == PC::Level1 { a } else { b };
                push(
                    row,
                    col,
                    row + run.len as u32 - 1,
                    col,
                    field(ProjectField::Indicator(i, column)),
                    Style::Centered,
                );
            }
            for (col, column) in columns.iter().enumerate().skip(2) {
                let style = match column {
                    PC::Name | PC::Explanation | PC::Standard | PC::Remark => Style::Text,
                    _ => Style::Centered,
                };
                push(
                    row,
                    col as u16,
                    row,
                    col as u16,
                    field(ProjectField::Indicator(i, *column)),
                    style,
                );
            }
        }
        // Signature lines: two rows, three label cells each, spread over the width.
        let sign_first = first_row + levels.len() as u32;
        let thirds = |k: u16| -> (u16, u16) {
            let n = last + 1;
            let from = k * n / 3;
            let to = ((k + 1) * n / 3).max(from + 1) - 1;
            (from, to.min(last))
        };
        for (r, line) in label::SIGNATURES.iter().enumerate() {
            let row = sign_first + r as u32;
            for (k, text) in line.iter().enumerate() {
                let (from, to) = thirds(k as u16);
                push(row, from, row, to, lab(text), Style::Signature);
            }
        }
        let row_count = sign_first + 2;

        let mut break_rules = vec![BreakRule::Avoid; row_count as usize];
        for rule in &mut break_rules[..3] {
            *rule = BreakRule::Never;
        }
        for r in [overall_row, annual_row, header_row] {
            break_rules[r as usize] = BreakRule::Section;
        }
        break_rules[first_row as usize] = BreakRule::Never;
        for (i, rule) in rules_at.into_iter().enumerate().skip(1) {
            break_rules[first_row as usize + i] = rule;
        }
        // The signatures stay with the last indicator row.
        break_rules[sign_first as usize] = BreakRule::Never;
        break_rules[sign_first as usize + 1] = BreakRule::Never;

        ProjectLayout {
            regions,
            row_count,
            columns,
            indicator_header_row: header_row,
            indicator_rows: levels.len(),
            break_rules,
            page_breaks: Vec::new(),
        }
    }

    /// Which way the page is turned: landscape when the columns do not fit portrait.
    pub fn orientation(&self) -> paging::Orientation {
        paging::Orientation::for_minimum(self.column_specs().iter().map(|c| c.min_points).sum())
    }

    /// The column specs of this layout's grid.
    pub fn column_specs(&self) -> Vec<ColumnSpec> {
        self.columns.iter().map(|c| c.spec()).collect()
    }

    /// The sheet row of indicator row `i`.
    pub fn indicator_row(&self, i: usize) -> u32 {
        self.indicator_header_row + 1 + i as u32
    }

    /// The grid column of `column`, when the layout has it.
    pub fn column_of(&self, column: ProjectColumn) -> Option<u16> {
        self.columns
            .iter()
            .position(|c| *c == column)
            .map(|i| i as u16)
    }

    /// The region holding `field`.
    pub fn region_of(&self, field: &ProjectField) -> Option<&ProjectRegion> {
        self.regions
            .iter()
            .find(|r| matches!(&r.content, ProjectContent::Field(f) if f == field))
    }

    /// Cut into pages at the row heights `row_points`, like [`super::Layout::paginated`].
    pub fn paginated(&self, row_points: &[f64]) -> ProjectLayout {
        let breaks = paging::page_breaks_within(
            row_points,
            &self.break_rules,
            Some(self.indicator_header_row),
            self.orientation().body_points(),
        );
        let first = self.indicator_row(0);
        let regions = paging::split_regions(&self.regions, &breaks, |content, row| match content {
            ProjectContent::Field(ProjectField::Indicator(_, c)) => {
                ProjectContent::Field(ProjectField::Indicator((row - first) as usize, *c))
            }
            other => other.clone(),
        });
        ProjectLayout {
            regions,
            page_breaks: breaks,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{labels, FundsLabel, IndicatorColumnLabel};

    #[test]
    fn field_paths_name_the_json_fields() {
        assert_eq!(
            ProjectField::Indicator(3, ProjectColumn::PeriodValue).path(),
            "indicators[3].period_value"
        );
        assert_eq!(
            ProjectField::Indicator(0, ProjectColumn::Value).path(),
            "indicators[0].annual_value"
        );
        assert_eq!(ProjectField::ItemAmount(2).path(), "funds.items[2].amount");
        let every_field = crate::model::Indicator {
            weight: Some(rust_decimal::Decimal::ONE),
            explanation: Some(String::new()),
            standard: Some(String::new()),
            remark: Some(String::new()),
            ..Default::default()
        };
        let json = serde_json::to_value(every_field).expect("json");
        for column in [
            ProjectColumn::Level1,
            ProjectColumn::Level2,
            ProjectColumn::Name,
            ProjectColumn::PeriodValue,
            ProjectColumn::Value,
            ProjectColumn::Weight,
            ProjectColumn::Explanation,
            ProjectColumn::Standard,
            ProjectColumn::Remark,
        ] {
            assert!(
                json.get(column.key()).is_some(),
                "{column:?}: {}",
                column.key()
            );
        }
    }

    #[test]
    fn the_printed_labels_read_back_as_their_labels() {
        let l = labels();
        assert_eq!(l.key_of(label::FISCAL), Some(FundsLabel::Fiscal));
        for (column, read_as) in [
            (ProjectColumn::Value, IndicatorColumnLabel::AnnualValue),
            (ProjectColumn::Weight, IndicatorColumnLabel::Weight),
            (ProjectColumn::Name, IndicatorColumnLabel::Name),
        ] {
            assert_eq!(l.key_of(column.header()), Some(read_as), "{column:?}");
        }
    }
}
