//! The one macro call the templates write, `seam_runtime::record! { … }`, read token by token:
//! spec text may name the type and the fields and spell members as string literals, nothing
//! else.

use proc_macro2::{Delimiter, TokenTree};

/// The groups of a record call, in the order the macro takes them.
const GROUPS: [&str; 4] = ["required", "optional", "nullable", "rest"];

/// The names a record call gives (the type, then the fields), or what in it the templates never
/// write.
pub fn names(mac: &syn::ItemMacro) -> Result<Vec<String>, String> {
    let path: Vec<String> = mac
        .mac
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    if path != ["seam_runtime", "record"] || mac.ident.is_some() {
        return Err(format!(
            "a macro call the templates never write: {}",
            path.join("::")
        ));
    }
    let mut tokens = mac.mac.tokens.clone().into_iter();
    let Some(TokenTree::Ident(ty)) = tokens.next() else {
        return Err("a record call without its type".to_owned());
    };
    let mut names = vec![ty.to_string()];
    let mut next_group = 0;
    while let Some(word) = tokens.next() {
        let at = match &word {
            TokenTree::Ident(word) => GROUPS.iter().position(|g| word == g),
            _ => None,
        };
        let Some(at) = at.filter(|&at| at >= next_group) else {
            return Err(format!("`{word}` in a record call"));
        };
        next_group = at + 1;
        let Some(TokenTree::Group(group)) = tokens.next() else {
            return Err(format!("`{word}` without its fields in a record call"));
        };
        if group.delimiter() != Delimiter::Brace {
            return Err(format!("`{word}` without its fields in a record call"));
        }
        let fields = fields(group.stream())?;
        if GROUPS[at] == "rest" && fields.len() != 1 {
            return Err("a record call keeping the rest in more than one field".to_owned());
        }
        names.extend(fields);
    }
    Ok(names)
}

/// The fields of one group: `field` or `field = "member"`, separated by commas.
fn fields(stream: proc_macro2::TokenStream) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut tokens = stream.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let TokenTree::Ident(field) = token else {
            return Err(format!("`{token}` where a record call names a field"));
        };
        out.push(field.to_string());
        if matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '=') {
            tokens.next();
            let member = tokens.next().map(|t| syn::parse2::<syn::LitStr>(t.into()));
            if !matches!(member, Some(Ok(_))) {
                return Err(format!(
                    "field `{field}` renamed to something other than a string"
                ));
            }
        }
        match tokens.next() {
            None => break,
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
            Some(other) => return Err(format!("`{other}` after field `{field}` in a record call")),
        }
    }
    Ok(out)
}
