//! Unit tests of token kinds, credential checks and auth headers.

use super::*;

#[test]
fn classifies_by_prefix() {
    assert_eq!(TokenKind::of("seam_test123"), TokenKind::ApiKey);
    assert_eq!(TokenKind::of("seam_cst1abc"), TokenKind::ClientSessionToken);
    assert_eq!(TokenKind::of("seam_at1abc"), TokenKind::PersonalAccessToken);
    assert_eq!(TokenKind::of("seam_pk1abc"), TokenKind::PublishableKey);
    assert_eq!(TokenKind::of("eyJhbGciOi"), TokenKind::Jwt);
    assert_eq!(TokenKind::of("sk_live_123"), TokenKind::Unknown);
    assert_eq!(TokenKind::of(""), TokenKind::Unknown);
}

#[test]
fn refuses_wrong_kinds_without_showing_the_token() {
    let cases = [
        Auth::ApiKey("seam_cst_secret".into()),
        Auth::ApiKey("seam_at_secret".into()),
        Auth::ApiKey("seam_pk_secret".into()),
        Auth::ApiKey("eyJ_secret".into()),
        Auth::ApiKey("nope_secret".into()),
        Auth::ClientSessionToken("seam_key_secret".into()),
        Auth::PersonalAccessToken {
            token: "seam_cst_secret".into(),
            workspace_id: "w".into(),
        },
        Auth::PublishableKey("seam_at_secret".into()),
    ];
    for auth in cases {
        let err = auth.headers().expect_err("must refuse");
        assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
        assert!(!err.to_string().contains("secret"), "{err}");
    }
    let err = Auth::ApiKey("seam_cst_secret".into())
        .validate()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid token: A client session token cannot be used as an API key"
    );
}

#[test]
fn personal_access_token_needs_a_workspace() {
    let auth = Auth::PersonalAccessToken {
        token: "seam_at_x".into(),
        workspace_id: " ".into(),
    };
    assert!(matches!(auth.validate(), Err(Error::Config(_))));
}

#[test]
fn header_injection_is_refused() {
    let auth = Auth::ApiKey("seam_key\r\nx-evil: 1".into());
    assert!(matches!(auth.headers(), Err(Error::InvalidToken(_))));
}

#[test]
fn headers_per_mode() {
    let h = Auth::ClientSessionToken("seam_cst_t".into())
        .headers()
        .unwrap();
    assert_eq!(h["authorization"], "Bearer seam_cst_t");
    assert_eq!(h["client-session-token"], "seam_cst_t");
    assert!(h["authorization"].is_sensitive());
    let h = Auth::PersonalAccessToken {
        token: "seam_at_t".into(),
        workspace_id: "ws".into(),
    }
    .headers()
    .unwrap();
    assert_eq!(h["authorization"], "Bearer seam_at_t");
    assert_eq!(h["seam-workspace"], "ws");
    let h = Auth::PublishableKey("seam_pk_t".into()).headers().unwrap();
    assert_eq!(h["seam-publishable-key"], "seam_pk_t");
    assert!(!h.contains_key("authorization"));
}

#[test]
fn messages_follow_seams_sdks() {
    let message = |auth: Auth| auth.validate().unwrap_err().to_string();
    // Another recognised kind is named.
    assert_eq!(
        message(Auth::ConsoleSessionToken {
            token: "seam_at_secret".into(),
            workspace_id: "ws".into()
        }),
        "invalid token: A personal access token cannot be used as a console session token"
    );
    assert_eq!(
        message(Auth::PersonalAccessTokenWithoutWorkspace(
            "eyJ_secret".into()
        )),
        "invalid token: A JWT cannot be used as a personal access token"
    );
    // An API key where another kind is expected is "unknown or invalid", with a hint.
    assert_eq!(
        message(Auth::ClientSessionToken("seam_apikey_secret".into())),
        "invalid token: unknown or invalid client session token format, expected a token \
         starting with `seam_cst` (this looks like an API key)"
    );
    assert_eq!(
        message(Auth::ConsoleSessionTokenWithoutWorkspace("nope".into())),
        "invalid token: unknown or invalid console session token format, expected a token \
         starting with `ey`"
    );
    assert!(matches!(
        Auth::ConsoleSessionToken {
            token: "eyJ".into(),
            workspace_id: "".into()
        }
        .validate(),
        Err(Error::Config(_))
    ));
}

#[test]
fn modes_and_workspaces() {
    let pat = Auth::PersonalAccessTokenWithoutWorkspace("seam_at_1".into());
    assert_eq!(pat.mode(), AuthMode::PersonalAccessTokenWithoutWorkspace);
    assert_eq!(pat.workspace_id(), None);
    assert_eq!(
        pat.mode_in_workspace(),
        AuthMode::PersonalAccessTokenWithWorkspace
    );
    let pat = pat.in_workspace("ws".into());
    assert_eq!(pat.mode(), AuthMode::PersonalAccessTokenWithWorkspace);
    assert_eq!(pat.workspace_id(), Some("ws"));
    let console = Auth::ConsoleSessionTokenWithoutWorkspace("eyJ".into()).in_workspace("w".into());
    assert_eq!(console.mode(), AuthMode::ConsoleSessionWithWorkspace);
    let key = Auth::ApiKey("seam_k".into()).in_workspace("ignored".into());
    assert_eq!(key, Auth::ApiKey("seam_k".into()));
    assert_eq!(key.mode_in_workspace(), AuthMode::ApiKey);
}

#[test]
fn debug_hides_secrets() {
    let all = [
        Auth::PersonalAccessTokenWithoutWorkspace("seam_at_secret".into()),
        Auth::ConsoleSessionToken {
            token: "eyJ_secret".into(),
            workspace_id: "ws1".into(),
        },
        Auth::ConsoleSessionTokenWithoutWorkspace("eyJ_secret".into()),
        Auth::ApiKey("seam_secret".into()),
        Auth::ClientSessionToken("seam_cst_secret".into()),
        Auth::PersonalAccessToken {
            token: "seam_at_secret".into(),
            workspace_id: "ws1".into(),
        },
        Auth::PublishableKey("seam_pk_secret".into()),
    ];
    for auth in all {
        let shown = format!("{auth:?} {auth:#?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }
}
