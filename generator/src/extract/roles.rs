//! Table roles: what each table of a page is (parameters, a body, a nested
//! object, status codes), from its caption and its place on the page.

use super::ir::ParamLocation;
use super::table::Columns;
use super::walk::{is_status_table, Placed, Walk};
use crate::diagnostics::{Code, Diagnostic};
use crate::ingest::{Cell, Table};
use crate::lexicon::{self, Section, TableRole};
use crate::types::{self, TypeExpr};

/// The role of each table, decided from its caption and its place on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Role {
    Param(ParamLocation),
    /// Parameters "in the URI": each row is a path parameter when the path names it, else a query parameter.
    UriParams,
    RequestBody,
    ResponseBody(Option<u16>),
    /// The body of a failed call (`Abnormal response`), whatever its status.
    ErrorBody,
    ResponseHeader(Option<u16>),
    Object {
        response: bool,
    },
    Status,
    Ignored,
}

pub(super) fn place_tables(walk: &Walk<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Role> {
    walk.tables.iter().map(|p| role(p, walk, file, diags)).collect()
}

pub(super) fn role(p: &Placed<'_>, walk: &Walk<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Role {
    let response_side =
        matches!(p.section, Some(Section::ResponseParameters | Section::ResponseExample)) || p.status.is_some();
    if is_status_table(p.table) || p.section == Some(Section::StatusCodes) {
        return Role::Status;
    }
    if p.section == Some(Section::ErrorCodes) {
        return Role::Ignored;
    }
    let by_caption = p.table.caption.as_deref().and_then(lexicon::table_role);
    // Under the URI heading, a table captioned like an object (`Querying parameter description`,
    // `Description`) whose rows are all scalars describes the URI's parameters.
    if p.section == Some(Section::Uri) && by_caption == Some(TableRole::Object) && rows_are_scalars(p.table) {
        return Role::UriParams;
    }
    // A request table of a call without a body (`Optional parameters` of a GET) whose every row
    // the URI names (`{?minDisk={minDisk}&...}`) holds the URI's parameters.
    if p.section == Some(Section::RequestParameters)
        && by_caption == Some(TableRole::Object)
        && is_bodiless(walk)
        && rows_are_scalars(p.table)
        && rows_named_by_uri(p.table, walk)
    {
        return Role::UriParams;
    }
    match by_caption {
        Some(TableRole::Path) => Role::Param(ParamLocation::Path),
        Some(TableRole::Uri) => Role::UriParams,
        Some(TableRole::Query) => Role::Param(ParamLocation::Query),
        Some(TableRole::RequestHeader) => Role::Param(ParamLocation::Header),
        Some(TableRole::RequestBody) => Role::RequestBody,
        Some(TableRole::ResponseHeader) => Role::ResponseHeader(p.status),
        Some(TableRole::Header) if response_side => Role::ResponseHeader(p.status),
        Some(TableRole::Header) => Role::Param(ParamLocation::Header),
        Some(TableRole::Body) if response_side => Role::ResponseBody(p.status),
        Some(TableRole::Body) => Role::RequestBody,
        Some(TableRole::ResponseBody) => Role::ResponseBody(p.status),
        Some(TableRole::ErrorBody) => Role::ErrorBody,
        Some(TableRole::StatusCodes) => Role::Status,
        Some(TableRole::ErrorCodes) => Role::Ignored,
        Some(TableRole::Object) => Role::Object { response: response_side },
        None => uncaptioned_role(p, walk, response_side, file, diags),
    }
}

/// Tables without a caption: placed by the section they are in.
pub(super) fn uncaptioned_role(
    p: &Placed<'_>,
    walk: &Walk<'_>,
    response_side: bool,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Role {
    let bodiless = is_bodiless(walk);
    match p.section {
        Some(Section::Uri) => Role::UriParams,
        Some(Section::RequestParameters) if bodiless => Role::UriParams,
        Some(Section::RequestParameters) => Role::RequestBody,
        _ if response_side => Role::ResponseBody(p.status),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::W0206,
                    file,
                    "table has no caption and is outside the request and response sections; not used",
                )
                .line(p.table.line)
                .hint("give the table a caption such as `Request body parameters`"),
            );
            Role::Ignored
        }
    }
}

/// GET, DELETE and HEAD send no body: their request tables are URI parameters.
fn is_bodiless(walk: &Walk<'_>) -> bool {
    !walk.uris.is_empty() && walk.uris.iter().all(|(m, _, _)| matches!(m.as_str(), "GET" | "DELETE" | "HEAD"))
}

/// Every row of the table is a path or query name of the page's URI.
fn rows_named_by_uri(table: &Table, walk: &Walk<'_>) -> bool {
    let Some(cols) = Columns::from_header(&table.header) else { return false };
    let named = |name: &str| {
        walk.uris.iter().any(|(_, path, _)| path.contains(&format!("{{{name}}}")))
            || walk.uri_queries.iter().flatten().any(|q| q == name)
    };
    !table.rows.is_empty()
        && table.rows.iter().all(|row| {
            let name = row.cells.get(cols.name).map(Cell::text).unwrap_or_default();
            named(name.lines().next().unwrap_or("").trim())
        })
}

pub(super) fn is_response_role(r: &Role) -> bool {
    matches!(r, Role::ResponseBody(_) | Role::ErrorBody | Role::ResponseHeader(_) | Role::Object { response: true })
}

/// Every row's type cell (when the table has one) is a scalar type: no object or array.
fn rows_are_scalars(table: &Table) -> bool {
    let Some(cols) = Columns::from_header(&table.header) else { return false };
    let Some(kind) = cols.kind else { return true };
    table.rows.iter().all(|row| {
        let text = row.cells.get(kind).map(Cell::text).unwrap_or_default();
        types::parse(&text).is_some_and(|t| {
            !matches!(t, TypeExpr::Object | TypeExpr::Named(_) | TypeExpr::Array(_) | TypeExpr::Map(_))
        })
    })
}
