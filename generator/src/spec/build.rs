//! IR pages -> one OpenAPI document: schemas named and deduplicated, pages
//! sharing a METHOD + path combined, everything sorted deterministically.

use super::openapi::{self as oa, AdditionalProperties, OpenApi, Schema};
use crate::config::{Cloud, Scope, Service};
use crate::diagnostics::{Code, Diagnostic};
use crate::extract::ir::{Example, Field, Object, Operation, Page, Source, Ty};
use crate::types::TypeExpr;
use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What the service is called and where it lives.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    /// Title of the API (`ModelArts`).
    pub title: String,
    /// Endpoint service name (`modelarts` in `modelarts.{region}.myhuaweicloud.com`).
    pub endpoint: String,
    pub default_region: String,
    pub version: String,
    pub cloud: Cloud,
    /// The service's short name in `spec/services.yaml` (`modelarts`).
    pub name: String,
    pub scope: Scope,
    /// Regions whose endpoint breaks the cloud's rule: region id -> endpoint URL.
    pub regions: IndexMap<String, String>,
}

impl ServiceInfo {
    /// A service with the default region and the initial crate version.
    pub fn new(title: &str, endpoint: &str) -> Self {
        ServiceInfo {
            title: title.to_string(),
            endpoint: endpoint.to_string(),
            default_region: Cloud::default().default_region().to_string(),
            version: crate::changelog::INITIAL_VERSION.to_string(),
            cloud: Cloud::default(),
            name: endpoint.to_string(),
            scope: Scope::default(),
            regions: IndexMap::new(),
        }
    }

    /// The service as `spec/services.yaml` declares it.
    pub fn from_config(service: &Service) -> Self {
        ServiceInfo {
            title: service.title.clone(),
            endpoint: service.endpoint.clone(),
            default_region: service.region().to_string(),
            version: crate::changelog::INITIAL_VERSION.to_string(),
            cloud: service.cloud,
            name: service.name.clone(),
            scope: service.scope,
            regions: service.regions.clone(),
        }
    }

    /// The facts the generated client's `DESCRIPTOR` is emitted from (`x-hwcloud-service`).
    pub fn facts(&self) -> oa::ServiceFacts {
        oa::ServiceFacts {
            name: self.name.clone(),
            cloud: self.cloud,
            endpoint: self.endpoint.clone(),
            scope: self.scope,
            regions: self.regions.clone(),
        }
    }
}

/// (page index, object index) — an object table somewhere in the service.
type ObjKey = (usize, usize);

pub fn build(pages: &[Page], info: &ServiceInfo, diags: &mut Vec<Diagnostic>) -> OpenApi {
    let names = SchemaNames::assign(pages, diags);
    let mut spec = OpenApi {
        openapi: "3.0.3".to_string(),
        info: oa::Info {
            title: format!("{} API", info.title),
            version: info.version.clone(),
            description: None,
            x_cloud: None,
        },
        servers: vec![server(info)],
        x_hwcloud_service: Some(info.facts()),
        ..Default::default()
    };
    spec.components.schemas = names.schemas(pages);
    let groups = super::groups::assign(pages);
    let mut ops: Vec<(String, String, oa::Operation)> = Vec::new();
    let mut explicit = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for op in &page.operations {
            if !METHOD_ORDER.contains(&op.method.to_ascii_lowercase().as_str()) {
                diags.push(
                    Diagnostic::new(
                        Code::W0307,
                        &page.file,
                        format!(
                            "`{} {}`: `{}` is not an HTTP method OpenAPI knows; the operation is left out",
                            op.method, op.path, op.method
                        ),
                    )
                    .hint("correct the method on the page or in the overrides file"),
                );
                continue;
            }
            let mut o = operation(op, p, &names);
            o.tags = groups.of_page.get(p).cloned().flatten().into_iter().collect();
            ops.push((op.path.clone(), op.method.to_ascii_lowercase(), o));
            explicit.push(op.id_explicit);
        }
    }
    spec.tags = groups.tags;
    names.report_missing(pages, diags);
    unique_operation_ids(&mut ops, &explicit, diags);
    spec.paths = combine(ops);
    report_required_cycles(&spec, diags);
    spec
}

/// A cycle of schemas through required, single-valued references (A needs a B
/// which needs an A) describes no finite value: reported as an error. Cycles
/// through optional fields, arrays or maps are legal (the emitter boxes them).
fn report_required_cycles(spec: &OpenApi, diags: &mut Vec<Diagnostic>) {
    let edges = |name: &str| -> Vec<String> {
        let Some(s) = spec.components.schemas.get(name) else { return Vec::new() };
        s.required.iter().filter_map(|r| s.properties.get(r)?.ref_name().map(str::to_string)).collect()
    };
    let mut reported: Vec<Vec<String>> = Vec::new();
    for start in spec.components.schemas.keys() {
        let mut path = vec![start.clone()];
        let mut next = edges(start);
        // Follow required references depth-first (bounded by the schema count).
        let mut stack: Vec<(Vec<String>, Vec<String>)> = vec![(path.clone(), std::mem::take(&mut next))];
        while let Some((p, mut todo)) = stack.pop() {
            let Some(n) = todo.pop() else { continue };
            stack.push((p.clone(), todo));
            if n == *start {
                let mut cycle = p.clone();
                cycle.sort();
                if !reported.contains(&cycle) {
                    reported.push(cycle);
                    let file = spec.components.schemas.get(start).and_then(|s| s.x_source.clone()).unwrap_or_default();
                    let file = file.split(" > ").next().unwrap_or("").to_string();
                    diags.push(
                        Diagnostic::new(Code::E0213, file, format!("required fields form a cycle: {} -> {start}", p.join(" -> ")))
                            .hint("no finite value can satisfy this; mark one of the fields optional with set-required (required: false)"),
                    );
                }
            } else if !p.contains(&n) && p.len() < spec.components.schemas.len() {
                path = p.clone();
                path.push(n.clone());
                stack.push((path.clone(), edges(&n)));
            }
        }
    }
}

fn server(info: &ServiceInfo) -> oa::Server {
    let mut variables = IndexMap::new();
    variables.insert(
        "region".to_string(),
        oa::ServerVariable {
            default: info.default_region.clone(),
            description: Some(format!("Region ID, e.g. {}", info.cloud.default_region())),
        },
    );
    oa::Server { url: info.cloud.endpoint_template(&info.endpoint), variables }
}

/// Final component names for every object table, after deduplication.
struct SchemaNames {
    /// Object -> its group.
    group_of: HashMap<ObjKey, usize>,
    /// Per group: final name and member objects in page order.
    groups: Vec<(String, Vec<ObjKey>)>,
    /// Tables referred to but not found (see [`SchemaNames::report_missing`]).
    missing: std::cell::RefCell<BTreeSet<ObjKey>>,
}

impl SchemaNames {
    fn assign(pages: &[Page], diags: &mut Vec<Diagnostic>) -> SchemaNames {
        let mut fingerprints = Fingerprints { pages, memo: HashMap::new() };
        // Groups of one name and structure; several when the pages' required flags disagree.
        let mut by_identity: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        // Per group: the required flags its tables state (a table without a Mandatory cell states none).
        let mut stated: Vec<BTreeMap<String, bool>> = Vec::new();
        let mut names = SchemaNames { group_of: HashMap::new(), groups: Vec::new(), missing: Default::default() };
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut unnamed: HashSet<usize> = HashSet::new();
        for (p, page) in pages.iter().enumerate() {
            // Unnamed tables (bodies) repeating another table of the same page are that table.
            let mut on_page: HashMap<String, usize> = HashMap::new();
            for (o, obj) in page.objects.iter().enumerate() {
                let proposed = match obj.name.as_deref().map(component_name) {
                    Some(Some(name)) => name,
                    caption => {
                        let fallback = component_name(&obj.fallback_name);
                        let reported = caption.is_some() || fallback.is_none();
                        let name = fallback.unwrap_or_else(|| "Object".to_string());
                        if reported {
                            let what = obj.name.as_deref().unwrap_or(&obj.fallback_name);
                            diags.push(
                                Diagnostic::new(Code::W0305, &page.file, format!("`{what}` gives no schema name (no ASCII letters or digits); the table is named `{name}`"))
                                    .line(obj.source.line)
                                    .table(obj.source.table.as_deref()),
                            );
                        }
                        name
                    }
                };
                let fp = fingerprints.of((p, o), &mut Vec::new());
                let same_on_page = on_page.get(&fp).copied().filter(|_| obj.name.is_none());
                // A named table repeating an unnamed one of the page (`V2Job` and the response body
                // the page's links point to): one schema, under the page's name for it.
                let unnamed_twin = on_page.get(&fp).copied().filter(|g| obj.name.is_some() && unnamed.contains(g));
                if let Some(g) = unnamed_twin.filter(|_| !taken.contains_key(&proposed)) {
                    if let Some((name, _)) = names.groups.get_mut(g) {
                        taken.remove(name);
                        *name = proposed.clone();
                    }
                    taken.insert(proposed.clone(), g);
                    unnamed.remove(&g);
                    by_identity.entry((proposed.clone(), fp.clone())).or_default().push(g);
                }
                let flags = stated_flags(page, obj);
                let twins = by_identity.entry((proposed.clone(), fp.clone())).or_default();
                // The same table with other required flags (`key` Mandatory on one page, not on
                // another) is its own schema: a merged one could only say "unknown".
                let agreeing = twins.iter().copied().find(|&g| stated.get(g).is_some_and(|s| agrees(s, &flags)));
                let same_on_page = same_on_page.filter(|&g| stated.get(g).is_none_or(|s| agrees(s, &flags)));
                let group = match agreeing.or(same_on_page) {
                    Some(g) => g,
                    None => {
                        let name = distinct_name(&proposed, page, &taken);
                        if name != proposed {
                            let other = if twins.is_empty() { "fields" } else { "required flags" };
                            diags.push(
                            Diagnostic::new(Code::I0301, &page.file, format!("`{proposed}` is also defined with other {other} on another page; this one is named `{name}`"))
                                .line(obj.source.line)
                                .table(obj.source.table.as_deref()),
                        );
                        }
                        names.groups.push((name.clone(), Vec::new()));
                        taken.insert(name, names.groups.len() - 1);
                        if obj.name.is_none() {
                            unnamed.insert(names.groups.len() - 1);
                        }
                        twins.push(names.groups.len() - 1);
                        names.groups.len() - 1
                    }
                };
                if stated.len() <= group {
                    stated.resize(group + 1, BTreeMap::new());
                }
                if let Some(s) = stated.get_mut(group) {
                    s.extend(flags);
                }
                on_page.entry(fp).or_insert(group);
                names.group_of.insert((p, o), group);
                if let Some((_, members)) = names.groups.get_mut(group) {
                    members.push((p, o));
                }
            }
        }
        names.unify_nested(pages);
        names
    }

    /// A schema stands for the same table on several pages, and the schema's fields refer to the
    /// first page's nested tables; the other pages' nested tables (unnamed ones get page-specific
    /// names) join those groups, so each is one schema that traces every table it stands for.
    fn unify_nested(&mut self, pages: &[Page]) {
        let object = |(p, o): ObjKey| pages.get(p).and_then(|pg| pg.objects.get(o));
        for _ in 0..16 {
            let mut moves: Vec<(ObjKey, usize)> = Vec::new();
            // Members whose nested table disagrees with the one the schema uses: they become
            // schemas of their own, so their nested tables stay theirs (and reachable).
            let mut detach: Vec<ObjKey> = Vec::new();
            for (_, members) in &self.groups {
                let Some((&first, rest)) = members.split_first() else { continue };
                let Some(head) = object(first) else { continue };
                for &other in rest {
                    let Some(obj) = object(other) else { continue };
                    for f in &head.fields {
                        let Some(g) = obj.fields.iter().find(|g| g.name == f.name) else { continue };
                        let (Some(a), Some(b)) = (f.ty.object(), g.ty.object()) else { continue };
                        let target = self.group_of.get(&(first.0, a)).copied();
                        let moved = target.filter(|t| self.group_of.get(&(other.0, b)) != Some(t));
                        // Tables with other required flags stay schemas of their own.
                        match moved {
                            Some(t) if self.flags_agree(pages, t, (other.0, b)) => moves.push(((other.0, b), t)),
                            Some(_) if !detach.contains(&other) => detach.push(other),
                            _ => {}
                        }
                    }
                }
            }
            moves.retain(|(key, _)| !detach.iter().any(|d| d.0 == key.0));
            if moves.is_empty() && detach.is_empty() {
                return;
            }
            for key in detach {
                self.detach(pages, key);
            }
            for (key, target) in moves {
                if let Some(old) = self.group_of.insert(key, target) {
                    if let Some((_, members)) = self.groups.get_mut(old) {
                        members.retain(|m| *m != key);
                    }
                }
                if let Some((_, members)) = self.groups.get_mut(target) {
                    if !members.contains(&key) {
                        members.push(key);
                    }
                }
            }
        }
    }

    /// Table `key` leaves its group for a group of its own, named as [`distinct_name`] names a
    /// table defined differently on another page.
    fn detach(&mut self, pages: &[Page], key: ObjKey) {
        let Some(old) = self.group_of.get(&key).copied() else { return };
        let Some((base, members)) = self.groups.get_mut(old) else { return };
        if members.len() < 2 {
            return;
        }
        members.retain(|m| *m != key);
        let base = base.clone();
        let taken: HashMap<String, usize> = self.groups.iter().enumerate().map(|(i, (n, _))| (n.clone(), i)).collect();
        let Some(page) = pages.get(key.0) else { return };
        let name = distinct_name(&base, page, &taken);
        self.groups.push((name, vec![key]));
        self.group_of.insert(key, self.groups.len() - 1);
    }

    /// Table `key` states no required flag that a member of group `g` contradicts.
    fn flags_agree(&self, pages: &[Page], g: usize, key: ObjKey) -> bool {
        let flags = |(p, o): ObjKey| {
            let page = pages.get(p)?;
            page.objects.get(o).map(|obj| stated_flags(page, obj))
        };
        let Some(mine) = flags(key) else { return true };
        let members = self.groups.get(g).map(|(_, m)| m.as_slice()).unwrap_or_default();
        members.iter().filter_map(|&m| flags(m)).all(|theirs| agrees(&theirs, &mine))
    }

    /// The schema name of a table; `None` (and recorded for [`Self::report_missing`]) when the
    /// page has no such table.
    fn name(&self, key: ObjKey) -> Option<&str> {
        let name = self.group_of.get(&key).and_then(|g| self.groups.get(*g)).map(|(n, _)| n.as_str());
        if name.is_none() {
            self.missing.borrow_mut().insert(key);
        }
        name
    }

    /// Fields referring to a table their page does not have (typed as free-form objects).
    fn report_missing(&self, pages: &[Page], diags: &mut Vec<Diagnostic>) {
        for (p, o) in self.missing.borrow().iter() {
            let file = pages.get(*p).map(|pg| pg.file.as_str()).unwrap_or_default();
            diags.push(Diagnostic::new(
                Code::W0306,
                file,
                format!(
                    "a field refers to table #{o}, which the page does not have; it is typed as a free-form object"
                ),
            ));
        }
    }

    /// One schema per group, sorted by name.
    fn schemas(&self, pages: &[Page]) -> IndexMap<String, Schema> {
        let mut out: BTreeMap<String, Schema> = BTreeMap::new();
        for (name, members) in &self.groups {
            let Some(&(p, o)) = members.first() else { continue };
            let Some(obj) = pages.get(p).and_then(|pg| pg.objects.get(o)) else { continue };
            let others: Vec<&Object> =
                members.iter().skip(1).filter_map(|(p, o)| pages.get(*p)?.objects.get(*o)).collect();
            let mut schema = self.object_schema(obj, &others, p);
            // Every table this schema stands for, so each documented row can be traced.
            let sources: Vec<String> =
                std::iter::once(obj).chain(others.iter().copied()).map(|o| o.source.render()).collect();
            schema.x_source = Some(sources.join("; "));
            out.insert(name.clone(), schema);
        }
        out.into_iter().collect()
    }

    fn object_schema(&self, obj: &Object, others: &[&Object], page: usize) -> Schema {
        let mut schema = Schema::of_type("object");
        schema.x_source = Some(obj.source.render());
        for f in &obj.fields {
            // A field's required flag: what the pages say, where they agree.
            let stated: Vec<bool> = std::iter::once(f.required)
                .chain(others.iter().map(|o| o.fields.iter().find(|g| g.name == f.name).and_then(|g| g.required)))
                .flatten()
                .collect();
            let required = match stated.as_slice() {
                [] => None,
                [first, rest @ ..] if rest.iter().all(|r| r == first) => Some(*first),
                _ => None,
            };
            let mut prop = self.field_schema(f, page);
            // A default every table of the schema states (a response table repeating a request
            // table does not state its default; the schema then has none, the description keeps it).
            let same_default = others
                .iter()
                .filter_map(|o| o.fields.iter().find(|g| g.name == f.name))
                .all(|g| g.default == f.default);
            if !same_default {
                prop.default = None;
            }
            match required {
                Some(true) => schema.required.push(f.name.clone()),
                Some(false) => {}
                None => prop.x_required_unknown = true,
            }
            schema.properties.insert(f.name.clone(), prop);
        }
        schema
    }

    /// A field as a property schema, with its description, enum and constraints.
    fn field_schema(&self, f: &Field, page: usize) -> Schema {
        let mut s = self.ty_schema(&f.ty, page);
        let target = innermost_mut(&mut s);
        if !f.enum_values.is_empty() {
            target.enum_values = f.enum_values.iter().map(|e| e.value.clone()).collect();
            if f.enum_values.iter().any(|e| e.description.is_some()) {
                target.x_enum_descriptions =
                    f.enum_values.iter().map(|e| e.description.clone().unwrap_or_default()).collect();
            }
        }
        target.min_length = f.constraints.min_length;
        target.max_length = f.constraints.max_length;
        target.minimum = f.constraints.minimum;
        target.maximum = f.constraints.maximum;
        s.default = f.default.clone().filter(|_| !matches!(f.ty, Ty::Array(_)));
        if !f.description.is_empty() {
            if s.reference.is_some() {
                s = Schema { all_of: vec![s], ..Default::default() };
            }
            s.description = Some(f.description.clone());
        }
        let sources: Vec<String> =
            std::iter::once(&f.source).chain(&f.also_documented_at).map(Source::render).collect();
        s.x_source = Some(sources.join("; "));
        s.x_descriptions = f.translations.clone();
        s
    }

    fn ty_schema(&self, ty: &Ty, page: usize) -> Schema {
        match ty {
            Ty::Scalar(t) => scalar_schema(t),
            Ty::Object(o) => match self.name((page, *o)) {
                Some(name) => Schema::reference(name),
                None => Schema::of_type("object"),
            },
            Ty::Array(inner) => {
                Schema { items: Some(Box::new(self.ty_schema(inner, page))), ..Schema::of_type("array") }
            }
            Ty::Map(inner) => Schema {
                additional_properties: Some(Box::new(AdditionalProperties::Schema(self.ty_schema(inner, page)))),
                ..Schema::of_type("object")
            },
        }
    }
}

/// Enums and lengths describe array elements.
fn innermost_mut(s: &mut Schema) -> &mut Schema {
    match s.items {
        Some(ref mut items) => innermost_mut(items),
        None => s,
    }
}

pub fn scalar_schema(t: &TypeExpr) -> Schema {
    let typed = |t: &str, f: &str| Schema { format: Some(f.to_string()), ..Schema::of_type(t) };
    match t {
        TypeExpr::String => Schema::of_type("string"),
        TypeExpr::Integer => typed("integer", "int32"),
        TypeExpr::Long => typed("integer", "int64"),
        TypeExpr::Float => typed("number", "float"),
        TypeExpr::Double => typed("number", "double"),
        TypeExpr::Number => Schema::of_type("number"),
        TypeExpr::Boolean => Schema::of_type("boolean"),
        TypeExpr::File => typed("string", "binary"),
        // Free-form object; named types never reach here (resolved by extract).
        TypeExpr::Object | TypeExpr::Named(_) | TypeExpr::Array(_) | TypeExpr::Map(_) => Schema::of_type("object"),
    }
}

/// Structural identity of an object table: field names, types (references by
/// their own identity) and enum values. Descriptions and required flags do not
/// count, so a response table repeating a request table is the same schema.
struct Fingerprints<'a> {
    pages: &'a [Page],
    memo: HashMap<ObjKey, String>,
}

impl Fingerprints<'_> {
    fn of(&mut self, key: ObjKey, stack: &mut Vec<ObjKey>) -> String {
        if let Some(fp) = self.memo.get(&key) {
            return fp.clone();
        }
        let Some(obj) = self.pages.get(key.0).and_then(|p| p.objects.get(key.1)) else { return String::new() };
        if stack.contains(&key) {
            return format!("@{}", obj.name.as_deref().unwrap_or(&obj.fallback_name));
        }
        stack.push(key);
        let mut fields: Vec<&Field> = obj.fields.iter().collect();
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        let mut fp = String::from("{");
        for f in fields {
            let ty = self.ty(&f.ty, key.0, stack);
            let enums: Vec<String> = f.enum_values.iter().map(|e| e.value.to_string()).collect();
            fp.push_str(&format!("{}:{}[{}];", f.name, ty, enums.join(",")));
        }
        fp.push('}');
        stack.pop();
        self.memo.insert(key, fp.clone());
        fp
    }

    fn ty(&mut self, ty: &Ty, page: usize, stack: &mut Vec<ObjKey>) -> String {
        match ty {
            Ty::Scalar(t) => format!("{t:?}"),
            Ty::Object(o) => {
                let name = self
                    .pages
                    .get(page)
                    .and_then(|p| p.objects.get(*o))
                    .map(|ob| ob.name.clone().unwrap_or_default())
                    .unwrap_or_default();
                format!("{name}{}", self.of((page, *o), stack))
            }
            Ty::Array(inner) => format!("[{}]", self.ty(inner, page, stack)),
            Ty::Map(inner) => format!("map<{}>", self.ty(inner, page, stack)),
        }
    }
}

/// The required flags an object's table states, by field path: its own fields and those of the
/// tables it nests (`dimensions.name`), since a schema shares its nested schemas.
fn stated_flags(page: &Page, obj: &Object) -> BTreeMap<String, bool> {
    let mut out = BTreeMap::new();
    collect_flags(page, obj, "", &mut Vec::new(), &mut out);
    out
}

fn collect_flags(page: &Page, obj: &Object, prefix: &str, seen: &mut Vec<usize>, out: &mut BTreeMap<String, bool>) {
    for f in &obj.fields {
        let path = format!("{prefix}{}", f.name);
        if let Some(r) = f.required {
            out.insert(path.clone(), r);
        }
        let Some(o) = f.ty.object().filter(|o| !seen.contains(o)) else { continue };
        let Some(nested) = page.objects.get(o) else { continue };
        seen.push(o);
        collect_flags(page, nested, &format!("{path}."), seen, out);
        seen.pop();
    }
}

/// No field is required by one and optional by the other.
fn agrees(a: &BTreeMap<String, bool>, b: &BTreeMap<String, bool>) -> bool {
    b.iter().all(|(name, r)| a.get(name).is_none_or(|x| x == r))
}

/// Component names must match `^[a-zA-Z0-9._-]+$`; `None` when nothing of `s` is left.
fn component_name(s: &str) -> Option<String> {
    let cleaned: String = s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')).collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// A name not yet taken: the proposed one, else prefixed with the page's operation, else numbered.
fn distinct_name(proposed: &str, page: &Page, taken: &HashMap<String, usize>) -> String {
    if !taken.contains_key(proposed) {
        return proposed.to_string();
    }
    let prefix = page.operations.first().map(|o| o.id.clone()).unwrap_or_else(|| {
        let stem = std::path::Path::new(&page.file).file_stem().and_then(|s| s.to_str()).unwrap_or("Page");
        component_name(stem).unwrap_or_else(|| "Page".to_string())
    });
    let candidate = if proposed.starts_with(&prefix) { proposed.to_string() } else { format!("{prefix}{proposed}") };
    if !taken.contains_key(&candidate) {
        return candidate;
    }
    (2..).map(|n| format!("{candidate}{n}")).find(|c| !taken.contains_key(c)).unwrap_or(candidate)
}

fn operation(op: &Operation, page_idx: usize, names: &SchemaNames) -> oa::Operation {
    let parameters = op
        .params
        .iter()
        .map(|p| {
            let schema = names.field_schema(&p.field, page_idx);
            oa::Parameter {
                name: p.field.name.clone(),
                location: p.location.as_str().to_string(),
                description: schema.description.clone(),
                required: p.field.required == Some(true),
                x_required_unknown: p.field.required.is_none(),
                x_source: schema.x_source.clone(),
                x_descriptions: schema.x_descriptions.clone(),
                schema: Schema { description: None, x_source: None, x_descriptions: BTreeMap::new(), ..schema },
            }
        })
        .collect();
    let request_body = op.request_body.as_ref().map(|ty| {
        let first = names.ty_schema(ty, page_idx);
        let schema = if op.request_alternatives.is_empty() {
            first
        } else {
            let alternatives = op.request_alternatives.iter().map(|t| names.ty_schema(t, page_idx));
            Schema { one_of: std::iter::once(first).chain(alternatives).collect(), ..Default::default() }
        };
        oa::RequestBody { description: None, required: true, content: json_content(schema, &op.request_examples) }
    });
    let mut responses = IndexMap::new();
    for r in &op.responses {
        // An error status the page gives no body for has the body of failed calls.
        let body = r.body.as_ref().or(op.error_body.as_ref().filter(|_| r.status >= 400));
        let content = match body {
            Some(ty) => json_content(names.ty_schema(ty, page_idx), &r.examples),
            None => IndexMap::new(),
        };
        let headers = r
            .headers
            .iter()
            .map(|h| {
                let schema = names.field_schema(h, page_idx);
                (
                    h.name.clone(),
                    oa::Header {
                        description: schema.description.clone(),
                        schema: Schema { description: None, ..schema },
                    },
                )
            })
            .collect();
        let description =
            r.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| reason(r.status).to_string());
        responses.insert(r.status.to_string(), oa::Response { description, headers, content });
    }
    if let Some(ty) = &op.error_body {
        let content = json_content(names.ty_schema(ty, page_idx), &[]);
        let description = "Any other status: the call failed".to_string();
        responses.insert("default".to_string(), oa::Response { description, content, ..Default::default() });
    }
    if responses.is_empty() {
        responses.insert(
            "default".to_string(),
            oa::Response { description: "Response not documented".to_string(), ..Default::default() },
        );
    }
    oa::Operation {
        operation_id: op.id.clone(),
        tags: Vec::new(),
        deprecated: op.deprecated,
        x_operation_id_source: (!op.id_explicit).then(|| "route".to_string()),
        summary: op.title.clone(),
        description: op.description.clone(),
        parameters,
        request_body,
        responses,
        x_source: Some(op.source.render()),
        x_descriptions: op.translations.clone(),
        x_hwcloud_job: None,
        x_hwcloud_waiter: None,
        x_operations: Vec::new(),
    }
}

/// The JSON media type; examples that contradict the tables go to `x-invalid-examples`.
fn json_content(schema: Schema, examples: &[Example]) -> IndexMap<String, oa::MediaType> {
    let mut media = oa::MediaType { schema, ..Default::default() };
    for (i, e) in examples.iter().enumerate() {
        let name = format!("example{}", i + 1);
        if e.problems.is_empty() {
            media.examples.insert(name, oa::Example { summary: e.summary.clone(), value: e.value.clone() });
        } else {
            let invalid =
                oa::InvalidExample { summary: e.summary.clone(), value: e.value.clone(), problems: e.problems.clone() };
            media.x_invalid_examples.insert(name, invalid);
        }
    }
    let mut content = IndexMap::new();
    content.insert("application/json".to_string(), media);
    content
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        500 => "Internal Server Error",
        _ => "Response",
    }
}

/// Two pages with the same operationId (and not the same page in two languages)
/// are an error; the later one gets a numbered id so both stay in the spec.
/// Ids made from the route (pages that state none) that collide are told apart
/// by the page title, with an info diagnostic.
fn unique_operation_ids(ops: &mut [(String, String, oa::Operation)], explicit: &[bool], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for ((_, _, op), explicit) in ops.iter_mut().zip(explicit) {
        let source = op.x_source.clone().unwrap_or_default();
        if let Some(first) = seen.get(&op.operation_id) {
            let base = match (explicit, op.summary.as_deref().map(title_words)) {
                (false, Some(words)) if !words.is_empty() => format!("{}{words}", op.operation_id),
                _ => op.operation_id.clone(),
            };
            let new_id = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}{n}")))
                .find(|c| !seen.contains_key(c))
                .unwrap_or_default();
            let message =
                format!("operationId `{}` is also used by {first}; this one is named `{new_id}`", op.operation_id);
            let diag = if *explicit {
                Diagnostic::new(Code::E0303, &source, message)
            } else {
                Diagnostic::new(Code::I0304, &source, message)
            };
            diags.push(diag.hint("name the operations with rename-operation in the overrides file"));
            op.operation_id = new_id;
        }
        seen.insert(op.operation_id.clone(), source);
    }
}

/// `Restarting an ML Studio Instance` -> `RestartingMlStudioInstance` (ASCII words only).
fn title_words(title: &str) -> String {
    const STOP: &[&str] = &["a", "an", "the", "of", "for", "to", "in", "on", "and", "or"];
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(&w.to_ascii_lowercase().as_str()))
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut c = lower.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

const METHOD_ORDER: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Paths sorted; methods in the conventional order; pages sharing a METHOD +
/// path combined into one operation with a `oneOf` body and `x-operations`.
fn combine(ops: Vec<(String, String, oa::Operation)>) -> IndexMap<String, oa::PathItem> {
    let mut grouped: BTreeMap<String, BTreeMap<usize, Vec<oa::Operation>>> = BTreeMap::new();
    for (path, method, op) in ops {
        let rank = METHOD_ORDER.iter().position(|m| *m == method).unwrap_or(METHOD_ORDER.len());
        grouped.entry(path).or_default().entry(rank).or_default().push(op);
    }
    grouped
        .into_iter()
        .map(|(path, methods)| {
            let item = methods
                .into_iter()
                .filter_map(|(rank, ops)| {
                    let method = METHOD_ORDER.get(rank).copied().unwrap_or("get").to_string();
                    combined(ops).map(|op| (method, op))
                })
                .collect();
            (path, item)
        })
        .collect()
}

fn combined(mut ops: Vec<oa::Operation>) -> Option<oa::Operation> {
    if ops.len() <= 1 {
        return ops.pop();
    }
    let first = ops.first()?.clone();
    let bodies: Vec<Schema> = ops
        .iter()
        .filter_map(|o| o.request_body.as_ref()?.content.get("application/json").map(|m| m.schema.clone()))
        .collect();
    let mut top = oa::Operation {
        summary: Some(ops.iter().filter_map(|o| o.summary.clone()).collect::<Vec<_>>().join(" / ")),
        description: Some(format!(
            "Several pages document this method and path; each is its own operation: {}.",
            ops.iter().map(|o| o.operation_id.as_str()).collect::<Vec<_>>().join(", ")
        )),
        x_source: None,
        ..first
    };
    if let Some(body) = top.request_body.as_mut() {
        let mut content = IndexMap::new();
        content.insert(
            "application/json".to_string(),
            oa::MediaType { schema: Schema { one_of: bodies, ..Default::default() }, ..Default::default() },
        );
        body.content = content;
    }
    top.x_operations = ops;
    Some(top)
}
