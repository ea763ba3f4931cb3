//! Writes the cells of a dump (bench/export_cells.py) to an xlsx with rust_xlsxwriter: one
//! format per distinct style, merged regions, widths, heights, A4 page setup.
//!
//! ```sh
//! xlsxwriter_floor cells.tsv out.xlsx
//! ```

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn format(fields: &[&str]) -> Result<Format, Box<dyn std::error::Error>> {
    // id font size bold border halign valign wrap numfmt locked
    let mut f = Format::new()
        .set_font_name(fields[1])
        .set_font_size(fields[2].parse::<f64>()?)
        .set_num_format(fields[8]);
    if fields[3] == "1" {
        f = f.set_bold();
    }
    if fields[4] == "1" {
        f = f.set_border(FormatBorder::Thin);
    }
    f = match fields[5] {
        "center" => f.set_align(FormatAlign::Center),
        "left" => f.set_align(FormatAlign::Left),
        "right" => f.set_align(FormatAlign::Right),
        _ => f,
    };
    if fields[6] == "center" {
        f = f.set_align(FormatAlign::VerticalCenter);
    }
    if fields[7] == "1" {
        f = f.set_text_wrap();
    }
    if fields[9] == "0" {
        f = f.set_unlocked();
    }
    Ok(f)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dump, out] = args.as_slice() else {
        return Err("usage: xlsxwriter_floor cells.tsv out.xlsx".into());
    };
    let dump = std::fs::read_to_string(dump)?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let mut formats: Vec<Format> = Vec::new();
    for line in dump.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "F" => formats.push(format(&fields[1..])?),
            "W" => {
                sheet.set_column_width_pixels(fields[1].parse()?, fields[2].parse::<u32>()?)?;
            }
            "H" => {
                sheet.set_row_height(fields[1].parse()?, fields[2].parse::<f64>()?)?;
            }
            "M" => {
                let n: Vec<u32> = fields[1..5].iter().map(|v| v.parse()).collect::<Result<_, _>>()?;
                let f = &formats[fields[5].parse::<usize>()?];
                sheet.merge_range(n[0], n[1] as u16, n[2], n[3] as u16, "", f)?;
            }
            "C" => {
                let (row, col): (u32, u16) = (fields[1].parse()?, fields[2].parse()?);
                let f = &formats[fields[3].parse::<usize>()?];
                match fields[4] {
                    "s" => sheet.write_string_with_format(row, col, unescape(fields[5]), f)?,
                    "n" => sheet.write_number_with_format(row, col, fields[5].parse::<f64>()?, f)?,
                    _ => sheet.write_blank(row, col, f)?,
                };
            }
            _ => {}
        }
    }
    sheet.set_paper_size(9);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    std::fs::write(out, workbook.save_to_buffer()?)?;
    Ok(())
}
