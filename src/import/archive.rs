//! Workbooks built to hurt: an .xlsx or .ods is a zip archive of XML, and a few kilobytes of it
//! can inflate to gigabytes, or state a hundred million cells, before a reader that trusts it
//! has checked anything. Before calamine opens a workbook, its archive is walked once, streaming:
//! each part's declared size, the inflated bytes it really holds (stopping at the first byte past
//! what it declared), the cells of each sheet and the shared strings, each against a limit, and
//! the walk stops as soon as one is passed. The limits are listed in docs/guide.md, "Importing establishments".

use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::source::{MAX_CELL_CHARS, MAX_CELLS};

/// The most an archive may inflate to, all its parts together: a sheet of 200,000 posts with 50
/// columns is about 300 MB of XML; an establishment export is a tenth of that.
pub const MAX_INFLATED_BYTES: u64 = 320 * 1024 * 1024;

/// Checks a workbook's archive against the limits before anything reads it whole. `name` is the
/// file's name for messages.
pub fn check(name: &str, bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!(
            "{name} is not a workbook that can be read ({e}); save it from Excel as .xlsx or as CSV"
        )
    })?;
    let refuse = |what: String| {
        format!(
            "{name} was not read: {what}. Save the establishment from the spreadsheet again as .xlsx or CSV with only the corporate services' posts"
        )
    };
    // What the archive declares, before inflating a byte.
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| refuse(format!("its archive is damaged ({e})")))?;
        declared = declared.saturating_add(part.size());
        if declared > MAX_INFLATED_BYTES {
            return Err(refuse(format!(
                "it says it unpacks to more than {} MB, the limit for an establishment workbook",
                MAX_INFLATED_BYTES / (1024 * 1024)
            )));
        }
    }
    // What it holds, part by part, never more than a part declared.
    let mut cells = Count::default();
    for i in 0..archive.len() {
        let part = archive
            .by_index(i)
            .map_err(|e| refuse(format!("its archive is damaged ({e})")))?;
        let part_name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let size = part.size();
        let kind = Part::of(&part_name);
        let mut limited = Counted {
            inner: part.take(size.saturating_add(1)),
            read: 0,
        };
        let scanned = match kind {
            Part::Other => std::io::copy(&mut limited, &mut std::io::sink())
                .map(|_| ())
                .map_err(|e| Scan::Damaged(e.to_string())),
            kind => scan(&mut limited, kind, &mut cells),
        };
        // The zip reader itself stops at the first byte past the declared size; this reader's
        // count is the check should it not.
        let overflowed = limited.read > size
            || matches!(&scanned, Err(Scan::Damaged(e)) if e.contains("declared uncompressed size"));
        if overflowed {
            return Err(refuse(format!(
                "its part {part_name} holds more than the {size} bytes it declares (a damaged file, or one built to exhaust memory)"
            )));
        }
        match scanned {
            Ok(()) => {}
            Err(Scan::Limit(what)) => return Err(refuse(what)),
            // XML this scan cannot follow is left to the workbook reader to judge; its bytes are
            // still counted.
            Err(Scan::Damaged(_)) => {
                std::io::copy(&mut limited, &mut std::io::sink())
                    .map_err(|e| refuse(format!("its part {part_name} is damaged ({e})")))?;
                if limited.read > size {
                    return Err(refuse(format!(
                        "its part {part_name} holds more than the {size} bytes it declares (a damaged file, or one built to exhaust memory)"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// The parts whose contents are counted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Any XML part of an .xlsx (a sheet may be named anything its relationships say): its `c`
    /// (cell) and `si` (shared text) elements.
    Xml,
    /// An .ods's content: its cells with a value, times their repeats.
    OdsContent,
    Other,
}

impl Part {
    fn of(name: &str) -> Self {
        let xml = std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
        if name.eq_ignore_ascii_case("content.xml") {
            Self::OdsContent
        } else if xml {
            Self::Xml
        } else {
            Self::Other
        }
    }
}

/// Cells and shared strings seen so far, over every part.
#[derive(Default)]
struct Count {
    cells: u64,
    strings: u64,
}

enum Scan {
    Limit(String),
    Damaged(String),
}

/// A reader that counts what passes through it.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// The cells an .xlsx part names (empty ones too: each costs the reader time), or an .ods
/// content's cells with a value times their rows' and columns' repeats, and how far its sheets
/// reach (rows times columns: an .ods sheet is read whole, so its reach is what it costs).
fn scan(part: &mut impl Read, kind: Part, count: &mut Count) -> Result<(), Scan> {
    let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, part));
    let mut buf = Vec::with_capacity(64 * 1024);
    let too_many = || {
        Scan::Limit(format!(
            "it holds more than {} cells, more than any establishment export",
            crate::format::thousands(MAX_CELLS as u64)
        ))
    };
    // The .ods row being read: its repeats, and the columns reached in it.
    let mut row_repeats: u64 = 1;
    let mut column: u64 = 0;
    let mut rows: u64 = 0;
    let mut widest: u64 = 0;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Scan::Damaged(e.to_string()))?;
        match (&event, kind) {
            (Event::Eof, _) => break,
            (Event::Start(e) | Event::Empty(e), Part::Xml) if e.local_name().as_ref() == "c" => {
                count.cells += 1;
                if count.cells > MAX_CELLS as u64 {
                    return Err(too_many());
                }
            }
            (Event::Start(e) | Event::Empty(e), Part::Xml) if e.local_name().as_ref() == "si" => {
                count.strings += 1;
                if count.strings > MAX_CELLS as u64 {
                    return Err(Scan::Limit(format!(
                        "it holds more than {} different texts, more than any establishment export",
                        crate::format::thousands(MAX_CELLS as u64)
                    )));
                }
            }
            (Event::Text(t), _) if t.len() > 4 * MAX_CELL_CHARS => {
                return Err(Scan::Limit(format!(
                    "a cell holds {} MB of text, more than a spreadsheet cell can",
                    t.len() / (1024 * 1024)
                )));
            }
            (Event::Start(e) | Event::Empty(e), Part::OdsContent) => match e.name().as_ref() {
                "table:table" => {
                    rows = 0;
                    widest = 0;
                }
                "table:table-row" => {
                    row_repeats = repeats(e, "table:number-rows-repeated").max(1);
                    column = 0;
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(e, "table:number-columns-repeated").max(1);
                    column = column.saturating_add(n);
                    let valued = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == "office:value-type");
                    if valued {
                        count.cells = count.cells.saturating_add(n.saturating_mul(row_repeats));
                        widest = widest.max(column);
                        // Rows up to this one, each as wide as the widest: what the reader
                        // lays out.
                        let reach = rows.saturating_add(row_repeats).saturating_mul(widest);
                        if count.cells > MAX_CELLS as u64 || reach > MAX_CELLS as u64 {
                            return Err(too_many());
                        }
                    }
                }
                _ => {}
            },
            (Event::End(e), Part::OdsContent) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(row_repeats);
                row_repeats = 1;
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// A repeat count attribute, 1 when absent or unreadable (the reader then refuses the file).
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}
