//! A launch: blocks one after another; in a block, warps of 32 threads; in a warp, each
//! thread run alone until it reaches a `shfl.sync`, a `bar.sync` or its end. A shuffle is
//! performed when all 32 threads of the warp stand at the same `shfl.sync`; a barrier is
//! released when every thread of the block stands at the same `bar.sync`. Anything else at
//! those points is a divergence error.

use super::arith::shfl_source;
use super::decode::{Code, Func};
use super::error::{Fault, SimError, SimErrorKind};
use super::exec::{self, Env, Stop};
use super::memory::{Global, Memory};
use super::shared::Shared;

/// What a launch executed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Instructions executed, counted once per thread that executed them (an instruction
    /// whose guard predicate is false counts too).
    pub instructions: u64,
    /// Threads launched: blocks times threads per block.
    pub threads: u64,
}

/// Calls one thread may have in progress.
const MAX_DEPTH: usize = 256;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Running,
    /// At the `shfl.sync` at its `pc`.
    AtShfl,
    /// At the `bar.sync` at its `pc`.
    AtBar,
    Exited,
}

/// A call in progress: where to go back to.
struct Frame {
    /// The `call` instruction.
    pc: u32,
    base: usize,
    site: u32,
    local_base: u64,
}

struct Thread {
    /// The frames' slots, the current frame from `base`.
    regs: Vec<u64>,
    base: usize,
    pc: u32,
    frames: Vec<Frame>,
    /// Local memory, the current frame's from `local_base`.
    local: Vec<u8>,
    local_base: u64,
    state: State,
}

impl Thread {
    fn new() -> Thread {
        Thread {
            regs: Vec::new(),
            base: 0,
            pc: 0,
            frames: Vec::new(),
            local: Vec::new(),
            local_base: 0,
            state: State::Exited,
        }
    }

    /// Starts the entry `f` with the frame `frame`.
    fn start(&mut self, f: &Func, frame: &[u64]) {
        self.regs.clear();
        self.regs.extend_from_slice(frame);
        self.base = 0;
        self.pc = f.start;
        self.frames.clear();
        self.local.clear();
        self.local.resize(f.local_bytes as usize, super::memory::POISON_BYTE);
        self.local_base = 0;
        self.state = State::Running;
    }

    /// Runs until the thread stops at a synchronization or exits.
    fn run(&mut self, code: &Code, block: &mut BlockCtx<'_, '_>, tid: u32) -> Result<(), Fault> {
        loop {
            let mut env = Env {
                global: &mut *block.global,
                consts: &code.consts,
                shared: &mut block.shared,
                local: &mut self.local,
                local_base: self.local_base,
                tid,
                ntid: block.ntid,
                ctaid: block.ctaid,
                nctaid: block.nctaid,
            };
            let frame = &mut self.regs[self.base..];
            match exec::run(&code.insts, frame, &mut self.pc, &mut env, &mut block.count)? {
                Stop::Call(site) => self.call(code, site)?,
                Stop::Ret if self.ret(code) => {}
                Stop::Ret | Stop::Exit => {
                    self.state = State::Exited;
                    return Ok(());
                }
                Stop::Shfl => {
                    self.state = State::AtShfl;
                    return Ok(());
                }
                Stop::Bar => {
                    self.state = State::AtBar;
                    return Ok(());
                }
            }
        }
    }

    fn call(&mut self, code: &Code, site: u32) -> Result<(), Fault> {
        if self.frames.len() >= MAX_DEPTH {
            let message = format!("more than {MAX_DEPTH} calls in progress (unbounded recursion?)");
            return Err(Fault::new(SimErrorKind::Other, message));
        }
        let s = &code.calls[site as usize];
        let callee = &code.funcs[s.func as usize];
        let base = self.regs.len();
        self.regs.extend_from_slice(&callee.template);
        for (&arg, &(slot, _)) in s.args.iter().zip(&callee.params) {
            self.regs[base + slot as usize] = self.regs[self.base + arg as usize];
        }
        self.frames.push(Frame { pc: self.pc, base: self.base, site, local_base: self.local_base });
        self.local_base = self.local.len() as u64;
        self.local.resize(self.local.len() + callee.local_bytes as usize, 0);
        self.base = base;
        self.pc = callee.start;
        Ok(())
    }

    /// Returns from a call; false when the thread is in its entry.
    fn ret(&mut self, code: &Code) -> bool {
        let Some(frame) = self.frames.pop() else { return false };
        let s = &code.calls[frame.site as usize];
        if let (Some(to), Some((from, _))) = (s.ret, code.funcs[s.func as usize].ret) {
            self.regs[frame.base + to as usize] = self.regs[self.base + from as usize];
        }
        self.regs.truncate(self.base);
        self.local.truncate(self.local_base as usize);
        self.base = frame.base;
        self.pc = frame.pc + 1;
        self.local_base = frame.local_base;
        true
    }
}

/// What the threads of the running block share.
struct BlockCtx<'g, 'm> {
    global: &'g mut Global<'m>,
    shared: Shared,
    ntid: u32,
    ctaid: u32,
    nctaid: u32,
    count: u64,
}

/// Runs entry `func` (with `params` already checked) on `blocks` blocks of `threads` threads.
pub(super) fn launch(
    code: &Code,
    mem: &mut Memory,
    func: &Func,
    blocks: u32,
    threads: u32,
    params: &[u64],
) -> Result<Stats, SimError> {
    let mut frame = func.template.clone();
    for (&(slot, ty), &v) in func.params.iter().zip(params) {
        frame[slot as usize] = v & ty.mask();
    }
    let mut global = Global::new(mem, u64::from(blocks) * u64::from(threads));
    let mut block = BlockCtx {
        global: &mut global,
        shared: Shared::new(&func.shared, func.shared_bytes),
        ntid: threads,
        ctaid: 0,
        nctaid: blocks,
        count: 0,
    };
    let mut run = Run { code, func, threads: (0..threads).map(|_| Thread::new()).collect() };
    for ctaid in 0..blocks {
        block.ctaid = ctaid;
        block.shared.reset();
        for t in &mut run.threads {
            t.start(func, &frame);
        }
        run.block(&mut block)?;
    }
    Ok(Stats { instructions: block.count, threads: u64::from(blocks) * u64::from(threads) })
}

struct Run<'c> {
    code: &'c Code,
    func: &'c Func,
    threads: Vec<Thread>,
}

impl Run<'_> {
    fn block(&mut self, block: &mut BlockCtx<'_, '_>) -> Result<(), SimError> {
        let warps = self.threads.len().div_ceil(32);
        loop {
            for w in 0..warps {
                self.warp(block, w)?;
            }
            let Some(first) = self.threads.iter().position(|t| t.state == State::AtBar) else {
                return Ok(());
            };
            let pc = self.threads[first].pc;
            if let Some(other) = self.threads.iter().position(|t| t.state != State::AtBar || t.pc != pc) {
                let why = self.whereabouts(other);
                let message = format!(
                    "barrier divergence in block {}: thread (tid {first}) waits at this bar.sync, but thread \
                     (tid {other}) {why}",
                    block.ctaid
                );
                return Err(self.error(SimErrorKind::BarrierDivergence, message, first, block.ctaid));
            }
            for t in &mut self.threads {
                t.pc += 1;
                t.state = State::Running;
            }
            block.shared.barrier();
        }
    }

    /// Runs warp `w` until every thread waits at a barrier or has exited.
    fn warp(&mut self, block: &mut BlockCtx<'_, '_>, w: usize) -> Result<(), SimError> {
        // The last warp of a block whose size is not a multiple of 32 has fewer lanes.
        let lanes = w * 32..(w * 32 + 32).min(self.threads.len());
        loop {
            for tid in lanes.clone() {
                if self.threads[tid].state == State::Running {
                    let t = &mut self.threads[tid];
                    if let Err(f) = t.run(self.code, block, tid as u32) {
                        return Err(self.error(f.kind, f.message, tid, block.ctaid));
                    }
                }
            }
            let Some(first) = lanes.clone().find(|&t| self.threads[t].state == State::AtShfl) else {
                return Ok(());
            };
            let pc = self.threads[first].pc;
            if lanes.len() < 32 {
                let message = format!(
                    "shuffle in the partial warp {w} of block {}: a block of {} threads leaves lanes {}..31 of \
                     this warp without a thread, and the full member mask names them",
                    block.ctaid,
                    self.threads.len(),
                    lanes.len()
                );
                return Err(self.error(SimErrorKind::ShuffleDivergence, message, first, block.ctaid));
            }
            if let Some(other) =
                lanes.clone().find(|&t| self.threads[t].state != State::AtShfl || self.threads[t].pc != pc)
            {
                let why = self.whereabouts(other);
                let message = format!(
                    "shuffle divergence in warp {w} of block {}: thread (tid {first}) is at this shfl.sync, but thread \
                     (tid {other}) {why}; all 32 threads of the warp must execute it together",
                    block.ctaid
                );
                return Err(self.error(SimErrorKind::ShuffleDivergence, message, first, block.ctaid));
            }
            self.shuffle(w, pc);
        }
    }

    /// Performs the `shfl.sync` at `pc` for warp `w`, and moves its threads past it.
    fn shuffle(&mut self, w: usize, pc: u32) {
        let site = &self.code.shfls[self.code.insts[pc as usize].a as usize];
        let lanes = &mut self.threads[w * 32..w * 32 + 32];
        let read = |t: &Thread, slot: u32| t.regs[t.base + slot as usize] as u32;
        let values: Vec<u32> = lanes.iter().map(|t| read(t, site.a)).collect();
        for (lane, t) in lanes.iter_mut().enumerate() {
            let (j, ok) = shfl_source(site.mode, lane as u32, read(t, site.b), read(t, site.c));
            t.regs[t.base + site.d as usize] = u64::from(values[j as usize]);
            if let Some(p) = site.p {
                t.regs[t.base + p as usize] = u64::from(ok);
            }
            t.pc += 1;
            t.state = State::Running;
        }
    }

    /// Where thread `tid` is, for a divergence message.
    fn whereabouts(&self, tid: usize) -> String {
        let t = &self.threads[tid];
        let line = self.code.src[t.pc as usize].0;
        match t.state {
            State::Exited => "has exited".into(),
            State::AtBar => format!("waits at the bar.sync on line {line}"),
            State::AtShfl => format!("is at the shfl.sync on line {line}"),
            State::Running => format!("is still running, at line {line}"),
        }
    }

    fn error(&self, kind: SimErrorKind, message: String, tid: usize, ctaid: u32) -> SimError {
        let (line, text) = &self.code.src[self.threads[tid].pc as usize];
        SimError::new(kind, message).in_entry(&self.func.name).in_thread(tid as u32, ctaid).at_line(*line, text)
    }
}
