//! Paginated list operations: detection over the lowered model and the
//! `<method>_stream` client method, a `Stream` of items over
//! `hwcloud_runtime::paginate::items` — or, when the page has no single list of
//! structs (the items cannot be identified), `<method>_pages`, a `Stream` of
//! whole pages over `hwcloud_runtime::paginate::pages`, whose length (for the
//! end conditions) is its longest list.
//!
//! An operation is paginated when it has query parameters `offset` (`start_number`, a numeric
//! `start`) + `limit`, `marker` (`next`, a `start` naming an id) + `limit` (`maxitems`) or
//! `page` (`cur_page`) + `per_page` (`page_size`, `limit`, `size`) of integer or text types
//! (the marker a string), and one success response whose struct has a list. The next marker
//! is a field of the page or of an object in it (text or a number), else the id of the last
//! item (the field the marker's docs name). The stream ends on the documented end condition:
//! an empty page, a page shorter than `limit`, the page's `total`/`count` reached, or
//! (marker) no next marker.

use super::model::{Kind, Lowered, Op, Outcome, Param, Payload, Ty};
use super::tokens;
use proc_macro2::TokenStream;
use quote::quote;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// `offset` counts items, or pages when its docs say so (`Start page of the paging list`).
    Offset { offset: String, limit: String, by_page: bool },
    /// `marker`: the id of the last item (or the page's next-marker field).
    Marker { marker: String, limit: String, next: NextMarker },
    /// `page` (1-based) and a page size.
    Page { page: String, size: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextMarker {
    /// A field of the page (`next_marker`), optional or not; `numeric` when the page gives
    /// it as a number (FunctionGraph's `next_marker` is a position), written as text.
    Field { ident: String, required: bool, numeric: bool },
    /// The id of the last item: its `id` string field, or the field the marker's docs name
    /// (`The value is request_id`).
    LastId { ident: String, required: bool },
    /// A field of an object of the page (`page_info.next_marker`, `meta_data.marker`).
    Nested { outer: String, outer_required: bool, ident: String, required: bool, numeric: bool },
    /// The marker parameter (`wire`) in the `href` of the OpenStack paging link with `rel: next`
    /// (`loadbalancers_links`): (ident, required) of the list, of `href` and of `rel`, and
    /// whether `rel` is an enum (`next`, `previous`) rather than a string.
    Link { links: (String, bool), href: (String, bool), rel: (String, bool), rel_enum: bool, wire: String },
}

const NEXT_MARKERS: &[&str] = &["next_marker", "nextmarker", "marker"];

/// Position parameters counting items from 0.
const OFFSETS: &[&str] = &["offset", "start_number"];
/// Position parameters carrying the previous page's marker (CTS calls it `next`).
const MARKERS: &[&str] = &["marker", "next"];
/// Page sizes of the offset and marker styles (FunctionGraph's `maxitems`).
const LIMITS: &[&str] = &["limit", "maxitems"];
/// Page numbers (from 1) and page sizes of the page style.
const PAGES: &[&str] = &["page", "page_no", "pageno", "cur_page"];
const PAGE_SIZES: &[&str] = &["per_page", "page_size", "pagesize", "limit", "size"];
/// Fields giving the total number of items.
const TOTALS: &[&str] =
    &["total", "count", "total_count", "totalcount", "total_number", "total_num", "totalrecord", "total_record"];

fn is_next_marker(f: &super::model::Field) -> bool {
    NEXT_MARKERS.contains(&f.wire.to_ascii_lowercase().as_str()) && matches!(f.ty, Ty::String | Ty::I32 | Ty::I64)
}

/// The words of a parameter's docs (`The value is alarm\_id.` -> `the`, `value`, `is`, `alarm_id`:
/// the docs are Markdown, their underscores escaped).
fn doc_words(p: &Param) -> Vec<String> {
    p.docs
        .join(" ")
        .replace("\\_", "_")
        .to_ascii_lowercase()
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// CES and DMS call the position `start`: an item offset when it is a number ("start value of
/// pagination", typed integer or said to be one), a marker when its docs name an id
/// (`The value is alarm_id`) or it is text in another format (`namespace.metric_name.key:value`).
fn start_is_offset(p: &Param) -> bool {
    let words = doc_words(p);
    let names_id = words.iter().any(|w| w == "id" || w.ends_with("_id"));
    let number = matches!(p.ty, Ty::I32 | Ty::I64) || words.iter().any(|w| w == "integer");
    number && !names_id
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Items {
    pub ident: String,
    pub required: bool,
    pub item: Ty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginated {
    pub style: Style,
    /// The page type and its list field.
    pub page: String,
    /// The page's list of items; `None` when the page has no single list of structs (a
    /// `<method>_pages` stream of whole pages, whose length is its longest list).
    pub items: Option<Items>,
    /// The list fields of the page: (ident, required), for the page's length.
    pub lists: Vec<(String, bool)>,
    /// An integer field with the total number of items, whether it is required and whether it is an `i32`.
    pub total: Option<(String, bool, bool)>,
    /// Parameters: (ident, required, how the number is written).
    pub params: Vec<(String, bool, Num)>,
}

/// How a paging parameter carries its number: most pages type `offset` and `limit` as integers,
/// some as strings (`limit | String | No | Maximum number of records`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Num {
    I32,
    #[default]
    I64,
    Text,
}

impl Num {
    fn of(ty: &Ty) -> Num {
        match ty {
            Ty::I32 => Num::I32,
            Ty::String => Num::Text,
            _ => Num::I64,
        }
    }
}

fn param<'a>(op: &'a Op, names: &[&str], integer: bool) -> Option<&'a Param> {
    op.params.iter().find(|p| {
        names.iter().any(|n| p.wire.eq_ignore_ascii_case(n))
            && if integer { matches!(p.ty, Ty::I32 | Ty::I64 | Ty::String) } else { p.ty == Ty::String }
    })
}

/// The pagination of `op`, if it has one the stream can follow.
pub fn detect(op: &Op, all: &Lowered) -> Option<Paginated> {
    let Outcome::Single(s) = &op.outcome else { return None };
    let Payload::Json(Ty::Named(page)) = &s.payload else { return None };
    let Kind::Struct(fields) = &all.get(page)?.kind else { return None };
    // The OpenStack `servers_links` (`[{href, rel: next}]`) beside `servers` are paging links, not items.
    let is_links = |wire: &str| wire == "links" || wire.ends_with("_links");
    let lists: Vec<_> = fields
        .iter()
        .filter(|f| !is_links(&f.wire))
        .filter(|f| matches!(&f.ty, Ty::Vec(inner) if matches!(inner.as_ref(), Ty::Named(n) if matches!(all.get(n).map(|t| &t.kind), Some(Kind::Struct(_))))))
        .collect();
    let items = match lists.as_slice() {
        [items] => match &items.ty {
            Ty::Vec(item) => {
                Some(Items { ident: items.ident.clone(), required: items.required, item: item.as_ref().clone() })
            }
            _ => None,
        },
        _ => None,
    };
    // Without one list of items the stream yields pages; a page's length is its longest list.
    let all_lists: Vec<(String, bool)> =
        fields.iter().filter(|f| matches!(f.ty, Ty::Vec(_))).map(|f| (f.ident.clone(), f.required)).collect();
    if all_lists.is_empty() {
        return None;
    }
    let total = fields
        .iter()
        .find(|f| TOTALS.contains(&f.wire.to_ascii_lowercase().as_str()) && matches!(f.ty, Ty::I32 | Ty::I64))
        .map(|f| (f.ident.clone(), f.required, f.ty == Ty::I32));
    let limit = param(op, LIMITS, true);
    let start = param(op, &["start"], true);
    let offset = param(op, OFFSETS, true).or(start.filter(|s| start_is_offset(s)));
    let marker = param(op, MARKERS, false).or(start.filter(|s| s.ty == Ty::String && !start_is_offset(s)));
    let mut used = Vec::new();
    let style = if let (Some(o), Some(l)) = (offset, limit) {
        let docs = o.docs.join(" ").to_ascii_lowercase();
        let by_page = docs.contains("page") && !docs.contains("index") || docs.contains("页");
        used.extend([o, l]);
        Style::Offset { offset: o.ident.clone(), limit: l.ident.clone(), by_page }
    } else if let (Some(m), Some(l)) = (marker, limit) {
        let nested = || {
            fields.iter().find_map(|outer| {
                let Ty::Named(n) = &outer.ty else { return None };
                let Some(Kind::Struct(inner)) = all.get(n).map(|t| &t.kind) else { return None };
                inner.iter().find(|f| is_next_marker(f)).map(|f| NextMarker::Nested {
                    outer: outer.ident.clone(),
                    outer_required: outer.required,
                    ident: f.ident.clone(),
                    required: f.required,
                    numeric: f.ty != Ty::String,
                })
            })
        };
        let next = fields
            .iter()
            .find(|f| is_next_marker(f))
            .map(|f| NextMarker::Field { ident: f.ident.clone(), required: f.required, numeric: f.ty != Ty::String })
            .or_else(nested)
            .or_else(|| {
                let Ty::Named(n) = &items.as_ref()?.item else { return None };
                let Some(Kind::Struct(item_fields)) = all.get(n).map(|t| &t.kind) else { return None };
                // The item field the marker's docs name (`The value is request_id`), else `id`.
                let words = doc_words(m);
                let strings = || item_fields.iter().filter(|f| f.ty == Ty::String);
                strings()
                    .find(|f| f.wire != "id" && f.wire.contains('_') && words.contains(&f.wire.to_ascii_lowercase()))
                    .or_else(|| strings().find(|f| f.wire == "id"))
                    .map(|f| NextMarker::LastId { ident: f.ident.clone(), required: f.required })
            })
            .or_else(|| next_link(fields, all, &m.wire))?;
        used.extend([m, l]);
        Style::Marker { marker: m.ident.clone(), limit: l.ident.clone(), next }
    } else if let (Some(p), Some(z)) = (param(op, PAGES, true), param(op, PAGE_SIZES, true)) {
        used.extend([p, z]);
        Style::Page { page: p.ident.clone(), size: z.ident.clone() }
    } else {
        return None;
    };
    Some(Paginated {
        style,
        page: page.clone(),
        items,
        lists: all_lists,
        total,
        params: used.iter().map(|p| (p.ident.clone(), p.required, Num::of(&p.ty))).collect(),
    })
}

/// The OpenStack paging links of a page (`servers_links: [{href, rel}]`), whose `rel: next` entry
/// carries the next marker in its `href`.
fn next_link(fields: &[super::model::Field], all: &Lowered, wire: &str) -> Option<NextMarker> {
    fields.iter().filter(|f| f.wire == "links" || f.wire.ends_with("_links")).find_map(|f| {
        let Ty::Vec(inner) = &f.ty else { return None };
        let Ty::Named(n) = inner.as_ref() else { return None };
        let Some(Kind::Struct(link)) = all.get(n).map(|t| &t.kind) else { return None };
        let href = link.iter().find(|l| l.wire == "href" && l.ty == Ty::String)?;
        let rel = link.iter().find(|l| l.wire == "rel")?;
        let rel_enum = match &rel.ty {
            Ty::String => false,
            Ty::Named(e) if matches!(all.get(e).map(|t| &t.kind), Some(Kind::Enum(_))) => true,
            _ => return None,
        };
        Some(NextMarker::Link {
            links: (f.ident.clone(), f.required),
            href: (href.ident.clone(), href.required),
            rel: (rel.ident.clone(), rel.required),
            rel_enum,
            wire: wire.to_owned(),
        })
    })
}

/// An integer field read as `i64` (`Option<i64>` when optional): `i32` fields are widened,
/// `i64` ones taken as they are (a conversion to the same type is a clippy error).
fn widened(field: TokenStream, required: bool, is_i32: bool) -> TokenStream {
    match (required, is_i32) {
        (true, true) => quote!(i64::from(#field)),
        (false, true) => quote!(#field.map(i64::from)),
        (_, false) => field,
    }
}

/// A next-marker field taken out of the page: cloned when text, copied when a number (a clone
/// of a `Copy` value is a clippy error).
fn owned(ident: &str, numeric: bool) -> TokenStream {
    let f = tokens::ident(ident);
    if numeric {
        quote!(#f)
    } else {
        quote!(#f.clone())
    }
}

/// `.map(|m| m.to_string())` after an `Option` of a numeric next marker: the marker parameter
/// is text.
fn as_text(numeric: bool) -> Option<TokenStream> {
    numeric.then(|| quote!(.map(|m| m.to_string())))
}

/// The `<method>_stream` method of a paginated operation.
pub fn stream_method(op: &Op, p: &Paginated) -> TokenStream {
    let models = quote!(crate::models::);
    let fn_name = tokens::ident(&op.fn_name);
    let suffix = if p.items.is_some() { "stream" } else { "pages" };
    let stream_name = tokens::ident(&super::naming::suffixed_method(&op.fn_name, suffix));
    let request = tokens::ident(&op.request);
    let page = tokens::ident(&p.page);
    let page_ty = quote!(crate::models::#page);
    let info = |ident: &str| p.params.iter().find(|(i, _, _)| i == ident).cloned().unwrap_or_default();
    // A parameter's value as `Option<i64>` (a string parameter parsed), as i64 (0 when unset),
    // and the setter call with a new i64 value.
    let value_opt = |ident: &str| {
        let (_, required, num) = info(ident);
        let id = tokens::ident(ident);
        match (num, required) {
            (Num::Text, true) => quote!(r.#id.trim().parse::<i64>().ok()),
            (Num::Text, false) => quote!(r.#id.as_deref().and_then(|s| s.trim().parse::<i64>().ok())),
            (num, true) => {
                let value = widened(quote!(r.#id), true, num == Num::I32);
                quote!(Some(#value))
            }
            (num, false) => widened(quote!(r.#id), false, num == Num::I32),
        }
    };
    let read = |ident: &str| {
        let (_, required, num) = info(ident);
        if required && num != Num::Text {
            let id = tokens::ident(ident);
            return widened(quote!(r.#id), true, num == Num::I32);
        }
        let value = value_opt(ident);
        quote!(#value.unwrap_or(0))
    };
    let write = |ident: &str, value: TokenStream| {
        let (_, required, num) = info(ident);
        let id = tokens::ident(ident);
        let value = match num {
            Num::I32 => quote!(i32::try_from(#value).unwrap_or(i32::MAX)),
            Num::I64 => value,
            Num::Text => quote!((#value).to_string()),
        };
        if required {
            quote!({ let mut next = r.clone(); next.#id = #value; next })
        } else {
            quote!({ let mut next = r.clone(); next.#id = Some(#value); next })
        }
    };
    let limit_opt = value_opt;
    let len = |ident: &str, required: bool| {
        let id = tokens::ident(ident);
        if required {
            quote!(page.#id.len())
        } else {
            quote!(page.#id.as_ref().map_or(0, Vec::len))
        }
    };
    let count = match &p.items {
        Some(items) => len(&items.ident, items.required),
        None => {
            let lens = p.lists.iter().map(|(i, r)| len(i, *r));
            quote!([#(#lens),*].into_iter().max().unwrap_or(0))
        }
    };
    let total = match &p.total {
        Some((t, required, is_i32)) => {
            let t = tokens::ident(t);
            let value = widened(quote!(page.#t), *required, *is_i32);
            if *required {
                quote!(Some(#value))
            } else {
                value
            }
        }
        None => quote!(None),
    };
    let (how, next) = match &p.style {
        Style::Offset { offset, limit, by_page } => {
            let off = read(offset);
            let lim = limit_opt(limit);
            let (seen, following) = if *by_page {
                (quote!(None), write(offset, quote!(#off + 1)))
            } else {
                (quote!(Some(#off + count)), write(offset, quote!(#off + count)))
            };
            let how = if *by_page {
                format!("`{offset}` (a page number) and `{limit}`")
            } else {
                format!("`{offset}` and `{limit}`")
            };
            (
                how,
                if *by_page {
                    quote! {
                        hwcloud_runtime::paginate::more(#count, #lim, #seen, #total).then(|| #following)
                    }
                } else {
                    quote! {
                        let count = i64::try_from(#count).unwrap_or(i64::MAX);
                        hwcloud_runtime::paginate::more(#count, #lim, #seen, #total).then(|| #following)
                    }
                },
            )
        }
        Style::Page { page: pg, size } => {
            let cur = read(pg);
            let lim = limit_opt(size);
            let following = write(pg, quote!(#cur.max(1) + 1));
            (
                format!("`{pg}` and `{size}`"),
                quote! {
                    hwcloud_runtime::paginate::more(#count, #lim, None, #total).then(|| #following)
                },
            )
        }
        Style::Marker { marker, limit, next } => {
            let lim = limit_opt(limit);
            let mid = tokens::ident(marker);
            let (_, marker_required, _) = info(marker);
            let set = if marker_required { quote!(next.#mid = m;) } else { quote!(next.#mid = Some(m);) };
            let found = match next {
                NextMarker::Field { ident, required, numeric } => {
                    let f = owned(ident, *numeric);
                    let value = if *required { quote!(Some(page.#f)) } else { quote!(page.#f) };
                    let text = as_text(*numeric);
                    quote!(#value #text.filter(|m| !m.is_empty()))
                }
                NextMarker::Nested { outer, outer_required, ident, required, numeric } => {
                    let o = tokens::ident(outer);
                    let f = owned(ident, *numeric);
                    let holder = if *outer_required { quote!(Some(&page.#o)) } else { quote!(page.#o.as_ref()) };
                    let take = if *required { quote!(|o| Some(o.#f)) } else { quote!(|o| o.#f) };
                    let text = as_text(*numeric);
                    quote!(#holder.and_then(#take) #text.filter(|m| !m.is_empty()))
                }
                NextMarker::Link { links, href, rel, rel_enum, wire } => {
                    let l = tokens::ident(&links.0);
                    let list = if links.1 { quote!(Some(&page.#l)) } else { quote!(page.#l.as_ref()) };
                    // `as_str` of a `String` and of an open enum alike.
                    let text = |(ident, required): &(String, bool), is_enum: bool| {
                        let f = tokens::ident(ident);
                        match (required, is_enum) {
                            (true, _) => quote!(Some(l.#f.as_str())),
                            (false, false) => quote!(l.#f.as_deref()),
                            (false, true) => quote!(l.#f.as_ref().map(|r| r.as_str())),
                        }
                    };
                    let (href, rel) = (text(href, false), text(rel, *rel_enum));
                    quote! {
                        #list
                            .and_then(|links| links.iter().find(|l| #rel == Some("next")))
                            .and_then(|l| #href)
                            .and_then(|href| hwcloud_runtime::paginate::link_param(href, #wire))
                    }
                }
                NextMarker::LastId { ident, required } => {
                    let f = tokens::ident(ident);
                    let Some(items) = &p.items else { return quote!() };
                    let items_id = tokens::ident(&items.ident);
                    let list = if items.required {
                        quote!(page.#items_id.last())
                    } else {
                        quote!(page.#items_id.as_ref().and_then(|l| l.last()))
                    };
                    if *required {
                        quote!(#list.map(|i| i.#f.clone()))
                    } else {
                        quote!(#list.and_then(|i| i.#f.clone()))
                    }
                }
            };
            (
                format!("`{marker}` and `{limit}`"),
                quote! {
                    if !hwcloud_runtime::paginate::more(#count, #lim, None, #total) {
                        return None;
                    }
                    let m = #found?;
                    let mut next = r.clone();
                    #set
                    Some(next)
                },
            )
        }
    };
    let base = super::ident::unraw(&op.fn_name);
    let end = match (&p.total, &p.style) {
        (_, Style::Marker { .. }) => ", or when there is no next marker",
        (Some(_), _) => ", or when the page's total is reached",
        _ => "",
    };
    let deprecated = if op.deprecated {
        quote!(#[deprecated(note = "the documentation marks this API deprecated")])
    } else {
        quote!()
    };
    let allow_deprecated = if op.deprecated { quote!(#[allow(deprecated)]) } else { quote!() };
    let fetch = quote!(move |r: crate::operations::#request| async move { self.#fn_name(&r).await });
    let next_fn = quote!(|r: &crate::operations::#request, page: &#page_ty| { #next });
    let (doc, item, body) = match &p.items {
        Some(items) => {
            let id = tokens::ident(&items.ident);
            let take = if items.required { quote!(page.#id) } else { quote!(page.#id.unwrap_or_default()) };
            (
                format!(" Every item of [`Self::{base}`], fetched page by page ({how}) as the stream is polled, starting at `request`; it ends at an empty or short page{end}."),
                tokens::ty(&items.item, &models),
                quote!(hwcloud_runtime::paginate::items(request.clone(), #fetch, #next_fn, |page: #page_ty| #take)),
            )
        }
        None => (
            format!(" Every page of [`Self::{base}`] ({how}), fetched as the stream is polled, starting at `request` (the page has no single list of items); it ends at an empty or short page (its longest list){end}."),
            page_ty.clone(),
            quote!(hwcloud_runtime::paginate::pages(request.clone(), #fetch, #next_fn)),
        ),
    };
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        ///
        /// Each failed page is an `Err` item, after which the stream ends.
        #deprecated
        #allow_deprecated
        pub fn #stream_name<'a>(
            &'a self,
            request: &crate::operations::#request,
        ) -> impl hwcloud_runtime::paginate::Stream<Item = Result<#item, hwcloud_runtime::Error>> + 'a {
            #body
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::emit::model::lower;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Demo API, version: '1'}
servers: [{url: 'https://demo.{region}.myhuaweicloud.com'}]
paths:
  /v1/{project_id}/servers:
    get:
      operationId: ListServers
      parameters:
      - {name: offset, in: query, description: Start index., schema: {type: integer, format: int32}}
      - {name: limit, in: query, schema: {type: integer, format: int32}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: integer}
                  servers: {type: array, items: {type: object, properties: {id: {type: string}}}}
  /v1/{project_id}/ports:
    get:
      operationId: ListPorts
      parameters:
      - {name: marker, in: query, schema: {type: string}}
      - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  ports: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}
  /v1/{project_id}/volumes:
    get:
      operationId: ListVolumes
      parameters:
      - {name: page, in: query, schema: {type: integer}}
      - {name: per_page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  volumes: {type: array, items: {type: object, properties: {id: {type: string}}}}
                  attachments: {type: array, items: {type: object, properties: {href: {type: string}}}}
"#;

    #[test]
    fn offset_and_marker_pagination_are_detected() {
        let all = lower(&serde_yaml::from_str(SPEC).unwrap()).unwrap();
        let servers = detect(&all.ops[0], &all).unwrap();
        assert_eq!(servers.style, Style::Offset { offset: "offset".into(), limit: "limit".into(), by_page: false });
        assert_eq!(servers.total, Some(("count".into(), false, false)), "an int64 count");
        let ports = detect(&all.ops[1], &all).unwrap();
        assert_eq!(
            ports.style,
            Style::Marker {
                marker: "marker".into(),
                limit: "limit".into(),
                next: NextMarker::LastId { ident: "id".into(), required: true }
            }
        );
        let m = stream_method(&all.ops[1], &ports);
        let out = tokens::render("t.rs", &[], quote!(impl C { #m })).unwrap();
        assert!(out.contains("pub fn list_ports_stream<'a>("), "{out}");
        assert!(out.contains(".and_then(|l| l.last())") && out.contains(".map(|i| i.id.clone())?;"), "{out}");
    }

    #[test]
    fn a_next_marker_inside_page_info_is_followed() {
        let spec = SPEC.replace(
            "ports: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}",
            "ports: {type: array, items: {type: object, properties: {port_id: {type: string}}}}\n                  page_info: {type: object, properties: {next_marker: {type: string}, current_count: {type: integer}}}",
        );
        assert_ne!(spec, SPEC);
        let all = lower(&serde_yaml::from_str(&spec).unwrap()).unwrap();
        let ports = detect(&all.ops[1], &all).unwrap();
        assert!(
            matches!(&ports.style, Style::Marker { next: NextMarker::Nested { outer, ident, .. }, .. } if outer == "page_info" && ident == "next_marker"),
            "{:?}",
            ports.style
        );
        let m = stream_method(&all.ops[1], &ports);
        let out = tokens::render("t.rs", &[], quote!(impl C { #m })).unwrap();
        assert!(out.contains(".page_info") && out.contains(".and_then(|o| o.next_marker.clone())"), "{out}");
    }

    #[test]
    fn offset_and_limit_documented_as_strings_are_followed() {
        let spec = SPEC.replace(
            "- {name: offset, in: query, description: Start index., schema: {type: integer, format: int32}}\n      - {name: limit, in: query, schema: {type: integer, format: int32}}",
            "- {name: offset, in: query, description: Start index., schema: {type: string}}\n      - {name: limit, in: query, schema: {type: string}}",
        );
        assert_ne!(spec, SPEC);
        let all = lower(&serde_yaml::from_str(&spec).unwrap()).unwrap();
        let servers = detect(&all.ops[0], &all).unwrap();
        assert!(servers.params.iter().all(|(_, _, num)| *num == Num::Text), "{:?}", servers.params);
        let m = stream_method(&all.ops[0], &servers);
        let out = tokens::render("t.rs", &[], quote!(impl C { #m })).unwrap();
        assert!(out.contains(".and_then(|s| s.trim().parse::<i64>().ok())"), "{out}");
        assert!(out.contains(".to_string()"), "{out}");
    }

    #[test]
    fn pages_without_one_list_of_items_are_a_stream_of_pages() {
        let all = lower(&serde_yaml::from_str(SPEC).unwrap()).unwrap();
        let volumes = detect(&all.ops[2], &all).unwrap();
        assert_eq!(volumes.items, None);
        assert_eq!(volumes.lists.len(), 2);
        let m = stream_method(&all.ops[2], &volumes);
        let out = tokens::render("t.rs", &[], quote!(impl C { #m })).unwrap();
        assert!(out.contains("pub fn list_volumes_pages<'a>("), "{out}");
        assert!(out.contains("hwcloud_runtime::paginate::pages("), "{out}");
        assert!(out.contains("page.attachments.as_ref().map_or(0, Vec::len)") && out.contains(".max()"), "{out}");
    }

    #[test]
    fn openstack_paging_links_beside_the_items_are_not_items() {
        let spec = SPEC.replace("attachments: {type: array", "volumes_links: {type: array");
        let all = lower(&serde_yaml::from_str(&spec).unwrap()).unwrap();
        let volumes = detect(&all.ops[2], &all).unwrap();
        assert_eq!(volumes.items.map(|i| i.ident), Some("volumes".to_string()));
    }

    /// The ports operation of [`SPEC`] with other query parameters and page fields.
    fn ports(params: &str, page: &str) -> (Lowered, Paginated) {
        let spec = SPEC
            .replace(
                "      - {name: marker, in: query, schema: {type: string}}\n      - {name: limit, in: query, schema: {type: integer}}",
                params,
            )
            .replace(
                "                  ports: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}",
                page,
            );
        assert_ne!(spec, SPEC);
        let all = lower(&serde_yaml::from_str(&spec).unwrap()).unwrap();
        let p = detect(&all.ops[1], &all).unwrap();
        (all, p)
    }

    fn rendered(all: &Lowered, p: &Paginated) -> String {
        let m = stream_method(&all.ops[1], p);
        tokens::render("t.rs", &[], quote!(impl C { #m })).unwrap()
    }

    const PORTS: &str = "                  ports: {type: array, items: {type: object, properties: {request_id: {type: string}, id: {type: string}}}}";

    /// CES: an integer `start` counts items; a text `start` naming an id is a marker, the next
    /// one in `meta_data.marker`.
    #[test]
    fn start_is_an_offset_or_a_marker() {
        let (_, p) = ports(
            "      - {name: start, in: query, description: Start value of pagination., schema: {type: integer}}\n      - {name: limit, in: query, schema: {type: integer}}",
            PORTS,
        );
        assert!(
            matches!(p.style, Style::Offset { ref offset, by_page: false, .. } if offset == "start"),
            "{:?}",
            p.style
        );
        let meta = format!("{PORTS}\n                  meta_data: {{type: object, properties: {{marker: {{type: string}}, count: {{type: integer}}}}}}");
        let (all, p) = ports(
            "      - {name: start, in: query, description: The value is alarm_id., schema: {type: string}}\n      - {name: limit, in: query, schema: {type: integer}}",
            &meta,
        );
        assert!(
            matches!(&p.style, Style::Marker { next: NextMarker::Nested { outer, .. }, .. } if outer == "meta_data")
        );
        assert!(rendered(&all, &p).contains("next.start = Some(m);"));
    }

    /// FunctionGraph: `maxitems`, and a numeric `next_marker` written as text.
    #[test]
    fn numeric_next_marker_and_maxitems() {
        let page = format!("{PORTS}\n                  next_marker: {{type: integer, format: int64}}");
        let (all, p) = ports(
            "      - {name: marker, in: query, schema: {type: string}}\n      - {name: maxitems, in: query, schema: {type: string}}",
            &page,
        );
        assert!(
            matches!(p.style, Style::Marker { next: NextMarker::Field { numeric: true, .. }, .. }),
            "{:?}",
            p.style
        );
        let out = rendered(&all, &p);
        assert!(out.contains(".map(|m| m.to_string())") && !out.contains("next_marker.clone()"), "{out}");
    }

    /// Nova: the marker's docs name the item field to take (`The value is request_id.`, escaped
    /// `request\_id` in the lowered Markdown docs).
    #[test]
    fn marker_field_named_by_its_docs() {
        let (_, p) = ports(
            "      - {name: marker, in: query, description: The value is request_id., schema: {type: string}}\n      - {name: limit, in: query, schema: {type: integer}}",
            PORTS,
        );
        assert!(
            matches!(&p.style, Style::Marker { next: NextMarker::LastId { ident, .. }, .. } if ident == "request_id"),
            "{:?}",
            p.style
        );
    }

    /// OpenStack: without an item id, the marker is read from the `rel: next` paging link.
    #[test]
    fn marker_from_the_next_link() {
        let page = "                  ports: {type: array, items: {type: object, properties: {name: {type: string}}}}\n                  ports_links: {type: array, items: {type: object, properties: {href: {type: string}, rel: {type: string, enum: [next, previous]}}}}";
        let (all, p) = ports(
            "      - {name: marker, in: query, schema: {type: string}}\n      - {name: limit, in: query, schema: {type: integer}}",
            page,
        );
        assert!(
            matches!(&p.style, Style::Marker { next: NextMarker::Link { rel_enum: true, .. }, .. }),
            "{:?}",
            p.style
        );
        let out = rendered(&all, &p);
        assert!(
            out.contains("link_param(") && out.contains("\"marker\"") && out.contains("== Some(\"next\")"),
            "{out}"
        );
    }

    /// RDS `cur_page`/`per_page` and ECS `page`/`size` are page numbers.
    #[test]
    fn page_numbers_under_other_names() {
        let (_, p) = ports(
            "      - {name: page, in: query, schema: {type: string}}\n      - {name: size, in: query, schema: {type: string}}",
            PORTS,
        );
        assert_eq!(p.style, Style::Page { page: "page".into(), size: "size".into() });
        let (_, p) = ports(
            "      - {name: cur_page, in: query, schema: {type: string}}\n      - {name: per_page, in: query, schema: {type: string}}",
            PORTS,
        );
        assert_eq!(p.style, Style::Page { page: "cur_page".into(), size: "per_page".into() });
    }
}
