//! The syntax of a PTX module: directives, function headers, and bodies as a list of
//! statements whose instructions are still text (see `decode` for their meaning).

use super::error::{SimError, SimErrorKind};
use super::lex::{Tok, Token, lex};

pub(super) struct Module<'s> {
    pub funcs: Vec<FuncAst<'s>>,
    pub consts: Vec<ConstArray<'s>>,
}

/// A module-level `.const .align A .bN name[len] = { v, ... };`: a table in constant memory.
pub(super) struct ConstArray<'s> {
    pub line: u32,
    pub name: &'s str,
    pub align: u64,
    /// `.b8`, `.b16`, `.b32`, `.b64` (or the `.u`/`.s` spellings).
    pub ty: &'s str,
    /// The initializers as written (integers), one per element.
    pub values: Vec<&'s str>,
    pub len: u64,
}

/// An `.entry` or a `.func`: its header, and its body unless it is a prototype.
pub(super) struct FuncAst<'s> {
    pub name: &'s str,
    pub line: u32,
    pub entry: bool,
    pub ret: Option<ParamDecl<'s>>,
    pub params: Vec<ParamDecl<'s>>,
    pub body: Option<Vec<Stmt<'s>>>,
    /// The line of the body's closing `}`.
    pub end_line: u32,
}

#[derive(Clone, Copy)]
pub(super) struct ParamDecl<'s> {
    pub name: &'s str,
    /// The type directive: `.u64`, `.f32`.
    pub ty: &'s str,
    pub line: u32,
}

pub(super) struct Stmt<'s> {
    pub line: u32,
    pub kind: StmtKind<'s>,
}

/// The state space of an array declared in a body.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Space {
    Shared,
    Local,
}

pub(super) enum StmtKind<'s> {
    /// `.reg .b32 %r<48>;` or `.reg .f64 %x, %y;`: (name, count of a `<N>` range).
    Reg {
        ty: &'s str,
        names: Vec<(&'s str, Option<u32>)>,
    },
    /// `.shared .align 8 .b8 name[256];`
    Array {
        space: Space,
        align: u64,
        ty: &'s str,
        name: &'s str,
        len: u64,
    },
    Param(ParamDecl<'s>),
    Label(&'s str),
    Open,
    Close,
    Inst(RawInst<'s>),
}

pub(super) struct RawInst<'s> {
    /// `@%p` or `@!%p`: (negated, predicate).
    pub guard: Option<(bool, &'s str)>,
    pub opcode: &'s str,
    pub ops: Vec<Operand<'s>>,
}

pub(super) enum Operand<'s> {
    /// A register, immediate, symbol or special register; `neg` for a leading `-`.
    Word { neg: bool, text: &'s str },
    /// `[base]`, `[base+offset]`.
    Addr { base: &'s str, offset: i64 },
    /// `{a, b}`.
    Vector(Vec<&'s str>),
    /// `(a, b)`, the parameter lists of `call`.
    List(Vec<&'s str>),
    /// `d|p`.
    Pair(&'s str, &'s str),
}

/// The syntax tree of `src`.
pub(super) fn parse(src: &str) -> Result<Module<'_>, SimError> {
    let tokens = lex(src)?;
    let mut p = Parser { src, tokens, pos: 0 };
    let mut funcs = Vec::new();
    let mut consts = Vec::new();
    while let Some(t) = p.peek() {
        match t.tok {
            Tok::Word(".version") => p.skip_words(1)?,
            Tok::Word(".target") => p.target()?,
            Tok::Word(".address_size") => p.address_size()?,
            Tok::Word(".visible" | ".weak") => p.pos += 1,
            Tok::Word(".entry") => funcs.push(p.func(true)?),
            Tok::Word(".func") => funcs.push(p.func(false)?),
            Tok::Word(".const") => {
                p.pos += 1;
                consts.push(p.const_array(t.line)?);
            }
            Tok::Word(w) => {
                return Err(p.unsupported(t.line, format!("module-level `{w}` is outside cuda_sim's subset")));
            }
            _ => return Err(p.error(t.line, "expected a directive (`.entry`, `.func`, `.version`, ...)")),
        }
    }
    Ok(Module { funcs, consts })
}

struct Parser<'s> {
    src: &'s str,
    tokens: Vec<Token<'s>>,
    pos: usize,
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<Token<'s>> {
        self.tokens.get(self.pos).copied()
    }

    fn last_line(&self) -> u32 {
        self.tokens.last().map_or(1, |t| t.line)
    }

    fn next(&mut self, what: &str) -> Result<Token<'s>, SimError> {
        let t = self
            .peek()
            .ok_or_else(|| self.error(self.last_line(), &format!("the text ends where {what} should be")))?;
        self.pos += 1;
        Ok(t)
    }

    fn word(&mut self, what: &str) -> Result<&'s str, SimError> {
        let t = self.next(what)?;
        match t.tok {
            Tok::Word(w) => Ok(w),
            _ => Err(self.error(t.line, &format!("expected {what}"))),
        }
    }

    fn punct(&mut self, c: char) -> Result<(), SimError> {
        let t = self.next(&format!("`{c}`"))?;
        if t.tok == Tok::Punct(c) { Ok(()) } else { Err(self.error(t.line, &format!("expected `{c}`"))) }
    }

    /// Consumes `c` if it comes next.
    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek().is_some_and(|t| t.tok == Tok::Punct(c));
        self.pos += usize::from(hit);
        hit
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let hit = self.peek().is_some_and(|t| t.tok == Tok::Word(w));
        self.pos += usize::from(hit);
        hit
    }

    fn line_text(&self, line: u32) -> &'s str {
        self.src.lines().nth((line as usize).saturating_sub(1)).unwrap_or("")
    }

    fn error(&self, line: u32, message: &str) -> SimError {
        SimError::new(SimErrorKind::Parse, message).at_line(line, self.line_text(line))
    }

    fn unsupported(&self, line: u32, message: String) -> SimError {
        SimError::new(SimErrorKind::Unsupported, message).at_line(line, self.line_text(line))
    }

    /// A directive and `n` word arguments.
    fn skip_words(&mut self, n: usize) -> Result<(), SimError> {
        self.pos += 1;
        for _ in 0..n {
            self.word("the directive's argument")?;
        }
        Ok(())
    }

    fn target(&mut self) -> Result<(), SimError> {
        self.skip_words(1)?;
        while self.eat(',') {
            self.word("a target option")?;
        }
        Ok(())
    }

    fn address_size(&mut self) -> Result<(), SimError> {
        let line = self.next("`.address_size`")?.line;
        match self.word("the address size")? {
            "64" => Ok(()),
            n => Err(self.unsupported(line, format!("`.address_size {n}`: cuda_sim runs 64-bit modules only"))),
        }
    }

    fn func(&mut self, entry: bool) -> Result<FuncAst<'s>, SimError> {
        let line = self.next("`.entry` or `.func`")?.line;
        let mut ret = None;
        if !entry && self.eat('(') {
            let mut rets = self.param_list()?;
            if rets.len() > 1 {
                return Err(self.unsupported(line, "a `.func` with more than one return value".into()));
            }
            ret = rets.pop();
        }
        let name = self.word("the function's name")?;
        let params = if self.eat('(') { self.param_list()? } else { Vec::new() };
        let mut f = FuncAst { name, line, entry, ret, params, body: None, end_line: line };
        if !entry && self.eat(';') {
            return Ok(f);
        }
        match self.next("the function's body")?.tok {
            Tok::Punct('{') => {}
            Tok::Word(w) if w.starts_with('.') => {
                return Err(
                    self.unsupported(line, format!("the performance directive `{w}` is outside cuda_sim's subset"))
                );
            }
            _ => return Err(self.error(line, "expected `{` and the function's body")),
        }
        let (body, end_line) = self.body()?;
        f.body = Some(body);
        f.end_line = end_line;
        Ok(f)
    }

    /// The declarations of a parameter list, after its `(`, up to and with its `)`.
    fn param_list(&mut self) -> Result<Vec<ParamDecl<'s>>, SimError> {
        let mut out = Vec::new();
        if self.eat(')') {
            return Ok(out);
        }
        loop {
            let line = self.peek().map_or(self.last_line(), |t| t.line);
            if !self.eat_word(".param") {
                return Err(
                    self.unsupported(line, "a parameter that is not `.param` (cuda_sim supports `.param` only)".into())
                );
            }
            out.push(self.param_decl(line)?);
            if self.eat(')') {
                return Ok(out);
            }
            self.punct(',')?;
        }
    }

    /// `.TYPE NAME` of a `.param` declaration (after `.param`).
    fn param_decl(&mut self, line: u32) -> Result<ParamDecl<'s>, SimError> {
        let ty = self.word("the parameter's type")?;
        if ty == ".align" || ty == ".ptr" {
            return Err(self.unsupported(line, format!("`.param {ty}` is outside cuda_sim's subset")));
        }
        let name = self.word("the parameter's name")?;
        if name.starts_with('.') {
            return Err(
                self.unsupported(line, format!("the parameter attribute `{name}` is outside cuda_sim's subset"))
            );
        }
        if self.peek().is_some_and(|t| t.tok == Tok::Punct('[')) {
            return Err(self.unsupported(line, "array parameters are outside cuda_sim's subset".into()));
        }
        Ok(ParamDecl { name, ty, line })
    }

    /// The statements of a body, after its `{`, up to and with its `}`; and that `}`'s line.
    fn body(&mut self) -> Result<(Vec<Stmt<'s>>, u32), SimError> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        loop {
            let t = self.next("`}` closing the function")?;
            let line = t.line;
            let kind = match t.tok {
                Tok::Punct('{') => {
                    depth += 1;
                    StmtKind::Open
                }
                Tok::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok((out, line));
                    }
                    StmtKind::Close
                }
                Tok::Punct('@') => StmtKind::Inst(self.inst(line, true)?),
                Tok::Word(".reg") => self.reg(line)?,
                Tok::Word(".shared") => self.array(line, Space::Shared)?,
                Tok::Word(".local") => self.array(line, Space::Local)?,
                Tok::Word(".param") => {
                    let d = self.param_decl(line)?;
                    self.punct(';')?;
                    StmtKind::Param(d)
                }
                Tok::Word(w) if w.starts_with('.') => {
                    return Err(self.unsupported(line, format!("the directive `{w}` is outside cuda_sim's subset")));
                }
                Tok::Word(w) if self.eat(':') => StmtKind::Label(w),
                Tok::Word(_) => {
                    self.pos -= 1;
                    StmtKind::Inst(self.inst(line, false)?)
                }
                _ => return Err(self.error(line, "expected an instruction, a label or a declaration")),
            };
            out.push(Stmt { line, kind });
        }
    }

    fn reg(&mut self, line: u32) -> Result<StmtKind<'s>, SimError> {
        let ty = self.word("the register type")?;
        let mut names = Vec::new();
        loop {
            let name = self.word("a register name")?;
            let count = if self.eat('<') {
                let n = self.word("the register count")?;
                self.punct('>')?;
                Some(n.parse::<u32>().map_err(|_| self.error(line, &format!("`{n}` is not a register count")))?)
            } else {
                None
            };
            names.push((name, count));
            if self.eat(';') {
                return Ok(StmtKind::Reg { ty, names });
            }
            self.punct(',')?;
        }
    }

    /// After `.const`: `[.align A] .type name[len] = { v, v, ... };`.
    fn const_array(&mut self, line: u32) -> Result<ConstArray<'s>, SimError> {
        let (align, ty, name) = self.array_head(line)?;
        if !self.eat('[') {
            return Err(self.error(line, "a `.const` table needs a length, `[N]`"));
        }
        let len = self.array_len(line)?;
        self.punct('=')?;
        self.punct('{')?;
        let mut values = Vec::new();
        loop {
            values.push(self.word("a table value")?);
            if self.eat('}') {
                break;
            }
            self.punct(',')?;
        }
        self.punct(';')?;
        if values.len() as u64 != len {
            return Err(self.error(line, &format!("the table `{name}` has {len} elements and {} values", values.len())));
        }
        Ok(ConstArray { line, name, align, ty, values, len })
    }

    /// `[.align A] .type name` of an array declaration: alignment (1 if not given), type, name.
    fn array_head(&mut self, line: u32) -> Result<(u64, &'s str, &'s str), SimError> {
        let mut align = 1;
        let mut ty = self.word("the array's type")?;
        if ty == ".align" {
            let n = self.word("the alignment")?;
            align = n.parse::<u64>().map_err(|_| self.error(line, &format!("`{n}` is not an alignment")))?;
            ty = self.word("the array's type")?;
        }
        Ok((align, ty, self.word("the array's name")?))
    }

    /// `N]` after an array's `[`.
    fn array_len(&mut self, line: u32) -> Result<u64, SimError> {
        let n = self.word("the array's length")?;
        let len = n.parse::<u64>().map_err(|_| self.error(line, &format!("`{n}` is not an array length")))?;
        self.punct(']')?;
        Ok(len)
    }

    fn array(&mut self, line: u32, space: Space) -> Result<StmtKind<'s>, SimError> {
        let (align, ty, name) = self.array_head(line)?;
        let len = if self.eat('[') { self.array_len(line)? } else { 1 };
        if !self.eat(';') {
            return Err(
                self.unsupported(line, "initialized or multi-dimensional arrays are outside cuda_sim's subset".into())
            );
        }
        Ok(StmtKind::Array { space, align, ty, name, len })
    }

    /// An instruction, after its guard's `@` if `guarded`, up to and with its `;`.
    fn inst(&mut self, line: u32, guarded: bool) -> Result<RawInst<'s>, SimError> {
        let guard = if guarded {
            let neg = self.eat('!');
            Some((neg, self.word("the guard predicate")?))
        } else {
            None
        };
        let opcode = self.word("an opcode")?;
        if !super::inst::is_known(opcode) {
            return Err(self.unsupported(line, format!("the instruction `{opcode}` is outside cuda_sim's subset")));
        }
        let mut ops = Vec::new();
        if self.eat(';') {
            return Ok(RawInst { guard, opcode, ops });
        }
        loop {
            ops.push(self.operand(line)?);
            if self.eat(';') {
                return Ok(RawInst { guard, opcode, ops });
            }
            self.punct(',')?;
        }
    }

    fn operand(&mut self, line: u32) -> Result<Operand<'s>, SimError> {
        if self.eat('[') {
            let base = self.word("an address")?;
            let mut offset = 0i64;
            if self.eat('+') {
                offset = self.offset(line)?;
            } else if self.eat('-') {
                offset =
                    self.offset(line)?.checked_neg().ok_or_else(|| self.error(line, "address offset too large"))?;
            }
            self.punct(']')?;
            return Ok(Operand::Addr { base, offset });
        }
        if self.eat('{') {
            return Ok(Operand::Vector(self.names('}')?));
        }
        if self.eat('(') {
            return Ok(Operand::List(self.names(')')?));
        }
        if self.eat('!') {
            return Err(
                self.unsupported(line, "negated predicate operands (`!%p`) are outside cuda_sim's subset".into())
            );
        }
        let neg = self.eat('-');
        let text = self.word("an operand")?;
        if !neg && self.eat('|') {
            return Ok(Operand::Pair(text, self.word("a second destination")?));
        }
        Ok(Operand::Word { neg, text })
    }

    /// `[-]N` after the `+` of an address.
    fn offset(&mut self, line: u32) -> Result<i64, SimError> {
        let neg = self.eat('-');
        let w = self.word("an address offset")?;
        let v = super::lex::parse_int(w).ok_or_else(|| self.error(line, &format!("`{w}` is not an address offset")))?;
        let v = i64::try_from(v).map_err(|_| self.error(line, "address offset too large"))?;
        Ok(if neg { -v } else { v })
    }

    /// Comma-separated words up to `close`, after the opening bracket.
    fn names(&mut self, close: char) -> Result<Vec<&'s str>, SimError> {
        let mut out = Vec::new();
        if self.eat(close) {
            return Ok(out);
        }
        loop {
            out.push(self.word("a name")?);
            if self.eat(close) {
                return Ok(out);
            }
            self.punct(',')?;
        }
    }
}
