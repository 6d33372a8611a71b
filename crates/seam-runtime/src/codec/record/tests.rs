//! A struct read through [`Record`] against the same struct derived by serde: the same values,
//! the same errors; plus what the derive cannot do in one pass (unknown metadata kept).

use super::*;
use crate::codec::TaggedValue;
use serde_json::json;

/// Read through [`crate::record!`], as generated code does.
#[derive(Debug, PartialEq)]
struct Lock {
    id: String,
    name: Option<String>,
    battery: Option<f64>,
    note: Option<Option<String>>,
    other: OtherMetadata,
}

crate::record! {
    Lock
    required { id }
    optional { name, battery }
    nullable { note }
    rest { other }
}

/// The same struct, derived (without the kept metadata, which the derive would buffer for).
mod derived {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub struct Lock {
        pub id: String,
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default)]
        pub battery: Option<f64>,
        #[serde(default, with = "crate::codec::double_option")]
        pub note: Option<Option<String>>,
    }
}
use derived::Lock as Derived;

fn both(text: &str) -> (Result<Lock, String>, Result<Derived, String>) {
    (
        serde_json::from_str::<Lock>(text).map_err(|e| e.to_string()),
        serde_json::from_str::<Derived>(text).map_err(|e| e.to_string()),
    )
}

#[test]
fn values_are_those_the_derive_reads() {
    for text in [
        r#"{"id":"l1","name":"Front","battery":0.5,"note":"x"}"#,
        r#"{"id":"l1","note":null,"extra":[1,{"a":2}]}"#,
        r#"{"name":null,"id":"l\u0031"}"#,
        r#"{"id":"l1"}"#,
    ] {
        let (hand, derived) = both(text);
        let (hand, derived) = (hand.unwrap(), derived.unwrap());
        assert_eq!(
            (&hand.id, &hand.name, hand.battery, &hand.note),
            (&derived.id, &derived.name, derived.battery, &derived.note),
            "{text}"
        );
        assert!(hand.other.is_empty());
    }
}

#[test]
fn errors_are_those_the_derive_reports() {
    for text in [
        r#"{"name":"Front"}"#,
        r#"{"id":null}"#,
        r#"{"id":"l1","id":"l2"}"#,
        r#"{"id":"l1","note":1}"#,
        r#"["l1"]"#,
        r#""l1""#,
        r#"{"id":"l1""#,
    ] {
        let (hand, derived) = both(text);
        let hand = hand.expect_err(text);
        // The derive also reads an array of the fields in order; a JSON API never sends one.
        if text.starts_with('[') {
            assert!(derived.is_ok());
            assert!(
                hand.starts_with("invalid type: sequence, expected struct Lock"),
                "{hand}"
            );
            continue;
        }
        assert_eq!(hand, derived.expect_err(text), "{text}");
    }
}

#[test]
fn unknown_metadata_is_kept_in_one_pass_and_other_members_are_skipped() {
    let lock: Lock = serde_json::from_value(json!({
        "id": "l1",
        "acme_metadata": {"card": "7"},
        "new_field": true,
        "_metadata": 3
    }))
    .unwrap();
    assert_eq!(lock.other.len(), 1);
    assert_eq!(lock.other.get("acme_metadata"), Some(&json!({"card": "7"})));
    let twice = r#"{"id":"l1","acme_metadata":1,"acme_metadata":2}"#;
    let err = serde_json::from_str::<Lock>(twice).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("duplicate field `acme_metadata`"),
        "{err}"
    );
}

#[test]
fn buffered_values_and_error_paths_read_the_same() {
    // A tagged union's variant is read from buffered content.
    let text = r#"{"id":"l1","note":null,"acme_metadata":{}}"#;
    let buffered: TaggedValue = serde_json::from_str(text).unwrap();
    let lock: Lock = buffered.decode::<Lock, serde_json::Error>().unwrap();
    assert_eq!(lock, serde_json::from_str::<Lock>(text).unwrap());
    assert_eq!(lock.note, Some(None));
    // The client's failing path (serde_path_to_error) names the member.
    let mut de = serde_json::Deserializer::from_str(r#"{"id":"l1","battery":"full"}"#);
    let err = serde_path_to_error::deserialize::<_, Lock>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "battery");
}
