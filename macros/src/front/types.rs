//! Types as written: parameter types (strict, with errors) and `let` annotations (quiet).

use crate::ir::{ArrayTy, Repr, Scalar, Ty};
use quote::ToTokens;
use syn::spanned::Spanned;

const KINDS: &str = "a kernel parameter is a scalar (`f32`, `f64`, `i8`..`i64`, `u8`..`u64`, `isize`, `usize`, \
                     `bool`), a slice (`&[T]`, `&mut [T]`), or an ndarray array (`ArrayView1<T>`, `ArrayView2<T>`, \
                     `ArrayViewMut1<T>`, `ArrayViewMut2<T>`, `&Array1<T>`, `&mut Array2<T>`, ...)";

/// The scalar a type names, if it is one (`f64`, `usize`).
pub fn scalar(ty: &syn::Type) -> Option<Scalar> {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => p.path.get_ident().and_then(|i| Scalar::from_name(&i.to_string())),
        syn::Type::Paren(p) => scalar(&p.elem),
        syn::Type::Group(g) => scalar(&g.elem),
        _ => None,
    }
}

/// The type of a parameter, or an error that says what to write instead.
pub fn param(ty: &syn::Type) -> Result<Ty, syn::Error> {
    if let Some(s) = scalar(ty) {
        return Ok(Ty::Scalar(s));
    }
    match ty {
        syn::Type::Reference(r) => reference(r),
        syn::Type::Path(p) if p.qself.is_none() => owned_path(ty, &p.path),
        syn::Type::Paren(p) => param(&p.elem),
        syn::Type::Group(g) => param(&g.elem),
        syn::Type::ImplTrait(_) => Err(unsupported(ty, "`impl Trait` parameters are not supported")),
        _ => Err(unsupported(ty, &format!("`{}` is not a kernel parameter type", pretty(ty)))),
    }
}

fn reference(r: &syn::TypeReference) -> Result<Ty, syn::Error> {
    let mutable = r.mutability.is_some();
    let amp = if mutable { "&mut " } else { "&" };
    match &*r.elem {
        syn::Type::Slice(s) => {
            let elem = element(&s.elem)?;
            Ok(Ty::Array(ArrayTy { elem, ndim: 1, mutable, repr: Repr::Slice }))
        }
        syn::Type::Path(p) if p.qself.is_none() => {
            if let Some(s) = scalar(&r.elem) {
                let help = if mutable {
                    format!("return the value instead, or take a one-element slice `&mut [{s}]`")
                } else {
                    format!("take it by value: `{s}`")
                };
                return Err(syn::Error::new_spanned(
                    r,
                    format!("a kernel takes scalars by value, not `{amp}{s}`; {help}"),
                ));
            }
            let (name, arg) = last_segment(&p.path);
            match (name.as_str(), array_rank(&name)) {
                (_, Some((ndim, false))) => {
                    let elem = element_arg(r, arg)?;
                    Ok(Ty::Array(ArrayTy { elem, ndim, mutable, repr: Repr::ArrayRef }))
                }
                ("Vec", _) => {
                    let e = arg.map_or_else(|| "T".to_owned(), pretty);
                    Err(syn::Error::new_spanned(
                        r,
                        format!(
                            "take a slice, `{amp}[{e}]`, instead of `{amp}Vec<{e}>`: a kernel never changes an array's length"
                        ),
                    ))
                }
                _ => Err(unsupported(r, &format!("`{}` is not a kernel parameter type", pretty(r)))),
            }
        }
        _ => Err(unsupported(r, &format!("`{}` is not a kernel parameter type", pretty(r)))),
    }
}

fn owned_path(ty: &syn::Type, path: &syn::Path) -> Result<Ty, syn::Error> {
    let (name, arg) = last_segment(path);
    match array_rank(&name) {
        Some((ndim, true)) => {
            let elem = element_arg(ty, arg)?;
            let mutable = name.starts_with("ArrayViewMut");
            Ok(Ty::Array(ArrayTy { elem, ndim, mutable, repr: Repr::View }))
        }
        Some((_, false)) => Err(syn::Error::new_spanned(
            ty,
            format!("a kernel borrows its arrays: take `&{0}` or `&mut {0}` (or a view) instead of `{0}`", pretty(ty)),
        )),
        None if name == "Vec" => {
            let e = arg.map_or_else(|| "T".to_owned(), pretty);
            Err(syn::Error::new_spanned(
                ty,
                format!("a kernel borrows its arrays: take `&[{e}]` or `&mut [{e}]` instead of `Vec<{e}>`"),
            ))
        }
        None if is_nd_name(&name) => Err(syn::Error::new_spanned(
            ty,
            format!(
                "`{name}` is not supported: kernels take 1-D and 2-D arrays, e.g. `ArrayView1<f64>`, `ArrayView2<f64>`"
            ),
        )),
        None => Err(unsupported(ty, &format!("`{}` is not a kernel parameter type", pretty(ty)))),
    }
}

/// The type of a `let` annotation in host code, when kernelize understands it.
pub fn annotation(ty: &syn::Type) -> Option<Ty> {
    if let Some(s) = scalar(ty) {
        return Some(Ty::Scalar(s));
    }
    let syn::Type::Path(p) = ty else {
        return param(ty).ok();
    };
    let (name, arg) = last_segment(&p.path);
    let elem = arg.and_then(scalar)?;
    match (name.as_str(), array_rank(&name)) {
        ("Vec", _) => Some(Ty::Array(ArrayTy { elem, ndim: 1, mutable: true, repr: Repr::Vec })),
        (_, Some((ndim, false))) => Some(Ty::Array(ArrayTy { elem, ndim, mutable: true, repr: Repr::Array })),
        _ => param(ty).ok(),
    }
}

/// `Array1` -> (1, false), `ArrayViewMut2` -> (2, true).
fn array_rank(name: &str) -> Option<(u8, bool)> {
    let (stem, view) = if let Some(rest) = name.strip_prefix("ArrayViewMut") {
        (rest, true)
    } else if let Some(rest) = name.strip_prefix("ArrayView") {
        (rest, true)
    } else {
        (name.strip_prefix("Array")?, false)
    };
    match stem {
        "1" => Some((1, view)),
        "2" => Some((2, view)),
        _ => None,
    }
}

fn is_nd_name(name: &str) -> bool {
    name.starts_with("Array") || name.starts_with("ArrayView")
}

fn last_segment(path: &syn::Path) -> (String, Option<&syn::Type>) {
    let Some(seg) = path.segments.last() else {
        return (String::new(), None);
    };
    let arg = match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    };
    (seg.ident.to_string(), arg)
}

fn element_arg(whole: &impl ToTokens, arg: Option<&syn::Type>) -> Result<crate::ir::Scalar, syn::Error> {
    match arg {
        Some(t) => element(t),
        None => Err(syn::Error::new_spanned(whole, "write the element type, e.g. `ArrayView1<f64>`")),
    }
}

fn element(ty: &syn::Type) -> Result<Scalar, syn::Error> {
    scalar(ty).ok_or_else(|| {
        syn::Error::new(
            ty.span(),
            format!(
                "`{}` is not a kernel element type; arrays hold `f32`, `f64`, `i8`..`i64`, `u8`..`u64`, `isize`, `usize` or `bool`",
                pretty(ty)
            ),
        )
    })
}

fn unsupported(tokens: &impl ToTokens, what: &str) -> syn::Error {
    syn::Error::new_spanned(tokens, format!("{what}; {KINDS}"))
}

/// Tokens as a user would write them: `& mut [f64]` -> `&mut [f64]`.
pub fn pretty(tokens: &impl ToTokens) -> String {
    let s = tokens.to_token_stream().to_string();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let drop_space = c == ' '
            && (out.ends_with(['&', '<', '(', '[', '\'', '!', '.', ':', '-'])
                || matches!(next, Some('>' | ',' | ')' | ']' | '<' | '(' | '[' | '.' | ':' | '?' | ';')));
        if !drop_space {
            out.push(c);
        }
    }
    out.replace("&mut[", "&mut [").replace(",", ", ").replace(",  ", ", ").replace("- >", "->")
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn accepted_parameter_types() {
        let ok: Vec<syn::Type> = vec![
            parse_quote!(f64),
            parse_quote!(&[f32]),
            parse_quote!(&mut [u8]),
            parse_quote!(ArrayView1<'_, f64>),
            parse_quote!(ndarray::ArrayViewMut2<f32>),
            parse_quote!(&kernelize::ndarray::Array2<i64>),
            parse_quote!(&mut Array1<f64>),
        ];
        for t in &ok {
            assert!(param(t).is_ok(), "{}", pretty(t));
        }
        let Ok(Ty::Array(a)) = param(&parse_quote!(ArrayViewMut2<f32>)) else { panic!() };
        assert_eq!((a.ndim, a.mutable, a.elem, a.repr), (2, true, Scalar::F32, Repr::View));
    }

    #[test]
    fn refused_parameter_types_say_what_to_write() {
        let cases: Vec<(syn::Type, &str)> = vec![
            (parse_quote!(Vec<f64>), "`&[f64]` or `&mut [f64]`"),
            (parse_quote!(&Vec<f64>), "`&[f64]`"),
            (parse_quote!(&f64), "by value"),
            (parse_quote!(&[String]), "not a kernel element type"),
            (parse_quote!(Array2<f64>), "`&Array2<f64>`"),
            (parse_quote!(ArrayView3<f64>), "1-D and 2-D"),
            (parse_quote!(HashMap<u32, f64>), "not a kernel parameter type"),
            (parse_quote!(impl Fn(f64) -> f64), "`impl Trait`"),
        ];
        for (t, want) in cases {
            let e = param(&t).unwrap_err().to_string();
            assert!(e.contains(want), "{}: {e}", pretty(&t));
        }
    }

    #[test]
    fn annotations() {
        assert_eq!(annotation(&parse_quote!(u32)), Some(Ty::Scalar(Scalar::U32)));
        let Some(Ty::Array(v)) = annotation(&parse_quote!(Vec<f32>)) else { panic!() };
        assert_eq!(v.repr, Repr::Vec);
        assert_eq!(annotation(&parse_quote!(String)), None);
    }

    #[test]
    fn pretty_prints_like_source() {
        assert_eq!(pretty(&parse_quote!(&mut [f64]) as &syn::Type), "&mut [f64]");
        assert_eq!(pretty(&parse_quote!(Vec<f64>) as &syn::Type), "Vec<f64>");
    }
}
