//! Simple tables: `=====  =====` borders, an optional second border under the
//! header rows, a closing border followed by a blank line. Columns are the runs
//! of `=` in the top border (the last column takes the rest of the line); a
//! line whose first column is blank continues the row above; `-----` column
//! span underlines are skipped (spans are not expanded). An unclosed table
//! ends at its last border, or at the first blank line without one.

use super::grid::{RawCell, RawRow, RawTable, MAX_COLS};
use super::lines::Ln;

/// Is this (trimmed) line a simple table border (`===  ===`)?
pub fn is_border(t: &str) -> bool {
    !t.is_empty() && t.starts_with('=') && t.bytes().all(|b| b == b'=' || b == b' ')
}

/// The table starting with the border at `lines[start]`, indented by `ind`;
/// also the index of the line after it.
pub(crate) fn parse<'a>(lines: &[Ln<'a>], start: usize, ind: usize) -> (RawTable<'a>, usize) {
    let rel = |l: &Ln<'a>| -> &'a str { l.text.get(ind.saturating_sub(l.col)..).unwrap_or("").trim_end() };
    let Some(top) = lines.get(start) else { return (RawTable::default(), start + 1) };
    let mut cols: Vec<usize> = Vec::new();
    let mut prev = b' ';
    for (i, b) in rel(top).bytes().enumerate() {
        if b == b'=' && prev == b' ' {
            cols.push(i);
        }
        prev = b;
    }
    cols.truncate(MAX_COLS);
    if cols.is_empty() {
        cols.push(0);
    }
    let mut borders = vec![start];
    let mut end = None;
    let mut first_blank = None;
    let mut j = start + 1;
    while let Some(l) = lines.get(j) {
        if l.is_blank() {
            first_blank.get_or_insert(j);
            j += 1;
            continue;
        }
        if l.indent() < ind {
            break;
        }
        if l.indent() == ind && is_border(rel(l)) {
            borders.push(j);
            if lines.get(j + 1).is_none_or(Ln::is_blank) || borders.len() == 3 {
                end = Some(j);
                break;
            }
        }
        j += 1;
    }
    let (last, next) = match end {
        Some(e) => (e, e + 1),
        None if borders.len() >= 2 => {
            let e = borders.last().copied().unwrap_or(start);
            (e, e + 1)
        }
        None => {
            let e = first_blank.unwrap_or(j);
            (e, e)
        }
    };
    let head_end = if borders.len() >= 3 { borders.get(1).copied() } else { None };
    let mut table = RawTable { ncols: cols.len(), exact: end.is_some(), ..Default::default() };
    let mut current: Option<RawRow<'a>> = None;
    for (idx, l) in lines.iter().enumerate().take(last).skip(start + 1) {
        if Some(idx) == head_end {
            table.rows.extend(current.take());
            table.header_rows = table.rows.len();
            continue;
        }
        let text = rel(l);
        if l.is_blank() {
            if let Some(row) = current.as_mut() {
                for cell in &mut row.cells {
                    cell.lines.push(Ln::new("", l.no, 0));
                }
            }
            continue;
        }
        if text.starts_with('-') && text.bytes().all(|b| b == b'-' || b == b' ') {
            continue;
        }
        let parts = split(text, &cols);
        let continues = parts.first().is_none_or(|p| p.trim().is_empty()) && current.is_some();
        if !continues {
            table.rows.extend(current.take());
        }
        let row = current.get_or_insert_with(|| RawRow {
            line: l.no,
            cells: (0..cols.len()).map(|col| RawCell { col, colspan: 1, rowspan: 1, lines: Vec::new() }).collect(),
        });
        for (cell, part) in row.cells.iter_mut().zip(parts) {
            cell.lines.push(Ln::new(part, l.no, 0));
        }
    }
    table.rows.extend(current);
    (table, next)
}

/// Cut a line at the column starts (display columns; the last column takes the rest).
fn split<'a>(text: &'a str, cols: &[usize]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(cols.len());
    let mut bounds = cols.iter().skip(1).copied().peekable();
    let mut col = 0usize;
    let mut from = 0usize;
    for (at, ch) in text.char_indices() {
        while bounds.peek().is_some_and(|&b| col >= b) {
            out.push(text.get(from..at).unwrap_or(""));
            from = at;
            bounds.next();
        }
        col += if ch.is_ascii() { 1 } else { super::grid::display_width(ch) };
    }
    out.push(text.get(from..).unwrap_or(""));
    out.resize(cols.len(), "");
    out
}
