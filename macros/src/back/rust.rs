//! Writes kernel-language IR back as Rust, for the back ends that compile prange bodies with
//! rustc (serial, rayon, and the scalar parts of simd). Variables keep the user's names and spans, so rustc's
//! own messages land on the user's tokens; helper variables use `Span::mixed_site()`.

pub use super::names::{helper, label, var_ident};
use super::rows::RowWriter;
use crate::ir::walk;
use crate::ir::{
    Annotation, Arm, BinOp, Block, CallStyle, Expr, ExprKind, Jump, Kernel, LenDim, Lit, LitValue, Loop, LoopKind,
    MathFn, Pattern, Place, RangeAdapter, Scalar, Stmt, StmtKind, Ty, UnOp, VarId,
};
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};

/// A window that replaces an array's checked accesses (see `analyze::bounds`).
#[derive(Clone)]
pub struct Window {
    pub array: VarId,
    pub ident: Ident,
    pub dim: usize,
    pub first: i64,
    pub last: i64,
}

#[derive(Clone)]
pub struct Writer<'k> {
    pub k: &'k Kernel,
    pub prange: Vec<VarId>,
    /// Per prange dimension: the helper holding the loop's start, and whether it is literally 0.
    pub starts: Vec<(Ident, bool)>,
    pub windows: Vec<Window>,
    /// Array lengths read before the loop, because the array itself is borrowed in it.
    pub lens: Vec<(VarId, LenDim, Ident)>,
    /// `fastmath`'s scalar code, inside an instruction set's clone (where `__KZ_FMA` says
    /// whether it has FMA): `a * b + c` contracted, the faster math library per function,
    /// `powi` by a small literal multiplied out.
    pub relaxed: bool,
    /// With `relaxed`: the platform's math library for every function (calls, not inlined
    /// code), for code that runs too few iterations for its speed to matter: the shared
    /// remainder of a loop in lanes (`back/simd.rs`), whose build time does.
    pub platform_math: bool,
    /// Serial loops (by their variable) written by another back end: `fastmath`'s loops whose
    /// trips run in lanes.
    pub replaced: Vec<(VarId, TokenStream)>,
    /// Rows of 2-D arrays looked up before the enclosing loop over the variable, with the
    /// helper that holds the loop's start (see `rows.rs`).
    pub rows: Vec<(super::rows::RowUse, VarId, Ident)>,
    /// 2-D arrays the loop only reads, with the helper holding each as one flat slice of rows
    /// (when in standard layout: `__private::FlatRows`).
    pub flats: Vec<(VarId, Ident)>,
}

/// An operator such as `+=` as tokens.
fn operator(symbol: &str, span: Span) -> TokenStream {
    let chars: Vec<char> = symbol.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(n, &c)| {
            let spacing = if n + 1 < chars.len() { Spacing::Joint } else { Spacing::Alone };
            let mut p = Punct::new(c, spacing);
            p.set_span(span);
            TokenTree::Punct(p)
        })
        .collect()
}

fn paren(inner: TokenStream) -> TokenStream {
    TokenTree::Group(Group::new(Delimiter::Parenthesis, inner)).into()
}

const UNARY: u8 = 12;
const CAST: u8 = 11;
const ATOM: u8 = 13;

impl Writer<'_> {
    pub fn block(&self, b: &Block) -> TokenStream {
        let stmts = b.stmts.iter().map(|s| self.stmt(s));
        let tail = b.tail.as_ref().map(|t| self.expr(t, 0));
        quote_spanned!(b.span=> { #(#stmts)* #tail })
    }

    pub fn stmt(&self, s: &Stmt) -> TokenStream {
        match &s.kind {
            StmtKind::Let { var, annotation, init } => {
                let v = self.k.var(*var);
                let name = var_ident(self.k, *var, v.span);
                let m = v.mutable.then(|| quote!(mut));
                let ty = annotation.as_ref().map(|a| match a {
                    Annotation::Scalar(s) => {
                        let t = Ident::new(s.name(), v.span);
                        quote!(: #t)
                    }
                    Annotation::Other(tokens) => quote!(: #tokens),
                });
                let init = self.expr(init, 0);
                quote_spanned!(s.span=> let #m #name #ty = #init;)
            }
            // In `fastmath`'s scalar code, `x += a * b` contracted into one multiply-add.
            StmtKind::Assign { place, op: Some(op @ (BinOp::Add | BinOp::Sub)), value }
                if self.relaxed
                    && matches!(&value.kind, ExprKind::Binary { op: BinOp::Mul, .. })
                    && matches!(value.ty, Ty::Scalar(t) if t.is_float()) =>
            {
                let ExprKind::Binary { lhs: a, rhs: b, .. } = &value.kind else { return TokenStream::new() };
                let target = self.place(place, s.span);
                let (a, b) = (self.expr(a, 0), self.expr(b, 0));
                let a = if *op == BinOp::Sub { quote!(-(#a)) } else { a };
                let f = Ident::new(
                    if value.ty == Ty::Scalar(Scalar::F32) { "fmadd_f32" } else { "fmadd_f64" },
                    Span::call_site(),
                );
                quote!(#target = ::kernelize::__private::runtime::math::#f::<__KZ_FMA>(#a, #b, #target);)
            }
            StmtKind::Assign { place, op, value } => {
                let place = self.place(place, s.span);
                let symbol = op.map_or_else(|| "=".to_owned(), |o| format!("{}=", o.symbol()));
                let op = operator(&symbol, s.span);
                let value = self.expr(value, 0);
                quote!(#place #op #value;)
            }
            StmtKind::Expr(e) => {
                let e = self.expr(e, 0);
                quote!(#e;)
            }
            StmtKind::Loop(l) => self.serial_loop(l),
            StmtKind::Break(j) => self.jump("break", j, s.span),
            StmtKind::Continue(j) => self.jump("continue", j, s.span),
            StmtKind::Return(v) => {
                let v = v.as_ref().map(|v| self.expr(v, 0));
                quote_spanned!(s.span=> return #v;)
            }
            StmtKind::Opaque(o) => o.tokens.clone(),
        }
    }

    pub fn jump(&self, word: &str, j: &Jump, span: Span) -> TokenStream {
        let word = Ident::new(word, span);
        let l = j.label.as_ref().map(label);
        quote!(#word #l;)
    }

    fn serial_loop(&self, l: &Loop) -> TokenStream {
        if let LoopKind::For { var: Some(v), .. } = &l.kind
            && let Some((_, tokens)) = self.replaced.iter().find(|(x, _)| x == v)
        {
            return tokens.clone();
        }
        if let LoopKind::For { var: Some(v), range } = &l.kind
            && range.adapters.is_empty()
            && !range.inclusive
        {
            let (start, end) = (self.expr(&range.start, 0), self.expr(&range.end, 0));
            let lbl = l.label.as_ref().map(|i| {
                let l = label(i);
                quote!(#l:)
            });
            if let Some(t) = self.row_loop(*v, &start, &end, lbl.as_ref(), &l.body) {
                return t;
            }
        }
        let lbl = l.label.as_ref().map(|i| {
            let l = label(i);
            quote!(#l:)
        });
        let body = self.block(&l.body);
        match &l.kind {
            LoopKind::For { var, range } => {
                let var = var.map_or_else(
                    || quote!(_),
                    |v| {
                        let ident = var_ident(self.k, v, self.k.var(v).span);
                        let m = self.k.var(v).mutable.then(|| quote!(mut));
                        quote!(#m #ident)
                    },
                );
                let (start, end) = (self.expr(&range.start, 10), self.expr(&range.end, 10));
                let mut iter = if range.inclusive { quote!(#start..=#end) } else { quote!(#start..#end) };
                for a in &range.adapters {
                    let inner = paren(iter);
                    iter = match a {
                        RangeAdapter::Rev => quote!(#inner.rev()),
                        RangeAdapter::StepBy(k) => {
                            let k = self.expr(k, 0);
                            quote!(#inner.step_by(#k))
                        }
                    };
                }
                quote!(#lbl for #var in #iter #body)
            }
            LoopKind::While { cond } => {
                let cond = self.expr(cond, 0);
                quote!(#lbl while #cond #body)
            }
            LoopKind::Infinite => quote!(#lbl loop #body),
        }
    }

    fn place(&self, p: &Place, span: Span) -> TokenStream {
        match p {
            Place::Var(v) => var_ident(self.k, *v, span).into_token_stream(),
            Place::Index { array, index } => self.index(*array, index, span),
        }
    }

    fn index(&self, array: VarId, index: &[Expr], span: Span) -> TokenStream {
        if let Some(t) = self.windowed(array, index) {
            return t;
        }
        if let Some(t) = self.row_windowed(array, index) {
            return t;
        }
        let a = var_ident(self.k, array, span);
        let parts: Vec<TokenStream> = index.iter().map(|e| self.expr(e, 0)).collect();
        match parts.as_slice() {
            [one] => quote!(#a[#one]),
            many => quote!(#a[[#(#many),*]]),
        }
    }

    /// `w[i - lo + k]` when `array[index]` falls in a hoisted window.
    fn windowed(&self, array: VarId, index: &[Expr]) -> Option<TokenStream> {
        let w = self.windows.iter().find(|w| w.array == array)?;
        let [i] = index else { return None };
        let (dim, c) = crate::analyze::bounds_affine(&self.prange, i)?;
        if dim != w.dim || c < w.first || c > w.last {
            return None;
        }
        let ident = &w.ident;
        let p = var_ident(self.k, self.prange[dim], i.span);
        let (start, is_zero) = &self.starts[dim];
        let mut at = if *is_zero { quote!(#p) } else { quote!(#p - #start) };
        let shift = c - w.first;
        if shift != 0 {
            let shift = Literal::usize_unsuffixed(usize::try_from(shift).ok()?);
            at = quote!(#at + #shift);
        }
        Some(quote!(#ident[#at]))
    }

    /// `w[j - start + k]` when `array[[r, j + c]]` falls in a row window of the loop over `j`.
    fn row_windowed(&self, array: VarId, index: &[Expr]) -> Option<TokenStream> {
        let [r, j] = index else { return None };
        let text = crate::ir::display::expr_text(self.k, r);
        self.rows.iter().rev().find_map(|(u, var, start)| {
            if u.array != array || u.row != text {
                return None;
            }
            let (_, c) = crate::analyze::bounds_affine(&[*var], j)?;
            let w = u.window.as_ref().filter(|_| (u.first..=u.last).contains(&c))?;
            let shift = Literal::usize_unsuffixed(usize::try_from(c - u.first).ok()?);
            let v = var_ident(self.k, *var, j.span);
            Some(quote!(#w[#v - #start + #shift]))
        })
    }

    /// A serial loop `for var in start..end { body }` (innermost: no loop inside) whose body
    /// reads or writes rows of 2-D arrays along `var`: the rows looked up once, and the loop on
    /// their windows when all are there, else as written. `None` when it has no such row.
    pub fn row_loop(
        &self,
        var: VarId,
        start: &TokenStream,
        end: &TokenStream,
        lbl: Option<&TokenStream>,
        body: &Block,
    ) -> Option<TokenStream> {
        if self.k.var(var).ty != Ty::Scalar(Scalar::Usize)
            || walk::any_stmt_in_block(body, |s| matches!(s, StmtKind::Loop(_)))
        {
            return None;
        }
        let (s, e) = (helper("__kz_rs_start"), helper("__kz_rs_end"));
        let changed = super::rows::changed_in(body);
        let fixed = |x: VarId| x != var && !changed.contains(&x);
        let eligible = |_: &Expr, j: &Expr| crate::analyze::bounds_affine(&[var], j).map(|(_, c)| c);
        let mut fresh = 0;
        let plan = super::rows::plan(
            self.k,
            self,
            body,
            &fixed,
            &eligible,
            false,
            None,
            &quote!(#s),
            &quote!(#e),
            &mut fresh,
            None,
        )?;
        let mut fast = self.clone();
        fast.rows.extend(plan.uses.into_iter().map(|u| (u, var, s.clone())));
        let (fast_body, slow_body) = (fast.block(body), self.block(body));
        let v = var_ident(self.k, var, self.k.var(var).span);
        let m = self.k.var(var).mutable.then(|| quote!(mut));
        let (lookups, patterns, values) = (plan.lookups, plan.patterns, plan.values);
        Some(quote!({
            #[allow(unused_imports)]
            use ::kernelize::__private::runtime::simd::{Rows as _, RowsMut as _};
            let #s: usize = #start;
            let #e: usize = #end;
            #lookups
            match (#(#values,)*) {
                (#(#patterns,)*) => { #lbl for #m #v in #s..#e #fast_body }
                _ => { #lbl for #m #v in #s..#e #slow_body }
            }
        }))
    }

    /// Writes `e`, in parentheses when it binds looser than `min`.
    pub fn expr(&self, e: &Expr, min: u8) -> TokenStream {
        let (tokens, prec) = self.expr_prec(e);
        if prec < min { paren(tokens) } else { tokens }
    }

    fn expr_prec(&self, e: &Expr) -> (TokenStream, u8) {
        let span = e.span;
        match &e.kind {
            ExprKind::Lit(l) => (lit(l, span), ATOM),
            ExprKind::Var(v) => (var_ident(self.k, *v, span).into_token_stream(), ATOM),
            ExprKind::Const(c) => {
                let ty = Ident::new(c.ty.name(), span);
                let name = Ident::new(c.name, span);
                let t = if c.in_consts {
                    quote_spanned!(span=> ::core::#ty::consts::#name)
                } else {
                    quote_spanned!(span=> ::core::primitive::#ty::#name)
                };
                (t, ATOM)
            }
            ExprKind::Unary { op, arg } => {
                let arg = self.expr(arg, UNARY);
                let t = if *op == UnOp::Neg { quote_spanned!(span=> -#arg) } else { quote_spanned!(span=> !#arg) };
                (t, UNARY)
            }
            ExprKind::Binary { op, lhs, rhs } if self.relaxed && contractible(e, *op, lhs, rhs) => {
                (self.contract(*op, lhs, rhs, e.ty), ATOM)
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let p = op.precedence();
                let left_min = if op.is_comparison() { p + 1 } else { p };
                let (l, r) = (self.expr(lhs, left_min), self.expr(rhs, p + 1));
                let o = operator(op.symbol(), span);
                (quote!(#l #o #r), p)
            }
            ExprKind::Cast { arg, to } => {
                let arg = self.expr(arg, CAST);
                let to = Ident::new(to.name(), span);
                (quote!(#arg as #to), CAST)
            }
            ExprKind::Math { func, args, .. }
                if self.relaxed && relaxed_math(*func, args, e.ty, !self.platform_math) =>
            {
                (self.relaxed_math(*func, args, e.ty), ATOM)
            }
            ExprKind::Math { func, args, style } => (self.math(func.name(), args, *style, span), ATOM),
            ExprKind::Index { array, index } => (self.index(*array, index, span), ATOM),
            ExprKind::Len { array, dim } => (self.len(*array, *dim, span), ATOM),
            ExprKind::If { cond, then, els } => {
                let cond = self.expr(cond, 0);
                let then = self.block(then);
                let els = els.as_ref().map(|e| {
                    let e = self.expr(e, 0);
                    quote!(else #e)
                });
                (quote_spanned!(span=> if #cond #then #els), 1)
            }
            ExprKind::Block(b) => (self.block(b), 1),
            ExprKind::Match { scrutinee, arms } => {
                let s = self.expr(scrutinee, 0);
                let arms = arms.iter().map(|a| self.arm(a));
                (quote_spanned!(span=> match #s { #(#arms)* }), 1)
            }
            ExprKind::Try(inner) => {
                let inner = self.expr(inner, ATOM);
                (quote_spanned!(span=> #inner?), ATOM)
            }
            ExprKind::Opaque(o) => (o.tokens.clone(), 0),
        }
    }

    fn math(&self, name: &str, args: &[Expr], style: CallStyle, span: Span) -> TokenStream {
        let f = Ident::new(name, span);
        match style {
            CallStyle::Method => {
                let Some((recv, rest)) = args.split_first() else { return TokenStream::new() };
                let recv = self.expr(recv, ATOM);
                let rest = rest.iter().map(|a| self.expr(a, 0));
                quote!(#recv.#f(#(#rest),*))
            }
            CallStyle::Path(s) => {
                let ty = Ident::new(s.name(), span);
                let args = args.iter().map(|a| self.expr(a, 0));
                quote_spanned!(span=> ::core::primitive::#ty::#f(#(#args),*))
            }
        }
    }

    /// `a * b + c` (or `-`) as one fused multiply-add where the clone has FMA.
    fn contract(&self, op: BinOp, lhs: &Expr, rhs: &Expr, ty: Ty) -> TokenStream {
        let is_mul = |x: &Expr| matches!(&x.kind, ExprKind::Binary { op: BinOp::Mul, .. });
        let (prod, other, negate_other, negate_prod) =
            if is_mul(lhs) { (lhs, rhs, op == BinOp::Sub, false) } else { (rhs, lhs, false, op == BinOp::Sub) };
        let ExprKind::Binary { lhs: a, rhs: b, .. } = &prod.kind else { return TokenStream::new() };
        let (a, b, c) = (self.expr(a, 0), self.expr(b, 0), self.expr(other, 0));
        let c = if negate_other { quote!(-(#c)) } else { c };
        let a = if negate_prod { quote!(-(#a)) } else { a };
        let f = Ident::new(if ty == Ty::Scalar(Scalar::F32) { "fmadd_f32" } else { "fmadd_f64" }, Span::call_site());
        quote!(::kernelize::__private::runtime::math::#f::<__KZ_FMA>(#a, #b, #c))
    }

    /// A math function in `fastmath`'s scalar code: `powi` by a small literal multiplied out,
    /// the functions kernelize's library computes faster than the platform's through it.
    fn relaxed_math(&self, f: MathFn, args: &[Expr], ty: Ty) -> TokenStream {
        let a: Vec<TokenStream> = args.iter().map(|x| self.expr(x, 0)).collect();
        if f == MathFn::Powi
            && let Some(n) = args.get(1).and_then(crate::analyze::cost::small_power)
        {
            let Ty::Scalar(s) = ty else { return TokenStream::new() };
            let t = Ident::new(s.name(), Span::call_site());
            return powi_tokens(&a[0], n, &quote!(#t), &quote!(1.0));
        }
        if f == MathFn::Powf
            && let Some(p) = args.get(1).and_then(crate::analyze::cost::literal_power)
        {
            let Ty::Scalar(s) = ty else { return TokenStream::new() };
            let t = Ident::new(s.name(), Span::call_site());
            let x = &a[0];
            return match p {
                crate::analyze::cost::Power::Int(n) => powi_tokens(x, n, &quote!(#t), &quote!(1.0)),
                // `pow(x, 0.5)`: `|sqrt(x)|` (+0 for -0), but +inf for -inf.
                crate::analyze::cost::Power::Half => quote!({
                    let __kz_px: #t = #x;
                    if __kz_px == #t::NEG_INFINITY { #t::INFINITY } else { __kz_px.sqrt().abs() }
                }),
                // `pow(x, -0.5)`: `1 / |sqrt(x)|` (+inf for -0), but +0 for -inf.
                crate::analyze::cost::Power::MinusHalf => quote!({
                    let __kz_px: #t = #x;
                    if __kz_px == #t::NEG_INFINITY { 0.0 } else { 1.0 / __kz_px.sqrt().abs() }
                }),
            };
        }
        let Ty::Scalar(s) = ty else { return TokenStream::new() };
        let (t, name) = (Ident::new(s.name(), Span::call_site()), Ident::new(f.name(), Span::call_site()));
        quote!(::kernelize::__private::runtime::math::#t::#name::<__KZ_FMA, 1>(#([#a]),*)[0])
    }

    fn len(&self, array: VarId, dim: LenDim, span: Span) -> TokenStream {
        if let Some((_, _, ident)) = self.lens.iter().find(|(a, d, _)| *a == array && *d == dim) {
            return ident.to_token_stream();
        }
        len_expr(&var_ident(self.k, array, span), dim)
    }
}

/// `a * b + c` or `c + a * b` (or `-`) in floats: what `fastmath` contracts into an FMA.
pub fn contractible(e: &Expr, op: BinOp, lhs: &Expr, rhs: &Expr) -> bool {
    let is_mul = |x: &Expr| matches!(&x.kind, ExprKind::Binary { op: BinOp::Mul, .. });
    matches!(e.ty, Ty::Scalar(s) if s.is_float())
        && matches!(op, BinOp::Add | BinOp::Sub)
        && (is_mul(lhs) || is_mul(rhs))
}

/// Whether `fastmath`'s scalar code computes `f` other than with std's method: `powi` by a
/// small literal, or a function the library computes faster (measured; see
/// `analyze::vector::lib_is_faster_scalar`). `library`: whether kernelize's library may be
/// used at all.
fn relaxed_math(f: MathFn, args: &[Expr], ty: Ty, library: bool) -> bool {
    let float = matches!(ty, Ty::Scalar(s) if s.is_float());
    float
        && ((f == MathFn::Powi && args.get(1).and_then(crate::analyze::cost::small_power).is_some())
            || (f == MathFn::Powf && args.get(1).and_then(crate::analyze::cost::literal_power).is_some())
            || (library && crate::analyze::vector::lib_is_faster_scalar(f)))
}

/// `x.powi(n)` for a literal `n` as the multiplications of square-and-multiply, in the order of
/// compiler-rt's `__powidf2` (what `powi` computes), so the result is the same bits: `r = 1;
/// loop { if n odd { r *= x } n /= 2; if n == 0 break; x *= x }`, then `1 / r` for `n < 0`.
/// `ty` is the type of `x` (a scalar or lanes), `one` its 1.
pub fn powi_tokens(x: &TokenStream, n: i32, ty: &TokenStream, one: &TokenStream) -> TokenStream {
    let (base, r) = (helper("__kz_pb"), helper("__kz_pr"));
    let mut steps = TokenStream::new();
    let mut m = n.unsigned_abs();
    loop {
        if m & 1 == 1 {
            steps.extend(quote!(#r = #r * #base;));
        }
        m /= 2;
        if m == 0 {
            break;
        }
        steps.extend(quote!(#base = #base * #base;));
    }
    let result = if n < 0 { quote!((#one / #r)) } else { quote!(#r) };
    quote!({
        #[allow(unused_mut, unused_assignments)]
        let mut #base: #ty = #x;
        let mut #r: #ty = #one;
        #steps
        #result
    })
}

/// `a.len()`, `a.nrows()`, `a.ncols()` or `a.shape()[k]`.
pub fn len_expr(a: &Ident, dim: LenDim) -> TokenStream {
    {
        match dim {
            LenDim::All => quote!(#a.len()),
            LenDim::Axis(0) => quote!(#a.nrows()),
            LenDim::Axis(_) => quote!(#a.ncols()),
            LenDim::Shape(k) => {
                let k = Literal::usize_unsuffixed(usize::from(k));
                quote!(#a.shape()[#k])
            }
        }
    }
}

impl Writer<'_> {
    fn arm(&self, arm: &Arm) -> TokenStream {
        let pats = arm.pats.iter().map(|p| self.pattern(p));
        let guard = arm.guard.as_ref().map(|g| {
            let g = self.expr(g, 0);
            quote!(if #g)
        });
        let body = self.expr(&arm.body, 0);
        quote!(#(#pats)|* #guard => #body,)
    }

    pub fn pattern(&self, p: &Pattern) -> TokenStream {
        let signed = |neg: bool, l: &Lit| {
            let l = lit(l, Span::call_site());
            if neg { quote!(-#l) } else { l }
        };
        match p {
            Pattern::Wild => quote!(_),
            Pattern::Bind(v) => var_ident(self.k, *v, self.k.var(*v).span).into_token_stream(),
            Pattern::Lit { negative, lit } => signed(*negative, lit),
            Pattern::Range { lo, hi, inclusive } => {
                let lo = lo.as_ref().map(|(n, l)| signed(*n, l));
                let hi = hi.as_ref().map(|(n, l)| signed(*n, l));
                if *inclusive { quote!(#lo..=#hi) } else { quote!(#lo..#hi) }
            }
        }
    }
}

pub fn lit(l: &Lit, span: Span) -> TokenStream {
    if let LitValue::Bool(b) = l.value {
        return Ident::new(if b { "true" } else { "false" }, span).into_token_stream();
    }
    match l.text.parse::<Literal>() {
        Ok(mut lit) => {
            lit.set_span(span);
            lit.into_token_stream()
        }
        Err(_) => l.text.parse::<TokenStream>().unwrap_or_default(),
    }
}

impl RowWriter for Writer<'_> {
    fn expr(&self, e: &Expr) -> TokenStream {
        Writer::expr(self, e, 0)
    }

    fn flat(&self, array: VarId) -> Option<&Ident> {
        self.flats.iter().find(|f| f.0 == array).map(|f| &f.1)
    }
}
