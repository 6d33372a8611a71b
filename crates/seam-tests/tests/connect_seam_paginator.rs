//! Port of javascript-http `test/seam/connect/seam-paginator.test.ts`: cursor pagination of list
//! operations. Needs fake-seam-connect at `SEAM_FAKE_URL` (`cargo xtask test`); only the seeded
//! devices (5, which no test deletes) are listed.

use futures_util::{StreamExt, TryStreamExt};
use seam::devices::ListRequest;
use seam::types::Device;
use seam::{Error, Seam};

use crate::connect_common::{seam_with_api_key, seed};

async fn all_devices(seam: &Seam) -> Vec<Device> {
    seam.devices().list(ListRequest::new()).await.unwrap()
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_creates_a_seam_paginator() {
    let seam = seam_with_api_key();
    let pages = seam
        .devices()
        .list_paginator(ListRequest::new())
        .expect("devices/list can be paginated");
    assert!(format!("{pages:?}").contains("/devices/list"));
    assert!(!pages.first_page().await.unwrap().items.is_empty());
}

/// The generated crate has no paginator for an operation without a list response (no
/// `devices().update_paginator`); the runtime refuses such a route.
#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_cannot_paginate_a_request_with_an_empty_response() {
    static DEVICES_UPDATE: seam_runtime::Route = seam_runtime::Route {
        path: "/devices/update",
        response_key: None,
        retry_safe: false,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    let seam = seam_with_api_key();
    let err = seam
        .client()
        .paginate::<_, serde_json::Value>(
            &DEVICES_UPDATE,
            &serde_json::json!({ "device_id": "test-device-id" }),
        )
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("cannot be paginated")),
        "{err:?}"
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_first_page_returns_the_first_page() {
    let seam = seam_with_api_key();
    let pages = seam
        .devices()
        .list_paginator(ListRequest::new().limit(2.0))
        .unwrap();
    let page = pages.first_page().await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert!(page.has_next_page);
    assert!(page.next_page_cursor.is_some());
    assert!(page.next_page_url.is_some());
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_next_page_returns_the_next_page() {
    let seam = seam_with_api_key();
    let pages = seam
        .devices()
        .list_paginator(ListRequest::new().limit(2.0))
        .unwrap();
    let first = pages.first_page().await.unwrap();
    assert_eq!(first.items.len(), 2);
    assert!(first.has_next_page);
    let more = pages.page(first.next_cursor()).await.unwrap();
    assert_eq!(more.items.len(), 2);
    let first_ids: Vec<_> = first.items.iter().map(|d| &d.device_id).collect();
    assert!(
        more.items
            .iter()
            .all(|d| !first_ids.contains(&&d.device_id))
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_flatten_to_array_returns_an_array_of_devices() {
    let seam = seam_with_api_key();
    let all = all_devices(&seam).await;
    let devices: Vec<Device> = seam
        .devices()
        .list_paginator(ListRequest::new().limit(1.0))
        .unwrap()
        .items()
        .try_collect()
        .await
        .unwrap();
    assert!(devices.len() > 1);
    assert_eq!(devices.len(), all.len());
    assert!(
        devices
            .iter()
            .all(|d| d.workspace_id == seed::SEED_WORKSPACE_1)
    );
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_flatten_allows_iteration_over_all_devices() {
    let seam = seam_with_api_key();
    let all = all_devices(&seam).await;
    let mut items = std::pin::pin!(
        seam.devices()
            .list_paginator(ListRequest::new().limit(1.0))
            .unwrap()
            .items()
    );
    let mut devices = Vec::new();
    while let Some(device) = items.next().await {
        devices.push(device.unwrap());
    }
    assert!(devices.len() > 1);
    assert_eq!(devices.len(), all.len());
}

#[tokio::test]
#[ignore = "needs fake-seam-connect: cargo xtask test"]
async fn seam_paginator_instance_allows_iteration_over_all_pages() {
    let seam = seam_with_api_key();
    let all = all_devices(&seam).await;
    let mut pages = std::pin::pin!(
        seam.devices()
            .list_paginator(ListRequest::new().limit(1.0))
            .unwrap()
            .pages()
    );
    let mut devices = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        assert_eq!(page.items.len(), 1);
        page_count += 1;
        devices.extend(page.items);
    }
    assert!(page_count > 1);
    assert!(devices.len() > 1);
    assert_eq!(devices.len(), all.len());
}
