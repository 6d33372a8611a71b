//! What the fake sends that the spec does not allow, as the lenience pass lists it.

use super::*;
use seam_codegen::model::lenience::DEVIATIONS;

/// The server behaviours the lenience pass (`crates/seam-codegen/src/model/lenience.rs`) reads
/// leniently, seen in the raw JSON: each required member the fake leaves out or sends as `null`.
/// When the fake starts sending one, this fails, and the entry can go.
#[tokio::test]
#[ignore = "needs fake-seam-connect: run `cargo xtask test` or set SEAM_FAKE_URL"]
async fn server_deviations_the_client_reads_leniently() {
    static ACS_USERS_CREATE: Route = Route {
        path: "/acs/users/create",
        response_key: Some("acs_user"),
        retry_safe: false,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    static ACCESS_CODES_CREATE: Route = Route {
        path: "/access_codes/create",
        response_key: Some("access_code"),
        retry_safe: false,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    let seam = seam();
    let raw = |route: &'static Route, body: serde_json::Value| {
        let client = seam.client().clone();
        async move {
            client
                .call::<_, serde_json::Value>(route, &body)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", route.path))
        }
    };
    let absent = |schema: &str, value: &serde_json::Value| {
        let entry = DEVIATIONS
            .iter()
            .find(|d| d.schema == schema)
            .expect(schema);
        for property in entry.properties {
            assert!(
                value.get(property).is_none(),
                "{schema}.{property}: {value}"
            );
        }
    };
    let user = raw(
        &ACS_USERS_CREATE,
        serde_json::json!({"acs_system_id": ACS_SYSTEM_ID, "full_name": unique("Jane Doe")}),
    )
    .await;
    assert!(user.get("acs_user_id").is_some(), "{user}");
    absent("acs_user", &user);

    let pin = format!("{:08}", unique_number() % 100_000_000);
    let code = raw(
        &ACCESS_CODES_CREATE,
        serde_json::json!({"device_id": LOCK_ID, "code": pin}),
    )
    .await;
    assert!(code.get("access_code_id").is_some(), "{code}");
    absent("access_code", &code);

    let attempt = seam
        .locks()
        .unlock_door(seam::locks::UnlockDoorRequest::new(UNLOCK_ONLY_LOCK_ID))
        .await
        .expect("locks/unlock_door succeeds and is waited for");
    let id = ActionAttemptLike::id(&attempt).to_owned();
    let attempt = raw(
        &ACTION_ATTEMPTS_GET,
        serde_json::json!({"action_attempt_id": id}),
    )
    .await;
    assert_eq!(attempt["status"], "success", "{attempt}");
    let checked = ["acs_user", "access_code", "action_attempt"];
    let shown_here: Vec<_> = DEVIATIONS
        .iter()
        .filter(|d| d.shown_by.contains("tests/fake_seam/deviations.rs"))
        .collect();
    assert_eq!(
        shown_here.len(),
        checked.len(),
        "the entries this test shows"
    );
    for d in shown_here {
        assert!(
            checked.contains(&d.schema),
            "{} is not checked here",
            d.schema
        );
    }
    let entry = DEVIATIONS.iter().find(|d| d.schema == "action_attempt");
    for property in entry.expect("action_attempt").properties {
        let value = attempt.get(property);
        assert!(value.is_none_or(serde_json::Value::is_null), "{attempt}");
    }
}
