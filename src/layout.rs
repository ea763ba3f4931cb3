//! The canonical layout of the form: defined once, used by the writer and the blank template
//! (and by the importer's tests to know where the writer put each field).
//!
//! The layout follows the seed form's sections in its order, its labels verbatim from
//! `templates/labels.toml`, on a seven-column grid A–G chosen so that every table gets column
//! widths that suit its content: the key-task table's one number (拟投入的资金) sits in a narrow
//! column while its two texts get two columns each, and the 三级指标 names get two columns
//! beside the narrow 一级/二级 ones. A [`Layout`] is computed for the *shape* of a form — how
//! many key-task rows, and the 一级/二级 names of each indicator row (to merge their runs) —
//! and lists every region of the sheet: which cells it spans, whether it is a label or an
//! input, and which field of the form an input holds. [`Layout::paginated`] then splits it
//! into printed pages (see [`paging`]).
//!
//! The layout itself is data: `templates/layout-department.toml` lists its blocks of rows and
//! their regions (labels by their label key, fields, styles), which build.rs turns into Rust
//! (build/layout.rs, `spec`); [`Layout::with_options`] stacks the blocks for one form's shape.
//!
//! Row map (0-based rows; `k` key-task rows and `n` indicator rows, each at least 1):
//!
//! | row            | A                   | B          | C:D            | E        | F:G                  |
//! |----------------|---------------------|------------|----------------|----------|----------------------|
//! | 0              | title, merged A:G   |            |                |          |                      |
//! | 1              | 单位：万元, merged A:G, right-aligned, no border |  |  |          |                      |
//! | 2              | 部门名称             | department (B:G) |          |          |                      |
//! | 3              | 基本信息             | 财政供养人员数 (B:C) · staff count (D) · 下属二级单位数 (E:F) · units (G) | | | |
//! | 4–9            | 预算整体情况 (A5:A10) | label (B:C) · amount (D) · label (E:F) · amount (G) | | | |
//! | 10             | 总体绩效目标          | goals, one per line (B:G) |   |          |                      |
//! | 11             | 年度重点工作任务 (A12:A12+k) | 名称 | 主要实施内容 | 拟投入的资金 (万元) | 期望达到的目标(概述) |
//! | 12 … 11+k      |                     | name       | content        | funds    | expected outcome     |
//! | 12+k           | 其他需完成的任务（可选填） | other tasks (B:G) |       |          |                      |
//! | 13+k           | 绩效指标 (A14+k:A14+k+n) | 一级指标 (B) · 二级指标 (C) · 三级指标 (D:E) · 实施周期指标值 (F) · 年度指标值 (G) | | | |
//! | 14+k … 13+k+n  |                     | level 1 (runs merged) · level 2 (runs merged) · name (D:E) · period (F) · annual (G) | | | |
//!
//! ```
//! use jixiao::layout::{Layout, Field, Content};
//! use jixiao::model::Form;
//!
//! let layout = Layout::for_form(&Form::default());
//! let department = layout.region_of(&Field::Department).expect("department cell");
//! assert_eq!(department.a1(), "B3:G3");
//! // An empty form still gets one key-task row and one indicator row.
//! assert_eq!(layout.indicator_header_row, 14);
//! assert_eq!(layout.row_count, 16);
//! ```

pub mod paging;
pub mod project;
mod spec;

pub use paging::{
    BreakRule, Orientation, PAGE_BODY_LANDSCAPE_POINTS, PAGE_BODY_POINTS,
    PRINTABLE_WIDTH_LANDSCAPE_POINTS, PRINTABLE_WIDTH_POINTS,
};

use crate::labels::{BudgetLabel, IndicatorColumnLabel, KeyTaskColumnLabel, Label};
use crate::model::{BudgetField, FieldPath, Form};

/// Version of this layout, stamped into every file we write (custom document property).
/// Bump it when a row or column moves. 2: seven columns, the 单位 line, pages split at section
/// and 一级 boundaries.
pub const LAYOUT_VERSION: u32 = 2;

/// The name of the sheet holding the form.
pub const SHEET_NAME: &str = "绩效目标申报表";

/// Number of columns of the form: A–G.
pub const COLUMN_COUNT: u16 = 7;

/// The text of the unit line under the title.
pub const UNIT_LINE: &str = "单位：万元";

/// Columns.
const B: u16 = 1;
const C: u16 = 2;
const D: u16 = 3;
const E: u16 = 4;
const F: u16 = 5;
const G: u16 = 6;

/// How a region looks; the writer maps each to a cell format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// The title across A:F.
    Title,
    /// A section label in column A, or a field label (财政供养人员数, 基本支出 …).
    Label,
    /// A table header cell (名称, 一级指标 …).
    Header,
    /// Free text, left-aligned and wrapped.
    Text,
    /// Short centred text: 一级/二级 names, indicator values.
    Centered,
    /// Money in 万元: a number.
    Money,
    /// A count (people, units): a whole number.
    Count,
    /// The 单位 line above the table: right-aligned, no border.
    Unit,
    /// A signature line below the table (填报人 …): left-aligned, no border.
    Signature,
}

/// A column of the key-task table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyTaskColumn {
    /// 三级 task name (任务名称).
    Name,
    /// 主要实施内容.
    Content,
    /// 拟投入的资金, in the form's unit.
    Funds,
    /// 预期达到的效果.
    ExpectedOutcome,
}

impl KeyTaskColumn {
    /// In the order they are written, left to right.
    pub const ALL: [KeyTaskColumn; 4] = [
        KeyTaskColumn::Name,
        KeyTaskColumn::Content,
        KeyTaskColumn::Funds,
        KeyTaskColumn::ExpectedOutcome,
    ];

    /// The key in `templates/labels.toml` `[key_task_columns]`, also the JSON key.
    pub fn key(self) -> &'static str {
        match self {
            KeyTaskColumn::Name => "name",
            KeyTaskColumn::Content => "content",
            KeyTaskColumn::Funds => "funds",
            KeyTaskColumn::ExpectedOutcome => "expected_outcome",
        }
    }

    /// Its header label.
    pub fn label(self) -> KeyTaskColumnLabel {
        match self {
            KeyTaskColumn::Name => KeyTaskColumnLabel::Name,
            KeyTaskColumn::Content => KeyTaskColumnLabel::Content,
            KeyTaskColumn::Funds => KeyTaskColumnLabel::Funds,
            KeyTaskColumn::ExpectedOutcome => KeyTaskColumnLabel::ExpectedOutcome,
        }
    }
}

/// A column of the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndicatorColumn {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标 (the indicator's name).
    Name,
    /// 实施周期指标值.
    PeriodValue,
    /// 年度指标值.
    AnnualValue,
}

impl IndicatorColumn {
    /// In the order they are written, left to right.
    pub const ALL: [IndicatorColumn; 5] = [
        IndicatorColumn::Level1,
        IndicatorColumn::Level2,
        IndicatorColumn::Name,
        IndicatorColumn::PeriodValue,
        IndicatorColumn::AnnualValue,
    ];

    /// The key in `templates/labels.toml` `[indicator_columns]`, also the JSON key.
    pub fn key(self) -> &'static str {
        match self {
            IndicatorColumn::Level1 => "level1",
            IndicatorColumn::Level2 => "level2",
            IndicatorColumn::Name => "name",
            IndicatorColumn::PeriodValue => "period_value",
            IndicatorColumn::AnnualValue => "annual_value",
        }
    }

    /// Its header label.
    pub fn label(self) -> IndicatorColumnLabel {
        match self {
            IndicatorColumn::Level1 => IndicatorColumnLabel::Level1,
            IndicatorColumn::Level2 => IndicatorColumnLabel::Level2,
            IndicatorColumn::Name => IndicatorColumnLabel::Name,
            IndicatorColumn::PeriodValue => IndicatorColumnLabel::PeriodValue,
            IndicatorColumn::AnnualValue => IndicatorColumnLabel::AnnualValue,
        }
    }

    /// The first column of this column's cells.
    pub fn column(self) -> u16 {
        self.columns().0
    }

    /// First and last column of this column's cells (三级指标 spans two).
    pub fn columns(self) -> (u16, u16) {
        match self {
            IndicatorColumn::Level1 => (B, B),
            IndicatorColumn::Level2 => (C, C),
            IndicatorColumn::Name => (D, E),
            IndicatorColumn::PeriodValue => (F, F),
            IndicatorColumn::AnnualValue => (G, G),
        }
    }
}

/// An optional column of the indicator table, after 年度指标值 (H, I, …), present when an
/// indicator of the form has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExtraColumn {
    /// 指标值类型 (定量 / 定性).
    ValueType,
    /// 分值 (the indicator's weight).
    Weight,
    /// 指标解释.
    Explanation,
    /// 评(扣)分标准.
    Standard,
    /// 指标方向 (正向 / 反向).
    Direction,
    /// 备注.
    Remark,
}

impl ExtraColumn {
    /// In the order they are written.
    pub const ALL: [ExtraColumn; 6] = [
        ExtraColumn::ValueType,
        ExtraColumn::Weight,
        ExtraColumn::Explanation,
        ExtraColumn::Standard,
        ExtraColumn::Direction,
        ExtraColumn::Remark,
    ];

    /// The key in `templates/labels.toml` `[indicator_columns]`, also the JSON key.
    pub fn key(self) -> &'static str {
        match self {
            ExtraColumn::ValueType => "value_type",
            ExtraColumn::Weight => "weight",
            ExtraColumn::Explanation => "explanation",
            ExtraColumn::Standard => "standard",
            ExtraColumn::Direction => "direction",
            ExtraColumn::Remark => "remark",
        }
    }

    /// Its header label.
    pub fn label(self) -> IndicatorColumnLabel {
        match self {
            ExtraColumn::ValueType => IndicatorColumnLabel::ValueType,
            ExtraColumn::Weight => IndicatorColumnLabel::Weight,
            ExtraColumn::Explanation => IndicatorColumnLabel::Explanation,
            ExtraColumn::Standard => IndicatorColumnLabel::Standard,
            ExtraColumn::Direction => IndicatorColumnLabel::Direction,
            ExtraColumn::Remark => IndicatorColumnLabel::Remark,
        }
    }

    /// Width limits.
    pub fn spec(self) -> ColumnSpec {
        let (min_points, max_points) = match self {
            ExtraColumn::ValueType | ExtraColumn::Weight | ExtraColumn::Direction => (40.0, 60.0),
            ExtraColumn::Explanation | ExtraColumn::Standard => (70.0, 200.0),
            ExtraColumn::Remark => (44.0, 120.0),
        };
        ColumnSpec {
            min_points,
            max_points,
        }
    }

    /// Whether its text wraps (and so may take spare width).
    fn is_text(self) -> bool {
        matches!(
            self,
            ExtraColumn::Explanation | ExtraColumn::Standard | ExtraColumn::Remark
        )
    }
}

// The budget figures are labelled by `[budget]`, under the same keys (here rather than in
// `labels`, which stays a leaf module).
impl From<BudgetField> for BudgetLabel {
    fn from(field: BudgetField) -> BudgetLabel {
        match field {
            BudgetField::BasicExpenditure => BudgetLabel::BasicExpenditure,
            BudgetField::ProjectExpenditure => BudgetLabel::ProjectExpenditure,
            BudgetField::SpecialFunds => BudgetLabel::SpecialFunds,
            BudgetField::OtherDevelopmentExpenditure => BudgetLabel::OtherDevelopmentExpenditure,
            BudgetField::FiscalAppropriation => BudgetLabel::FiscalAppropriation,
            BudgetField::OtherFunds => BudgetLabel::OtherFunds,
            BudgetField::MunicipalLevel => BudgetLabel::MunicipalLevel,
            BudgetField::TransferToLowerLevel => BudgetLabel::TransferToLowerLevel,
        }
    }
}

impl From<BudgetField> for Label {
    fn from(field: BudgetField) -> Label {
        Label::Budget(field.into())
    }
}

/// A field of the form that an input region holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// The form's title row.
    Title,
    /// 部门名称.
    Department,
    /// 财政供养人员数.
    StaffCount,
    /// 下属单位数.
    SubordinateUnits,
    /// One figure of 预算整体情况.
    Budget(BudgetField),
    /// All goals, one per line, in one cell.
    OverallGoals,
    /// Cell `column` of key-task row `i`.
    KeyTask(usize, KeyTaskColumn),
    /// 其他需完成的任务.
    OtherTasks,
    /// Row `i` of the indicator table. For merged 一级/二级 runs, the index of the run's first row.
    Indicator(usize, IndicatorColumn),
    /// An optional column of indicator row `i`.
    IndicatorExtra(usize, ExtraColumn),
    /// 部门职责, when the form has it.
    Duties,
}

impl Field {
    /// The field path used in provenance and diagnostics (`budget.special_funds`,
    /// `key_tasks[0].funds`, `indicators[3].level1`). `overall_goals` names the whole cell.
    pub fn path(&self) -> String {
        match self {
            Field::Title => "title".to_string(),
            Field::Department => "department".to_string(),
            Field::StaffCount => "basic_info.staff_count".to_string(),
            Field::SubordinateUnits => "basic_info.subordinate_units".to_string(),
            Field::Budget(f) => f.path(),
            Field::OverallGoals => "overall_goals".to_string(),
            Field::KeyTask(i, c) => FieldPath::key_task(*i, c.key()).to_string(),
            Field::OtherTasks => "other_tasks".to_string(),
            Field::Indicator(i, c) => FieldPath::indicator(*i, c.key()).to_string(),
            Field::IndicatorExtra(i, c) => FieldPath::indicator(*i, c.key()).to_string(),
            Field::Duties => "duties".to_string(),
        }
    }
}

/// What a region shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Fixed text, from `templates/labels.toml`.
    Label(String),
    /// A field of the form.
    Field(Field),
}

/// What a region of some form's layout shows: a fixed label or a field a person fills in.
pub trait CellContent: Clone {
    /// Whether a person fills this in (it holds a field, not a label).
    fn is_input(&self) -> bool;
    /// The fewest text lines the cell gets even when empty, so a blank form leaves room.
    fn min_lines(&self) -> usize {
        1
    }
}

impl CellContent for Content {
    fn is_input(&self) -> bool {
        matches!(self, Content::Field(_))
    }

    fn min_lines(&self) -> usize {
        match self {
            Content::Field(Field::OverallGoals) => 8,
            Content::Field(Field::OtherTasks | Field::KeyTask(..)) => 2,
            _ => 1,
        }
    }
}

/// A rectangle of cells (merged when it spans more than one), with what it shows and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region<C = Content> {
    /// Top row, 0-based.
    pub first_row: u32,
    /// Left column, 0-based.
    pub first_col: u16,
    /// Bottom row, inclusive.
    pub last_row: u32,
    /// Right column, inclusive.
    pub last_col: u16,
    /// What the region shows: a label or a field.
    pub content: C,
    /// How its cells are formatted.
    pub style: Style,
}

impl<C> Region<C> {
    /// A region of one cell.
    fn cell(row: u32, col: u16, content: C, style: Style) -> Region<C> {
        Region {
            first_row: row,
            first_col: col,
            last_row: row,
            last_col: col,
            content,
            style,
        }
    }
}

impl<C: CellContent> Region<C> {
    /// Whether the region spans more than one cell (and is therefore merged).
    pub fn is_merged(&self) -> bool {
        self.first_row != self.last_row || self.first_col != self.last_col
    }

    /// A1 notation: `B2` or `B2:F2`.
    pub fn a1(&self) -> String {
        crate::address::a1_range(
            (self.first_row, self.first_col.into()),
            (self.last_row, self.last_col.into()),
        )
    }

    /// Whether a person fills this region in (it holds a field, not a label).
    pub fn is_input(&self) -> bool {
        self.content.is_input()
    }
}

/// `(0, 0)` → `A1`: [`crate::address::a1`] for the layout's `u16` columns.
pub fn cell_a1(row: u32, col: u16) -> String {
    crate::address::a1((row, col.into()))
}

/// Width limits of a column, in points. The writer picks a width inside them from the content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnSpec {
    /// The narrowest the column may be.
    pub min_points: f64,
    /// The widest the column may grow to fit its text.
    pub max_points: f64,
}

/// The seven columns. Their minimums leave room inside [`PRINTABLE_WIDTH_POINTS`] for the columns
/// whose content needs it; the writer hands what is left to the wrapped-text columns C and D.
pub const COLUMNS: [ColumnSpec; COLUMN_COUNT as usize] = [
    // A: section labels, wrapped to four characters a line.
    ColumnSpec {
        min_points: 58.0,
        max_points: 58.0,
    },
    // B: 一级指标, key-task names.
    ColumnSpec {
        min_points: 58.0,
        max_points: 72.0,
    },
    // C: 二级指标; with D: budget labels, key-task content.
    ColumnSpec {
        min_points: 72.0,
        max_points: 96.0,
    },
    // D: budget amounts; with E: 三级指标; with C: key-task content.
    ColumnSpec {
        min_points: 84.0,
        max_points: 130.0,
    },
    // E: 拟投入的资金 (one number); with D: 三级指标; with F: budget labels.
    ColumnSpec {
        min_points: 62.0,
        max_points: 76.0,
    },
    // F: 实施周期指标值; with G: expected outcome.
    ColumnSpec {
        min_points: 64.0,
        max_points: 86.0,
    },
    // G: 年度指标值, budget amounts.
    ColumnSpec {
        min_points: 64.0,
        max_points: 86.0,
    },
];

/// The columns that may take the width left over once every column holds its content, where it
/// saves the most height: all but A (fixed) and E, which holds 拟投入的资金 — one number — and
/// so never grows past what its widest number needs.
pub const SLACK_COLUMNS: [u16; 5] = [D, C, F, G, B];

/// The layout computed for one form shape.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Every region, top to bottom, left to right. Regions never overlap; together they cover
    /// every cell of A1:G{row_count}.
    pub regions: Vec<Region>,
    /// Number of rows of the form.
    pub row_count: u32,
    /// The header row of 年度重点工作任务 (名称 | 主要实施内容 …).
    pub key_task_header_row: u32,
    /// The row of 其他需完成的任务（可选填）.
    pub other_tasks_row: u32,
    /// The header row of the indicator table (一级指标 | 二级指标 …), repeated on printed pages.
    pub indicator_header_row: u32,
    /// Number of key-task rows (at least 1).
    pub key_task_rows: usize,
    /// Number of indicator rows (at least 1).
    pub indicator_rows: usize,
    /// Where a page may start, per row: see [`paging::BreakRule`].
    pub break_rules: Vec<paging::BreakRule>,
    /// The rows that start a new printed page (empty until [`Layout::paginated`]).
    pub page_breaks: Vec<u32>,
    /// The optional indicator columns, after G, in this order.
    pub extra_columns: Vec<ExtraColumn>,
    /// Columns of the grid: 7 plus the optional ones.
    pub column_count: u16,
    /// Whether the form has a 部门职责 row (under 部门名称).
    pub has_duties: bool,
}

/// A run of consecutive indicator rows sharing a name: `start..start+len`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The first row's index.
    pub start: usize,
    /// How many rows the run holds (at least 1).
    pub len: usize,
}

/// Consecutive runs of equal 一级 names, and within each, of equal 二级 names.
///
/// A 二级 run never crosses a 一级 boundary, so each merged 二级 cell sits beside one 一级.
pub fn level_runs(levels: &[(String, String)]) -> (Vec<Run>, Vec<Run>) {
    let mut level1 = Vec::new();
    let mut level2 = Vec::new();
    let mut i = 0;
    while i < levels.len() {
        let mut end = i + 1;
        while end < levels.len() && levels[end].0 == levels[i].0 {
            end += 1;
        }
        level1.push(Run {
            start: i,
            len: end - i,
        });
        let mut j = i;
        while j < end {
            let mut k = j + 1;
            while k < end && levels[k].1 == levels[j].1 {
                k += 1;
            }
            level2.push(Run {
                start: j,
                len: k - j,
            });
            j = k;
        }
        i = end;
    }
    (level1, level2)
}

impl Layout {
    /// The layout for `form`: its key-task rows, and its indicator rows with their 一级/二级 runs.
    pub fn for_form(form: &Form) -> Layout {
        let levels: Vec<(String, String)> = form
            .indicators
            .iter()
            .map(|i| (i.level1.clone(), i.level2.clone()))
            .collect();
        let extras: Vec<ExtraColumn> = ExtraColumn::ALL
            .into_iter()
            .filter(|c| {
                form.indicators.iter().any(|i| match c {
                    ExtraColumn::ValueType => i.value_type.is_some(),
                    ExtraColumn::Weight => i.weight.is_some(),
                    ExtraColumn::Explanation => i.explanation.is_some(),
                    ExtraColumn::Standard => i.standard.is_some(),
                    ExtraColumn::Direction => i.direction.is_some(),
                    ExtraColumn::Remark => i.remark.is_some(),
                })
            })
            .collect();
        Layout::with_options(
            form.key_tasks.len(),
            &levels,
            &extras,
            !form.duties.is_empty(),
        )
    }

    /// The layout for `key_tasks` key-task rows and indicator rows with these (一级, 二级)
    /// names. Zero rows of either still give one empty row, so the result stays a form.
    pub fn new(key_tasks: usize, indicator_levels: &[(String, String)]) -> Layout {
        Layout::with_options(key_tasks, indicator_levels, &[], false)
    }

    /// [`Layout::new`] with optional indicator columns `extras` (after G) and a 部门职责 row
    /// under 部门名称 when `duties`; every row below it then moves down one.
    pub fn with_options(
        key_tasks: usize,
        indicator_levels: &[(String, String)],
        extras: &[ExtraColumn],
        duties: bool,
    ) -> Layout {
        use paging::BreakRule;
        use spec::{Anchor, Items, SpecContent};

        let last = G + extras.len() as u16;
        let key_task_rows = key_tasks.max(1);
        let empty_row = [(String::new(), String::new())];
        let levels: &[(String, String)] = if indicator_levels.is_empty() {
            &empty_row
        } else {
            indicator_levels
        };
        // The length of the 一级 / 二级 run starting on each indicator row, if one does.
        let (level1_runs, level2_runs) = level_runs(levels);
        let run_lengths = |runs: Vec<Run>| {
            let mut starting = vec![None; levels.len()];
            for run in runs {
                starting[run.start] = Some(run.len);
            }
            starting
        };
        let (level1_starts, level2_starts) = (run_lengths(level1_runs), run_lengths(level2_runs));
        let col = |c: spec::Col| match c {
            spec::Col::At(c) => c,
            spec::Col::Last => last,
        };

        let mut regions = Vec::new();
        let mut break_rules = Vec::new();
        let (mut key_task_header_row, mut other_tasks_row, mut indicator_header_row) = (0, 0, 0);
        let mut row = 0;
        for block in spec::DEPARTMENT.iter().filter(|b| duties || !b.when_duties) {
            let items = match block.items {
                None => 0,
                Some(Items::KeyTasks) => key_task_rows,
                Some(Items::Indicators) => levels.len(),
            };
            let height = match block.items {
                None => block.rows,
                Some(_) => 1 + items as u32,
            };
            let block_last_row = row + height - 1;
            match block.anchor {
                Some(Anchor::KeyTaskHeader) => key_task_header_row = row,
                Some(Anchor::OtherTasks) => other_tasks_row = row,
                Some(Anchor::IndicatorHeader) => indicator_header_row = row,
                None => {}
            }
            for region in block.regions {
                let content = match &region.content {
                    SpecContent::Label(label) => Content::Label(label.canonical().to_string()),
                    SpecContent::Text(text) => Content::Label(text.to_string()),
                    SpecContent::Field(field) => Content::Field(field.clone()),
                    SpecContent::KeyTask(_) | SpecContent::Indicator(_) => {
                        unreachable!("build/layout.rs puts item fields in item rows only")
                    }
                };
                regions.push(Region {
                    first_row: row + region.first_row,
                    first_col: col(region.first_col),
                    last_row: region.last_row.map_or(block_last_row, |r| row + r),
                    last_col: col(region.last_col),
                    content,
                    style: region.style,
                });
            }
            if block.extras {
                for (k, extra) in extras.iter().enumerate() {
                    let c = G + 1 + k as u16;
                    let label = Content::Label(extra.label().canonical().to_string());
                    regions.push(Region::cell(row, c, label, Style::Header));
                }
            }
            break_rules.push(block.first_break);
            break_rules.extend((1..height).map(|_| BreakRule::Avoid));

            for item in 0..items {
                let item_row = row + 1 + item as u32;
                for region in block.item {
                    let (content, run_column) = match region.content {
                        SpecContent::KeyTask(c) => (Field::KeyTask(item, c), None),
                        SpecContent::Indicator(c) => (Field::Indicator(item, c), Some(c)),
                        _ => unreachable!("build/layout.rs puts only item fields in item rows"),
                    };
                    let mut last_row = item_row;
                    if region.merge_runs {
                        let starting = match run_column {
                            Some(IndicatorColumn::Level1) => level1_starts[item],
                            _ => level2_starts[item],
                        };
                        let Some(len) = starting else {
                            continue;
                        };
                        last_row = item_row + len as u32 - 1;
                    }
                    regions.push(Region {
                        first_row: item_row,
                        first_col: col(region.first_col),
                        last_row,
                        last_col: col(region.last_col),
                        content: Content::Field(content),
                        style: region.style,
                    });
                }
                if block.extras {
                    for (k, extra) in extras.iter().enumerate() {
                        let c = G + 1 + k as u16;
                        let style = if extra.is_text() {
                            Style::Text
                        } else {
                            Style::Centered
                        };
                        let field = Content::Field(Field::IndicatorExtra(item, *extra));
                        regions.push(Region::cell(item_row, c, field, style));
                    }
                }
                // Never between a table's header and its first row; then between key tasks,
                // else at a 一级, else a 二级, else any indicator row.
                break_rules[item_row as usize] = match (item, block.items) {
                    (0, _) => BreakRule::Never,
                    (_, Some(Items::KeyTasks)) => BreakRule::Item,
                    _ if level1_starts[item].is_some() => BreakRule::Group,
                    _ if level2_starts[item].is_some() => BreakRule::Subgroup,
                    _ => BreakRule::Row,
                };
            }
            row += height;
        }

        Layout {
            regions,
            row_count: row,
            key_task_header_row,
            other_tasks_row,
            indicator_header_row,
            key_task_rows,
            indicator_rows: levels.len(),
            break_rules,
            page_breaks: Vec::new(),
            extra_columns: extras.to_vec(),
            column_count: last + 1,
            has_duties: duties,
        }
    }

    /// This layout cut into printed pages for the row heights `row_points`: page breaks where
    /// [`paging::page_breaks`] puts them, and every merged region a break crosses split in two,
    /// each part showing the region's text (a 一级/二级 name, a section label) on its own page.
    pub fn paginated(&self, row_points: &[f64]) -> Layout {
        let breaks = paging::page_breaks_within(
            row_points,
            &self.break_rules,
            Some(self.indicator_header_row),
            self.orientation().body_points(),
        );
        let first_indicator_row = self.indicator_row(0);
        let regions = paging::split_regions(&self.regions, &breaks, |content, row| match content {
            Content::Field(Field::Indicator(_, column)) => Content::Field(Field::Indicator(
                (row - first_indicator_row) as usize,
                *column,
            )),
            Content::Field(Field::IndicatorExtra(_, column)) => Content::Field(
                Field::IndicatorExtra((row - first_indicator_row) as usize, *column),
            ),
            other => other.clone(),
        });
        Layout {
            regions,
            page_breaks: breaks,
            ..self.clone()
        }
    }

    /// Which way the page is turned: landscape when the columns do not fit portrait.
    pub fn orientation(&self) -> Orientation {
        Orientation::for_minimum(self.column_specs().iter().map(|c| c.min_points).sum())
    }

    /// The width limits of this layout's columns: [`COLUMNS`], then the optional ones.
    pub fn column_specs(&self) -> Vec<ColumnSpec> {
        COLUMNS
            .iter()
            .copied()
            .chain(self.extra_columns.iter().map(|c| c.spec()))
            .collect()
    }

    /// The columns that take spare width: [`SLACK_COLUMNS`], then the optional text columns.
    pub fn slack_columns(&self) -> Vec<u16> {
        SLACK_COLUMNS
            .iter()
            .copied()
            .chain(
                self.extra_columns
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.is_text())
                    .map(|(k, _)| G + 1 + k as u16),
            )
            .collect()
    }

    /// The grid column of optional column `column`, when the layout has it.
    pub fn extra_column(&self, column: ExtraColumn) -> Option<u16> {
        self.extra_columns
            .iter()
            .position(|c| *c == column)
            .map(|k| G + 1 + k as u16)
    }

    /// The region holding `field`, if the layout has it.
    pub fn region_of(&self, field: &Field) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| matches!(&r.content, Content::Field(f) if f == field))
    }

    /// The region showing the label `text`, if any (the first one, top to bottom).
    pub fn region_of_label(&self, text: &str) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| matches!(&r.content, Content::Label(t) if t == text))
    }

    /// The sheet row of indicator row `i`.
    pub fn indicator_row(&self, i: usize) -> u32 {
        self.indicator_header_row + 1 + i as u32
    }

    /// The sheet row of key-task row `i`.
    pub fn key_task_row(&self, i: usize) -> u32 {
        self.key_task_header_row + 1 + i as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn regions_cover_every_cell_exactly_once() {
        let layout = Layout::new(
            3,
            &levels(&[
                ("产出指标", "数量指标"),
                ("产出指标", "数量指标"),
                ("效益指标", "社会效益指标"),
            ]),
        );
        let mut seen = vec![[0u8; COLUMN_COUNT as usize]; layout.row_count as usize];
        for r in &layout.regions {
            for row in r.first_row..=r.last_row {
                for col in r.first_col..=r.last_col {
                    seen[row as usize][col as usize] += 1;
                }
            }
        }
        for (row, cells) in seen.iter().enumerate() {
            assert_eq!(cells, &[1u8; 7], "row {row}");
        }
    }

    #[test]
    fn level2_runs_stop_at_level1_boundaries() {
        let (l1, l2) = level_runs(&levels(&[
            ("产出指标", "数量指标"),
            ("产出指标", "数量指标"),
            ("效益指标", "数量指标"),
            ("效益指标", "社会效益指标"),
            ("产出指标", "数量指标"),
        ]));
        assert_eq!(
            l1,
            vec![
                Run { start: 0, len: 2 },
                Run { start: 2, len: 2 },
                Run { start: 4, len: 1 }
            ]
        );
        assert_eq!(
            l2,
            vec![
                Run { start: 0, len: 2 },
                Run { start: 2, len: 1 },
                Run { start: 3, len: 1 },
                Run { start: 4, len: 1 }
            ]
        );
    }

    #[test]
    fn rows_follow_the_row_map() {
        let layout = Layout::new(2, &levels(&[("产出指标", "数量指标"); 4]));
        assert_eq!(
            layout.region_of(&Field::Title).map(Region::a1).as_deref(),
            Some("A1:G1")
        );
        assert_eq!(
            layout
                .region_of(&Field::Budget(BudgetField::TransferToLowerLevel))
                .map(Region::a1)
                .as_deref(),
            Some("G10")
        );
        assert_eq!(
            layout
                .region_of_label("预算整体情况")
                .map(Region::a1)
                .as_deref(),
            Some("A5:A10")
        );
        assert_eq!(
            layout
                .region_of_label("年度重点工作任务")
                .map(Region::a1)
                .as_deref(),
            Some("A12:A14")
        );
        assert_eq!(layout.other_tasks_row, 14);
        assert_eq!(layout.indicator_header_row, 15);
        assert_eq!(
            layout
                .region_of_label("绩效指标")
                .map(Region::a1)
                .as_deref(),
            Some("A16:A20")
        );
        assert_eq!(
            layout
                .region_of(&Field::Indicator(0, IndicatorColumn::Level2))
                .map(Region::a1)
                .as_deref(),
            Some("C17:C20")
        );
        assert_eq!(
            layout
                .region_of(&Field::Indicator(3, IndicatorColumn::AnnualValue))
                .map(Region::a1)
                .as_deref(),
            Some("G20")
        );
    }

    #[test]
    fn pages_start_at_a_1ji_boundary_and_the_split_run_repeats_its_names() {
        // 40 indicator rows of 30 pt: 产出指标 (20 rows, two 二级 of 10) then 效益指标 (20 rows).
        let mut pairs = vec![("产出指标", "数量指标"); 10];
        pairs.extend(vec![("产出指标", "质量指标"); 10]);
        pairs.extend(vec![("效益指标", "社会效益指标"); 20]);
        let layout = Layout::new(1, &levels(&pairs));
        let rows = vec![30.0; layout.row_count as usize];
        let paged = layout.paginated(&rows);
        assert!(!paged.page_breaks.is_empty());
        for &b in &paged.page_breaks {
            let rule = layout.break_rules[b as usize];
            assert!(rule >= BreakRule::Subgroup, "break at row {b}: {rule:?}");
        }
        // Every 一级/二级 cell that starts a page shows its name again.
        for &b in &paged.page_breaks {
            if b > layout.indicator_row(0) {
                for column in [IndicatorColumn::Level1, IndicatorColumn::Level2] {
                    let i = (b - layout.indicator_row(0)) as usize;
                    let region = paged
                        .region_of(&Field::Indicator(i, column))
                        .expect("a cell on the page's first row");
                    assert_eq!(region.first_row, b);
                }
            }
        }
        // Splitting never loses or overlaps a cell.
        let mut seen = vec![[0u8; COLUMN_COUNT as usize]; paged.row_count as usize];
        for r in &paged.regions {
            for row in r.first_row..=r.last_row {
                for col in r.first_col..=r.last_col {
                    seen[row as usize][col as usize] += 1;
                }
            }
        }
        assert!(seen.iter().all(|cells| cells == &[1u8; 7]));
    }

    #[test]
    fn the_layout_file_agrees_with_the_columns_the_writer_uses() {
        let layout = Layout::with_options(
            1,
            &levels(&[("产出指标", "数量指标")]),
            &[ExtraColumn::Weight],
            true,
        );
        for column in IndicatorColumn::ALL {
            let region = layout
                .region_of(&Field::Indicator(0, column))
                .expect("an indicator cell");
            assert_eq!(
                (region.first_col, region.last_col),
                column.columns(),
                "{column:?}"
            );
            let header = layout
                .regions
                .iter()
                .find(|r| {
                    r.first_row == layout.indicator_header_row && r.first_col == column.column()
                })
                .expect("a header cell");
            assert_eq!(
                header.content,
                Content::Label(column.label().canonical().to_string())
            );
        }
        let weight = layout
            .region_of(&Field::IndicatorExtra(0, ExtraColumn::Weight))
            .map(Region::a1);
        // 部门职责 moves every row below it down one: the indicator row is 17, not 16.
        assert_eq!(weight.as_deref(), Some("H17"));
        assert_eq!(
            layout.regions[1].content,
            Content::Label(UNIT_LINE.to_string())
        );
        assert_eq!(layout.break_rules.len(), layout.row_count as usize);
    }

    #[test]
    fn budget_figures_are_labelled_under_their_keys() {
        for field in BudgetField::ALL {
            assert_eq!(BudgetLabel::from(field).key(), field.key(), "{field:?}");
            assert_eq!(Label::from(field), Label::Budget(field.into()));
        }
    }

    #[test]
    fn a1_names_columns_past_z() {
        assert_eq!(cell_a1(0, 0), "A1");
        assert_eq!(cell_a1(9, 25), "Z10");
        assert_eq!(cell_a1(0, 26), "AA1");
    }
}
