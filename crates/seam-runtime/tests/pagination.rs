//! Pagination: first page, page and item streams over three pages, repeated-cursor stop.

use crate::common::{MockServer, Recorded, Reply};
use futures_util::{StreamExt, TryStreamExt};
use seam_runtime::{Error, Page, Route};
use serde::{Deserialize, Serialize};
use serde_json::json;

static LIST: Route = Route {
    path: "/devices/list",
    response_key: Some("devices"),
    retry_safe: true,
    has_body: true,
    auth: seam_runtime::AuthModes::ANY,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Device {
    device_id: String,
}

#[derive(Serialize)]
struct ListRequest {
    limit: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_type: Option<String>,
}

fn page(ids: &[&str], next: Option<&str>) -> Reply {
    let devices: Vec<_> = ids
        .iter()
        .map(|id| json!({"device_id": id, "extra": {"x": [1, 2]}}))
        .collect();
    let pagination = json!({
        "has_next_page": next.is_some(),
        "next_page_cursor": next,
        "next_page_url": "http://wrong.example/ignored",
    });
    Reply::json(
        200,
        json!({"devices": devices, "pagination": pagination, "ok": true}).to_string(),
    )
}

fn cursor(req: &Recorded) -> Option<String> {
    req.json()
        .get("page_cursor")
        .and_then(|c| c.as_str())
        .map(str::to_owned)
}

/// Three pages: (none) → c2 → c3 → end.
fn three_pages() -> MockServer {
    MockServer::start(|req, _| match cursor(req).as_deref() {
        None => page(&["d1", "d2"], Some("c2")),
        Some("c2") => page(&["d3", "d4"], Some("c3")),
        Some("c3") => page(&["d5"], None),
        Some(other) => Reply::json(
            400,
            format!(r#"{{"error":{{"type":"bad_cursor","message":"{other}"}}}}"#),
        ),
    })
}

#[tokio::test]
async fn first_page_and_cursor() {
    let server = three_pages();
    let pages = server
        .client()
        .paginate::<_, Device>(
            &LIST,
            &ListRequest {
                limit: 2,
                device_type: None,
            },
        )
        .unwrap();
    let first: Page<Device> = pages.first_page().await.unwrap();
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.next_cursor(), Some("c2"));
    let second = pages.page(first.next_cursor()).await.unwrap();
    assert_eq!(second.items[0].device_id, "d3");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn streams_pages_and_items_over_three_pages() {
    let server = three_pages();
    let client = server.client();
    let body = ListRequest {
        limit: 2,
        device_type: Some("august_lock".into()),
    };
    let pages: Vec<Page<Device>> = client
        .paginate(&LIST, &body)
        .unwrap()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        [2, 2, 1]
    );

    let items: Vec<Device> = client
        .paginate(&LIST, &body)
        .unwrap()
        .items()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|d| d.device_id.as_str()).collect();
    assert_eq!(ids, ["d1", "d2", "d3", "d4", "d5"]);

    let all = client
        .paginate::<_, Device>(&LIST, &body)
        .unwrap()
        .collect_items()
        .await
        .unwrap();
    assert_eq!(all, items);

    let reqs = server.requests();
    assert_eq!(reqs.len(), 9);
    assert_eq!(
        reqs[0].json(),
        json!({"limit": 2, "device_type": "august_lock"})
    );
    assert_eq!(
        reqs[1].json(),
        json!({"limit": 2, "device_type": "august_lock", "page_cursor": "c2"})
    );
    assert_eq!(
        reqs[2].json(),
        json!({"limit": 2, "device_type": "august_lock", "page_cursor": "c3"})
    );
}

#[tokio::test]
async fn stops_on_a_repeated_cursor() {
    // (none) → c2 → c3 → c2 again: the loop is cut after the page that repeats a cursor.
    let server = MockServer::start(|req, _| match cursor(req).as_deref() {
        None => page(&["d1"], Some("c2")),
        Some("c2") => page(&["d2"], Some("c3")),
        _ => page(&["d3"], Some("c2")),
    });
    let items: Vec<Device> = server
        .client()
        .paginate(&LIST, &json!({}))
        .unwrap()
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn stops_when_a_page_points_to_itself() {
    let server = MockServer::start(|req, _| match cursor(req).as_deref() {
        None => page(&["d1"], Some("same")),
        _ => page(&["d2"], Some("same")),
    });
    let pages: Vec<_> = server
        .client()
        .paginate::<_, Device>(&LIST, &json!(null))
        .unwrap()
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn errors_end_the_stream() {
    let server = MockServer::start(|req, _| match cursor(req).as_deref() {
        None => page(&["d1"], Some("c2")),
        _ => Reply::html(500, "<html>boom</html>"),
    });
    let pages: Vec<_> = server
        .client()
        .paginate::<_, Device>(&LIST, &json!({}))
        .unwrap()
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert!(matches!(pages[1], Err(Error::Http { status: 500, .. })));
}

#[test]
fn refuses_unpaginatable_input() {
    static NO_KEY: Route = Route {
        path: "/x",
        response_key: None,
        retry_safe: true,
        has_body: true,
        auth: seam_runtime::AuthModes::ANY,
    };
    let client = seam_runtime::Client::new("seam_k").unwrap();
    assert!(matches!(
        client.paginate::<_, Device>(&NO_KEY, &json!({})),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        client.paginate::<_, Device>(&LIST, &json!([1])),
        Err(Error::Config(_))
    ));
}
