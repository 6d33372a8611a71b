//! Cursor pagination for list operations: a first page, then streams of pages and of items that
//! follow `pagination.next_page_cursor` (sent back as the body parameter `page_cursor`).
//!
//! Generated code supplies only the [`Route`] (its `response_key` is the items key), and the
//! request body (any `Serialize` value that serialises to a JSON object):
//!
//! ```no_run
//! # async fn demo(client: seam_runtime::Client) -> seam_runtime::Result<()> {
//! use futures_util::TryStreamExt;
//! use seam_runtime::Route;
//! static DEVICES_LIST: Route =
//!     Route { path: "/devices/list", response_key: Some("devices"), retry_safe: true , has_body: true, auth: seam_runtime::AuthModes::ANY,};
//! let pages = client.paginate::<_, serde_json::Value>(&DEVICES_LIST, &serde_json::json!({"limit": 2}))?;
//! let first = pages.first_page().await?;
//! let all: Vec<serde_json::Value> = pages.items().try_collect().await?;
//! # Ok(()) }
//! ```

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use futures_util::{Stream, StreamExt, TryStreamExt, stream};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::client::{Client, Route};
use crate::decode::RawResponse;
use crate::error::{Error, Result};

/// The body parameter carrying the cursor of the page wanted.
pub const PAGE_CURSOR_PARAM: &str = "page_cursor";

/// One page of a list answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page (the response-key member).
    pub items: Vec<T>,
    /// `pagination.next_page_cursor` (None when absent or null).
    pub next_page_cursor: Option<String>,
    /// `pagination.has_next_page`; when absent, whether a next cursor was given.
    pub has_next_page: bool,
    /// `pagination.next_page_url`, informational only (the fake server's is known to be wrong).
    pub next_page_url: Option<String>,
}

impl<T> Page<T> {
    /// The cursor of the next page, if there is a next page.
    pub fn next_cursor(&self) -> Option<&str> {
        if self.has_next_page {
            self.next_page_cursor.as_deref()
        } else {
            None
        }
    }
}

/// A paginated list request. Cheap to clone; create it with [`Client::paginate`].
pub struct Paginator<T> {
    client: Client,
    route: &'static Route,
    items_key: &'static str,
    body: Map<String, Value>,
    marker: PhantomData<fn() -> T>,
}

impl<T> Clone for Paginator<T> {
    fn clone(&self) -> Self {
        Paginator {
            client: self.client.clone(),
            route: self.route,
            items_key: self.items_key,
            body: self.body.clone(),
            marker: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("route", &self.route.path)
            .field("items_key", &self.items_key)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A paginator over the list operation `route`, sending `body` (a JSON object; `null` counts as
    /// `{}`) plus `page_cursor`. Items are read from `route.response_key`. Fails when the route has
    /// no response key or the body is not an object; sends nothing yet.
    pub fn paginate<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        route: &'static Route,
        body: &B,
    ) -> Result<Paginator<T>> {
        let items_key = route.response_key.ok_or_else(|| {
            Error::Config(format!(
                "{} has no response key, so it cannot be paginated",
                route.path
            ))
        })?;
        let body = match serde_json::to_value(body).map_err(Error::Serialize)? {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            _ => {
                return Err(Error::Config(format!(
                    "the request body for {} must be a JSON object",
                    route.path
                )));
            }
        };
        Ok(Paginator {
            client: self.clone(),
            route,
            items_key,
            body,
            marker: PhantomData,
        })
    }
}

impl<T: DeserializeOwned> Paginator<T> {
    /// Reads the items from another member than the route's response key.
    pub fn with_items_key(mut self, key: &'static str) -> Self {
        self.items_key = key;
        self
    }

    /// Fetches the first page.
    pub async fn first_page(&self) -> Result<Page<T>> {
        self.page(None).await
    }

    /// Fetches the page at `cursor` (`None`: the first page).
    pub async fn page(&self, cursor: Option<&str>) -> Result<Page<T>> {
        let body = self.body_for(cursor)?;
        let raw = self.client.execute(self.route, body).await?;
        decode_page(&raw, self.items_key)
    }

    fn body_for(&self, cursor: Option<&str>) -> Result<Vec<u8>> {
        let mut body = self.body.clone();
        match cursor {
            Some(cursor) => body.insert(
                PAGE_CURSOR_PARAM.to_owned(),
                Value::String(cursor.to_owned()),
            ),
            None => body.remove(PAGE_CURSOR_PARAM),
        };
        serde_json::to_vec(&body).map_err(Error::Serialize)
    }
}

impl<T: DeserializeOwned + Send + 'static> Paginator<T> {
    /// All pages, first to last. Stops after a page without a next cursor, after a page whose
    /// next cursor was already followed (a loop; logged as a warning), or after the first error.
    pub fn pages(self) -> impl Stream<Item = Result<Page<T>>> + Send + 'static {
        struct State<T> {
            paginator: Paginator<T>,
            cursor: Option<String>,
            seen: HashSet<String>,
        }
        let start = State {
            paginator: self,
            cursor: None,
            seen: HashSet::new(),
        };
        stream::unfold(Some(start), |state| async move {
            let mut state = state?;
            match state.paginator.page(state.cursor.as_deref()).await {
                Err(e) => Some((Err(e), None)),
                Ok(page) => {
                    let next = match page.next_cursor() {
                        Some(cursor) if state.seen.insert(cursor.to_owned()) => {
                            state.cursor = Some(cursor.to_owned());
                            Some(state)
                        }
                        Some(cursor) => {
                            tracing::warn!(
                                path = state.paginator.route.path,
                                cursor,
                                "repeated page cursor; stopping"
                            );
                            None
                        }
                        None => None,
                    };
                    Some((Ok(page), next))
                }
            }
        })
    }

    /// All items of all pages, in order (see [`Paginator::pages`] for when it stops).
    pub fn items(self) -> impl Stream<Item = Result<T>> + Send + 'static {
        self.pages()
            .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Every item of every page in one `Vec`.
    pub async fn collect_items(self) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut pages = std::pin::pin!(self.pages());
        while let Some(page) = pages.next().await {
            items.extend(page?.items);
        }
        Ok(items)
    }
}

#[derive(Deserialize, Default)]
struct PaginationData {
    #[serde(default)]
    has_next_page: Option<bool>,
    #[serde(default)]
    next_page_cursor: Option<String>,
    #[serde(default)]
    next_page_url: Option<String>,
}

fn decode_page<T: DeserializeOwned>(raw: &RawResponse, items_key: &str) -> Result<Page<T>> {
    let mut de = serde_json::Deserializer::from_slice(&raw.body);
    let page = PageSeed::<T> {
        items_key,
        marker: PhantomData,
    }
    .deserialize(&mut de)
    .and_then(|page| de.end().map(|()| page));
    page.map_err(|e| raw.decode_error(&e))
}

struct PageSeed<'k, T> {
    items_key: &'k str,
    marker: PhantomData<fn() -> T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for PageSeed<'_, T> {
    type Value = Page<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Page<T>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for PageSeed<'_, T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with the list member `{}`", self.items_key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut items: Option<Vec<T>> = None;
        let mut pagination: Option<PaginationData> = None;
        while let Some(key) = map.next_key_seed(WhichKey(self.items_key))? {
            match key {
                Which::Items if items.is_none() => items = Some(map.next_value()?),
                Which::Pagination if pagination.is_none() => {
                    pagination = Some(
                        map.next_value::<Option<PaginationData>>()?
                            .unwrap_or_default(),
                    );
                }
                Which::Items | Which::Pagination => {
                    return Err(de::Error::custom("duplicate member"));
                }
                Which::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let items = items.ok_or_else(|| {
            de::Error::custom(format_args!("missing member `{}`", self.items_key))
        })?;
        let pagination = pagination.unwrap_or_default();
        Ok(Page {
            items,
            has_next_page: pagination
                .has_next_page
                .unwrap_or(pagination.next_page_cursor.is_some()),
            next_page_cursor: pagination.next_page_cursor,
            next_page_url: pagination.next_page_url,
        })
    }
}

enum Which {
    Items,
    Pagination,
    Other,
}

struct WhichKey<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for WhichKey<'_> {
    type Value = Which;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Which, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for WhichKey<'_> {
    type Value = Which;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Which, E> {
        Ok(if key == self.0 {
            Which::Items
        } else if key == "pagination" {
            Which::Pagination
        } else {
            Which::Other
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::DecodeErrorKind;

    fn raw(body: &str) -> RawResponse {
        RawResponse {
            status: 200,
            request_id: None,
            content_type: None,
            path: "/devices/list",
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn decodes_pages() {
        let page: Page<u32> = decode_page(
            &raw(r#"{"devices":[1,2],"ok":true,"pagination":{"has_next_page":true,"next_page_cursor":"c2","next_page_url":"u"}}"#),
            "devices",
        )
        .unwrap();
        assert_eq!(page.items, [1, 2]);
        assert_eq!(page.next_cursor(), Some("c2"));
        assert_eq!(page.next_page_url.as_deref(), Some("u"));

        let page: Page<u32> =
            decode_page(&raw(r#"{"devices":[],"pagination":null}"#), "devices").unwrap();
        assert_eq!(page.next_cursor(), None);
        let page: Page<u32> = decode_page(
            &raw(r#"{"devices":[3],"pagination":{"next_page_cursor":"c"}}"#),
            "devices",
        )
        .unwrap();
        assert_eq!(page.next_cursor(), Some("c"));
        let page: Page<u32> = decode_page(
            &raw(r#"{"devices":[3],"pagination":{"has_next_page":false,"next_page_cursor":"c"}}"#),
            "devices",
        )
        .unwrap();
        assert_eq!(page.next_cursor(), None);
    }

    #[test]
    fn refuses_bad_pages() {
        for body in [
            r#"{"ok":true}"#,
            r#"{"devices":{}}"#,
            r#"{"devices":[1],"devices":[2]}"#,
            r#"{"devices":[1"#,
        ] {
            assert!(
                matches!(
                    decode_page::<u32>(&raw(body), "devices"),
                    Err(Error::Decode(_))
                ),
                "{body}"
            );
        }
        let Err(Error::Decode(e)) = decode_page::<u32>(&raw("<html>"), "devices") else {
            panic!()
        };
        assert_eq!(e.kind, DecodeErrorKind::NotJson);
    }
}
