//! Grid tables (`+---+---+` borders, `+===+` under the header).
//!
//! The cells are found the way docutils finds them: from each top-left corner
//! follow the top edge right to a `+`, the right edge down to a `+`, and check
//! the bottom and left edges back, so row and column spans come out as
//! rectangles. Columns are counted in display width (East Asian wide
//! characters take two), lines shorter than the top border are padded with
//! spaces. When the borders do not form a complete grid (ragged or truncated
//! tables, a missing `+` or `|`), the table is read line by line instead: rows
//! end at border lines and every line is cut at the `+` columns of the top
//! border, without spans.

use super::lines::Ln;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Tables wider than this many columns keep the first ones (the last takes the rest of the line).
pub const MAX_COLS: usize = 256;

/// A table as cells with their spans, before cell content is read.
#[derive(Debug, Default)]
pub(crate) struct RawTable<'a> {
    /// Leading rows that form the header.
    pub header_rows: usize,
    pub ncols: usize,
    pub rows: Vec<RawRow<'a>>,
    /// Whether the borders formed a complete grid (else the table was read line by line).
    #[cfg_attr(not(test), allow(dead_code))]
    pub exact: bool,
}

#[derive(Debug, Default)]
pub(crate) struct RawRow<'a> {
    /// Source line of the row's first content line.
    pub line: usize,
    pub cells: Vec<RawCell<'a>>,
}

#[derive(Debug, Default)]
pub(crate) struct RawCell<'a> {
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    /// The cell's lines (without the borders), to be read as RST body.
    pub lines: Vec<Ln<'a>>,
}

/// Is this (trimmed) line a grid table border (`+---+`, `+===+`)?
pub fn is_border(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 3
        && b.first() == Some(&b'+')
        && matches!(b.get(1), Some(b'-' | b'='))
        && b.iter().all(|c| matches!(c, b'+' | b'-' | b'='))
}

/// Read the lines of a grid table (each starting with `+` or `|`, indentation removed).
pub(crate) fn parse<'a>(lines: &[Ln<'a>]) -> RawTable<'a> {
    let glines: Vec<GLine<'a>> = lines.iter().map(|l| GLine::new(super::lines::trim_end(l.text), l.no)).collect();
    regular(&glines).or_else(|| exact(&glines)).unwrap_or_else(|| by_lines(&glines))
}

/// A grid without spans, the common case, in one pass: every line that starts with `+` repeats
/// the top border (`=` for `-` on the header line), every other line has `|` at each of its `+`
/// columns, the last line is a border. For such a grid the corner scan finds exactly these
/// cells, so this gives the same table; anything else (`None`) goes to [`exact`].
fn regular<'a>(lines: &[GLine<'a>]) -> Option<RawTable<'a>> {
    let top: &[u8] = &lines.first()?.glyphs;
    let plain = top.len() >= 3
        && top.first() == Some(&b'+')
        && top.last() == Some(&b'+')
        && top.iter().all(|&c| c == b'+' || c == b'-')
        && !top.windows(2).any(|w| w == b"++");
    if !plain || lines.len() < 2 || lines.last().is_some_and(|l| l.at(0) != b'+') {
        return None;
    }
    let seps: Vec<usize> = top.iter().enumerate().filter(|(_, &c)| c == b'+').map(|(i, _)| i).collect();
    if seps.len() - 1 > MAX_COLS {
        return None;
    }
    let head = lines.iter().skip(1).position(|l| l.at(0) == b'+' && l.glyphs.contains(&b'=')).map(|p| p + 1);
    let mut borders = vec![0];
    for (i, l) in lines.iter().enumerate().skip(1) {
        let g: &[u8] = &l.glyphs;
        let fits = if g.first() == Some(&b'+') {
            borders.push(i);
            let g = g.get(..top.len())?;
            g == top || (Some(i) == head && g.iter().zip(top).all(|(&c, &t)| c == t || (c == b'=' && t == b'-')))
        } else {
            seps.iter().all(|&s| g.get(s) == Some(&b'|'))
        };
        if !fits {
            return None;
        }
    }
    let header_rows = head.and_then(|h| borders.iter().position(|&b| b == h)).unwrap_or(0);
    let cell = |body: &[GLine<'a>], col: usize, from: usize, to: usize| RawCell {
        col,
        colspan: 1,
        rowspan: 1,
        lines: body.iter().map(|g| Ln::new(g.slice(from + 1, to), g.no, 0)).collect(),
    };
    let rows = borders
        .windows(2)
        .filter_map(|w| {
            let &[t, b] = w else { return None };
            let body = lines.get(t + 1..b).unwrap_or(&[]);
            let cells = seps
                .windows(2)
                .enumerate()
                .filter_map(|(col, s)| if let &[from, to] = s { Some(cell(body, col, from, to)) } else { None })
                .collect();
            Some(RawRow { line: lines.get(t + 1).map_or(0, |l| l.no), cells })
        })
        .collect();
    Some(RawTable { header_rows, ncols: seps.len() - 1, rows, exact: true })
}

/// A table line as one byte per display column (`x` stands for any non-ASCII character).
struct GLine<'a> {
    text: &'a str,
    no: usize,
    glyphs: Cow<'a, [u8]>,
    /// Byte offset in `text` of each column (non-ASCII lines only), plus the end.
    map: Option<Vec<usize>>,
}

impl<'a> GLine<'a> {
    fn new(text: &'a str, no: usize) -> Self {
        if text.is_ascii() {
            return GLine { text, no, glyphs: Cow::Borrowed(text.as_bytes()), map: None };
        }
        let mut glyphs = Vec::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (at, ch) in text.char_indices() {
            if ch.is_ascii() {
                glyphs.push(ch as u8);
                map.push(at);
            } else {
                for _ in 0..display_width(ch) {
                    glyphs.push(b'x');
                    map.push(at);
                }
            }
        }
        map.push(text.len());
        GLine { text, no, glyphs: Cow::Owned(glyphs), map: Some(map) }
    }

    fn at(&self, col: usize) -> u8 {
        self.glyphs.get(col).copied().unwrap_or(b' ')
    }

    fn width(&self) -> usize {
        self.glyphs.len()
    }

    fn byte(&self, col: usize) -> usize {
        match &self.map {
            None => col.min(self.text.len()),
            Some(m) => m.get(col).copied().unwrap_or(self.text.len()),
        }
    }

    /// The text of columns `from..to` (clamped to the line).
    fn slice(&self, from: usize, to: usize) -> &'a str {
        let (a, b) = (self.byte(from), self.byte(to));
        if a >= b {
            return "";
        }
        self.text.get(a..b).unwrap_or("")
    }
}

/// Display width: 2 for East Asian wide and full-width characters, else 1.
pub(crate) fn display_width(c: char) -> usize {
    let c = c as u32;
    let wide = matches!(c,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// The docutils corner scan; `None` when the borders do not form a complete grid.
fn exact<'a>(lines: &[GLine<'a>]) -> Option<RawTable<'a>> {
    let top = lines.first()?;
    if !is_border(std::str::from_utf8(&top.glyphs).ok()?) {
        return None;
    }
    let width = top.width();
    let height = lines.len();
    let total: usize = lines.iter().map(GLine::width).sum();
    // Ragged beyond repair (short lines padded into a huge area): read line by line.
    if height < 2 || width < 2 || height.saturating_mul(width) > total.saturating_mul(2).saturating_add(4096) {
        return None;
    }
    let head = lines.iter().skip(1).position(|l| l.at(0) == b'+' && l.glyphs.contains(&b'=')).map(|p| p + 1);
    let mut scan = Scan {
        lines,
        head,
        right: width - 1,
        bottom: height - 1,
        done: vec![-1; width],
        budget: total.saturating_mul(16).saturating_add(10_000),
    };
    let mut rowseps: BTreeSet<usize> = BTreeSet::from([0]);
    let mut colseps: BTreeSet<usize> = BTreeSet::from([0]);
    let mut cells = Vec::new();
    let mut corners: BTreeSet<(usize, usize)> = BTreeSet::from([(0, 0)]);
    while let Some((t, l)) = corners.pop_first() {
        if t == scan.bottom || l == scan.right || (t as i64) <= scan.done.get(l).copied().unwrap_or(i64::MAX) {
            continue;
        }
        let Some(found) = scan.cell(t, l) else { continue };
        if scan.budget == 0 {
            return None;
        }
        let (b, r) = (found.bottom, found.right);
        rowseps.extend(found.rowseps);
        colseps.extend(found.colseps);
        for col in l..r {
            let d = scan.done.get_mut(col)?;
            if *d != t as i64 - 1 {
                return None;
            }
            *d = b as i64 - 1;
        }
        cells.push((t, l, b, r));
        corners.insert((t, r));
        corners.insert((b, l));
    }
    if scan.budget == 0 || scan.done.iter().take(scan.right).any(|&d| d != scan.bottom as i64 - 1) {
        return None;
    }
    let rows: Vec<usize> = rowseps.into_iter().collect();
    let cols: Vec<usize> = colseps.into_iter().collect();
    let ncols = cols.len().saturating_sub(1);
    if ncols == 0 || ncols > MAX_COLS {
        return None;
    }
    let row_of = |sep: usize| rows.binary_search(&sep).ok();
    let col_of = |sep: usize| cols.binary_search(&sep).ok();
    let nrows = rows.len().saturating_sub(1);
    let mut out: Vec<RawRow<'a>> = rows
        .iter()
        .take(nrows)
        .map(|&sep| RawRow { line: lines.get(sep + 1).map_or(0, |l| l.no), cells: Vec::new() })
        .collect();
    for (t, l, b, r) in cells {
        let (row, last_row, col, last_col) = (row_of(t)?, row_of(b)?, col_of(l)?, col_of(r)?);
        let cell_lines =
            lines.get(t + 1..b).unwrap_or(&[]).iter().map(|g| Ln::new(g.slice(l + 1, r), g.no, 0)).collect();
        out.get_mut(row)?.cells.push(RawCell {
            col,
            colspan: last_col.saturating_sub(col).max(1),
            rowspan: last_row.saturating_sub(row).max(1),
            lines: cell_lines,
        });
    }
    for row in &mut out {
        row.cells.sort_by_key(|c| c.col);
    }
    let header_rows = head.and_then(row_of).unwrap_or(0);
    Some(RawTable { header_rows, ncols, rows: out, exact: true })
}

struct Scan<'s, 'a> {
    lines: &'s [GLine<'a>],
    /// The `+===+` line, read as `+---+`.
    head: Option<usize>,
    right: usize,
    bottom: usize,
    /// Per column, the last line already covered by a cell.
    done: Vec<i64>,
    /// Steps left; a hostile grid cannot make the scan slow.
    budget: usize,
}

struct Found {
    bottom: usize,
    right: usize,
    rowseps: Vec<usize>,
    colseps: Vec<usize>,
}

impl Scan<'_, '_> {
    fn at(&mut self, line: usize, col: usize) -> u8 {
        self.budget = self.budget.saturating_sub(1);
        let c = self.lines.get(line).map_or(b' ', |l| l.at(col));
        if c == b'=' && Some(line) == self.head {
            b'-'
        } else {
            c
        }
    }

    fn cell(&mut self, top: usize, left: usize) -> Option<Found> {
        if self.at(top, left) != b'+' {
            return None;
        }
        // Right along the top edge.
        let mut colseps = Vec::new();
        for i in left + 1..=self.right {
            if self.budget == 0 {
                return None;
            }
            match self.at(top, i) {
                b'+' => {
                    colseps.push(i);
                    if let Some(mut found) = self.down(top, left, i) {
                        found.colseps.extend(colseps);
                        return Some(found);
                    }
                }
                b'-' => {}
                _ => return None,
            }
        }
        None
    }

    /// Down the right edge at column `right`.
    fn down(&mut self, top: usize, left: usize, right: usize) -> Option<Found> {
        let mut rowseps = Vec::new();
        for i in top + 1..=self.bottom {
            if self.budget == 0 {
                return None;
            }
            match self.at(i, right) {
                b'+' => {
                    rowseps.push(i);
                    if let Some((more_rows, colseps)) = self.left(top, left, i, right) {
                        rowseps.extend(more_rows);
                        return Some(Found { bottom: i, right, rowseps, colseps });
                    }
                }
                b'|' => {}
                _ => return None,
            }
        }
        None
    }

    /// Back along the bottom edge, then up the left edge.
    fn left(&mut self, top: usize, left: usize, bottom: usize, right: usize) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut colseps = Vec::new();
        for i in (left + 1..right).rev() {
            match self.at(bottom, i) {
                b'+' => colseps.push(i),
                b'-' => {}
                _ => return None,
            }
        }
        if self.at(bottom, left) != b'+' {
            return None;
        }
        let mut rowseps = Vec::new();
        for i in (top + 1..bottom).rev() {
            match self.at(i, left) {
                b'+' => rowseps.push(i),
                b'|' => {}
                _ => return None,
            }
        }
        Some((rowseps, colseps))
    }
}

/// Line by line: rows end at border lines, columns are the top border's `+` positions.
fn by_lines<'a>(lines: &[GLine<'a>]) -> RawTable<'a> {
    let mut bounds: Vec<usize> = lines
        .iter()
        .find(|l| l.at(0) == b'+')
        .map(|l| l.glyphs.iter().enumerate().filter(|(_, c)| **c == b'+').map(|(i, _)| i).collect())
        .unwrap_or_default();
    if bounds.first() != Some(&0) {
        bounds.insert(0, 0);
    }
    bounds.truncate(MAX_COLS);
    // The last column takes the rest of every line (ragged lines, truncated tables).
    if bounds.len() < 2 {
        bounds.push(usize::MAX);
    } else if lines.iter().any(|l| l.width() > bounds.last().copied().unwrap_or(0) + 1) {
        if let Some(last) = bounds.last_mut() {
            *last = usize::MAX;
        }
    }
    let ncols = bounds.len() - 1;
    let mut table = RawTable { ncols, ..Default::default() };
    let mut row: Option<RawRow<'a>> = None;
    for l in lines {
        if l.at(0) == b'+' && is_border(l.text) || (l.at(0) == b'+' && !l.glyphs.contains(&b'|')) {
            if let Some(r) = row.take() {
                table.rows.push(r);
            }
            if l.glyphs.contains(&b'=') && table.header_rows == 0 {
                table.header_rows = table.rows.len();
            }
            continue;
        }
        let r = row.get_or_insert_with(|| RawRow {
            line: l.no,
            cells: (0..ncols).map(|col| RawCell { col, colspan: 1, rowspan: 1, lines: Vec::new() }).collect(),
        });
        for (cell, w) in r.cells.iter_mut().zip(bounds.windows(2)) {
            if let [from, to] = *w {
                let mut text = l.slice(from + 1, to);
                if to == usize::MAX {
                    text = text.trim_end().strip_suffix('|').unwrap_or(text);
                }
                cell.lines.push(Ln::new(text, l.no, 0));
            }
        }
    }
    table.rows.extend(row);
    table
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn glines(src: &str) -> Vec<GLine<'_>> {
        src.lines().enumerate().map(|(i, l)| GLine::new(l.trim_end(), i + 1)).collect()
    }

    /// The one-pass reading of a span-free grid is the corner scan's result, field for field.
    #[test]
    fn regular_grids_read_as_the_corner_scan_reads_them() {
        let grids = [
            "+----+-----+\n| a  | b   |\n+====+=====+\n| c  | d   |\n| e  |     |\n+----+-----+\n| 名 | f   |\n+----+-----+",
            "+---+\n| x |\n+---+",
            "+---+---+\n| a | b | trailing text\n+---+---+---\n| c | d |\n+---+---+",
            "+---+---+\n+---+---+\n| a | b |\n+---+---+",
            "+---+---+\n| a | b |\n+===+---+\n| c | d |\n+---+---+",
            "+---+---+\n| a | b |\n+---+---+\n| c | d |\n+===+===+",
        ];
        for src in grids {
            let lines = glines(src);
            let fast = regular(&lines).map(|t| format!("{t:?}"));
            assert!(fast.is_some(), "{src}");
            assert_eq!(fast, exact(&lines).map(|t| format!("{t:?}")), "{src}");
        }
    }

    /// Spans, damaged borders and `+` inside rows are left to the corner scan or the line reader.
    #[test]
    fn grids_with_spans_or_damage_are_not_regular() {
        let others = [
            "+---+---+\n| a     |\n+---+---+\n| c | d |\n+---+---+",
            "+---+---+\n| a | b |\n+---+   +\n| c |   |\n+---+---+",
            "+---+---+\n| a | b |\n| c | d",
            "+---+---+\n| a | b\n+---+---+",
            "+---+---+\n| a | b |\n+===+===+\n| c | d |\n+===+===+",
            "+---++---+\n| a || b |\n+---++---+",
            "+===+===+\n| a | b |\n+===+===+",
        ];
        for src in others {
            assert!(regular(&glines(src)).is_none(), "{src}");
        }
    }
}
