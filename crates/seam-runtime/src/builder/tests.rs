//! The builder's unit tests: environment, endpoint and credential precedence, typed targets.

use super::http::normalise_endpoint;
use super::*;
use std::collections::HashMap;

fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn endpoint_rules() {
    assert_eq!(
        normalise_endpoint("https://connect.getseam.com/").unwrap(),
        "https://connect.getseam.com"
    );
    assert_eq!(
        normalise_endpoint("http://127.0.0.1:9/api/").unwrap(),
        "http://127.0.0.1:9/api"
    );
    for bad in [
        "ftp://x",
        "not a url",
        "https://u:p@host",
        "https://host/?q=1",
        "file:///tmp",
    ] {
        assert!(
            matches!(normalise_endpoint(bad), Err(Error::Config(_))),
            "{bad}"
        );
    }
}

#[test]
fn env_api_key_and_endpoint() {
    let client = Client::builder()
        .env_from(env(&[
            ("SEAM_API_KEY", "seam_envkey"),
            ("SEAM_ENDPOINT", "http://127.0.0.1:1/"),
        ]))
        .build()
        .unwrap();
    assert_eq!(client.endpoint(), "http://127.0.0.1:1");
    assert!(format!("{client:?}").contains("ApiKey(<redacted>)"));
    assert!(!format!("{client:?}").contains("envkey"));
}

/// A typed client that, like the generated `Seam`, takes the modes with a workspace only.
#[derive(Debug)]
struct InWorkspace(Client);

impl FromClient for InWorkspace {
    fn accepts(mode: AuthMode) -> bool {
        mode.has_workspace()
    }
    fn from_client(client: Client) -> Result<Self> {
        Ok(InWorkspace(client))
    }
    fn refusal(mode: AuthMode) -> String {
        format!("{mode}: build a `WithoutWorkspace`")
    }
}

/// Like the generated `SeamWithoutWorkspace`.
#[derive(Debug)]
struct WithoutWorkspace(Client);

impl FromClient for WithoutWorkspace {
    fn accepts(mode: AuthMode) -> bool {
        !mode.has_workspace()
    }
    fn from_client(client: Client) -> Result<Self> {
        Ok(WithoutWorkspace(client))
    }
}

const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.e30.sig";

#[test]
fn env_personal_access_token_with_and_without_workspace() {
    // A type that needs a workspace refuses a token alone, naming what to do.
    let err = ClientBuilder::<InWorkspace>::new()
        .env_from(env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x")]))
        .build()
        .unwrap_err();
    let Error::Config(message) = &err else {
        panic!("{err:?}")
    };
    assert!(
        message
            .starts_with("a personal access token without a workspace: build a `WithoutWorkspace`")
            && message.contains("SEAM_WORKSPACE_ID"),
        "{message}"
    );
    // With SEAM_WORKSPACE_ID it acts in that workspace.
    let with = env(&[
        ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"),
        ("SEAM_WORKSPACE_ID", "ws_1"),
    ]);
    let client = ClientBuilder::<InWorkspace>::new()
        .env_from(&with)
        .build()
        .unwrap()
        .0;
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithWorkspace
    );
    assert!(format!("{client:?}").contains("ws_1"));
    // A client without a workspace ignores SEAM_WORKSPACE_ID.
    let client = ClientBuilder::<WithoutWorkspace>::new()
        .env_from(&with)
        .build()
        .unwrap()
        .0;
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithoutWorkspace
    );
    // The untyped client takes the workspace when there is one, and works without.
    let client = Client::builder().env_from(&with).build().unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithWorkspace
    );
    let client = Client::builder()
        .env_from(env(&[("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x")]))
        .build()
        .unwrap();
    assert_eq!(
        client.auth_mode(),
        AuthMode::PersonalAccessTokenWithoutWorkspace
    );
}

#[test]
fn typed_targets_refuse_the_other_modes() {
    let err = ClientBuilder::<WithoutWorkspace>::new()
        .ignore_env()
        .api_key("seam_key")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m == "an API key cannot build a `WithoutWorkspace`"),
        "{err:?}"
    );
    let err = ClientBuilder::<InWorkspace>::new()
        .ignore_env()
        .console_session_token_without_workspace(JWT)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.starts_with("a console session token without a workspace: build a `WithoutWorkspace`")),
        "{err:?}"
    );
    // An explicit workspace id turns it into a console session with a workspace.
    let seam = ClientBuilder::<InWorkspace>::new()
        .ignore_env()
        .console_session_token_without_workspace(JWT)
        .workspace_id("ws_2")
        .build()
        .unwrap();
    assert_eq!(seam.0.auth_mode(), AuthMode::ConsoleSessionWithWorkspace);
    // ... and is refused by a client without a workspace.
    assert!(matches!(
        ClientBuilder::<WithoutWorkspace>::new()
            .ignore_env()
            .personal_access_token_without_workspace("seam_at_1")
            .workspace_id("ws_2")
            .build(),
        Err(Error::Config(_))
    ));
}

#[test]
fn every_credential_has_its_mode() {
    let b = || Client::builder().ignore_env();
    let cases = [
        (b().api_key("seam_k"), AuthMode::ApiKey),
        (
            b().client_session_token("seam_cst_1"),
            AuthMode::ClientSession,
        ),
        (
            b().personal_access_token("seam_at_1", "ws"),
            AuthMode::PersonalAccessTokenWithWorkspace,
        ),
        (
            b().personal_access_token_without_workspace("seam_at_1"),
            AuthMode::PersonalAccessTokenWithoutWorkspace,
        ),
        (
            b().console_session_token(JWT, "ws"),
            AuthMode::ConsoleSessionWithWorkspace,
        ),
        (
            b().console_session_token_without_workspace(JWT),
            AuthMode::ConsoleSessionWithoutWorkspace,
        ),
        (b().publishable_key("seam_pk_1"), AuthMode::PublishableKey),
    ];
    for (builder, mode) in cases {
        assert_eq!(builder.build().unwrap().auth_mode(), mode);
    }
}

#[test]
fn a_workspace_id_needs_a_token_that_takes_one() {
    let err = Client::builder()
        .ignore_env()
        .api_key("seam_k")
        .workspace_id("ws")
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("not with an API key")),
        "{err:?}"
    );
    // The explicit workspace id wins over the one given with the token, and over the env.
    let client = Client::builder()
        .env_from(env(&[("SEAM_WORKSPACE_ID", "ws_env")]))
        .personal_access_token("seam_at_1", "ws_token")
        .workspace_id("ws_explicit")
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(
        shown.contains("ws_explicit") && !shown.contains("ws_token"),
        "{shown}"
    );
}

#[test]
fn endpoint_precedence() {
    let both = env(&[
        ("SEAM_API_KEY", "seam_k"),
        ("SEAM_ENDPOINT", "http://127.0.0.1:1"),
        ("SEAM_API_URL", "http://127.0.0.1:2"),
    ]);
    let endpoint = |b: ClientBuilder| b.build().unwrap().endpoint().to_owned();
    assert_eq!(
        endpoint(Client::builder().env_from(&both)),
        "http://127.0.0.1:1"
    );
    assert_eq!(
        endpoint(Client::builder().env_from(env(&[
            ("SEAM_API_KEY", "seam_k"),
            ("SEAM_API_URL", "http://127.0.0.1:2/"),
        ]))),
        "http://127.0.0.1:2"
    );
    assert_eq!(
        endpoint(
            Client::builder()
                .endpoint("http://127.0.0.1:3")
                .env_from(&both)
        ),
        "http://127.0.0.1:3"
    );
    // An explicit key still takes the endpoint from the environment.
    assert_eq!(
        endpoint(Client::builder().api_key("seam_other").env_from(&both)),
        "http://127.0.0.1:1"
    );
    assert_eq!(
        endpoint(Client::builder().api_key("seam_k").ignore_env()),
        DEFAULT_ENDPOINT
    );
}

#[test]
fn explicit_credentials_of_any_kind_ignore_env_credentials() {
    let both = env(&[
        ("SEAM_API_KEY", "not-a-key"),
        ("SEAM_PERSONAL_ACCESS_TOKEN", "not-a-token"),
    ]);
    for builder in [
        Client::builder().client_session_token("seam_cst_1"),
        Client::builder().console_session_token(JWT, "ws"),
        Client::builder().personal_access_token("seam_at_1", "ws"),
        Client::builder().publishable_key("seam_pk_1"),
        Client::builder().api_key("seam_k"),
    ] {
        builder.env_from(&both).build().unwrap();
    }
}

#[test]
fn short_type_names() {
    assert_eq!(short_type_name::<Client>(), "Client");
    assert_eq!(short_type_name::<InWorkspace>(), "InWorkspace");
    assert_eq!(short_type_name::<Vec<Client>>(), "Vec");
}

#[test]
fn env_both_credentials_is_an_error_but_explicit_wins() {
    let both = env(&[
        ("SEAM_API_KEY", "seam_k"),
        ("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"),
    ]);
    let err = Client::builder().env_from(&both).build().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SEAM_API_KEY") && m.contains("SEAM_PERSONAL_ACCESS_TOKEN")),
        "{err:?}"
    );
    let client = Client::builder()
        .api_key("seam_explicit")
        .endpoint("http://127.0.0.1:2")
        .env_from(env(&[
            ("SEAM_API_KEY", "seam_cst_wrong"),
            ("SEAM_ENDPOINT", "http://127.0.0.1:3"),
        ]))
        .build()
        .unwrap();
    assert_eq!(client.endpoint(), "http://127.0.0.1:2");
}

#[test]
fn no_credentials_is_an_error() {
    assert!(matches!(
        Client::builder().env_from(env(&[])).build(),
        Err(Error::Config(_))
    ));
}

#[test]
fn refuses_reserved_and_invalid_headers() {
    let b = || Client::builder().api_key("seam_k");
    assert!(matches!(
        b().header("Authorization", "Bearer x").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        b().header("seam-workspace", "w").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        b().header("bad name", "v").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        b().header("x-ok", "line\nbreak").build(),
        Err(Error::Config(_))
    ));
    assert!(b().header("x-ok", "fine").build().is_ok());
}

#[test]
fn builder_debug_hides_header_values_and_tokens() {
    let b = Client::builder()
        .api_key("seam_topsecret")
        .header("x-extra", "hidden-value");
    let shown = format!("{b:?}");
    assert!(
        !shown.contains("topsecret") && !shown.contains("hidden-value"),
        "{shown}"
    );
    assert!(shown.contains("x-extra"), "{shown}");
}
