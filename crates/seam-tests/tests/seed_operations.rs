//! The three seed operations (Seam's doc pages for creating and assigning a credential and
//! launching an enrollment automation) send the pages' sample requests and decode their sample
//! responses (with the `# manufacturer-specific metadata` placeholder lines removed).

use seam::acs::credentials::{AssignRequest, CreateRequest, CreateRequestAccessMethod};
use seam::types::AcsCredentialAccessMethod;
use seam::user_identities::enrollment_automations::LaunchRequest;
use seam_tests::RecordingServer;
use serde_json::json;

/// The sample response of the credential pages.
/// A timestamp written as in the seed pages.
fn ts(text: &str) -> seam::jiff::Timestamp {
    text.parse().expect("a valid RFC 3339 timestamp")
}

fn credential_response() -> serde_json::Value {
    json!({
      "acs_credential": {
        "acs_credential_id": "99999999-9999-9999-9999-999999999999",
        "acs_user_id": "33333333-3333-3333-3333-333333333333",
        "display_name": "Multi Phone Sync Credential",
        "code": null,
        "acs_system_id": "11111111-1111-1111-1111-111111111111",
        "access_method": "mobile_key",
        "workspace_id": "00000000-0000-0000-0000-000000000000",
        "created_at": "2024-04-12T03:56:22.396Z",
        "is_multi_phone_sync_credential": true
      },
      "ok": true
    })
}

fn assert_sample_credential(credential: &seam::types::AcsCredential) {
    assert_eq!(
        credential.acs_credential_id,
        "99999999-9999-9999-9999-999999999999"
    );
    assert_eq!(
        credential.acs_user_id.as_deref(),
        Some("33333333-3333-3333-3333-333333333333")
    );
    assert_eq!(credential.display_name, "Multi Phone Sync Credential");
    // `code` is optional and nullable; the response sends `null`, read as absent: `None`.
    assert_eq!(credential.code, None);
    assert_eq!(
        credential.access_method,
        AcsCredentialAccessMethod::MobileKey
    );
    assert_eq!(credential.is_multi_phone_sync_credential, Some(true));
    assert_eq!(credential.created_at, ts("2024-04-12T03:56:22.396Z"));
}

#[tokio::test]
async fn create_pin_code_credential() {
    let server = RecordingServer::start(200, credential_response()).await;
    let credential = server
        .client()
        .acs()
        .credentials()
        .create(
            CreateRequest::new(CreateRequestAccessMethod::Code)
                .acs_user_id("33333333-3333-3333-3333-333333333333")
                .code("824759"),
        )
        .await
        .expect("create succeeds");
    assert_sample_credential(&credential);
    let sent = &server.requests()[0];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/acs/credentials/create")
    );
    assert_eq!(
        sent.body,
        json!({"acs_user_id": "33333333-3333-3333-3333-333333333333", "access_method": "code", "code": "824759"})
    );
    assert_eq!(sent.header("authorization"), Some("Bearer seam_test_key"));
}

#[tokio::test]
async fn create_card_credential() {
    let server = RecordingServer::start(200, credential_response()).await;
    server
        .client()
        .acs()
        .credentials()
        .create(
            CreateRequest::new(CreateRequestAccessMethod::Card)
                .acs_user_id("33333333-3333-3333-3333-333333333333")
                .code("123456"),
        )
        .await
        .expect("create succeeds");
    assert_eq!(
        server.requests()[0].body,
        json!({"acs_user_id": "33333333-3333-3333-3333-333333333333", "access_method": "card", "code": "123456"})
    );
}

#[tokio::test]
async fn create_mobile_key_credential() {
    let server = RecordingServer::start(200, credential_response()).await;
    let credential = server
        .client()
        .acs()
        .credentials()
        .create(
            CreateRequest::new(CreateRequestAccessMethod::MobileKey)
                .acs_user_id("33333333-3333-3333-3333-333333333333")
                .allowed_acs_entrance_ids(vec![
                    "55555555-5555-5555-5555-555555555555".to_owned(),
                    "55555555-5555-5555-5555-000000000000".to_owned(),
                ])
                .credential_manager_acs_system_id("88888888-8888-8888-8888-888888888888")
                .is_multi_phone_sync_credential(true)
                .starts_at(ts("2024-03-01T10:40:00Z"))
                .ends_at(ts("2024-03-04T10:40:00Z")),
        )
        .await
        .expect("create succeeds");
    assert_sample_credential(&credential);
    assert_eq!(
        server.requests()[0].body,
        json!({
          "acs_user_id": "33333333-3333-3333-3333-333333333333",
          "allowed_acs_entrance_ids": ["55555555-5555-5555-5555-555555555555", "55555555-5555-5555-5555-000000000000"],
          "credential_manager_acs_system_id": "88888888-8888-8888-8888-888888888888",
          "access_method": "mobile_key",
          "is_multi_phone_sync_credential": true,
          "starts_at": "2024-03-01T10:40:00Z",
          "ends_at": "2024-03-04T10:40:00Z"
        })
    );
}

#[tokio::test]
async fn assign_credential() {
    let server = RecordingServer::start(200, credential_response()).await;
    server
        .client()
        .acs()
        .credentials()
        .assign(
            AssignRequest::new("66666666-6666-6666-6666-666666666666")
                .acs_user_id("33333333-3333-3333-3333-333333333333"),
        )
        .await
        .expect("assign succeeds");
    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/acs/credentials/assign");
    assert_eq!(
        sent.body,
        json!({"acs_user_id": "33333333-3333-3333-3333-333333333333", "acs_credential_id": "66666666-6666-6666-6666-666666666666"})
    );
}

#[tokio::test]
async fn launch_enrollment_automation() {
    let response = json!({
      "enrollment_automation": {
        "user_identity_id": "5c945ab5-c75e-4bcb-8e5f-9410061c401f",
        "enrollment_automation_id": "05505650-aa57-49ab-8f19-429738758895",
        "acs_credential_provisioning_automation_id": "05505650-aa57-49ab-8f19-429738758895",
        "credential_manager_acs_system_id": "6737e186-8d54-48ce-a7da-a0be4d252172",
        "is_running": true,
        "workspace_id": "398d80b7-3f96-47c2-b85a-6f8ba21d07be",
        "created_at": "2024-01-09T05:45:33.068Z"
      },
      "ok": true
    });
    let server = RecordingServer::start(200, response).await;
    let automation = server
        .client()
        .user_identities()
        .enrollment_automations()
        .launch(
            LaunchRequest::new(
                "6737e186-8d54-48ce-a7da-a0be4d252172",
                "5c945ab5-c75e-4bcb-8e5f-9410061c401f",
            )
            .acs_credential_pool_id("3fa85f64-5717-4562-b3fc-2c963f66afa6")
            .create_credential_manager_user(true),
        )
        .await
        .expect("launch succeeds");
    assert_eq!(
        automation.enrollment_automation_id,
        "05505650-aa57-49ab-8f19-429738758895"
    );
    assert_eq!(
        automation.user_identity_id,
        "5c945ab5-c75e-4bcb-8e5f-9410061c401f"
    );
    assert_eq!(
        automation.credential_manager_acs_system_id,
        "6737e186-8d54-48ce-a7da-a0be4d252172"
    );
    assert_eq!(
        automation.workspace_id,
        "398d80b7-3f96-47c2-b85a-6f8ba21d07be"
    );
    assert_eq!(automation.created_at, ts("2024-01-09T05:45:33.068Z"));
    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/user_identities/enrollment_automations/launch");
    assert_eq!(
        sent.body,
        json!({
          "user_identity_id": "5c945ab5-c75e-4bcb-8e5f-9410061c401f",
          "credential_manager_acs_system_id": "6737e186-8d54-48ce-a7da-a0be4d252172",
          "acs_credential_pool_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
          "create_credential_manager_user": true
        })
    );
}

/// The blocking API (feature `blocking`) sends the same request and decodes the same response.
#[test]
fn blocking_create_sends_the_same_request() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime for the server");
    let server = runtime.block_on(RecordingServer::start(200, credential_response()));
    let seam = seam::blocking::Seam::builder()
        .api_key("seam_test_key")
        .endpoint(server.url())
        .no_retries()
        .build()
        .expect("blocking client builds");
    let credential = seam
        .acs()
        .credentials()
        .create(
            CreateRequest::new(CreateRequestAccessMethod::Code)
                .acs_user_id("33333333-3333-3333-3333-333333333333")
                .code("824759"),
        )
        .expect("create succeeds");
    assert_sample_credential(&credential);
    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/acs/credentials/create");
    assert_eq!(
        sent.body,
        json!({"acs_user_id": "33333333-3333-3333-3333-333333333333", "access_method": "code", "code": "824759"})
    );
}
