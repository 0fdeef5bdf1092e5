//! The stages wired together: pages on disk -> IR -> OpenAPI (+ overrides).

use crate::diagnostics::{Code, Diagnostic};
use crate::extract::{self, ir::Page};
use crate::ingest::{self, Document};
use crate::spec::build::{self, ServiceInfo};
use crate::spec::openapi::OpenApi;
use crate::spec::overrides::Overrides;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Extensions read when a folder is given.
pub const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "md", "markdown", "txt", "rst"];

/// Files beside the pages that say where they come from (`spec/<service>/docs/SOURCE.md`): not
/// pages, so a folder is read the same with or without them.
pub const PROVENANCE_FILES: &[&str] = &["SOURCE.md"];

/// A page to read: where it is, and the name used in diagnostics and `x-source`.
#[derive(Debug, Clone)]
pub struct PageFile {
    pub path: PathBuf,
    pub display: String,
}

/// Files named directly, and the pages under folders (recursive, sorted).
pub fn collect_pages(inputs: &[PathBuf]) -> Result<Vec<PageFile>, Diagnostic> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk_dir(input, &mut found).map_err(|e| {
                Diagnostic::new(Code::E0101, input.display().to_string(), format!("cannot list folder: {e}"))
            })?;
            found.sort();
            out.extend(found.into_iter().map(|p| {
                let display = p.strip_prefix(input).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                PageFile { path: p, display }
            }));
        } else {
            out.push(PageFile { path: input.clone(), display: input.to_string_lossy().replace('\\', "/") });
        }
    }
    Ok(out)
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk_dir(&path, out)?;
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| PROVENANCE_FILES.contains(&n)) {
            continue;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Read and extract every page, in parallel; results keep the input order.
pub fn extract_pages(files: &[PageFile]) -> (Vec<Page>, Vec<Diagnostic>) {
    let (_, pages, diags) = read_and_extract(files, false);
    (pages, diags)
}

/// Like [`extract_pages`], keeping the documents too (for the coverage report).
pub fn extract_pages_with_docs(files: &[PageFile]) -> (Vec<Document>, Vec<Page>, Vec<Diagnostic>) {
    read_and_extract(files, true)
}

fn read_and_extract(files: &[PageFile], keep_docs: bool) -> (Vec<Document>, Vec<Page>, Vec<Diagnostic>) {
    type Read = (Option<(Option<Document>, Page)>, Vec<Diagnostic>);
    let results: Vec<Read> = files
        .par_iter()
        .map(|f| match ingest::read_file(&f.path, &f.display) {
            Ok((doc, mut diags)) => {
                let (page, more) = extract::extract(&doc);
                diags.extend(more);
                (Some((keep_docs.then_some(doc), page)), diags)
            }
            Err(d) => (None, vec![d]),
        })
        .collect();
    let mut docs = Vec::new();
    let mut pages = Vec::new();
    let mut diags = Vec::new();
    for (read, d) in results {
        if let Some((doc, page)) = read {
            docs.extend(doc);
            pages.push(page);
        }
        diags.extend(d);
    }
    (docs, pages, diags)
}

/// Pages -> spec, with overrides applied.
pub fn build_spec(pages: &[Page], info: &ServiceInfo, overrides: Option<(&str, &str)>) -> (OpenApi, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let overrides = overrides.map(|(file, text)| (file, Overrides::parse(file, text)));
    let mut pages = pages.to_vec();
    if let Some((file, Ok(o))) = &overrides {
        diags.extend(crate::spec::link_tables::apply(&o.link_table, &mut pages, file));
    }
    let pages = crate::spec::merge::merge_languages(pages, &mut diags);
    let mut spec = build::build(&pages, info, &mut diags);
    match overrides {
        Some((file, Ok(o))) => diags.extend(o.apply(&mut spec, file)),
        Some((_, Err(d))) => diags.push(d),
        None => {}
    }
    // After the overrides: a changed type is what a default must fit.
    crate::spec::defaults::check(&mut spec, &mut diags);
    // Last: the links follow the final shapes of the answers.
    crate::spec::waiters::annotate(&mut spec);
    (spec, diags)
}
