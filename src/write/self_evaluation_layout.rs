//! The canonical layout of a 绩效自评表, defined once: the writer lays cells out from it, the tests
//! find each field's cell in it. It is the MOF 项目支出绩效自评表's own arrangement (the Anhui
//! form in `../shared/realworld/` is one): columns A–I, a 实施周期指标值 column before 年度指标值
//! and a 备注 column after 偏差原因 only when the form has them, and one reference column after
//! the last whose formulas show the execution score and the sum of the written scores while a
//! person types — the reader never takes a score from it.
//!
//! Row map (0-based; `k` lines under 年度资金总额, `n` indicator rows, at least 1):
//!
//! | row            | A                    | B            | C … (last)                                                          |
//! |----------------|----------------------|--------------|---------------------------------------------------------------------|
//! | 0              | title, merged A:last |              |                                                                     |
//! | 1              | （YYYY年度）, A:last   |              |                                                                     |
//! | 2              | 项目名称 (A:B)        |              | name (C:last)                                                       |
//! | 3              | 主管部门 (A:B)        |              | department (C:E), 实施单位 (F), unit (G:last)                        |
//! | 4              | 项目资金（万元） (A4:A5+k) |          | 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 (C–H)             |
//! | 5              |                      | 年度资金总额   | initial, adjusted, executed, weight, rate, score (C–H)             |
//! | 6 … 5+k        |                      | line label   | initial, adjusted, executed (C–E)                                   |
//! | 6+k            | 年度总体目标 (A:A+1)   | 预期目标 (B:E) | 实际完成情况 (F:last)                                                |
//! | 7+k            |                      | planned (B:E) | achieved (F:last)                                                  |
//! | 8+k            | 绩效指标 (A:A+n)       | 一级指标      | 二级指标, 三级指标, \[实施周期指标值\], 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施, \[备注\] |
//! | 9+k … 8+k+n    |                      | level 1 runs | level 2 runs, name, values, weight, score, deviation, \[remark\]      |
//! | 9+k+n          | 总分 (A:before 分值)   |              | Σ 分值 (formula), 总分                                               |
//! | 10+k+n         | 评价结论 (A:B)         |              | conclusion (C:last)                                                 |

use crate::layout::level_runs;
use crate::layout::paging::{self, BreakRule};

pub(crate) const A: u16 = 0;
pub(crate) const B: u16 = 1;
pub(crate) const C: u16 = 2;
pub(crate) const D: u16 = 3;
pub(crate) const E: u16 = 4;
pub(crate) const F: u16 = 5;
pub(crate) const G: u16 = 6;
pub(crate) const H: u16 = 7;
pub(crate) const I: u16 = 8;

/// The name of the sheet holding the form.
pub const SHEET_NAME: &str = "绩效自评表";

pub(crate) const TITLE_ROW: u32 = 0;
pub(crate) const YEAR_ROW: u32 = 1;
pub(crate) const NAME_ROW: u32 = 2;
pub(crate) const DEPARTMENT_ROW: u32 = 3;
pub(crate) const BUDGET_HEADER_ROW: u32 = 4;
pub(crate) const BUDGET_ROW: u32 = 5;

/// The fixed labels.
pub(crate) const LABEL_NAME: &str = "项目名称";
pub(crate) const LABEL_DEPARTMENT: &str = "主管部门";
pub(crate) const LABEL_UNIT: &str = "实施单位";
pub(crate) const LABEL_FUNDS_TOTAL: &str = "年度资金总额";
pub(crate) const LABEL_GOALS: &str = "年度总体目标";
pub(crate) const LABEL_PLANNED: &str = "预期目标";
pub(crate) const LABEL_ACHIEVED: &str = "实际完成情况";
pub(crate) const LABEL_INDICATORS: &str = "绩效指标";
pub(crate) const LABEL_TOTAL: &str = "总分";
pub(crate) const LABEL_CONCLUSION: &str = "评价结论";
pub(crate) const LABEL_REFERENCE: &str = "参考（自动计算）";

/// A figure of the execution total line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BudgetColumn {
    /// 年初预算数.
    Initial,
    /// 全年预算数 (the adjusted budget the rate is taken of).
    Adjusted,
    /// 全年执行数.
    Executed,
    /// 分值 of the budget execution.
    Weight,
    /// 执行率.
    Rate,
    /// 得分 of the budget execution.
    Score,
}

impl BudgetColumn {
    /// Left to right.
    pub const ALL: [BudgetColumn; 6] = [
        BudgetColumn::Initial,
        BudgetColumn::Adjusted,
        BudgetColumn::Executed,
        BudgetColumn::Weight,
        BudgetColumn::Rate,
        BudgetColumn::Score,
    ];

    /// The sheet column of this figure.
    pub fn column(self) -> u16 {
        match self {
            BudgetColumn::Initial => C,
            BudgetColumn::Adjusted => D,
            BudgetColumn::Executed => E,
            BudgetColumn::Weight => F,
            BudgetColumn::Rate => G,
            BudgetColumn::Score => H,
        }
    }

    /// The header text above it.
    pub fn header(self) -> &'static str {
        match self {
            BudgetColumn::Initial => "年初预算数",
            BudgetColumn::Adjusted => "全年预算数",
            BudgetColumn::Executed => "全年执行数",
            BudgetColumn::Weight => "分值",
            BudgetColumn::Rate => "执行率",
            BudgetColumn::Score => "得分",
        }
    }
}

/// A cell of a line under 年度资金总额.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BudgetRowColumn {
    /// The line's label (财政拨款, 其他资金 …).
    Label,
    /// 年初预算数.
    Initial,
    /// 全年预算数.
    Adjusted,
    /// 全年执行数.
    Executed,
}

impl BudgetRowColumn {
    /// Left to right.
    pub const ALL: [BudgetRowColumn; 4] = [
        BudgetRowColumn::Label,
        BudgetRowColumn::Initial,
        BudgetRowColumn::Adjusted,
        BudgetRowColumn::Executed,
    ];

    /// The sheet column of this cell.
    pub fn column(self) -> u16 {
        match self {
            BudgetRowColumn::Label => B,
            BudgetRowColumn::Initial => C,
            BudgetRowColumn::Adjusted => D,
            BudgetRowColumn::Executed => E,
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
    /// 实施周期指标值: only when the form has it.
    PeriodValue,
    /// 年度指标值.
    AnnualValue,
    /// 实际完成值.
    ActualValue,
    /// 分值.
    Weight,
    /// 得分.
    Score,
    /// 偏差原因分析及改进措施.
    Deviation,
    /// 备注: only when the form has it.
    Remark,
}

impl IndicatorColumn {
    /// The header text.
    pub fn header(self) -> &'static str {
        match self {
            IndicatorColumn::Level1 => "一级指标",
            IndicatorColumn::Level2 => "二级指标",
            IndicatorColumn::Name => "三级指标",
            IndicatorColumn::PeriodValue => "实施周期指标值",
            IndicatorColumn::AnnualValue => "年度指标值",
            IndicatorColumn::ActualValue => "实际完成值",
            IndicatorColumn::Weight => "分值",
            IndicatorColumn::Score => "得分",
            IndicatorColumn::Deviation => "偏差原因分析及改进措施",
            IndicatorColumn::Remark => "备注",
        }
    }

    /// Whether a person fills it in a pre-filled 自评表 (the approved rows stay locked).
    pub fn is_input(self) -> bool {
        matches!(
            self,
            IndicatorColumn::ActualValue
                | IndicatorColumn::Weight
                | IndicatorColumn::Score
                | IndicatorColumn::Deviation
                | IndicatorColumn::Remark
        )
    }

    /// Width in characters.
    pub fn width(self) -> f64 {
        match self {
            IndicatorColumn::Level1 => 11.0,
            IndicatorColumn::Level2 => 13.0,
            IndicatorColumn::Name => 26.0,
            IndicatorColumn::PeriodValue
            | IndicatorColumn::AnnualValue
            | IndicatorColumn::ActualValue => 15.0,
            IndicatorColumn::Weight | IndicatorColumn::Score => 9.0,
            IndicatorColumn::Deviation => 26.0,
            IndicatorColumn::Remark => 14.0,
        }
    }
}

/// What the reference column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reference {
    /// 分值 × MIN(执行数 / 预算数, 1).
    ExecutionScore,
    /// Σ written 得分.
    TotalScore,
}

/// Every field the layout places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The form's title row.
    Title,
    /// The year line, （YYYY年度）.
    Year,
    /// 项目名称.
    Name,
    /// 主管部门.
    Department,
    /// 实施单位.
    Unit,
    /// `项目资金（万元）`, with the block's unit.
    FundsLabel,
    /// A figure of the 年度资金总额 line.
    Budget(BudgetColumn),
    /// Cell `column` of line `i` under 年度资金总额.
    BudgetRow(usize, BudgetRowColumn),
    /// 预期目标 (the planned goals).
    Planned,
    /// 实际完成情况 (what was achieved).
    Achieved,
    /// Cell `column` of indicator row `i` (for merged 一级/二级 runs, the run's first row).
    Indicator(usize, IndicatorColumn),
    /// Σ 分值, a formula (no field of the model holds it).
    TotalWeight,
    /// 总分 as written.
    TotalScore,
    /// 评价结论.
    Conclusion,
    /// A formula of the reference column.
    Reference(Reference),
}

/// What a region holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Fixed text, verbatim.
    Label(&'static str),
    /// A field the form's data fills.
    Field(Field),
}

/// How a region looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// The title row.
    Title,
    /// A fixed label (项目名称, 绩效指标 …).
    Label,
    /// A table header cell (年初预算数, 一级指标 …).
    Header,
    /// Free text, left-aligned and wrapped.
    Text,
    /// Short centred text: 一级/二级 names, indicator values.
    Centered,
    /// Money, 分值, 得分.
    Number,
    /// 执行率.
    Percent,
    /// The reference column: grey, italic.
    Reference,
}

/// A rectangle of cells, merged when larger than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Top row, 0-based.
    pub first_row: u32,
    /// Left column, 0-based.
    pub first_col: u16,
    /// Bottom row, inclusive.
    pub last_row: u32,
    /// Right column, inclusive.
    pub last_col: u16,
    /// What the region shows.
    pub content: Content,
    /// How it looks.
    pub style: Style,
    /// A person fills it in (unlocked on a protected sheet).
    pub input: bool,
}

impl Region {
    /// Whether it spans more than one cell.
    pub fn is_merged(&self) -> bool {
        self.first_row != self.last_row || self.first_col != self.last_col
    }

    /// `C6` or `B10:B14`.
    pub fn a1(&self) -> String {
        crate::address::a1_range(
            (self.first_row, self.first_col.into()),
            (self.last_row, self.last_col.into()),
        )
    }
}

/// The shape of a form the layout is computed for.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Lines under 年度资金总额.
    pub budget_rows: usize,
    /// (一级, 二级) of each indicator row.
    pub levels: Vec<(String, String)>,
    /// A 实施周期指标值 column.
    pub period: bool,
    /// A 备注 column.
    pub remark: bool,
}

/// The layout of one self-evaluation.
#[derive(Debug, Clone)]
pub struct SelfEvaluationLayout {
    /// Every region, row by row.
    pub regions: Vec<Region>,
    /// The indicator table's columns, left to right from B.
    pub columns: Vec<IndicatorColumn>,
    /// The row of the indicator table's header.
    pub indicator_header_row: u32,
    /// How many indicator rows (at least 1).
    pub indicator_rows: usize,
    /// The 总分 row.
    pub total_row: u32,
    /// The 评价结论 row.
    pub conclusion_row: u32,
    /// The last column of the form; the reference column is the next.
    pub last_col: u16,
    /// Where a printed page may start, per row: see [`BreakRule`].
    pub break_rules: Vec<BreakRule>,
    /// The rows that start a printed page ([`SelfEvaluationLayout::paginated`]); none until then.
    pub page_breaks: Vec<u32>,
}

impl SelfEvaluationLayout {
    /// The layout for a form of this shape.
    pub fn new(shape: &Shape) -> SelfEvaluationLayout {
        use IndicatorColumn as Col;
        let mut columns = vec![Col::Level1, Col::Level2, Col::Name];
        if shape.period {
            columns.push(Col::PeriodValue);
        }
        columns.extend([
            Col::AnnualValue,
            Col::ActualValue,
            Col::Weight,
            Col::Score,
            Col::Deviation,
        ]);
        if shape.remark {
            columns.push(Col::Remark);
        }
        let last = columns.len() as u16; // B is column 1
        let col_of = |c: IndicatorColumn| -> u16 {
            columns
                .iter()
                .position(|x| *x == c)
                .map_or(0, |p| p as u16 + 1)
        };
        let k = shape.budget_rows as u32;
        let n = shape.levels.len().max(1);
        let goals_header = BUDGET_ROW + 1 + k;
        let goals = goals_header + 1;
        let header = goals + 1;
        let first_indicator = header + 1;
        let total_row = first_indicator + n as u32;
        let conclusion_row = total_row + 1;
        let reference = last + 1;

        let mut r: Vec<Region> = Vec::new();
        let mut put = |first_row: u32,
                       first_col: u16,
                       last_row: u32,
                       last_col: u16,
                       content: Content,
                       style: Style,
                       input: bool| {
            r.push(Region {
                first_row,
                first_col,
                last_row,
                last_col,
                content,
                style,
                input,
            });
        };
        use Content::{Field as Fd, Label as Lb};
        put(
            TITLE_ROW,
            A,
            TITLE_ROW,
            last,
            Fd(Field::Title),
            Style::Title,
            false,
        );
        put(
            YEAR_ROW,
            A,
            YEAR_ROW,
            last,
            Fd(Field::Year),
            Style::Centered,
            false,
        );
        put(
            NAME_ROW,
            A,
            NAME_ROW,
            B,
            Lb(LABEL_NAME),
            Style::Label,
            false,
        );
        put(
            NAME_ROW,
            C,
            NAME_ROW,
            last,
            Fd(Field::Name),
            Style::Text,
            false,
        );
        put(
            DEPARTMENT_ROW,
            A,
            DEPARTMENT_ROW,
            B,
            Lb(LABEL_DEPARTMENT),
            Style::Label,
            false,
        );
        put(
            DEPARTMENT_ROW,
            C,
            DEPARTMENT_ROW,
            E,
            Fd(Field::Department),
            Style::Text,
            false,
        );
        put(
            DEPARTMENT_ROW,
            F,
            DEPARTMENT_ROW,
            F,
            Lb(LABEL_UNIT),
            Style::Label,
            false,
        );
        put(
            DEPARTMENT_ROW,
            G,
            DEPARTMENT_ROW,
            last,
            Fd(Field::Unit),
            Style::Text,
            true,
        );

        put(
            BUDGET_HEADER_ROW,
            A,
            BUDGET_ROW + k,
            A,
            Fd(Field::FundsLabel),
            Style::Label,
            false,
        );
        put(
            BUDGET_HEADER_ROW,
            B,
            BUDGET_HEADER_ROW,
            B,
            Lb(""),
            Style::Header,
            false,
        );
        put(
            BUDGET_ROW,
            B,
            BUDGET_ROW,
            B,
            Lb(LABEL_FUNDS_TOTAL),
            Style::Label,
            false,
        );
        for column in BudgetColumn::ALL {
            let c = column.column();
            put(
                BUDGET_HEADER_ROW,
                c,
                BUDGET_HEADER_ROW,
                c,
                Lb(column.header()),
                Style::Header,
                false,
            );
            let style = if column == BudgetColumn::Rate {
                Style::Percent
            } else {
                Style::Number
            };
            put(
                BUDGET_ROW,
                c,
                BUDGET_ROW,
                c,
                Fd(Field::Budget(column)),
                style,
                true,
            );
        }
        for line in 0..shape.budget_rows {
            let row = BUDGET_ROW + 1 + line as u32;
            for column in BudgetRowColumn::ALL {
                let c = column.column();
                let style = if column == BudgetRowColumn::Label {
                    Style::Text
                } else {
                    Style::Number
                };
                put(
                    row,
                    c,
                    row,
                    c,
                    Fd(Field::BudgetRow(line, column)),
                    style,
                    column != BudgetRowColumn::Label,
                );
            }
            put(row, F, row, H, Lb(""), Style::Text, false);
        }
        if last > H {
            put(
                BUDGET_HEADER_ROW,
                I,
                BUDGET_HEADER_ROW,
                last,
                Lb(""),
                Style::Header,
                false,
            );
            put(
                BUDGET_ROW,
                I,
                BUDGET_ROW + k,
                last,
                Lb(""),
                Style::Text,
                false,
            );
        }
        put(
            BUDGET_HEADER_ROW,
            reference,
            BUDGET_HEADER_ROW,
            reference,
            Lb(LABEL_REFERENCE),
            Style::Reference,
            false,
        );
        put(
            BUDGET_ROW,
            reference,
            BUDGET_ROW,
            reference,
            Fd(Field::Reference(Reference::ExecutionScore)),
            Style::Reference,
            false,
        );

        put(
            goals_header,
            A,
            goals,
            A,
            Lb(LABEL_GOALS),
            Style::Label,
            false,
        );
        put(
            goals_header,
            B,
            goals_header,
            E,
            Lb(LABEL_PLANNED),
            Style::Header,
            false,
        );
        put(
            goals_header,
            F,
            goals_header,
            last,
            Lb(LABEL_ACHIEVED),
            Style::Header,
            false,
        );
        put(goals, B, goals, E, Fd(Field::Planned), Style::Text, false);
        put(
            goals,
            F,
            goals,
            last,
            Fd(Field::Achieved),
            Style::Text,
            true,
        );

        put(
            header,
            A,
            total_row - 1,
            A,
            Lb(LABEL_INDICATORS),
            Style::Label,
            false,
        );
        for &column in &columns {
            let c = col_of(column);
            put(
                header,
                c,
                header,
                c,
                Lb(column.header()),
                Style::Header,
                false,
            );
        }
        let pairs: Vec<(String, String)> = if shape.levels.is_empty() {
            vec![(String::new(), String::new())]
        } else {
            shape.levels.clone()
        };
        let (runs1, runs2) = level_runs(&pairs);
        // Where a printed page may start: at a block (budget, goals, indicators, 总分, 评价结论),
        // else a 一级, else a 二级, else any indicator row; never between a header and its first
        // row, and the title stays with the name and department lines under it.
        let mut break_rules = vec![BreakRule::Avoid; conclusion_row as usize + 1];
        for row in [
            TITLE_ROW,
            YEAR_ROW,
            NAME_ROW,
            DEPARTMENT_ROW,
            BUDGET_ROW,
            goals,
            first_indicator,
        ] {
            break_rules[row as usize] = BreakRule::Never;
        }
        for row in [
            BUDGET_HEADER_ROW,
            goals_header,
            header,
            total_row,
            conclusion_row,
        ] {
            break_rules[row as usize] = BreakRule::Section;
        }
        for i in 1..n {
            break_rules[first_indicator as usize + i] = BreakRule::Row;
        }
        for (runs, rule) in [(&runs2, BreakRule::Subgroup), (&runs1, BreakRule::Group)] {
            for run in runs.iter().filter(|run| run.start > 0) {
                break_rules[first_indicator as usize + run.start] = rule;
            }
        }
        for (runs, column) in [(runs1, Col::Level1), (runs2, Col::Level2)] {
            for run in runs {
                let c = col_of(column);
                put(
                    first_indicator + run.start as u32,
                    c,
                    first_indicator + (run.start + run.len - 1) as u32,
                    c,
                    Fd(Field::Indicator(run.start, column)),
                    Style::Centered,
                    false,
                );
            }
        }
        for i in 0..n {
            let row = first_indicator + i as u32;
            for &column in &columns {
                let style = match column {
                    Col::Level1 | Col::Level2 => continue,
                    Col::Name | Col::Deviation | Col::Remark => Style::Text,
                    Col::PeriodValue | Col::AnnualValue | Col::ActualValue => Style::Centered,
                    Col::Weight | Col::Score => Style::Number,
                };
                let c = col_of(column);
                put(
                    row,
                    c,
                    row,
                    c,
                    Fd(Field::Indicator(i, column)),
                    style,
                    column.is_input(),
                );
            }
        }
        let weight_col = col_of(Col::Weight);
        let score_col = col_of(Col::Score);
        put(
            total_row,
            A,
            total_row,
            weight_col - 1,
            Lb(LABEL_TOTAL),
            Style::Label,
            false,
        );
        put(
            total_row,
            weight_col,
            total_row,
            weight_col,
            Fd(Field::TotalWeight),
            Style::Number,
            false,
        );
        put(
            total_row,
            score_col,
            total_row,
            score_col,
            Fd(Field::TotalScore),
            Style::Number,
            true,
        );
        put(
            total_row,
            score_col + 1,
            total_row,
            last,
            Lb(""),
            Style::Text,
            false,
        );
        put(
            total_row,
            reference,
            total_row,
            reference,
            Fd(Field::Reference(Reference::TotalScore)),
            Style::Reference,
            false,
        );
        put(
            conclusion_row,
            A,
            conclusion_row,
            B,
            Lb(LABEL_CONCLUSION),
            Style::Label,
            false,
        );
        put(
            conclusion_row,
            C,
            conclusion_row,
            last,
            Fd(Field::Conclusion),
            Style::Text,
            true,
        );

        SelfEvaluationLayout {
            regions: r,
            columns,
            indicator_header_row: header,
            indicator_rows: n,
            total_row,
            conclusion_row,
            last_col: last,
            break_rules,
            page_breaks: Vec::new(),
        }
    }

    /// This layout cut into landscape A4 pages for the row heights `row_points`: page breaks
    /// where [`paging::page_breaks_within`] puts them (the indicator header repeats on every
    /// page after it), and every merged region a break crosses split in two, each part showing
    /// its text — a page starting inside a 一级/二级 block names both again. With no break the
    /// regions are left as they are, so a one-page form is written exactly as before.
    pub fn paginated(&self, row_points: &[f64]) -> SelfEvaluationLayout {
        let breaks = paging::page_breaks_within(
            row_points,
            &self.break_rules,
            Some(self.indicator_header_row),
            crate::layout::Orientation::Landscape.body_points(),
        );
        if breaks.is_empty() {
            return self.clone();
        }
        let first_indicator = self.indicator_row(0);
        let mut regions = Vec::with_capacity(self.regions.len() + breaks.len() * 3);
        for region in &self.regions {
            let mut first = region.first_row;
            let cuts = breaks
                .iter()
                .copied()
                .filter(|&b| region.first_row < b && b <= region.last_row);
            for next in cuts.chain([region.last_row + 1]) {
                let content = match &region.content {
                    // The part of a 一级/二级 run starting at `first` shows that row's name.
                    Content::Field(Field::Indicator(_, column)) if first != region.first_row => {
                        Content::Field(Field::Indicator(
                            (first - first_indicator) as usize,
                            *column,
                        ))
                    }
                    other => other.clone(),
                };
                regions.push(Region {
                    first_row: first,
                    last_row: next - 1,
                    content,
                    ..region.clone()
                });
                first = next;
            }
        }
        SelfEvaluationLayout {
            regions,
            page_breaks: breaks,
            ..self.clone()
        }
    }

    /// The region holding `field`.
    pub fn region_of(&self, field: &Field) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.content == Content::Field(*field))
    }

    /// The column of an indicator column.
    pub fn column_of(&self, column: IndicatorColumn) -> Option<u16> {
        self.columns
            .iter()
            .position(|c| *c == column)
            .map(|p| p as u16 + 1)
    }

    /// The sheet row of indicator row `i`.
    pub fn indicator_row(&self, i: usize) -> u32 {
        self.indicator_header_row + 1 + i as u32
    }

    /// The reference column.
    pub fn reference_col(&self) -> u16 {
        self.last_col + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(levels: &[(&str, &str)], budget_rows: usize) -> Shape {
        Shape {
            budget_rows,
            levels: levels
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            ..Shape::default()
        }
    }

    #[test]
    fn pages_break_at_boundaries_and_a_split_run_names_its_row() {
        let mut levels = vec![("产出指标", "数量指标"); 30];
        levels.extend([("效益指标", "社会效益指标"); 5]);
        let layout = SelfEvaluationLayout::new(&shape(&levels, 1));
        // One page at 20 pt a row: nothing changes.
        let rows = layout.conclusion_row as usize + 1;
        let short = SelfEvaluationLayout::new(&shape(&levels[..3], 1));
        let unchanged = short.paginated(&vec![20.0; short.conclusion_row as usize + 1]);
        assert!(unchanged.page_breaks.is_empty());
        assert_eq!(unchanged.regions, short.regions);
        // 30 pt rows: the indicator header starts page 2, the 数量指标 run is cut inside.
        let paged = layout.paginated(&vec![30.0; rows]);
        assert_eq!(paged.page_breaks[0], layout.indicator_header_row);
        for &b in &paged.page_breaks {
            assert!(layout.break_rules[b as usize] >= BreakRule::Row, "row {b}");
            assert!(paged
                .regions
                .iter()
                .all(|r| !(r.first_row < b && b <= r.last_row)));
        }
        let inside = paged
            .page_breaks
            .iter()
            .copied()
            .find(|&b| b > layout.indicator_row(0) && b < layout.indicator_row(30))
            .expect("a break inside the 数量指标 run");
        let i = (inside - layout.indicator_row(0)) as usize;
        for column in [IndicatorColumn::Level1, IndicatorColumn::Level2] {
            let c = layout.column_of(column).expect("column");
            let part = paged
                .regions
                .iter()
                .find(|r| r.first_row == inside && r.first_col == c)
                .expect("a part starting at the break");
            assert_eq!(part.content, Content::Field(Field::Indicator(i, column)));
        }
    }

    #[test]
    fn regions_never_overlap() {
        for s in [
            shape(&[], 0),
            shape(
                &[
                    ("产出指标", "数量指标"),
                    ("产出指标", "数量指标"),
                    ("效益指标", "社会效益指标"),
                ],
                3,
            ),
            Shape {
                period: true,
                remark: true,
                ..shape(&[("产出指标", "数量指标")], 1)
            },
        ] {
            let layout = SelfEvaluationLayout::new(&s);
            let mut seen = std::collections::HashSet::new();
            for region in &layout.regions {
                for row in region.first_row..=region.last_row {
                    for col in region.first_col..=region.last_col {
                        assert!(
                            seen.insert((row, col)),
                            "{} overlaps at {}",
                            region.a1(),
                            crate::layout::cell_a1(row, col)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_mof_arrangement() {
        let layout = SelfEvaluationLayout::new(&shape(
            &[
                ("产出指标", "数量指标"),
                ("产出指标", "数量指标"),
                ("满意度指标", "服务对象满意度指标"),
            ],
            0,
        ));
        let a1 = |f: Field| layout.region_of(&f).map(Region::a1).unwrap_or_default();
        assert_eq!(a1(Field::Budget(BudgetColumn::Executed)), "E6");
        assert_eq!(a1(Field::Budget(BudgetColumn::Score)), "H6");
        assert_eq!(a1(Field::Indicator(0, IndicatorColumn::Level1)), "B10:B11");
        assert_eq!(a1(Field::Indicator(2, IndicatorColumn::Level1)), "B12");
        assert_eq!(a1(Field::Indicator(1, IndicatorColumn::ActualValue)), "F11");
        assert_eq!(a1(Field::Indicator(1, IndicatorColumn::Score)), "H11");
        assert_eq!(a1(Field::TotalScore), "H13");
        assert_eq!(a1(Field::Reference(Reference::ExecutionScore)), "J6");
        assert_eq!(layout.reference_col(), 9);
    }
}
