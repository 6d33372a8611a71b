//! Port of javascript-http `test/seam/connect/headers.test.ts`: the SDK identity headers sent with
//! every request. Needs fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`); a recording
//! proxy in front of it stands in for JS's `nock`.

use crate::connect_common::{CountingProxy, assert_gets_seeded_device, seed};

/// The generated crate's version, from its manifest.
fn seam_crate_version() -> String {
    let manifest: &str = include_str!("../../../generated/Cargo.toml");
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "version").then(|| value.trim().trim_matches('"').to_owned())
        })
        .expect("generated/Cargo.toml has a package version")
}

/// Every request names the generated crate and its version (`seam-sdk-name: seam`,
/// `seam-sdk-version`), and so does the default user agent (`seam/<version>`), as JS sends
/// `seamapi/javascript-http` and its version.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_http_sends_default_headers() {
    let proxy = CountingProxy::start().await;
    let seam = seam::Seam::builder()
        .ignore_env()
        .api_key(seed::SEAM_APIKEY1_TOKEN)
        .endpoint(proxy.url())
        .build()
        .unwrap();
    assert_gets_seeded_device(&seam).await;
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let version = seam_crate_version();
    assert_eq!(seen[0].header("seam-sdk-name"), Some("seam"));
    assert_eq!(seen[0].header("seam-sdk-version"), Some(version.as_str()));
    assert_eq!(
        seen[0].header("user-agent"),
        Some(format!("seam/{version}").as_str())
    );
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {}", seed::SEAM_APIKEY1_TOKEN).as_str())
    );
}
