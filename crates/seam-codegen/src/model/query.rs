//! Query parameters: which request fields travel in the URL, and as what. The operations pass
//! merges them into the request struct ([`merge_params`]), then marks their fields
//! ([`mark_fields`]) and decides how the method passes them ([`constructor`]); the samples pass
//! gets them too ([`params_for_samples`]).

use super::formats;
use super::ir::*;
use super::schemas::{Merged, Prop};
use super::shape::SRef;
use crate::error::{Error, Result};
use openapiv3::{Operation as SpecOperation, Parameter, ParameterSchemaOrContent, ReferenceOr};

/// Adds the query parameters of `op` (at `pointer`) to the request's properties `merged`
/// (a body property of the same name wins), returning each one's name and JSON pointer.
pub fn merge_params<'a>(
    op: &'a SpecOperation,
    pointer: &str,
    merged: &mut Merged<'a>,
) -> Result<Vec<(&'a str, String)>> {
    let mut query_params = Vec::new();
    for (i, parameter) in op.parameters.iter().enumerate() {
        let at = format!("{pointer}/parameters/{i}");
        let ReferenceOr::Item(Parameter::Query {
            parameter_data: data,
            ..
        }) = parameter
        else {
            return Err(Error::spec(
                &at,
                "only inline query parameters are supported",
            ));
        };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Err(Error::spec(
                &at,
                "parameters with `content` are not supported",
            ));
        };
        if !merged.props.iter().any(|p| p.wire == data.name) {
            merged.props.push(Prop {
                wire: &data.name,
                schema: SRef::from(schema),
                pointer: format!("{at}/schema"),
            });
        }
        if data.required {
            merged.required.insert(&data.name);
        }
        query_params.push((data.name.as_str(), at));
    }
    Ok(query_params)
}

/// Marks the query fields of the request struct (sent in the URL, not the body) and returns
/// them; query parameters are text (a formatted one becomes a `String`) and must be strings.
pub fn mark_fields(
    request: &Option<RequestInfo>,
    types: &mut [TypeDef],
    params: &[(&str, String)],
) -> Result<Vec<QueryParam>> {
    let Some(TypeRef::Local(name)) = request.as_ref().map(|r| &r.ty) else {
        return Ok(Vec::new());
    };
    let Some(TypeKind::Struct(s)) = types
        .iter_mut()
        .find(|t| &t.name == name)
        .map(|t| &mut t.kind)
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (wire, at) in params {
        let Some(field) = s.fields.iter_mut().find(|f| f.wire == *wire) else {
            continue;
        };
        field.retype(formats::query_type(&field.value_ty));
        if field.value_ty != TypeRef::String || field.presence == Presence::OptionalNullable {
            return Err(Error::spec(
                at,
                format!("query parameter {wire:?} must be a string"),
            ));
        }
        field.serde.skip_serializing = true;
        out.push(QueryParam {
            wire: (*wire).to_owned(),
            field: field.name.clone(),
            value: if field.presence.is_required() {
                QueryValue::Always
            } else {
                QueryValue::WhenSet
            },
        });
    }
    Ok(out)
}

/// How an operation's method builds its call: without a request (`has_request`) there is no
/// body (and no query: its parameters are request fields); with one, the query parameters
/// `query`, if any, are read from it first.
pub fn constructor(has_request: bool, query: &[QueryParam]) -> Constructor {
    match (has_request, query.is_empty()) {
        (false, _) => Constructor::NewWithoutRequest,
        (true, true) => Constructor::New,
        (true, false) => Constructor::WithQuery,
    }
}

/// The query parameters of `op` as (name, schema, required), for the samples pass.
pub fn params_for_samples(op: &SpecOperation) -> Vec<(&str, SRef<'_>, bool)> {
    op.parameters
        .iter()
        .filter_map(|p| match p {
            ReferenceOr::Item(Parameter::Query {
                parameter_data: d, ..
            }) => match &d.format {
                ParameterSchemaOrContent::Schema(s) => {
                    Some((d.name.as_str(), SRef::from(s), d.required))
                }
                ParameterSchemaOrContent::Content(_) => None,
            },
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(value: QueryValue) -> QueryParam {
        QueryParam {
            wire: "device_id".to_owned(),
            field: "device_id".to_owned(),
            value,
        }
    }

    #[test]
    fn the_constructor_follows_the_request_then_the_query() {
        let query = [param(QueryValue::Always), param(QueryValue::WhenSet)];
        assert_eq!(constructor(true, &query), Constructor::WithQuery);
        assert_eq!(constructor(true, &[]), Constructor::New);
        assert_eq!(constructor(false, &[]), Constructor::NewWithoutRequest);
        assert_eq!(constructor(false, &query), Constructor::NewWithoutRequest);
    }
}
