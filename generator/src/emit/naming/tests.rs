//! The naming pass, table-tested: methods from titles and routes, modules, types, variants.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use super::methods::join_method;
use super::*;
use crate::emit::lowered::Op;

fn name(title: &str) -> String {
    join_method(&title_phrase(title).unwrap_or_else(|| panic!("no phrase for {title:?}")))
}

#[test]
fn methods_from_titles() {
    let table = [
        ("Querying a Training Job List", "list_training_jobs"),
        ("Querying a List of Training Job Configurations", "list_training_job_configurations"),
        ("Querying the Details About a Training Job Version", "get_training_job_version"),
        ("Querying Details About a Workspace", "get_workspace"),
        ("Creating a Development Environment Instance", "create_development_environment_instance"),
        ("Deleting a Model", "delete_model"),
        ("Modifying the Description of a Training Job", "update_training_job_description"),
        ("Stopping the Version of a Data Processing Task", "stop_data_processing_task_version"),
        ("Restarting an ML Studio Instance", "restart_ml_studio_instance"),
        ("Querying Tags of a DB Instance", "list_db_instance_tags"),
        ("Obtaining a DB Instance List", "list_db_instances"),
        ("Querying VPCs", "list_vpcs"),
        ("Querying a Port", "get_port"),
        ("Querying Topics by Tag", "list_topics_by_tag"),
        ("Adding Samples in Batches", "batch_add_samples"),
        ("Obtaining Nodes in a Resource Pool", "list_resource_pool_nodes"),
        ("Querying User Details (Recommended)", "get_user"),
        ("Obtaining the List of Parameters That Can Be Configured for a Node Pool", "list_node_pool_parameters"),
        ("Associating a Subnet with a Network ACL", "associate_subnet_with_network_acl"),
        ("Listing Custom Policies", "list_custom_policies"),
        ("Querying the Status of a Dataset Synchronization Task", "get_dataset_synchronization_task_status"),
        ("Rebooting Servers", "reboot_servers"),
        ("Rebuilding a Server", "rebuild_server"),
        ("Managing a Development Environment Instance", "manage_development_environment_instance"),
        ("Purchasing a Package", "purchase_package"),
        ("Querying a Built-in Algorithm", "get_built_in_algorithm"),
        ("Invoking a Function", "invoke_function"),
        ("Querying the List of Permissions of an Agency on a Domain", "list_agency_permissions"),
        ("Deploying a Model as a Service", "deploy_model_as_service"),
        ("Querying ECS Operations by Request ID", "list_ecs_operations_by_request_id"),
    ];
    for (title, want) in table {
        assert_eq!(name(title), want, "{title:?}");
    }
    assert_eq!(title_phrase("API Version Query"), None);
    assert_eq!(title_phrase("创建节点池"), None);
}

#[test]
fn long_names_are_cut_from_the_owner() {
    let n =
        name("Querying the Major Version Upgrade Check History of a DB Instance of the Primary Region Cluster Group");
    assert!(n.len() <= MAX_METHOD, "{n}");
    assert!(n.starts_with("get_") && n.ends_with("history"), "{n}");
}

#[test]
fn chinese_titles_take_the_object_from_the_route() {
    assert_eq!(zh_verb("批量删除节点"), Some(vec!["batch".to_string(), "delete".to_string()]));
    assert_eq!(zh_verb("查询节点池列表"), Some(vec!["list".to_string()]));
    assert_eq!(zh_verb("查询节点池"), Some(vec!["get".to_string()]));
    assert_eq!(route_object("/v2/{project_id}/pools/{pool_name}/nodepools"), (vec!["nodepools".to_string()], false));
    assert_eq!(route_object("/v1/{project_id}/servers/{server_id}"), (vec!["server".to_string()], true));
}

#[test]
fn groups_from_tags_or_paths() {
    assert_eq!(group_of(&["Node Pool Management".to_string()], "/x"), "node_pool");
    assert_eq!(group_of(&[], "/v2/{project_id}/datasets/{dataset_id}/versions"), "datasets");
    assert_eq!(group_of(&[], "/api/v3/projects/{project_id}/clusters"), "clusters");
    assert_eq!(group_of(&[], "/v3/users"), "users");
    assert_eq!(group_of(&[], "/v1/{project_id}/services"), "services");
    assert_eq!(group_of(&[], "/v1/models"), "models_api");
}

#[test]
fn variants_from_meanings_or_values() {
    let v = |pairs: &[(&str, Option<&str>)]| {
        variant_names(&pairs.iter().map(|(a, b)| (a.to_string(), b.map(str::to_string))).collect::<Vec<_>>())
    };
    assert_eq!(v(&[("0", Some("pay-per-use")), ("1", Some("yearly/monthly"))]), ["PayPerUse", "YearlyMonthly"]);
    assert_eq!(v(&[("0", Some("按需计费")), ("1", None)]), ["V0", "V1"], "no English meaning: from the value");
    assert_eq!(v(&[("0", Some("running")), ("1", Some("running"))]), ["V0", "V1"], "meanings not distinct");
    assert_eq!(v(&[("UP", Some("normal")), ("", Some("There is no host information."))]), ["Up", "Empty"]);
    assert_eq!(v(&[("0", Some("pay-per-use")), ("", Some("not set"))]), ["PayPerUse", "Empty"]);
    assert_eq!(v(&[("asc", Some("ascending")), ("desc", None)]), ["Asc", "Desc"], "words name themselves");
    assert_eq!(v(&[("-1", Some("The job failed.")), ("0", Some("Job created"))]), ["JobFailed", "JobCreated"]);
    assert_eq!(v(&[("a-b", None), ("a_b", None)]), ["Ab", "AbAlt"]);
}

#[test]
fn object_nouns() {
    assert_eq!(object_noun("create_node_pool"), "NodePool");
    assert_eq!(object_noun("list_training_jobs"), "TrainingJob");
    assert_eq!(object_noun("batch_add_samples"), "Sample");
    assert_eq!(object_noun("get"), "Get");
    assert_eq!(object_noun("list_vpcs_legacy"), "LegacyVpc");
    assert_eq!(object_noun("list_security_groups_openstack"), "OpenstackSecurityGroup");
    assert_eq!(object_noun("get_vpc_legacy"), "LegacyVpc");
    assert_eq!(object_noun("list_all_disks_detail"), "AllDisksDetail");
}

fn titled(method: &str, path: &str, title: &str, tag: &str) -> Op {
    Op {
        method: method.into(),
        path: path.into(),
        operation_id: route_id(method, path),
        summary: Some(title.into()),
        route_id: true,
        group: group_of(&[tag.to_string()], path),
        tag: tag.into(),
        deprecated: crate::words::title_says_deprecated(title),
        fn_name: String::new(),
        request: String::new(),
        docs: vec![],
        params: vec![],
        body: None,
        outcome: Outcome::Undocumented,
        headers: None,
        errors: vec![],
    }
}

#[test]
fn variants_of_one_api_are_told_apart_by_words() {
    let ops = [
        titled(
            "POST",
            "/v1/{project_id}/security-groups",
            "Creating a Security Group",
            "Security Group (VPC APIs (V1/V2))",
        ),
        titled(
            "POST",
            "/v3/{project_id}/vpc/security-groups",
            "Creating a Security Group",
            "Security Group (VPC APIs (V3))",
        ),
        titled(
            "POST",
            "/v2.0/security-groups",
            "Creating a Security Group",
            "Security Group (Native OpenStack Neutron APIs (V2.0))",
        ),
        titled("GET", "/v2.0/dnat_rules", "Querying DNAT Rules", "DNAT Rules (APIs for Public NAT Gateways (v2.0))"),
        titled(
            "GET",
            "/v3/{project_id}/private-nat/dnat-rules",
            "Querying DNAT Rules",
            "DNAT Rules (APIs for Private NAT Gateways (v3.0))",
        ),
        titled("GET", "/v3.0/OS-USER/users/{user_id}", "Querying User Details (Recommended)", "User Management"),
        titled("GET", "/v3/users/{user_id}", "Querying User Details", "User Management"),
        titled("GET", "/v3", "Querying Information About API v3", "API Version Query"),
        titled("GET", "/rds/v1/{project_id}/flavors/{flavorId}", "Obtaining Specified DB Instance Specifications", "X"),
    ];
    assert_eq!(
        method_names(&ops),
        [
            "create_security_group_legacy",
            "create_security_group",
            "create_security_group_openstack",
            "list_dnat_rules_public",
            "list_dnat_rules_private",
            "get_user",
            "get_user_legacy",
            "get_api_version",
            "get_db_instance_specification",
        ]
    );
    assert_eq!(group_of(&["Backup and Restoration (API v1 (To Be Discarded))".into()], "/x"), "backup_restoration");
    assert_eq!(group_of(&["Bandwidth (V2.0)".into()], "/x"), "bandwidth");
}

/// FunctionGraph: the qualifiers that tell these two apart are cut off again by the length limit.
#[test]
fn a_clash_the_length_limit_makes_is_told_apart_by_the_words_it_left_out() {
    let ops = [
        titled(
            "GET",
            "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config",
            "Querying Asynchronous Execution Notification Settings of a Function Version",
            "Asynchronous Execution Notification",
        ),
        titled(
            "GET",
            "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-configs",
            "Querying Asynchronous Execution Notification Settings of a Function's All Versions",
            "Asynchronous Execution Notification",
        ),
    ];
    let names = method_names(&ops);
    // The inner words give way, never the verb, the object or the words that tell them apart.
    assert_eq!(names.first().map(String::as_str), Some("list_execution_settings_function_version"));
    assert_eq!(names.get(1).map(String::as_str), Some("list_execution_settings_function_all_versions"));
    assert!(names.iter().all(|n| n.len() <= MAX_METHOD));
}

#[test]
fn versions_leave_type_names() {
    assert_eq!(strip_version("V2Job"), "Job");
    assert_eq!(strip_version("V3NodeSpec"), "NodeSpec");
    assert_eq!(strip_version("DbInstanceV1_0"), "DbInstance");
    assert_eq!(strip_version("ScalingPolicyV2ScalingPolicy"), "ScalingPolicyScalingPolicy");
    assert_eq!(strip_version("Ipv6Bandwidth"), "Ipv6Bandwidth");
    assert_eq!(strip_version("PublicIPV4"), "PublicIPV4");
    assert_eq!(strip_version("V3"), "V3");
    assert_eq!(plural("az"), "azs");
    assert_eq!(plural("azs"), "azs");
}
