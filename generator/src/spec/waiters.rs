//! Waiters: which operations start a job, and which GET reports on it.
//!
//! Structural rules, no per-service table:
//!
//! * A **job API** is a GET whose id parameter is the last path segment (`{job_id}`,
//!   `{task_id}`) or a required query `job_id`/`task_id` (or `id` under a `/jobs` or `/tasks`
//!   path), and whose success answer has a string `status` with documented values (at top level
//!   or in one object property, `job.status`) of which at least one means success and one
//!   failure. It gets `x-hwcloud-job` ([`JobApi`]).
//! * A **job starter** is any other operation whose success answer has a top-level string
//!   `job_id`/`task_id` (`jobId`, `jobid`, ...) of the same kind (job or task) as a job API's id,
//!   and whose parameters include every other parameter the job API needs (`instance_id`). The
//!   job API must be the one for the starter's collection (its path without the id is a prefix of
//!   the starter's path), or a service-wide one (`.../jobs/{job_id}`, `.../tasks/{task_id}`); the
//!   closest (longest shared path) wins. It gets `x-hwcloud-waiter` ([`WaiterLink`]).

use super::openapi::{JobApi, OpenApi, Operation, Parameter, Schema, WaiterLink};
use serde_json::Value;
use std::collections::HashMap;

/// Status words that mean the job finished well, and failed (one word of the value, any case).
const SUCCESS_WORDS: &[&str] =
    &["SUCCESS", "SUCCEEDED", "SUCCESSFUL", "SUCCEED", "COMPLETED", "COMPLETE", "FINISHED", "DONE"];
const FAILURE_WORDS: &[&str] =
    &["FAIL", "FAILED", "FAILURE", "ERROR", "ABORTED", "CANCELED", "CANCELLED", "TIMEOUT", "TIMEDOUT"];
/// String properties beside the status that explain a failure.
const REASON_FIELDS: &[&str] =
    &["error_code", "fail_reason", "error_msg", "error_message", "error_detail", "reason", "message"];

/// Writes `x-hwcloud-job` and `x-hwcloud-waiter` into `spec` (replacing any there); returns
/// how many operations got a waiter.
pub fn annotate(spec: &mut OpenApi) -> usize {
    let jobs = job_apis(spec);
    let mut linked = 0;
    let schemas = spec.components.schemas.clone();
    for (path, item) in spec.paths.iter_mut() {
        for (method, top) in item.iter_mut() {
            let mut each = |op: &mut Operation| {
                op.x_hwcloud_job =
                    jobs.iter().find(|j| j.id == op.operation_id && !j.id.is_empty()).map(|j| j.api.clone());
                op.x_hwcloud_waiter = if method == "get" { None } else { link(path, op, &jobs, &Resolver(&schemas)) };
                linked += usize::from(op.x_hwcloud_waiter.is_some());
            };
            if top.x_operations.is_empty() {
                each(top);
            } else {
                top.x_operations.iter_mut().for_each(&mut each);
            }
        }
    }
    linked
}

/// A job API found in the spec.
#[derive(Debug, Clone)]
struct Job {
    id: String,
    path: String,
    api: JobApi,
    /// Whether the id is a job's or a task's (`jobid`, `taskid`).
    kind: &'static str,
    /// The other parameters it needs (path, and required query), by name.
    needs: Vec<String>,
}

fn job_apis(spec: &OpenApi) -> Vec<Job> {
    let resolver = Resolver(&spec.components.schemas);
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, _, op) in spec.operations() {
        *count.entry(op.operation_id.as_str()).or_default() += 1;
    }
    spec.operations()
        .into_iter()
        .filter(|(_, method, op)| *method == "get" && count.get(op.operation_id.as_str()) == Some(&1))
        .filter_map(|(path, _, op)| job_api(path, op, &resolver))
        .collect()
}

fn job_api(path: &str, op: &Operation, resolver: &Resolver<'_>) -> Option<Job> {
    let (param, kind) = id_param(path, op)?;
    let answer = resolver.object(success_schema(op)?)?;
    let (status, holder) = status_field(answer, resolver)?;
    let values: Vec<&str> = resolver
        .get(holder.properties.get(status.rsplit('.').next()?)?)?
        .enum_values
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let success: Vec<String> = values.iter().filter(|v| is_success(v)).map(|v| v.to_string()).collect();
    let failure: Vec<String> = values.iter().filter(|v| is_failure(v)).map(|v| v.to_string()).collect();
    if success.is_empty() || failure.is_empty() {
        return None;
    }
    let reason = holder
        .properties
        .iter()
        .filter(|(name, s)| REASON_FIELDS.contains(&name.as_str()) && resolver.is_string(s))
        .map(|(name, _)| name.clone())
        .collect();
    let needs = op
        .parameters
        .iter()
        .filter(|p| p.name != param && p.name != "project_id")
        .filter(|p| p.location == "path" || (p.location == "query" && p.required && !p.x_required_unknown))
        .map(|p| p.name.clone())
        .collect();
    Some(Job {
        id: op.operation_id.clone(),
        path: path.to_string(),
        api: JobApi { param, status, success, failure, reason },
        kind,
        needs,
    })
}

/// The id parameter of a job API and its kind.
fn id_param(path: &str, op: &Operation) -> Option<(String, &'static str)> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let last = *segments.last()?;
    if let Some(name) = last.strip_prefix('{').and_then(|l| l.strip_suffix('}')) {
        return id_kind(name).map(|k| (name.to_string(), k));
    }
    let collection_kind = match last {
        "jobs" => Some("jobid"),
        "tasks" => Some("taskid"),
        _ => None,
    };
    op.parameters.iter().filter(|p| p.location == "query" && p.required && is_text(&p.schema)).find_map(|p| {
        match (id_kind(&p.name), collection_kind) {
            (Some(k), _) => Some((p.name.clone(), k)),
            (None, Some(k)) if p.name == "id" => Some((p.name.clone(), k)),
            _ => None,
        }
    })
}

/// `jobid` or `taskid` for the names of a job's or a task's id (`job_id`, `jobId`, `task_id`).
fn id_kind(name: &str) -> Option<&'static str> {
    match name.replace(['_', '-'], "").to_ascii_lowercase().as_str() {
        "jobid" => Some("jobid"),
        "taskid" => Some("taskid"),
        _ => None,
    }
}

fn is_text(s: &Schema) -> bool {
    s.schema_type.as_deref() == Some("string")
}

/// The schema of the first 2xx JSON answer.
fn success_schema(op: &Operation) -> Option<&Schema> {
    op.responses
        .iter()
        .filter(|(code, _)| code.starts_with('2'))
        .find_map(|(_, r)| r.content.iter().find(|(ct, _)| ct.contains("json")).map(|(_, m)| &m.schema))
}

/// The status field (`status` or `outer.status`) and the object holding it.
fn status_field<'a>(answer: &'a Schema, resolver: &Resolver<'a>) -> Option<(String, &'a Schema)> {
    let has_status = |s: &Schema| {
        s.properties
            .get("status")
            .and_then(|p| resolver.get(p))
            .is_some_and(|p| is_text(p) && !p.enum_values.is_empty())
    };
    if has_status(answer) {
        return Some(("status".to_string(), answer));
    }
    answer.properties.iter().find_map(|(name, p)| {
        let inner = resolver.object(p)?;
        has_status(inner).then(|| (format!("{name}.status"), inner))
    })
}

fn words(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_uppercase)
}

fn is_failure(value: &str) -> bool {
    words(value).any(|w| FAILURE_WORDS.contains(&w.as_str()))
}

fn is_success(value: &str) -> bool {
    !is_failure(value) && words(value).any(|w| SUCCESS_WORDS.contains(&w.as_str()))
}

/// The link of a non-GET operation `op` on `path` to the job API its answer's id is for.
fn link(path: &str, op: &Operation, jobs: &[Job], resolver: &Resolver<'_>) -> Option<WaiterLink> {
    let answer = resolver.object(success_schema(op)?)?;
    let (field, kind) = answer
        .properties
        .iter()
        .filter(|(_, s)| resolver.is_string(s))
        .find_map(|(name, _)| id_kind(name).map(|k| (name.clone(), k)))?;
    let has = |name: &str| op.parameters.iter().any(|p: &Parameter| p.name == name && p.location == "path");
    best(jobs.iter().filter(|j| j.kind == kind && j.needs.iter().all(|n| has(n)) && serves(j, path)), path)
        .map(|j| WaiterLink { operation: j.id.clone(), id: field })
}

/// The job API sharing the longest path prefix with `path`; the first of equals.
fn best<'a>(jobs: impl Iterator<Item = &'a Job>, path: &str) -> Option<&'a Job> {
    let mut best: Option<(&Job, usize)> = None;
    for j in jobs {
        let shared = j.path.split('/').zip(path.split('/')).take_while(|(a, b)| a == b).count();
        if best.is_none_or(|(_, n)| shared > n) {
            best = Some((j, shared));
        }
    }
    best.map(|(j, _)| j)
}

/// Whether job API `j` reports on jobs started at `path`: it is the collection's own
/// (`POST /datasets/{id}/import-tasks` -> `GET /datasets/{id}/import-tasks/{task_id}`), or a
/// service-wide job list (`.../jobs/{job_id}`).
fn serves(j: &Job, path: &str) -> bool {
    let collection = j.path.trim_end_matches('/');
    let collection =
        if collection.ends_with('}') { collection.rsplit_once('/').map_or("", |(c, _)| c) } else { collection };
    let own = path == collection || path.starts_with(&format!("{collection}/"));
    let last = collection.rsplit('/').next().unwrap_or_default();
    own || matches!(last, "jobs" | "tasks")
}

/// `$ref` and one-element `allOf` resolution against the components.
struct Resolver<'a>(&'a indexmap::IndexMap<String, Schema>);

impl<'a> Resolver<'a> {
    fn get(&self, s: &'a Schema) -> Option<&'a Schema> {
        let mut s = s;
        for _ in 0..16 {
            match s.ref_name() {
                Some(name) => s = self.0.get(name)?,
                None => return Some(s),
            }
        }
        None
    }

    fn object(&self, s: &'a Schema) -> Option<&'a Schema> {
        self.get(s).filter(|s| !s.properties.is_empty())
    }

    fn is_string(&self, s: &'a Schema) -> bool {
        self.get(s).is_some_and(is_text)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// A spec of `paths` (YAML) with the ECS-like job answer `Job` and the starter answer `Started`.
    fn spec(paths: &str) -> OpenApi {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n{SCHEMAS}"
        );
        crate::spec::from_yaml(&text).unwrap()
    }

    const SCHEMAS: &str = "    Job:
      type: object
      properties:
        status: {type: string, enum: [SUCCESS, RUNNING, FAIL, INIT]}
        job_id: {type: string}
        error_code: {type: string}
        fail_reason: {type: string}
        entities: {type: object, properties: {volume_id: {type: string}}}
    RdsJob:
      type: object
      properties:
        job:
          type: object
          properties:
            id: {type: string}
            status: {type: string, enum: [Running, Completed, Failed]}
            fail_reason: {type: string}
    Progress:
      type: object
      properties:
        status: {type: integer, enum: [0, 1, 2]}
    Started:
      type: object
      properties:
        job_id: {type: string}
        order_id: {type: string}
    TaskStarted:
      type: object
      properties:
        task_id: {type: string}
";

    fn get(path: &str, id: &str, schema: &str, params: &str) -> String {
        format!(
            "  {path}:\n    get:\n      operationId: {id}\n      parameters: [{params}]\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\n"
        )
    }

    fn post(path: &str, id: &str, schema: &str, params: &str) -> String {
        format!(
            "  {path}:\n    post:\n      operationId: {id}\n      parameters: [{params}]\n      responses:\n        '202':\n          description: Accepted\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\n"
        )
    }

    const PROJECT: &str = "{name: project_id, in: path, required: true, schema: {type: string}}";

    fn path_param(name: &str) -> String {
        format!("{PROJECT}, {{name: {name}, in: path, required: true, schema: {{type: string}}}}")
    }

    /// (operation id, its `x-hwcloud-waiter` target) and (operation id, its `x-hwcloud-job`) of every annotated operation.
    type Annotated = (Vec<(String, String)>, Vec<(String, JobApi)>);

    fn annotated(spec: &mut OpenApi) -> Annotated {
        annotate(spec);
        let mut links = Vec::new();
        let mut jobs = Vec::new();
        for (_, _, op) in spec.operations() {
            if let Some(l) = &op.x_hwcloud_waiter {
                links.push((op.operation_id.clone(), format!("{} via {}", l.operation, l.id)));
            }
            if let Some(j) = &op.x_hwcloud_job {
                jobs.push((op.operation_id.clone(), j.clone()));
            }
        }
        (links, jobs)
    }

    #[test]
    fn ecs_job_api_and_its_starters() {
        let mut s = spec(
            &[
                get("/v1/{project_id}/jobs/{job_id}", "ShowJob", "Job", &path_param("job_id")),
                post("/v1/{project_id}/cloudservers", "CreateServers", "Started", PROJECT),
                post(
                    "/v2/{project_id}/volumes/{volume_id}/action",
                    "ResizeVolume",
                    "Started",
                    &path_param("volume_id"),
                ),
                post("/v1/{project_id}/tags", "CreateTags", "TaskStarted", PROJECT),
            ]
            .concat(),
        );
        let (links, jobs) = annotated(&mut s);
        assert_eq!(
            links,
            [
                ("CreateServers".into(), "ShowJob via job_id".into()),
                ("ResizeVolume".into(), "ShowJob via job_id".into())
            ]
        );
        let expected = JobApi {
            param: "job_id".into(),
            status: "status".into(),
            success: vec!["SUCCESS".into()],
            failure: vec!["FAIL".into()],
            reason: vec!["error_code".into(), "fail_reason".into()],
        };
        assert_eq!(jobs, [("ShowJob".to_string(), expected)]);
    }

    #[test]
    fn rds_query_id_and_nested_status() {
        let id = "{name: id, in: query, required: true, schema: {type: string}}";
        let mut s = spec(
            &[
                get("/v3/{project_id}/jobs", "ShowJob", "RdsJob", &format!("{PROJECT}, {id}")),
                post("/v3/{project_id}/instances", "CreateInstance", "Started", PROJECT),
            ]
            .concat(),
        );
        let (links, jobs) = annotated(&mut s);
        assert_eq!(links, [("CreateInstance".into(), "ShowJob via job_id".into())]);
        let j = &jobs[0].1;
        assert_eq!((j.param.as_str(), j.status.as_str()), ("id", "job.status"));
        assert_eq!((j.success.clone(), j.failure.clone()), (vec!["Completed".into()], vec!["Failed".into()]));
        assert_eq!(j.reason, ["fail_reason"]);
    }

    #[test]
    fn a_collection_s_own_task_api_needs_its_parameters() {
        let dataset = path_param("dataset_id");
        let task = format!("{dataset}, {{name: task_id, in: path, required: true, schema: {{type: string}}}}");
        let mut s = spec(
            &[
                get("/v2/{project_id}/datasets/{dataset_id}/import-tasks/{task_id}", "ShowImport", "Job", &task),
                post("/v2/{project_id}/datasets/{dataset_id}/import-tasks", "StartImport", "TaskStarted", &dataset),
                // Another collection of the same dataset: not the import task API's.
                post("/v2/{project_id}/datasets/{dataset_id}/tasks", "StartAnnotation", "TaskStarted", &dataset),
                // The task API's `dataset_id` cannot be filled in.
                post("/v2/{project_id}/import-tasks", "StartOther", "TaskStarted", PROJECT),
            ]
            .concat(),
        );
        let (links, _) = annotated(&mut s);
        assert_eq!(links, [("StartImport".into(), "ShowImport via task_id".into())]);
    }

    #[test]
    fn no_job_api_without_documented_terminal_states() {
        for schema in ["Progress", "Started"] {
            let mut s = spec(
                &[
                    get("/v1/{project_id}/jobs/{job_id}", "ShowJob", schema, &path_param("job_id")),
                    post("/v1/{project_id}/servers", "CreateServers", "Started", PROJECT),
                ]
                .concat(),
            );
            assert_eq!(annotated(&mut s), (vec![], vec![]), "{schema}");
        }
    }

    #[test]
    fn status_words() {
        for v in ["SUCCESS", "success", "Completed", "SUCCEEDED", "finished", "PARTIAL_SUCCESS"] {
            assert!(is_success(v) && !is_failure(v), "{v}");
        }
        for v in ["FAIL", "failed", "Failed", "ERROR", "SUCCESS_WITH_ERROR", "Cancelled"] {
            assert!(is_failure(v) && !is_success(v), "{v}");
        }
        for v in ["RUNNING", "INIT", "waiting", "QUEUING", "NOT_EXIST", "successor"] {
            assert!(!is_success(v) && !is_failure(v), "{v}");
        }
    }

    /// The extensions survive the YAML writer and reader.
    #[test]
    fn extensions_round_trip() {
        let mut s = spec(
            &[
                get("/v1/{project_id}/jobs/{job_id}", "ShowJob", "Job", &path_param("job_id")),
                post("/v1/{project_id}/servers", "CreateServers", "Started", PROJECT),
            ]
            .concat(),
        );
        assert_eq!(annotate(&mut s), 1);
        let text = crate::spec::to_yaml(&s).unwrap();
        assert!(text.contains("x-hwcloud-waiter:\n        operation: ShowJob\n        id: job_id\n"), "{text}");
        assert_eq!(crate::spec::from_yaml(&text).unwrap(), s);
    }

    /// The committed specs: the services documenting a job API get their waiters.
    #[test]
    fn committed_specs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let mut per_service = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&root).unwrap().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path().join("openapi.yaml")) else { continue };
            let mut spec = crate::spec::from_yaml(&text).unwrap();
            let n = annotate(&mut spec);
            if n > 0 {
                per_service.insert(entry.file_name().to_string_lossy().to_string(), n);
            }
        }
        eprintln!("waiters per service: {per_service:?}, total {}", per_service.values().sum::<usize>());
        for svc in ["ecs", "evs", "ims", "rds"] {
            assert!(per_service.get(svc).is_some_and(|n| *n > 0), "{svc}: {per_service:?}");
        }
    }
}
