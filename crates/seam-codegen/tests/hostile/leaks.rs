//! Finds spec text that became code in generated files: items or attributes the templates never
//! write, and doc comments whose Markdown rustdoc would compile as a doctest.
//!
//! Shared by `tests/hostile.rs` and `tests/fuzz.rs`. Hostile fixtures name their payloads
//! `fn evil_…`, so any item, method or field whose name starts with `evil` is a leak.

use seam_codegen::render::OutputFile;

mod record_call;

/// The attributes the templates write, read from `templates/`: an attribute whose text holds
/// template code (`{{ … }}`, `{% … %}`) allows any attribute with its path (`serde`,
/// `deprecated`, ...); a fixed one (`#[cfg(feature = "blocking")]`) allows exactly its text.
/// Any other attribute in generated code came from a spec. Doc comments are `#[doc]`.
#[derive(Debug, Default)]
struct Allowed {
    /// Paths allowed with any arguments.
    open: Vec<String>,
    /// Fixed attributes, without whitespace (`cfg(feature="blocking")`).
    fixed: Vec<String>,
}

impl Allowed {
    fn from_templates() -> Allowed {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let mut allowed = Allowed {
            open: vec!["doc".to_owned()],
            fixed: Vec::new(),
        };
        for entry in std::fs::read_dir(&dir).expect("templates/").flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (at, _) in text.match_indices('#') {
                let rest = &text[at + 1..];
                let Some(body) = rest
                    .strip_prefix('[')
                    .or_else(|| rest.strip_prefix("!["))
                    .and_then(bracketed)
                else {
                    continue;
                };
                if body.contains("{{") || body.contains("{%") {
                    allowed.open.push(attribute_path(body));
                } else {
                    allowed.fixed.push(squeeze(body));
                }
            }
        }
        allowed
    }

    fn allows(&self, path: &str, body: &str) -> bool {
        if self.fixed.contains(&squeeze(body)) {
            return true;
        }
        if !self.open.iter().any(|p| p == path) {
            return false;
        }
        // Templates compute `cfg` predicates from Cargo features only; `cfg(any())` (always
        // false) or any other predicate came from somewhere else. A `cfg_attr` only adds serde
        // derives, `serde(...)` arguments or a doc line (whose text is checked with the other
        // docs).
        if path == "cfg" {
            return feature_predicates_only(body);
        }
        if path == "cfg_attr" {
            return serde_derives_behind_a_feature(body) || gated_doc(body).is_some();
        }
        true
    }
}

/// The text up to the `]` closing an attribute opened just before `text`.
fn bracketed(text: &str) -> Option<&str> {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return Some(&text[..i]);
        }
    }
    None
}

/// `tokio::test` of `tokio::test(flavor = …)`.
fn attribute_path(body: &str) -> String {
    body.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':'))
        .collect()
}

/// Whether a `cfg(...)` body combines one or more `feature = "..."` tests and nothing else.
fn feature_predicates_only(body: &str) -> bool {
    let mut rest = squeeze(body);
    let mut features = 0;
    while let Some(at) = rest.find("feature=\"") {
        let end = rest[at + 9..]
            .find('"')
            .map_or(rest.len(), |e| at + 9 + e + 1);
        rest.replace_range(at..end, "");
        features += 1;
    }
    for word in ["cfg", "any", "all"] {
        rest = rest.replace(word, "");
    }
    features > 0 && rest.chars().all(|c| matches!(c, '(' | ')' | ','))
}

/// Whether a `cfg_attr(...)` body is a feature predicate adding `derive(serde::...)`, or the
/// `serde(...)` arguments the derived `Serialize` reads (a union's `untagged`, a field's),
/// and nothing else.
fn serde_derives_behind_a_feature(raw: &str) -> bool {
    let body = squeeze(raw);
    let Some(inner) = body
        .strip_prefix("cfg_attr(")
        .and_then(|rest| rest.strip_suffix(')'))
    else {
        return false;
    };
    if inner.contains(",serde(") {
        return gated_serde_arguments(raw);
    }
    let Some((predicate, derives)) = inner.split_once(",derive(") else {
        return false;
    };
    feature_predicates_only(predicate)
        && derives.strip_suffix(')').is_some_and(|list| {
            list.split(',').filter(|d| !d.is_empty()).all(|d| {
                d.strip_prefix("serde::")
                    .is_some_and(|rest| !rest.contains(['(', ')']))
            })
        })
}

/// The attribute a `cfg_attr(<feature predicate>, <attribute>)` body adds, if that is all it is.
fn gated_attribute(body: &str) -> Option<syn::Meta> {
    let meta: syn::Meta = syn::parse_str(body).ok()?;
    let mut args = metas(&meta)?.into_iter();
    match (args.next(), args.next(), args.next()) {
        (Some(predicate), Some(attribute), None) if feature_predicate(&predicate) => {
            Some(attribute)
        }
        _ => None,
    }
}

/// The arguments of a list attribute (`serde(a, b = "c")`), if it is one.
fn metas(meta: &syn::Meta) -> Option<syn::punctuated::Punctuated<syn::Meta, syn::Token![,]>> {
    match meta {
        syn::Meta::List(list) => list
            .parse_args_with(syn::punctuated::Punctuated::parse_terminated)
            .ok(),
        _ => None,
    }
}

/// Whether a `cfg_attr(<feature predicate>, serde(...))` body holds what the templates print
/// there: a union's lone `untagged`, or a field's arguments for the derived `Serialize` (a
/// string in them is a quoted JSON name).
fn gated_serde_arguments(body: &str) -> bool {
    let Some(serde) = gated_attribute(body).filter(|a| a.path().is_ident("serde")) else {
        return false;
    };
    let Some(args) = metas(&serde) else {
        return false;
    };
    let text = |value: &syn::Expr| match value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    };
    let field_argument = |meta: &syn::Meta| match meta {
        syn::Meta::Path(p) => p.is_ident("skip_serializing") || p.is_ident("flatten"),
        syn::Meta::NameValue(nv) => match text(&nv.value) {
            Some(_) if nv.path.is_ident("rename") => true,
            Some(value) if nv.path.is_ident("skip_serializing_if") => value == "Option::is_none",
            Some(value) if nv.path.is_ident("with") => {
                value == "seam_runtime::codec::double_option"
            }
            _ => false,
        },
        syn::Meta::List(_) => false,
    };
    let lone_untagged =
        args.len() == 1 && matches!(&args[0], syn::Meta::Path(p) if p.is_ident("untagged"));
    lone_untagged || (!args.is_empty() && args.iter().all(field_argument))
}

/// The doc line of a `cfg_attr(<feature predicate>, doc = "...")` body, if that is all it is.
fn gated_doc(body: &str) -> Option<String> {
    let syn::Meta::NameValue(doc) = gated_attribute(body)? else {
        return None;
    };
    if !doc.path.is_ident("doc") {
        return None;
    }
    match &doc.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// Whether `meta` is `feature = "..."`, or `any(..)` / `all(..)` of such predicates.
fn feature_predicate(meta: &syn::Meta) -> bool {
    match meta {
        syn::Meta::NameValue(nv) => {
            nv.path.is_ident("feature")
                && matches!(
                    nv.value,
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(_),
                        ..
                    })
                )
        }
        syn::Meta::List(list) if list.path.is_ident("any") || list.path.is_ident("all") => {
            metas(meta)
                .is_some_and(|nested| !nested.is_empty() && nested.iter().all(feature_predicate))
        }
        _ => false,
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Fence info words that leave a block Rust for rustdoc (it is a doctest unless some other
/// word appears and `rust` does not).
const RUST_WORDS: &[&str] = &[
    "rust",
    "ignore",
    "should_panic",
    "no_run",
    "compile_fail",
    "test_harness",
    "standalone_crate",
    "standalone-crate",
];

/// Every leak in `files` (empty when there is none), as `path: what` lines.
pub fn leaks(files: &[OutputFile]) -> Vec<String> {
    let allowed = Allowed::from_templates();
    let mut out = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        match syn::parse_file(&file.contents) {
            Ok(syntax) => {
                let mut found = Vec::new();
                let mut walk = Walk {
                    allowed: &allowed,
                    source: file.contents.lines().collect(),
                    found: &mut found,
                    crate_page: file.path == "src/lib.rs",
                };
                walk.attrs(&syntax.attrs);
                walk.crate_page = false;
                walk.items(&syntax.items);
                out.extend(found.into_iter().map(|f| format!("{}: {f}", file.path)));
            }
            Err(e) => out.push(format!("{}: does not parse: {e}", file.path)),
        }
    }
    out
}

/// A walk over one file's syntax tree, collecting what looks like spec text turned code.
struct Walk<'w> {
    allowed: &'w Allowed,
    source: Vec<&'w str>,
    found: &'w mut Vec<String>,
    /// Walking the crate page's docs (`src/lib.rs`'s `//!`): the guide's `no_run` examples
    /// stand under any heading there.
    crate_page: bool,
}

impl Walk<'_> {
    fn items(&mut self, list: &[syn::Item]) {
        for item in list {
            let (attributes, ident): (&[syn::Attribute], Option<String>) = match item {
                syn::Item::Const(i) => (&i.attrs, Some(i.ident.to_string())),
                syn::Item::Enum(i) => {
                    for v in &i.variants {
                        self.attrs(&v.attrs);
                        self.fields(&v.fields);
                    }
                    (&i.attrs, Some(i.ident.to_string()))
                }
                syn::Item::Fn(i) => (&i.attrs, Some(i.sig.ident.to_string())),
                syn::Item::Impl(i) => {
                    for member in &i.items {
                        match member {
                            syn::ImplItem::Fn(f) => {
                                self.attrs(&f.attrs);
                                self.name(&f.sig.ident.to_string());
                            }
                            syn::ImplItem::Const(c) => {
                                self.attrs(&c.attrs);
                                self.name(&c.ident.to_string());
                            }
                            syn::ImplItem::Type(t) => {
                                self.attrs(&t.attrs);
                                self.name(&t.ident.to_string());
                            }
                            _ => self
                                .found
                                .push("an impl member the templates never write".to_owned()),
                        }
                    }
                    (&i.attrs, None)
                }
                syn::Item::Mod(i) => {
                    if let Some((_, inner)) = &i.content {
                        self.items(inner);
                    }
                    (&i.attrs, Some(i.ident.to_string()))
                }
                syn::Item::Static(i) => (&i.attrs, Some(i.ident.to_string())),
                syn::Item::Struct(i) => {
                    self.fields(&i.fields);
                    (&i.attrs, Some(i.ident.to_string()))
                }
                syn::Item::Type(i) => (&i.attrs, Some(i.ident.to_string())),
                syn::Item::Use(i) => (&i.attrs, None),
                syn::Item::Macro(i) => {
                    match record_call::names(i) {
                        Ok(names) => names.iter().for_each(|n| self.name(n)),
                        Err(problem) => self.found.push(problem),
                    }
                    (&i.attrs, None)
                }
                _ => {
                    self.found
                        .push("an item the templates never write".to_owned());
                    continue;
                }
            };
            self.attrs(attributes);
            if let Some(ident) = ident {
                self.name(&ident);
            }
        }
    }

    fn fields(&mut self, list: &syn::Fields) {
        for field in list {
            self.attrs(&field.attrs);
            if let Some(ident) = &field.ident {
                self.name(&ident.to_string());
            }
        }
    }

    /// The source text inside `#[…]` of `attr`.
    fn text(&self, attr: &syn::Attribute) -> String {
        let span = attr.bracket_token.span.join();
        let (start, end) = (span.start(), span.end());
        let mut out = String::new();
        for line in start.line..=end.line {
            let text = self
                .source
                .get(line.saturating_sub(1))
                .copied()
                .unwrap_or("");
            let from = if line == start.line {
                start.column + 1
            } else {
                0
            };
            let to = if line == end.line {
                end.column.saturating_sub(1)
            } else {
                usize::MAX
            };
            out.extend(text.chars().skip(from).take(to.saturating_sub(from)));
            out.push('\n');
        }
        out
    }

    fn name(&mut self, ident: &str) {
        // Payloads are `fn evil_…`; names made from such text are camel case (`FnEvilClose`).
        if ident.starts_with("evil") {
            self.found
                .push(format!("item `{ident}` comes from spec text"));
        }
    }

    /// Checks attribute paths against the templates' and the doc text of one attribute list.
    fn attrs(&mut self, list: &[syn::Attribute]) {
        let mut doc = Vec::new();
        for attr in list {
            let path = attr
                .path()
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("::");
            if path != "doc" && !self.allowed.allows(&path, &self.text(attr)) {
                self.found.push(format!(
                    "attribute #[{}] comes from spec text",
                    self.text(attr)
                ));
            }
            if let syn::Meta::NameValue(nv) = &attr.meta
                && path == "doc"
                && let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
            {
                doc.push(s.value());
            }
            if path == "cfg_attr"
                && let Some(line) = gated_doc(&self.text(attr))
            {
                doc.push(line);
            }
        }
        if let Some(problem) = doctest(&doc, self.crate_page) {
            self.found.push(problem);
        }
    }
}

/// Whether rustdoc would find a Rust code block in these doc lines (as `///` comments give
/// them: one attribute per line, each starting with the space after `///`), other than an
/// operation's example, which the templates write as a `no_run` block under `# Example`, or,
/// on the crate page (`crate_page`), the guide's `no_run` examples under its section headings
/// (spec text cannot write either: the docs pass rewrites every fence it holds to a non-Rust
/// language, and the crate page takes only the spec's one-line title).
pub fn doctest(lines: &[String], crate_page: bool) -> Option<String> {
    // rustdoc removes the indentation common to all non-blank lines.
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut fence: Option<(char, usize)> = None;
    let mut previous_blank = true;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.get(indent..).unwrap_or("");
        let lead = line.len() - line.trim_start_matches(' ').len();
        let text = line.trim();
        match fence {
            Some((c, len)) => {
                let run = text.len() - text.trim_start_matches(c).len();
                if lead < 4 && run == text.len() && run >= len {
                    fence = None;
                }
            }
            None if lead >= 4 && previous_blank && !text.is_empty() => {
                return Some(format!("indented code block (a doctest): {line:?}"));
            }
            None => {
                let c = text.chars().next().unwrap_or(' ');
                let run = text.len() - text.trim_start_matches(c).len();
                let info = text[run.min(text.len())..].trim();
                let is_fence = lead < 4
                    && matches!(c, '`' | '~')
                    && run >= 3
                    && !(c == '`' && info.contains('`'));
                if is_fence {
                    let words: Vec<&str> = info
                        .split(|ch: char| ch == ',' || ch.is_whitespace())
                        .filter(|w| !w.is_empty())
                        .collect();
                    let rust = words.contains(&"rust")
                        || words
                            .iter()
                            .all(|w| RUST_WORDS.contains(w) || w.starts_with("edition"));
                    if rust
                        && !(info == "no_run" && (crate_page || after_example_heading(lines, i)))
                    {
                        return Some(format!("fenced Rust block (a doctest): {text:?}"));
                    }
                    fence = Some((c, run));
                }
            }
        }
        previous_blank = text.is_empty();
    }
    None
}

/// Whether the fence at `lines[at]` follows the templates' example heading (`# Example`, blank).
fn after_example_heading(lines: &[String], at: usize) -> bool {
    at >= 2 && lines[at - 2].trim() == "# Example" && lines[at - 1].trim().is_empty()
}
