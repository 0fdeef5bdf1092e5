//! Development measurements of the reStructuredText reader over a folder of
//! pages (never run by default; nothing here reads outside the repository
//! unless asked):
//!
//! ```sh
//! RST_CORPUS=/path/to/otc-rst cargo test -p generator --test rst_corpus -- --ignored --nocapture
//! RST_DUMP=/path/to/page.rst cargo test -p generator --test rst_corpus dump -- --ignored --nocapture
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::ingest::{self, Format, Node, NodeKind};
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rst") {
            out.push(p);
        }
    }
}

fn print_nodes(nodes: &[Node]) {
    for n in nodes {
        match &n.kind {
            NodeKind::Table(t) => {
                println!("{:?} TABLE label={:?} caption={:?} anchors={:?}", n.line, t.label, t.caption, t.anchors);
                println!("   header: {:?}", t.header.iter().map(|c| c.text()).collect::<Vec<_>>());
                for r in &t.rows {
                    println!(
                        "   {:?} {:?} links={:?}",
                        r.line,
                        r.cells.iter().map(|c| c.text()).collect::<Vec<_>>(),
                        r.cells.iter().flat_map(|c| c.links()).map(|l| &l.href).collect::<Vec<_>>()
                    );
                }
            }
            k => println!("{:?} {:?}", n.line, k),
        }
    }
}

#[test]
#[ignore]
fn dump() {
    let path = std::env::var("RST_DUMP").expect("RST_DUMP=page.rst");
    let src = std::fs::read_to_string(path).unwrap();
    print_nodes(&ingest::read_str("page.rst", &src, Format::Rst).nodes);
}

/// Count pages, tables, rows and type-cell links; compare rows with the `+---` row separators of the source.
#[test]
#[ignore]
fn corpus_counts() {
    let root = PathBuf::from(std::env::var("RST_CORPUS").expect("RST_CORPUS=folder"));
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let (mut tables, mut rows, mut header_rows, mut links, mut type_links, mut resolved) = (0, 0, 0, 0, 0, 0);
    let mut mismatched = Vec::new();
    let mut unresolved = Vec::new();
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        bytes += src.len();
        let doc = ingest::read_str("p.rst", &src, Format::Rst);
        let ts: Vec<_> = ingest::model::tables(&doc.nodes);
        let anchors: std::collections::HashSet<&str> =
            ts.iter().flat_map(|t| t.anchors.iter().map(String::as_str)).collect();
        // Source: grid rows = separator lines (`+---`/`+===`) minus one per table; simple-table rows are not counted.
        let mut expected = 0usize;
        let mut in_table = false;
        for line in src.lines() {
            let t = line.trim();
            if t.starts_with("+-") || t.starts_with("+=") {
                if in_table {
                    expected += 1;
                }
                in_table = true;
            } else if !t.starts_with('|') {
                in_table = false;
            }
        }
        let simple = src.lines().any(|l| {
            let t = l.trim();
            t.starts_with("==") && t.contains(' ') && t.bytes().all(|b| b == b'=' || b == b' ')
        });
        let mut got = 0;
        for t in &ts {
            tables += 1;
            rows += t.rows.len();
            got += t.rows.len() + usize::from(!t.header.is_empty());
            header_rows += usize::from(!t.header.is_empty());
            let type_col = t.header.iter().position(|c| c.text() == "Type");
            for r in &t.rows {
                for (i, c) in r.cells.iter().enumerate() {
                    for l in c.links() {
                        links += 1;
                        if Some(i) == type_col {
                            type_links += 1;
                            if l.href.strip_prefix('#').is_some_and(|a| anchors.contains(a)) {
                                resolved += 1;
                            } else if unresolved.len() < 10 {
                                unresolved.push(format!("{}: {} -> {}", f.display(), c.text(), l.href));
                            }
                        }
                    }
                }
            }
        }
        if !simple && got != expected {
            mismatched.push(format!("{}: {} rows read, {} in source", f.display(), got, expected));
        }
    }
    println!(
        "pages {} ({} MB in {:?}), tables {tables}, body rows {rows}, header rows {header_rows}, links {links}, type-cell links {type_links} ({resolved} resolve to a table anchor on the page)",
        files.len(),
        bytes / 1_000_000,
        started.elapsed()
    );
    println!("type-cell links not resolving on their page (first 10):");
    for u in &unresolved {
        println!("  {u}");
    }
    println!("pages whose grid rows differ from the source: {}", mismatched.len());
    for m in mismatched.iter().take(20) {
        println!("  {m}");
    }
}
