//! Reading an establishment file into a grid of cells: delimited text in the encodings
//! spreadsheets and HR systems save (UTF-8 with or without a byte-order mark, UTF-16, Windows-1252),
//! and workbooks (.xlsx, .xls, .ods) through calamine. Every row keeps the number a spreadsheet
//! shows for it, so a problem points at the row the HR officer sees.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Reader};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Progress;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// An old-style .xls (BIFF) is read whole by its reader, strings and all, and holds at most
/// 65,536 rows: 65,536 rows of 40 columns are about 30 MB, so a larger .xls is refused before it
/// is read.
pub const MAX_XLS_BYTES: u64 = 48 * 1024 * 1024;
/// Excel's own limit on the columns of a sheet.
pub const MAX_COLUMNS: usize = 16_384;
/// Excel's own limit on the characters in a cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's own limit on the rows of a sheet.
pub const MAX_ROWS: usize = 1_048_576;
/// The most cells kept (rows times the columns in use): 200,000 rows of 50 columns, far beyond
/// any council's establishment, and small enough (under 1 GB) that a hostile file cannot
/// exhaust memory.
pub const MAX_CELLS: usize = 10_000_000;

/// One cell as the file has it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    #[default]
    Empty,
    /// Text (every cell of a text file).
    Text(String),
    /// A number in a spreadsheet.
    Number(f64),
    /// A date or date-time in a spreadsheet, as its serial number (days since 1899-12-30).
    Date(f64),
    /// TRUE or FALSE in a spreadsheet.
    Bool(bool),
}

impl Cell {
    /// True when there is nothing in it but spaces.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it in the file.
    pub fn display(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(t) => t.trim().to_owned(),
            Self::Number(n) => format_number(*n),
            Self::Date(serial) => match serial_date(*serial) {
                Some(d) => d.strftime("%d/%m/%Y").to_string(),
                None => format_number(*serial),
            },
            Self::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

/// The date of a spreadsheet serial number (days since 1899-12-30, Excel's 1900 system; the
/// fraction is the time of day).
pub fn serial_date(serial: f64) -> Option<Date> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Excel counts 29 February 1900, which never was: serials from 61 on are a day ahead.
    let days = serial.floor() as i64;
    let base = jiff::civil::date(1899, 12, 30);
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add(jiff::Span::new().days(days)).ok()
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A row of the sheet that has something in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Its number as a spreadsheet shows it (the first row is 1).
    pub number: u32,
    /// Its cells, one for each column in use.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `column` (empty past the end).
    pub fn cell(&self, column: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(column).unwrap_or(&EMPTY)
    }
}

/// A sheet read: the rows that have something in them, and the columns in use (blank columns and
/// blank rows are left out).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The rows, in order.
    pub rows: Vec<Row>,
    /// For each column kept, its position in the file (0 is column A).
    pub columns: Vec<u32>,
}

impl Grid {
    /// The letter a spreadsheet gives column `column` of the grid ("A", "AB").
    pub fn letter(&self, column: usize) -> String {
        column_letter(self.columns.get(column).copied().unwrap_or(column as u32))
    }
}

/// "A" for 0, "Z" for 25, "AA" for 26.
pub fn column_letter(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// How a text file's bytes are read as characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1252 (what Excel on Windows saves as "CSV").
    Windows1252,
}

impl Encoding {
    /// Every encoding, in the order offered.
    pub const ALL: [Self; 4] = [Self::Utf8, Self::Windows1252, Self::Utf16Le, Self::Utf16Be];

    /// Its name as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16 (little-endian)",
            Self::Utf16Be => "UTF-16 (big-endian)",
            Self::Windows1252 => "Windows-1252 (Excel's CSV)",
        }
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Self::Utf8 => encoding_rs::UTF_8,
            Self::Utf16Le => encoding_rs::UTF_16LE,
            Self::Utf16Be => encoding_rs::UTF_16BE,
            Self::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// What separates the cells of a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (Excel's CSV where the decimal mark is a comma)
    Semicolon,
    /// A tab (Excel's "Unicode text" and "Text (tab delimited)")
    Tab,
    /// `|`
    Pipe,
}

impl Delimiter {
    /// Every delimiter, in the order offered.
    pub const ALL: [Self; 4] = [Self::Comma, Self::Semicolon, Self::Tab, Self::Pipe];

    /// The byte that separates fields.
    pub fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
            Self::Tab => b'\t',
            Self::Pipe => b'|',
        }
    }

    /// Its name as offered to the user.
    pub fn label(self) -> &'static str {
        match self {
            Self::Comma => "Comma",
            Self::Semicolon => "Semicolon",
            Self::Tab => "Tab",
            Self::Pipe => "Pipe (|)",
        }
    }
}

/// The kind of file, from its first bytes (and its name when they do not say).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Delimited text.
    Text,
    /// A spreadsheet workbook (.xlsx, .xls, .ods).
    Workbook,
}

/// A file read into memory, ready to be read as a grid as many times as the settings change.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file's name, for messages.
    pub name: String,
    /// The file's contents, as read.
    pub bytes: Vec<u8>,
    /// Text or workbook.
    pub format: Format,
    /// The workbook's sheets (empty for text).
    pub sheets: Vec<String>,
}

/// How to read the source: each `None` is detected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadSettings {
    /// The text encoding.
    pub encoding: Option<Encoding>,
    /// The text delimiter.
    pub delimiter: Option<Delimiter>,
    /// The workbook's sheet.
    pub sheet: Option<String>,
}

impl Source {
    /// Reads a file: refuses folders, devices, FIFOs and files over [`MAX_FILE_BYTES`] before
    /// reading them.
    pub fn open(path: &Path) -> Result<Self, String> {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("{name} cannot be read ({e}); check it still exists"))?;
        if !meta.is_file() {
            return Err(format!(
                "{name} is not a file (a folder or a device); choose the exported spreadsheet or CSV file"
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!(
                "{name} is {} MB, more than the {} MB an establishment file can be; export only the corporate services' posts",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| format!("{name} cannot be read ({e}); check you may open it"))?;
        Self::from_bytes(&name, bytes)
    }

    /// A source from bytes already read; `name` is used in messages and for the file's kind.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Self, String> {
        let lower = name.to_ascii_lowercase();
        let zip = bytes.starts_with(b"PK\x03\x04");
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        let spreadsheet_name = [".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"]
            .iter()
            .any(|e| lower.ends_with(e));
        // HR systems often save text (tab-separated, or an HTML table) under an .xls name: the
        // bytes decide, not the name.
        let format = if zip || ole {
            Format::Workbook
        } else {
            Format::Text
        };
        if format == Format::Text && spreadsheet_name {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
            if head.trim_start().starts_with('<')
                && (head.contains("<html") || head.contains("<table") || head.contains("<?xml"))
            {
                return Err(format!(
                    "{name} is a web page (HTML or XML) saved with a spreadsheet's name; open it in Excel and save it as .xlsx or CSV"
                ));
            }
        }
        if zip {
            super::archive::check(name, &bytes)?;
        }
        if ole && bytes.len() as u64 > MAX_XLS_BYTES {
            return Err(format!(
                "{name} is {} MB, more than the {} MB an old-style .xls establishment can be (an .xls holds at most 65,536 rows, and its reader takes the whole file in); save it from Excel as .xlsx or CSV",
                bytes.len() / (1024 * 1024),
                MAX_XLS_BYTES / (1024 * 1024)
            ));
        }
        let sheets = if format == Format::Workbook {
            let workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.as_slice()))
                .map_err(|e| {
                    format!(
                        "{name} is not a spreadsheet that can be read ({e}); save it from Excel as .xlsx or as CSV"
                    )
                })?;
            workbook.sheet_names()
        } else {
            Vec::new()
        };
        if format == Format::Workbook && sheets.is_empty() {
            return Err(format!("{name} has no sheets; check it is the right file"));
        }
        Ok(Self {
            name: name.to_owned(),
            bytes,
            format,
            sheets,
        })
    }

    /// The settings detected for this source, with `given` taking precedence.
    pub fn resolve(&self, given: &ReadSettings) -> ReadSettings {
        match self.format {
            Format::Text => {
                let encoding = given
                    .encoding
                    .unwrap_or_else(|| detect_encoding(&self.bytes));
                let delimiter = given
                    .delimiter
                    .unwrap_or_else(|| detect_delimiter(&decode(&self.bytes, encoding)));
                ReadSettings {
                    encoding: Some(encoding),
                    delimiter: Some(delimiter),
                    sheet: None,
                }
            }
            Format::Workbook => {
                let sheet = given
                    .sheet
                    .as_ref()
                    .filter(|s| self.sheets.contains(s))
                    .or_else(|| self.sheets.first())
                    .cloned();
                ReadSettings {
                    encoding: None,
                    delimiter: None,
                    sheet,
                }
            }
        }
    }

    /// Reads the grid with `settings` (resolved by [`Source::resolve`]).
    pub fn grid(&self, settings: &ReadSettings, progress: &Progress) -> Result<Grid, String> {
        let settings = self.resolve(settings);
        match self.format {
            Format::Text => {
                let text = decode(&self.bytes, settings.encoding.unwrap_or(Encoding::Utf8));
                let delimiter = settings.delimiter.unwrap_or(Delimiter::Comma);
                read_text(&text, delimiter, progress).map_err(|e| format!("{}, {e}", self.name))
            }
            Format::Workbook => {
                let sheet = settings.sheet.unwrap_or_default();
                read_workbook(&self.bytes, &sheet, progress)
                    .map_err(|e| format!("{}, sheet '{sheet}': {e}", self.name))
            }
        }
    }
}

/// The encoding of a text file: a byte-order mark says; UTF-16 without one shows as zero bytes
/// in every other place; otherwise UTF-8 if it is valid UTF-8, else Windows-1252.
pub fn detect_encoding(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    if pairs >= 2 {
        let odd_zero = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let even_zero = head.iter().step_by(2).filter(|b| **b == 0).count();
        if odd_zero * 10 >= pairs * 3 && even_zero * 10 < pairs {
            return Encoding::Utf16Le;
        }
        if even_zero * 10 >= pairs * 3 && odd_zero * 10 < pairs {
            return Encoding::Utf16Be;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    }
}

/// The text of `bytes` in `encoding`, without its byte-order mark. Bytes that are not valid in
/// the encoding become U+FFFD, so a wrong choice shows in the preview rather than failing.
pub fn decode(bytes: &[u8], encoding: Encoding) -> String {
    let codec = encoding.codec();
    let bytes = match encoding {
        Encoding::Utf8 => bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes),
        Encoding::Utf16Le => bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes),
        Encoding::Utf16Be => bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes),
        Encoding::Windows1252 => bytes,
    };
    codec.decode_without_bom_handling(bytes).0.into_owned()
}

/// The delimiter that splits the first lines most consistently into more than one cell
/// (quoted text is skipped); a comma when none does.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (0usize, Delimiter::Comma);
    for d in Delimiter::ALL {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut tally: BTreeMap<usize, usize> = BTreeMap::new();
        for c in counts.iter().filter(|c| **c > 0) {
            *tally.entry(*c).or_default() += 1;
        }
        // The most common count: lines that agree on it, then the count itself.
        let Some((&count, &agree)) = tally.iter().max_by_key(|(c, n)| (**n, **c)) else {
            continue;
        };
        let score = agree * 1000 + count;
        if score > best.0 {
            best = (score, d);
        }
    }
    best.1
}

fn count_outside_quotes(line: &str, d: Delimiter) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d.byte() && !quoted {
            n += 1;
        }
    }
    n
}

/// Line breaks in `bytes` ("\r\n" counts once; a "\n" whose "\r" ended the record before it is
/// that record's).
fn line_breaks(bytes: &[u8], after_cr: bool) -> u32 {
    let mut n = 0;
    let mut i = 0;
    if after_cr && bytes.first() == Some(&b'\n') {
        i = 1;
    }
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                n += 1;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => n += 1,
            _ => {}
        }
        i += 1;
    }
    n
}

/// Reads delimited text. Row numbers count records as a spreadsheet does: a line break inside a
/// quoted cell stays in its row, blank lines are rows, and Windows line endings count once.
pub fn read_text(text: &str, delimiter: Delimiter, progress: &Progress) -> Result<Grid, String> {
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut number: u32 = 0;
    let mut end: usize = 0;
    let total = bytes.len().max(1);
    loop {
        if rows.len() % 4096 == 0 {
            if progress.is_cancelled() {
                return Err("reading was cancelled".to_owned());
            }
            progress.set(end as f32 / total as f32);
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = number + 1;
                return Err(format!(
                    "row {row}: the row cannot be read ({e}); check its quotes"
                ));
            }
        }
        // A record's span starts where the last one stopped: after the "\r" of a "\r\n", and
        // before any blank lines, which the reader passes over but a spreadsheet counts as rows.
        let start = record.position().map_or(end, |p| p.byte() as usize);
        let after_cr = start > 0 && bytes.get(start - 1) == Some(&b'\r');
        let rest = bytes.get(start..).unwrap_or_default();
        let lead = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let blank = line_breaks(&rest[..lead], after_cr);
        number = number.saturating_add(blank).saturating_add(1);
        end = reader.position().byte() as usize;
        if record.len() > MAX_COLUMNS {
            return Err(format!(
                "row {number}: {} cells, more than the {MAX_COLUMNS} columns a spreadsheet can have; check the delimiter or that this is an establishment export",
                record.len()
            ));
        }
        if let Some((i, cell)) = record
            .iter()
            .enumerate()
            .find(|(_, c)| c.len() > MAX_CELL_CHARS)
        {
            return Err(format!(
                "row {number}, column {}: a cell of {} characters, more than the {MAX_CELL_CHARS} a spreadsheet cell can hold; check this is an establishment export",
                column_letter(i as u32),
                cell.len()
            ));
        }
        if number as usize > MAX_ROWS {
            return Err(format!(
                "more than {MAX_ROWS} rows, more than a spreadsheet can hold; export only the corporate services' posts"
            ));
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(Row {
            number,
            cells: record
                .iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_owned())
                    }
                })
                .collect(),
        });
    }
    progress.set(1.0);
    compact(rows)
}

/// Drops the columns with nothing in any row, and checks the size is bounded.
fn compact(rows: Vec<Row>) -> Result<Grid, String> {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut used = vec![false; width];
    for row in &rows {
        for (i, c) in row.cells.iter().enumerate() {
            if !c.is_empty() {
                used[i] = true;
            }
        }
    }
    let columns: Vec<u32> = (0..width).filter(|i| used[*i]).map(|i| i as u32).collect();
    if rows.len().saturating_mul(columns.len()) > MAX_CELLS {
        return Err(format!(
            "{} rows by {} columns in use is more than an establishment export; export only the corporate services' posts and their columns",
            rows.len(),
            columns.len()
        ));
    }
    let rows = rows
        .into_iter()
        .map(|mut row| {
            let cells = columns
                .iter()
                .map(|&c| {
                    row.cells
                        .get_mut(c as usize)
                        .map(std::mem::take)
                        .unwrap_or_default()
                })
                .collect();
            Row {
                number: row.number,
                cells,
            }
        })
        .collect();
    Ok(Grid { rows, columns })
}

fn cell_from_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => Cell::Date(d.as_f64()),
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::Error(e) => Cell::Text(format!("#{e}")),
        DataRef::Empty => Cell::Empty,
    }
}

fn cell_from_data(value: &Data) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => Cell::Date(d.as_f64()),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
        Data::Empty => Cell::Empty,
    }
}

/// Cells gathered sparsely (row, column, value) before the grid is laid out.
#[derive(Default)]
struct Sparse {
    cells: BTreeMap<u32, Vec<(u32, Cell)>>,
    count: usize,
}

impl Sparse {
    fn push(&mut self, row: u32, column: u32, cell: Cell) -> Result<(), String> {
        if cell.is_empty() {
            return Ok(());
        }
        if let Cell::Text(t) = &cell
            && t.len() > MAX_CELL_CHARS
        {
            return Err(format!(
                "row {}, column {}: a cell of {} characters is more than a spreadsheet cell holds",
                row + 1,
                column_letter(column),
                t.len()
            ));
        }
        if column as usize >= MAX_COLUMNS || row as usize >= MAX_ROWS {
            return Err(format!(
                "a cell at row {}, column {} is beyond what a spreadsheet can hold",
                row + 1,
                column + 1
            ));
        }
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err("the sheet has more cells than an establishment export; export only the corporate services' posts".to_owned());
        }
        self.cells.entry(row).or_default().push((column, cell));
        Ok(())
    }

    /// Lays the cells out over the columns in use only, so a stray cell far to the right
    /// costs one column, not thousands.
    fn grid(self) -> Result<Grid, String> {
        let columns: Vec<u32> = self
            .cells
            .values()
            .flat_map(|cells| cells.iter().map(|(c, _)| *c))
            .collect::<std::collections::BTreeSet<u32>>()
            .into_iter()
            .collect();
        if self.cells.len().saturating_mul(columns.len()) > MAX_CELLS {
            return Err(format!(
                "{} rows by {} columns in use is more than an establishment export; export only the corporate services' posts and their columns",
                self.cells.len(),
                columns.len()
            ));
        }
        let position: BTreeMap<u32, usize> =
            columns.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        let rows = self
            .cells
            .into_iter()
            .map(|(row, cells)| {
                let mut dense = vec![Cell::Empty; columns.len()];
                for (c, cell) in cells {
                    if let Some(&i) = position.get(&c) {
                        dense[i] = cell;
                    }
                }
                Row {
                    number: row + 1,
                    cells: dense,
                }
            })
            .collect();
        Ok(Grid { rows, columns })
    }
}

/// Reads a sheet of a workbook. Cells are streamed from .xlsx files, so memory follows the cells
/// in use, not the sheet's stated size.
pub fn read_workbook(bytes: &[u8], sheet: &str, progress: &Progress) -> Result<Grid, String> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("the workbook cannot be read ({e}); save it from Excel as .xlsx"))?;
    let mut sparse = Sparse::default();
    match &mut workbook {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx
                .worksheet_cells_reader(sheet)
                .map_err(|e| format!("the sheet cannot be read ({e})"))?;
            let rows = cells.dimensions().end.0.max(1);
            let mut n: usize = 0;
            while let Some(cell) = cells
                .next_cell()
                .map_err(|e| format!("the sheet cannot be read ({e})"))?
            {
                n += 1;
                if n.is_multiple_of(8192) {
                    if progress.is_cancelled() {
                        return Err("reading was cancelled".to_owned());
                    }
                    let (r, _) = cell.get_position();
                    progress.set(r as f32 / rows as f32);
                }
                let (r, c) = cell.get_position();
                sparse.push(r, c, cell_from_ref(cell.get_value()))?;
            }
        }
        other => {
            let range = other
                .worksheet_range(sheet)
                .map_err(|e| format!("the sheet cannot be read ({e})"))?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (i, row) in range.rows().enumerate() {
                if i % 4096 == 0 && progress.is_cancelled() {
                    return Err("reading was cancelled".to_owned());
                }
                for (j, value) in row.iter().enumerate() {
                    sparse.push(top + i as u32, left + j as u32, cell_from_data(value))?;
                }
            }
        }
    }
    progress.set(1.0);
    sparse.grid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_a_spreadsheet_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16_383), "XFD");
    }

    #[test]
    fn encodings_are_detected() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa,b"), Encoding::Utf8);
        assert_eq!(detect_encoding("Caf\u{e9},b".as_bytes()), Encoding::Utf8);
        assert_eq!(detect_encoding(b"Caf\xe9,\xa3300"), Encoding::Windows1252);
        assert_eq!(detect_encoding(b"\xFF\xFEa\0,\0b\0"), Encoding::Utf16Le);
        assert_eq!(detect_encoding(b"a\0,\0b\0\r\0\n\0"), Encoding::Utf16Le);
        assert_eq!(decode(b"\xa3300", Encoding::Windows1252), "£300");
    }

    #[test]
    fn delimiters_are_detected_outside_quotes() {
        assert_eq!(
            detect_delimiter("a;b;c\n1;\"2,5\";3\n"),
            Delimiter::Semicolon
        );
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), Delimiter::Tab);
        assert_eq!(detect_delimiter("a|b\n1|2\n"), Delimiter::Pipe);
        assert_eq!(detect_delimiter("one column\nvalue\n"), Delimiter::Comma);
    }

    #[test]
    fn row_numbers_follow_the_spreadsheet() {
        let text = "h1,h2\r\n\"two\r\nlines\",x\r\n\r\nlast,y\r\n";
        let grid = read_text(text, Delimiter::Comma, &Progress::default()).unwrap();
        let numbers: Vec<u32> = grid.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![1, 2, 4]);
        let text = "\nh1,h2\n\"a\nb\nc\",x\nlast,y\n";
        let grid = read_text(text, Delimiter::Comma, &Progress::default()).unwrap();
        let numbers: Vec<u32> = grid.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![2, 3, 4]);
    }

    #[test]
    fn a_text_file_named_xls_is_read_as_text_and_a_web_page_is_named() {
        let s = Source::from_bytes("export.xls", b"Post No\tFTE\nP1\t1\n".to_vec()).unwrap();
        assert_eq!(s.format, Format::Text);
        let grid = s
            .grid(&ReadSettings::default(), &Progress::default())
            .unwrap();
        assert_eq!(grid.rows[1].cells[1], Cell::Text("1".into()));
        let err = Source::from_bytes(
            "export.xls",
            b"<html><table><tr><td>x</td></tr></table></html>".to_vec(),
        )
        .unwrap_err();
        assert!(err.contains("web page"), "{err}");
        let err = Source::from_bytes("broken.xlsx", b"PK\x03\x04garbage".to_vec()).unwrap_err();
        assert!(err.contains("save it from Excel"), "{err}");
    }

    #[test]
    fn blank_columns_are_dropped_and_letters_kept() {
        let text = "a,,c\n1,,3\n";
        let grid = read_text(text, Delimiter::Comma, &Progress::default()).unwrap();
        assert_eq!(grid.columns, vec![0, 2]);
        assert_eq!(grid.letter(1), "C");
    }

    #[test]
    fn absurd_shapes_are_refused_quickly() {
        let wide = ",".repeat(MAX_COLUMNS + 5);
        let err = read_text(&wide, Delimiter::Comma, &Progress::default()).unwrap_err();
        assert!(err.contains("columns"), "{err}");
        let big = format!("a\n{}\n", "x".repeat(MAX_CELL_CHARS + 1));
        let err = read_text(&big, Delimiter::Comma, &Progress::default()).unwrap_err();
        assert!(err.contains("row 2, column A"), "{err}");
    }
}
