//! Type inference for the kernel language, as rustc does it for numeric code: unsuffixed
//! literals are `{integer}` / `{float}` variables that uses pin down, and that fall back to
//! `i32` / `f64` when nothing does.

use crate::ir::{Scalar, Ty};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Any type at all (a variable whose initializer kernelize does not understand).
    Any,
    /// `{integer}`: an unsuffixed integer literal.
    Int,
    /// `{float}`: an unsuffixed float literal.
    Float,
    Known(Ty),
}

enum Node {
    Link(u32),
    Root(Kind),
}

#[derive(Default)]
pub struct Infer {
    nodes: Vec<Node>,
}

/// Two types that cannot be the same.
pub struct Mismatch {
    pub left: Kind,
    pub right: Kind,
}

impl Infer {
    pub fn fresh(&mut self, kind: Kind) -> Ty {
        let id = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        self.nodes.push(Node::Root(kind));
        Ty::Infer(id)
    }

    fn root(&self, mut id: u32) -> u32 {
        while let Some(Node::Link(next)) = self.nodes.get(id as usize) {
            id = *next;
        }
        id
    }

    /// What is known of `ty` now.
    pub fn kind(&self, ty: Ty) -> Kind {
        match ty {
            Ty::Infer(id) => match self.nodes.get(self.root(id) as usize) {
                Some(Node::Root(kind)) => *kind,
                _ => Kind::Any,
            },
            other => Kind::Known(other),
        }
    }

    /// The scalar `ty` is known to be, if it is.
    pub fn scalar(&self, ty: Ty) -> Option<Scalar> {
        match self.kind(ty) {
            Kind::Known(Ty::Scalar(s)) => Some(s),
            _ => None,
        }
    }

    /// Makes `a` and `b` the same type. `Unknown` (code outside the language) constrains nothing.
    pub fn unify(&mut self, a: Ty, b: Ty) -> Result<(), Mismatch> {
        let (ka, kb) = (self.kind(a), self.kind(b));
        let merged = match (ka, kb) {
            (Kind::Known(Ty::Unknown), _) | (_, Kind::Known(Ty::Unknown)) => return Ok(()),
            (Kind::Any, k) | (k, Kind::Any) => k,
            (Kind::Int, Kind::Int) => Kind::Int,
            (Kind::Float, Kind::Float) => Kind::Float,
            (Kind::Int, Kind::Known(Ty::Scalar(s))) | (Kind::Known(Ty::Scalar(s)), Kind::Int) if s.is_int() => {
                Kind::Known(Ty::Scalar(s))
            }
            (Kind::Float, Kind::Known(Ty::Scalar(s))) | (Kind::Known(Ty::Scalar(s)), Kind::Float) if s.is_float() => {
                Kind::Known(Ty::Scalar(s))
            }
            (Kind::Known(x), Kind::Known(y)) if x == y => Kind::Known(x),
            (left, right) => return Err(Mismatch { left, right }),
        };
        self.set(a, b, merged);
        Ok(())
    }

    fn set(&mut self, a: Ty, b: Ty, kind: Kind) {
        let ra = if let Ty::Infer(id) = a { Some(self.root(id)) } else { None };
        let rb = if let Ty::Infer(id) = b { Some(self.root(id)) } else { None };
        match (ra, rb) {
            (Some(x), Some(y)) if x != y => {
                self.nodes[y as usize] = Node::Link(x);
                self.nodes[x as usize] = Node::Root(kind);
            }
            (Some(x), _) | (None, Some(x)) => self.nodes[x as usize] = Node::Root(kind),
            (None, None) => {}
        }
    }

    /// The final type of `ty`, with rustc's fallback; `true` when the fallback decided it.
    pub fn resolve(&self, ty: Ty) -> (Ty, bool) {
        match self.kind(ty) {
            Kind::Known(t) => (t, false),
            Kind::Int => (Ty::Scalar(Scalar::I32), true),
            Kind::Float => (Ty::Scalar(Scalar::F64), true),
            Kind::Any => (Ty::Unknown, false),
        }
    }
}

/// Describes a kind for messages: "`f64`", "an integer literal", "a float literal".
pub fn describe(kind: Kind) -> String {
    match kind {
        Kind::Any | Kind::Known(Ty::Unknown) | Kind::Known(Ty::Infer(_)) => "an unknown type".to_owned(),
        Kind::Int => "an integer".to_owned(),
        Kind::Float => "a float".to_owned(),
        Kind::Known(t) => format!("`{t}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_take_the_type_of_their_use() {
        let mut inf = Infer::default();
        let lit = inf.fresh(Kind::Float);
        let var = inf.fresh(Kind::Any);
        assert!(inf.unify(var, lit).is_ok());
        assert!(inf.unify(var, Ty::Scalar(Scalar::F32)).is_ok());
        assert_eq!(inf.resolve(lit), (Ty::Scalar(Scalar::F32), false));
    }

    #[test]
    fn unconstrained_literals_fall_back_like_rustc() {
        let mut inf = Infer::default();
        let i = inf.fresh(Kind::Int);
        let f = inf.fresh(Kind::Float);
        assert_eq!(inf.resolve(i), (Ty::Scalar(Scalar::I32), true));
        assert_eq!(inf.resolve(f), (Ty::Scalar(Scalar::F64), true));
    }

    #[test]
    fn integer_literal_is_not_a_float() {
        let mut inf = Infer::default();
        let i = inf.fresh(Kind::Int);
        assert!(inf.unify(i, Ty::Scalar(Scalar::F64)).is_err());
        let f = inf.fresh(Kind::Float);
        assert!(inf.unify(i, f).is_err());
        assert!(inf.unify(Ty::Scalar(Scalar::F32), Ty::Scalar(Scalar::F64)).is_err());
    }

    #[test]
    fn unknown_constrains_nothing() {
        let mut inf = Infer::default();
        let i = inf.fresh(Kind::Int);
        assert!(inf.unify(i, Ty::Unknown).is_ok());
        assert_eq!(inf.kind(i), Kind::Int);
    }
}
