//! Predicates on syn's tree that several parts of the front end ask.

/// True for `prange(...)` and `kernelize::prange(...)`.
pub fn is_prange(e: &syn::Expr) -> bool {
    let syn::Expr::Call(call) = e else { return false };
    let syn::Expr::Path(p) = &*call.func else { return false };
    p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "prange" && s.arguments.is_none())
}

/// `+=`, `-=`, ... : an assignment operator.
pub fn is_compound(op: &syn::BinOp) -> bool {
    use syn::BinOp as S;
    matches!(
        op,
        S::AddAssign(_)
            | S::SubAssign(_)
            | S::MulAssign(_)
            | S::DivAssign(_)
            | S::RemAssign(_)
            | S::BitXorAssign(_)
            | S::BitAndAssign(_)
            | S::BitOrAssign(_)
            | S::ShlAssign(_)
            | S::ShrAssign(_)
    )
}

/// The names a pattern binds, with their mutability.
pub fn pattern_bindings(pat: &syn::Pat) -> Vec<(syn::Ident, bool)> {
    struct Names(Vec<(syn::Ident, bool)>);
    impl<'ast> syn::visit::Visit<'ast> for Names {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0.push((p.ident.clone(), p.mutability.is_some()));
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_expr(&mut self, _: &'ast syn::Expr) {}
        fn visit_type(&mut self, _: &'ast syn::Type) {}
    }
    let mut names = Names(Vec::new());
    syn::visit::Visit::visit_pat(&mut names, pat);
    names.0
}
