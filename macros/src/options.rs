//! The arguments of `#[kernel(...)]`, each kept with its span.

use crate::diag::Diag;
use proc_macro2::{Span, TokenStream};
use syn::Token;
use syn::parse::Parser;
use syn::punctuated::Punctuated;

/// The options a kernel was asked for.
#[derive(Default)]
pub struct Options {
    pub parallel: Option<Span>,
    pub fastmath: Option<Span>,
    pub cuda: Option<Span>,
}

const VALID: &str = "`parallel`, `fastmath`, `cuda`";

/// Parses the attribute's arguments, pushing an error for each bad one.
pub fn parse(args: TokenStream, diag: &mut Diag) -> Options {
    let mut options = Options::default();
    let metas = match Punctuated::<syn::Meta, Token![,]>::parse_terminated.parse2(args) {
        Ok(metas) => metas,
        Err(e) => {
            diag.error(
                e.span(),
                format_args!("cannot read the `#[kernel]` options: {e}; write them as `#[kernel(parallel, fastmath)]`"),
            );
            return options;
        }
    };
    for meta in &metas {
        check_option(meta, &mut options, diag);
    }
    options
}

fn check_option(meta: &syn::Meta, options: &mut Options, diag: &mut Diag) {
    let syn::Meta::Path(path) = meta else {
        let name = meta.path().get_ident().map_or_else(|| "option".to_owned(), |i| format!("`{i}`"));
        diag.error_spanned(
            meta,
            format_args!("the {name} of `#[kernel]` takes no value; write it alone, e.g. `#[kernel(parallel)]`"),
        );
        return;
    };
    let Some(ident) = path.get_ident() else {
        diag.error_spanned(path, format_args!("unknown `#[kernel]` option; expected one of: {VALID}"));
        return;
    };
    let slot = match ident.to_string().as_str() {
        "parallel" => &mut options.parallel,
        "fastmath" => &mut options.fastmath,
        "cuda" => &mut options.cuda,
        other => {
            let hint = suggestion(other).map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"));
            diag.error(
                ident.span(),
                format_args!("unknown `#[kernel]` option `{other}`{hint}; expected one of: {VALID}"),
            );
            return;
        }
    };
    if slot.is_some() {
        diag.error(ident.span(), format_args!("the `#[kernel]` option `{ident}` is given twice; remove one"));
        return;
    }
    *slot = Some(ident.span());
}

/// The valid option closest to a misspelling, if it is close.
fn suggestion(given: &str) -> Option<&'static str> {
    ["parallel", "fastmath", "cuda"]
        .into_iter()
        .map(|valid| (edit_distance(given, valid), valid))
        .filter(|&(d, valid)| d <= valid.len() / 3 + 1)
        .min()
        .map(|(_, valid)| valid)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (diag + cost).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn messages(args: TokenStream) -> Vec<String> {
        let mut diag = Diag::new();
        parse(args, &mut diag);
        match diag.check() {
            Ok(()) => vec![],
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn no_options_is_fine() {
        assert!(messages(quote!()).is_empty());
    }

    #[test]
    fn misspelt_option_suggests_the_valid_one() {
        let m = messages(quote!(paralel));
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("did you mean `parallel`"), "{}", m[0]);
        assert!(m[0].contains("`parallel`, `fastmath`, `cuda`"), "{}", m[0]);
        assert!(!messages(quote!(xyz))[0].contains("did you mean"));
    }

    #[test]
    fn repeated_and_valued_options_are_errors() {
        let m = messages(quote!(parallel, parallel));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("given twice"), "{m:?}");
        let m = messages(quote!(parallel = true));
        assert!(m[0].contains("takes no value"), "{m:?}");
    }

    #[test]
    fn every_option_is_accepted() {
        assert!(messages(quote!(parallel, fastmath, cuda)).is_empty());
        assert!(messages(quote!(cuda)).is_empty());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("parallel", "parallel"), 0);
        assert_eq!(edit_distance("paralel", "parallel"), 1);
        assert_eq!(edit_distance("", "cuda"), 4);
    }
}
