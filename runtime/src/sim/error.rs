//! The simulator's one error type, and the faults the interpreter raises before it knows
//! where it is.

use std::fmt;

/// An error of the PTX simulator: a module it cannot parse, a construct outside its subset, a
/// bad host-side copy, or a fault of a simulated kernel (an out-of-bounds or misaligned
/// access, a divergent barrier or shuffle, a shared-memory race).
///
/// The message names what it can: the entry, the thread, the PTX line and its text. Its
/// [`kind`](SimError::kind) tells the cases apart.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::sim::{Program, SimErrorKind};
///
/// let e = Program::parse(".version 6.0\n.target sm_50\n.address_size 64\n.global .u32 x;\n").unwrap_err();
/// assert_eq!(e.kind(), SimErrorKind::Unsupported);
/// assert_eq!(e.line(), Some(4));
/// assert!(e.to_string().starts_with("cuda_sim: line 4 `.global .u32 x`: "));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimError {
    kind: SimErrorKind,
    message: String,
    entry: Option<String>,
    thread: Option<(u32, u32)>,
    line: Option<(u32, String)>,
}

/// What kind of failure a [`SimError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SimErrorKind {
    /// The PTX text is malformed: a syntax error, an unknown name, mismatched operand types.
    Parse,
    /// A global or shared access outside every allocation or array; a host copy outside one.
    OutOfBounds,
    /// An access whose address is not a multiple of its size.
    Misaligned,
    /// Threads of a block wait at different `bar.sync` instructions, or some wait while
    /// others have exited.
    BarrierDivergence,
    /// Not all 32 threads of a warp execute the same `shfl.sync` together.
    ShuffleDivergence,
    /// A shared-memory byte written by one thread and read or written by another within one
    /// barrier interval.
    SharedRace,
    /// Within one launch, a global-memory byte written by one thread and read or written by
    /// another (atomics excepted among themselves), or an `ld.global.nc` from an allocation a
    /// thread of the launch writes.
    GlobalRace,
    /// A construct outside the subset of PTX the simulator runs (see [`crate::sim`]).
    Unsupported,
    /// Anything else: a bad launch configuration, an integer division by zero, a call stack
    /// that is too deep.
    Other,
}

impl SimError {
    pub(crate) fn new(kind: SimErrorKind, message: impl Into<String>) -> SimError {
        SimError { kind, message: message.into(), entry: None, thread: None, line: None }
    }

    /// Places the error at a line of the PTX text (1-based) holding `text`.
    pub(crate) fn at_line(mut self, line: u32, text: &str) -> SimError {
        let text = text.trim();
        self.line = Some((line, text.strip_suffix(';').unwrap_or(text).trim_end().to_string()));
        self
    }

    pub(crate) fn in_entry(mut self, entry: &str) -> SimError {
        self.entry = Some(entry.to_string());
        self
    }

    pub(crate) fn in_thread(mut self, tid: u32, block: u32) -> SimError {
        self.thread = Some((tid, block));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> SimErrorKind {
        self.kind
    }

    /// What went wrong, without the place (entry, thread, line).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The entry (kernel) that was running, for a fault during a launch.
    pub fn entry(&self) -> Option<&str> {
        self.entry.as_deref()
    }

    /// The thread that faulted: its index in the block (`%tid.x`) and its block (`%ctaid.x`).
    pub fn thread(&self) -> Option<(u32, u32)> {
        self.thread
    }

    /// The line of the PTX text (1-based) the error is about.
    pub fn line(&self) -> Option<u32> {
        self.line.as_ref().map(|(l, _)| *l)
    }
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(e) = &self.entry {
            place.push(format!("entry `{e}`"));
        }
        if let Some((tid, block)) = self.thread {
            place.push(format!("thread (tid {tid}, block {block})"));
        }
        if let Some((line, text)) = &self.line {
            place.push(format!("line {line} `{text}`"));
        }
        if place.is_empty() {
            write!(f, "cuda_sim: {}", self.message)
        } else {
            write!(f, "cuda_sim: {}: {}", place.join(", "), self.message)
        }
    }
}

impl std::error::Error for SimError {}

/// A fault of one thread's instruction, placed (entry, thread, line) by the launch.
#[derive(Debug)]
pub(super) struct Fault {
    pub kind: SimErrorKind,
    pub message: String,
}

impl Fault {
    #[cold]
    pub(super) fn new(kind: SimErrorKind, message: String) -> Fault {
        Fault { kind, message }
    }
}
