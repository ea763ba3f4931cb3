//! Opens an xlsx with calamine, reads every cell of every sheet and every merged region, and
//! prints how many of each it read (so the work cannot be skipped).
//!
//! ```sh
//! cargo run --release --manifest-path bench/calamine_floor/Cargo.toml -- samples/seed-legacy.xlsx
//! ```

use std::fs::File;
use std::io::BufReader;

use calamine::{Data, Reader, Xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: calamine_floor FILE.xlsx")?;
    let mut book: Xlsx<_> = Xlsx::new(BufReader::new(File::open(&path)?))?;
    let (mut cells, mut text_bytes, mut merges) = (0usize, 0usize, 0usize);
    for name in book.sheet_names() {
        {
            let mut reader = book.worksheet_cells_reader(&name)?;
            while let Some(cell) = reader.next_cell()? {
                let value: Data = cell.get_value().clone().into();
                if let Data::String(text) = &value {
                    text_bytes += text.len();
                }
                cells += usize::from(value != Data::Empty);
            }
        }
        merges += book.merge_cells_by_sheet_name(&name)?.len();
    }
    println!("{path}: {cells} cells ({text_bytes} bytes of text), {merges} merged regions");
    Ok(())
}
