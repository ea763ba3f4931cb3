//! The canonical layout of a 绩效自评表, defined once: the writer lays cells out from it and the
//! tests find each field's cell in it. The MOF 项目支出绩效自评表's own arrangement, nine columns
//! A–I, plus a reference column J whose formulas show the execution score and the sum of the
//! written scores as a person types (the reader never takes a score from it).
//!
//! Row map (0-based rows, `n` indicator rows, at least 1):
//!
//! | row       | A               | B          | C         | D         | E          | F          | G     | H     | I           |
//! |-----------|-----------------|------------|-----------|-----------|------------|------------|-------|-------|-------------|
//! | 0         | title A:I       |            |           |           |            |            |       |       |             |
//! | 1         | （YYYY年度） A:I |            |           |           |            |            |       |       |             |
//! | 2         | 项目名称 A:B     | name C:I   |           |           |            |            |       |       |             |
//! | 3         | 主管部门 A:B     | dept C:E   |           |           |            | 实施单位    | unit G:I |    |             |
//! | 4         | 项目资金（万元） A4:A5 |       | 年初预算数 | 全年预算数 | 全年执行数  | 分值        | 执行率 | 得分  |             |
//! | 5         |                 | 年度资金总额 | initial  | adjusted  | executed   | weight     | rate  | score |             |
//! | 6         | 年度总体目标 A6:A7 | 预期目标 B:E |         |           |            | 实际完成情况 F:I |  |    |             |
//! | 7         |                 | planned B:E |          |           |            | achieved F:I |      |       |             |
//! | 8         | 绩效指标 A8:A8+n | 一级指标    | 二级指标   | 三级指标   | 年度指标值  | 实际完成值  | 分值   | 得分  | 偏差原因分析及改进措施 |
//! | 9 … 8+n   |                 | level1 runs | level2 runs | name    | annual     | actual     | weight | score | deviation  |
//! | 9+n       | 总分 A:F         |            |           |           |            |            | Σ 分值 | 总分  |             |

/// Columns.
pub const A: u16 = 0;
pub const B: u16 = 1;
pub const C: u16 = 2;
pub const D: u16 = 3;
pub const E: u16 = 4;
pub const F: u16 = 5;
pub const G: u16 = 6;
pub const H: u16 = 7;
pub const I: u16 = 8;
/// The reference column: formulas for the person filling in, ignored by the reader.
pub const J: u16 = 9;

/// The name of the sheet holding the form.
pub const SHEET_NAME: &str = "绩效自评表";

pub const TITLE_ROW: u32 = 0;
pub const YEAR_ROW: u32 = 1;
pub const NAME_ROW: u32 = 2;
pub const DEPARTMENT_ROW: u32 = 3;
pub const BUDGET_HEADER_ROW: u32 = 4;
pub const BUDGET_ROW: u32 = 5;
pub const GOALS_HEADER_ROW: u32 = 6;
pub const GOALS_ROW: u32 = 7;
pub const INDICATOR_HEADER_ROW: u32 = 8;
pub const FIRST_INDICATOR_ROW: u32 = 9;

/// Column widths in characters, A–J.
pub const WIDTHS: [f64; 10] = [9.0, 11.0, 13.0, 26.0, 15.0, 15.0, 8.0, 8.0, 26.0, 12.0];

/// A field of the budget-execution row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BudgetColumn {
    Initial,
    Adjusted,
    Executed,
    Weight,
    Rate,
    Score,
}

impl BudgetColumn {
    pub const ALL: [BudgetColumn; 6] = [
        BudgetColumn::Initial,
        BudgetColumn::Adjusted,
        BudgetColumn::Executed,
        BudgetColumn::Weight,
        BudgetColumn::Rate,
        BudgetColumn::Score,
    ];

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

    /// The header above the figure.
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

/// A column of the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndicatorColumn {
    Level1,
    Level2,
    Name,
    AnnualValue,
    ActualValue,
    Weight,
    Score,
    Deviation,
}

impl IndicatorColumn {
    pub const ALL: [IndicatorColumn; 8] = [
        IndicatorColumn::Level1,
        IndicatorColumn::Level2,
        IndicatorColumn::Name,
        IndicatorColumn::AnnualValue,
        IndicatorColumn::ActualValue,
        IndicatorColumn::Weight,
        IndicatorColumn::Score,
        IndicatorColumn::Deviation,
    ];

    pub fn column(self) -> u16 {
        match self {
            IndicatorColumn::Level1 => B,
            IndicatorColumn::Level2 => C,
            IndicatorColumn::Name => D,
            IndicatorColumn::AnnualValue => E,
            IndicatorColumn::ActualValue => F,
            IndicatorColumn::Weight => G,
            IndicatorColumn::Score => H,
            IndicatorColumn::Deviation => I,
        }
    }

    pub fn header(self) -> &'static str {
        match self {
            IndicatorColumn::Level1 => "一级指标",
            IndicatorColumn::Level2 => "二级指标",
            IndicatorColumn::Name => "三级指标",
            IndicatorColumn::AnnualValue => "年度指标值",
            IndicatorColumn::ActualValue => "实际完成值",
            IndicatorColumn::Weight => "分值",
            IndicatorColumn::Score => "得分",
            IndicatorColumn::Deviation => "偏差原因分析及改进措施",
        }
    }

    /// Whether a person fills this column in a pre-filled 自评表 (the approved rows stay locked).
    pub fn is_input(self) -> bool {
        matches!(
            self,
            IndicatorColumn::ActualValue
                | IndicatorColumn::Weight
                | IndicatorColumn::Score
                | IndicatorColumn::Deviation
        )
    }
}

/// What a region holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Fixed text.
    Label(&'static str),
    Field(Field),
}

/// Every field of the form the layout places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Year,
    Name,
    Department,
    Unit,
    Budget(BudgetColumn),
    Planned,
    Achieved,
    Indicator(usize, IndicatorColumn),
    TotalWeight,
    TotalScore,
}

/// How a region looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Title,
    Label,
    Header,
    Text,
    Centered,
    /// A figure: money, 分值, 得分.
    Number,
    /// 执行率, a percentage.
    Percent,
}

/// A rectangle of cells (merged when larger than one cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub first_row: u32,
    pub first_col: u16,
    pub last_row: u32,
    pub last_col: u16,
    pub content: Content,
    pub style: Style,
    /// A person fills it in (unlocked when the sheet is protected).
    pub input: bool,
}

impl Region {
    fn cell(row: u32, col: u16, content: Content, style: Style, input: bool) -> Region {
        Region::span(row, col, row, col, content, style, input)
    }

    fn span(
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
        content: Content,
        style: Style,
        input: bool,
    ) -> Region {
        Region {
            first_row,
            first_col,
            last_row,
            last_col,
            content,
            style,
            input,
        }
    }

    pub fn is_merged(&self) -> bool {
        self.first_row != self.last_row || self.first_col != self.last_col
    }

    /// `C6` or `B10:B14`.
    pub fn a1(&self) -> String {
        let first = crate::layout::cell_a1(self.first_row, self.first_col);
        if self.is_merged() {
            format!(
                "{first}:{}",
                crate::layout::cell_a1(self.last_row, self.last_col)
            )
        } else {
            first
        }
    }
}

/// The fixed labels.
pub const TITLE: &str = "项目支出绩效自评表";
pub const LABEL_NAME: &str = "项目名称";
pub const LABEL_DEPARTMENT: &str = "主管部门";
pub const LABEL_UNIT: &str = "实施单位";
pub const LABEL_FUNDS: &str = "项目资金（万元）";
pub const LABEL_FUNDS_TOTAL: &str = "年度资金总额";
pub const LABEL_GOALS: &str = "年度总体目标";
pub const LABEL_PLANNED: &str = "预期目标";
pub const LABEL_ACHIEVED: &str = "实际完成情况";
pub const LABEL_INDICATORS: &str = "绩效指标";
pub const LABEL_TOTAL: &str = "总分";
pub const LABEL_REFERENCE: &str = "参考（自动计算，不作为得分）";

/// The layout for a form with these (一级, 二级) per indicator row.
#[derive(Debug, Clone)]
pub struct SelfEvaluationLayout {
    pub regions: Vec<Region>,
    pub indicator_rows: usize,
    pub total_row: u32,
}

impl SelfEvaluationLayout {
    pub fn new(levels: &[(String, String)]) -> SelfEvaluationLayout {
        use Content::{Field as F_, Label};
        let n = levels.len().max(1);
        let total_row = FIRST_INDICATOR_ROW + n as u32;
        let mut r = vec![
            Region::span(TITLE_ROW, A, TITLE_ROW, I, F_(Field::Title), Style::Title, false),
            Region::span(YEAR_ROW, A, YEAR_ROW, I, F_(Field::Year), Style::Centered, false),
            Region::span(NAME_ROW, A, NAME_ROW, B, Label(LABEL_NAME), Style::Label, false),
            Region::span(NAME_ROW, C, NAME_ROW, I, F_(Field::Name), Style::Text, false),
            Region::span(DEPARTMENT_ROW, A, DEPARTMENT_ROW, B, Label(LABEL_DEPARTMENT), Style::Label, false),
            Region::span(DEPARTMENT_ROW, C, DEPARTMENT_ROW, E, F_(Field::Department), Style::Text, false),
            Region::cell(DEPARTMENT_ROW, F, Label(LABEL_UNIT), Style::Label, false),
            Region::span(DEPARTMENT_ROW, G, DEPARTMENT_ROW, I, F_(Field::Unit), Style::Text, true),
            Region::span(BUDGET_HEADER_ROW, A, BUDGET_ROW, A, Label(LABEL_FUNDS), Style::Label, false),
            Region::cell(BUDGET_HEADER_ROW, B, Label(""), Style::Header, false),
            Region::cell(BUDGET_ROW, B, Label(LABEL_FUNDS_TOTAL), Style::Label, false),
            Region::cell(BUDGET_HEADER_ROW, I, Label(""), Style::Header, false),
            Region::cell(BUDGET_ROW, I, Label(""), Style::Text, false),
            Region::span(GOALS_HEADER_ROW, A, GOALS_ROW, A, Label(LABEL_GOALS), Style::Label, false),
            Region::span(GOALS_HEADER_ROW, B, GOALS_HEADER_ROW, E, Label(LABEL_PLANNED), Style::Header, false),
            Region::span(GOALS_HEADER_ROW, F, GOALS_HEADER_ROW, I, Label(LABEL_ACHIEVED), Style::Header, false),
            Region::span(GOALS_ROW, B, GOALS_ROW, E, F_(Field::Planned), Style::Text, false),
            Region::span(GOALS_ROW, F, GOALS_ROW, I, F_(Field::Achieved), Style::Text, true),
            Region::span(INDICATOR_HEADER_ROW, A, total_row - 1, A, Label(LABEL_INDICATORS), Style::Label, false),
            Region::span(total_row, A, total_row, F, Label(LABEL_TOTAL), Style::Label, false),
            Region::cell(total_row, G, F_(Field::TotalWeight), Style::Number, true),
            Region::cell(total_row, H, F_(Field::TotalScore), Style::Number, true),
            Region::cell(total_row, I, Label(""), Style::Text, false),
            Region::cell(BUDGET_HEADER_ROW, J, Label(LABEL_REFERENCE), Style::Header, false),
        ];
        for column in BudgetColumn::ALL {
            r.push(Region::cell(BUDGET_HEADER_ROW, column.column(), Label(column.header()), Style::Header, false));
            let style = match column {
                BudgetColumn::Rate => Style::Percent,
                _ => Style::Number,
            };
            r.push(Region::cell(BUDGET_ROW, column.column(), F_(Field::Budget(column)), style, true));
        }
        for column in IndicatorColumn::ALL {
            r.push(Region::cell(INDICATOR_HEADER_ROW, column.column(), Label(column.header()), Style::Header, false));
        }
        let pairs: Vec<(String, String)> = if levels.is_empty() {
            vec![(String::new(), String::new())]
        } else {
            levels.to_vec()
        };
        let (level1_runs, level2_runs) = crate::layout::level_runs(&pairs);
        for run in &level1_runs {
            r.push(Region::span(
                FIRST_INDICATOR_ROW + run.start as u32,
                B,
                FIRST_INDICATOR_ROW + (run.start + run.len - 1) as u32,
                B,
                F_(Field::Indicator(run.start, IndicatorColumn::Level1)),
                Style::Centered,
                false,
            ));
        }
        for run in &level2_runs {
            r.push(Region::span(
                FIRST_INDICATOR_ROW + (run.start) as u32,
                C,
                FIRST_INDICATOR_ROW + (run.start + run.len - 1) as u32,
                C,
                F_(Field::Indicator(run.start, IndicatorColumn::Level2)),
                Style::Centered,
                false,
            ));
        }
        for i in 0..n {
            let row = FIRST_INDICATOR_ROW + i as u32;
            for column in IndicatorColumn::ALL {
                let style = match column {
                    IndicatorColumn::Level1 | IndicatorColumn::Level2 => continue,
                    IndicatorColumn::Name | IndicatorColumn::Deviation => Style::Text,
                    IndicatorColumn::AnnualValue | IndicatorColumn::ActualValue => Style::Centered,
                    IndicatorColumn::Weight | IndicatorColumn::Score => Style::Number,
                };
                r.push(Region::cell(row, column.column(), F_(Field::Indicator(i, column)), style, column.is_input()));
            }
        }
        SelfEvaluationLayout {
            regions: r,
            indicator_rows: n,
            total_row,
        }
    }

    /// The region holding `field`.
    pub fn region_of(&self, field: &Field) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| r.content == Content::Field(*field))
    }

    pub fn indicator_row(&self, i: usize) -> u32 {
        FIRST_INDICATOR_ROW + i as u32
    }

    /// The last row of the form.
    pub fn last_row(&self) -> u32 {
        self.total_row
    }
}
