//! Code outside the kernel language, kept as written: which variables it touches, and how.

use super::context::Lower;
use super::syntax::{is_compound, pattern_bindings};
use crate::ir::{Access, Mention, VarId};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

/// Methods that only read their receiver; anything else may change it.
const READ_ONLY_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "iter",
    "get",
    "first",
    "last",
    "contains",
    "clone",
    "to_vec",
    "to_owned",
    "as_slice",
    "nrows",
    "ncols",
    "shape",
    "dim",
    "row",
    "column",
    "view",
    "sum",
    "product",
    "windows",
    "chunks",
    "chunks_exact",
    "split_at",
    "starts_with",
    "ends_with",
    "binary_search",
    "is_nan",
    "is_finite",
    "is_infinite",
    "is_sign_negative",
    "is_sign_positive",
    "to_bits",
    "count_ones",
    "leading_zeros",
    "trailing_zeros",
    "wrapping_add",
    "wrapping_sub",
    "wrapping_mul",
    "saturating_add",
    "saturating_sub",
    "checked_add",
    "checked_sub",
    "checked_mul",
    "checked_div",
    "pow",
    "rem_euclid",
    "div_euclid",
    "asinh",
    "acosh",
    "atanh",
    "sin_cos",
    "to_degrees",
    "to_radians",
    "fract",
    "copysign",
    "total_cmp",
    "partial_cmp",
    "cmp",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "into",
    "try_into",
];

/// What an opaque piece of code does with the kernel's variables.
pub struct Touches {
    pub mentions: Vec<Mention>,
    /// Spans of `unsafe` blocks inside it.
    pub unsafe_blocks: Vec<Span>,
}

pub fn of_expr(cx: &Lower<'_>, e: &syn::Expr) -> Touches {
    run(cx, |w| w.visit_expr(e))
}

pub fn of_stmt(cx: &Lower<'_>, s: &syn::Stmt) -> Touches {
    run(cx, |w| w.visit_stmt(s))
}

fn run(cx: &Lower<'_>, f: impl FnOnce(&mut Walker<'_, '_>)) -> Touches {
    let mut w = Walker { cx, mentions: Vec::new(), shadowed: Vec::new(), unsafe_blocks: Vec::new() };
    f(&mut w);
    Touches { mentions: w.mentions, unsafe_blocks: w.unsafe_blocks }
}

struct Walker<'a, 'd> {
    cx: &'a Lower<'d>,
    mentions: Vec<Mention>,
    /// Names declared inside the opaque code (closure parameters, lets), which hide the kernel's.
    shadowed: Vec<String>,
    unsafe_blocks: Vec<Span>,
}

impl Walker<'_, '_> {
    fn resolve(&self, ident: &syn::Ident) -> Option<VarId> {
        let name = ident.to_string();
        if self.shadowed.contains(&name) {
            return None;
        }
        self.cx.lookup(&name)
    }

    fn note(&mut self, ident: &syn::Ident, access: Access) {
        if let Some(var) = self.resolve(ident) {
            self.mentions.push(Mention { var, access, span: ident.span() });
        }
    }

    /// The variable at the root of a place: `x` in `x`, `x.f`, `x[k]`, `*x`, `(x)`.
    fn root(e: &syn::Expr) -> Option<&syn::Ident> {
        match e {
            syn::Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
            syn::Expr::Field(f) => Self::root(&f.base),
            syn::Expr::Index(i) => Self::root(&i.expr),
            syn::Expr::Paren(p) => Self::root(&p.expr),
            syn::Expr::Unary(u) => Self::root(&u.expr),
            syn::Expr::MethodCall(m) => Self::root(&m.receiver),
            _ => None,
        }
    }

    /// `x[i]` for a prange variable `i`.
    fn own_element(&self, e: &syn::Expr) -> Option<syn::Ident> {
        let syn::Expr::Index(ix) = e else { return None };
        let syn::Expr::Path(base) = &*ix.expr else { return None };
        let syn::Expr::Path(index) = &*ix.index else { return None };
        let index = self.resolve(index.path.get_ident()?)?;
        self.cx.prange_vars.contains(&index).then(|| base.path.get_ident().cloned()).flatten()
    }

    fn written(&mut self, place: &syn::Expr) {
        if let Some(ident) = self.own_element(place) {
            self.note(&ident, Access::WriteOwn);
            return;
        }
        if let Some(ident) = Self::root(place).cloned() {
            self.note(&ident, Access::MaybeWrite);
        }
        visit::visit_expr(self, place);
    }

    fn macro_body(&mut self, m: &syn::Macro) {
        let args = m.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated);
        match args {
            Ok(args) => {
                for arg in &args {
                    if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = arg {
                        self.format_string(s);
                    }
                    self.visit_expr(arg);
                }
            }
            Err(_) => self.all_idents(m.tokens.clone(), Access::MaybeWrite),
        }
    }

    /// Names captured by a format string: `"{x}"`, `"{x:?}"`.
    fn format_string(&mut self, s: &syn::LitStr) {
        let text = s.value();
        for piece in text.split('{').skip(1) {
            let name: String = piece.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
                self.note(&syn::Ident::new(&name, s.span()), Access::Read);
            }
        }
    }

    fn all_idents(&mut self, tokens: TokenStream, access: Access) {
        for t in tokens {
            match t {
                TokenTree::Ident(i) => self.note(&i, access),
                TokenTree::Group(g) => self.all_idents(g.stream(), access),
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Walker<'_, '_> {
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let (None, Some(ident)) = (&p.qself, p.path.get_ident()) {
            self.note(ident, Access::Read);
        }
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let read_only = READ_ONLY_METHODS.contains(&m.method.to_string().as_str());
        match Self::root(&m.receiver).cloned() {
            Some(ident) if !read_only => self.note(&ident, Access::MaybeWrite),
            _ => self.visit_expr(&m.receiver),
        }
        for arg in &m.args {
            self.visit_expr(arg);
        }
    }

    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if r.mutability.is_some() {
            self.written(&r.expr);
        } else {
            self.visit_expr(&r.expr);
        }
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        self.written(&a.left);
        self.visit_expr(&a.right);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        if is_compound(&b.op) {
            self.written(&b.left);
        } else {
            self.visit_expr(&b.left);
        }
        self.visit_expr(&b.right);
    }

    fn visit_expr_index(&mut self, ix: &'ast syn::ExprIndex) {
        match self.own_element(&syn::Expr::Index(ix.clone())) {
            Some(ident) => self.note(&ident, Access::ReadOwn),
            None => visit::visit_expr_index(self, ix),
        }
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        let before = self.shadowed.len();
        for input in &c.inputs {
            self.shadowed.extend(pattern_bindings(input).into_iter().map(|(i, _)| i.to_string()));
        }
        self.visit_expr(&c.body);
        self.shadowed.truncate(before);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        self.shadowed.extend(pattern_bindings(&l.pat).into_iter().map(|(i, _)| i.to_string()));
    }

    fn visit_expr_unsafe(&mut self, u: &'ast syn::ExprUnsafe) {
        self.unsafe_blocks.push(u.unsafe_token.span);
        visit::visit_expr_unsafe(self, u);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.macro_body(m);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// A short description of an expression for messages: "a call to `helper`", "a closure".
pub fn describe(e: &syn::Expr) -> String {
    match e {
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => format!("a call to `{}`", super::types::pretty(&p.path)),
            _ => "a function call".to_owned(),
        },
        syn::Expr::MethodCall(m) => format!("the method `{}`", m.method),
        syn::Expr::Closure(_) => "a closure".to_owned(),
        syn::Expr::Macro(m) => describe_macro(&m.mac),
        syn::Expr::Reference(_) => "a reference".to_owned(),
        syn::Expr::Tuple(_) => "a tuple".to_owned(),
        syn::Expr::Array(_) | syn::Expr::Repeat(_) => "an array literal".to_owned(),
        syn::Expr::Field(_) => "a field access".to_owned(),
        syn::Expr::Struct(_) => "a struct literal".to_owned(),
        syn::Expr::Range(_) => "a range".to_owned(),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => "a dereference".to_owned(),
        syn::Expr::Lit(l) => match l.lit {
            syn::Lit::Str(_) | syn::Lit::ByteStr(_) | syn::Lit::CStr(_) => "a string literal".to_owned(),
            syn::Lit::Char(_) | syn::Lit::Byte(_) => "a character literal".to_owned(),
            _ => "a literal".to_owned(),
        },
        syn::Expr::Path(p) => format!("`{}`", super::types::pretty(&p.path)),
        syn::Expr::If(_) => "`if let`".to_owned(),
        syn::Expr::While(_) => "`while let`".to_owned(),
        syn::Expr::ForLoop(_) => "a `for` loop over an iterator".to_owned(),
        syn::Expr::Match(_) => "a `match` on a non-integer".to_owned(),
        syn::Expr::Block(_) => "a labeled block".to_owned(),
        syn::Expr::Async(_) => "an `async` block".to_owned(),
        syn::Expr::Index(_) => "an index into something that is not a kernel array".to_owned(),
        _ => format!("`{}`", short(e)),
    }
}

pub fn describe_macro(m: &syn::Macro) -> String {
    format!("the macro `{}!`", super::types::pretty(&m.path))
}

fn short(e: &impl ToTokens) -> String {
    let text = super::types::pretty(e);
    if text.chars().count() > 40 { format!("{}...", text.chars().take(37).collect::<String>()) } else { text }
}
