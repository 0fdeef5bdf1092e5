//! Coverage per service never drops below the figures committed in
//! `spec/<service>/COVERAGE.md`: rows reached, enum values extracted, and no
//! more orphan tables, unresolved links or invalid paths than committed.
//! Precision is absolute: no false enum, enum of an open set, placeholder or
//! unstated default, or required flag against the Mandatory column, whatever
//! was committed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::coverage::{read_figures, Coverage, Figures};
use std::path::Path;
use std::process::Command;

fn committed(service: &str) -> Figures {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec").join(service).join("COVERAGE.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_figures(&text).unwrap_or_else(|| panic!("{}: no coverage figures", path.display()))
}

fn check(service: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .current_dir(&root)
        .args(["coverage", "--format", "json", "--service", service])
        .output()
        .expect("run generator coverage");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut failures = Vec::new();
    let mut services = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let now: Coverage = serde_json::from_str(line).expect("coverage JSON");
        let was = committed(&now.service);
        let (n, w) = (&now.figures, &was);
        services += 1;
        let checks = [
            ("rows reached", n.rows_reached >= w.rows_reached && n.rows_pct() + 1e-9 >= w.rows_pct()),
            ("enum values", n.enum_extracted >= w.enum_extracted && n.enums_pct() + 1e-9 >= w.enums_pct()),
            ("orphan tables", n.orphan_tables <= w.orphan_tables),
            ("unresolved links", n.unresolved_links() <= w.unresolved_links()),
            ("free-form objects with a table", n.free_form_with_table <= w.free_form_with_table),
            ("invalid paths", n.invalid_paths <= w.invalid_paths),
        ];
        for (what, ok) in checks {
            if !ok {
                failures.push(format!("{}: {what} fell: committed {w:?}, now {n:?}", now.service));
            }
        }
        if n.precision_defects() > 0 {
            failures.push(precision_failure(&now));
        }
    }
    assert_eq!(services, 1, "expected the coverage of {service}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The precision defects of a service, each with file, line, table and row (the first 40).
fn precision_failure(c: &Coverage) -> String {
    let f = &c.figures;
    let mut out = format!(
        "{}: {} precision defects: false enums {}, open-set enums {}, placeholder defaults {}, \
         unstated defaults {}, required against the page {}, required missing {}",
        c.service,
        f.precision_defects(),
        f.false_enums,
        f.open_set_enums,
        f.placeholder_defaults,
        f.unstated_defaults,
        f.required_contradictions,
        f.required_missing
    );
    for l in c.losses.iter().filter(|l| l.kind.is_precision()).take(40) {
        let line = l.line.map(|n| format!(":{n}")).unwrap_or_default();
        let table = l.table.as_deref().unwrap_or("-");
        let row = l.row.as_deref().unwrap_or("-");
        out += &format!("\n  {}{line} > {table} > {row}: {}", l.file, l.detail);
    }
    out
}

macro_rules! services {
    ($($name:ident),*) => {
        $(#[test] fn $name() { check(stringify!($name).trim_start_matches("r#")); })*

        /// Every configured service has its test above.
        #[test]
        fn every_configured_service_is_checked() {
            let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/services.yaml");
            let config = generator::config::Config::load(&config).expect("services.yaml");
            let tested = [$(stringify!($name).trim_start_matches("r#")),*];
            for s in &config.services {
                assert!(tested.contains(&s.name.as_str()), "no coverage test for service {}", s.name);
            }
        }
    };
}

services!(
    modelarts,
    vpc,
    evs,
    ims,
    rds,
    dns,
    nat,
    kms,
    smn,
    r#as,
    ces,
    iam,
    cce,
    ecs,
    elb,
    eip,
    cbr,
    sfs,
    cts,
    lts,
    dms,
    functiongraph,
    vpn,
    vpcep,
    er,
    dc,
    bms,
    swr,
    dws,
    ddm,
    cfw,
    rfs,
    dis,
    antiddos,
    deh
);
