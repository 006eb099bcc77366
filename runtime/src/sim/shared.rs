//! A block's shared memory, checked against the entry's `.shared` arrays and watched for
//! races; and a thread's local memory.
//!
//! **Race detection.** Within one barrier interval (between two `bar.sync` releases), each
//! shared byte remembers the thread that wrote it and up to two threads that read it. A
//! write by one thread and a read or write by another, in either order, is a race: on a GPU
//! their order is undefined. The check does not depend on the order the simulator happens to
//! run the threads in.

use super::decode::SharedVar;
use super::error::{Fault, SimErrorKind};
use super::inst::Kind;
use super::memory::{read_le, write_le};

/// No thread (a shadow entry is `tid + 1`).
const NOBODY: u32 = 0;

pub(super) struct Shared {
    bytes: Vec<u8>,
    /// Per byte, this interval: its writer, its first reader, and another reader.
    writer: Vec<u32>,
    reader: Vec<u32>,
    reader2: Vec<u32>,
    /// (address, bytes, name) of each array.
    vars: Vec<(u64, u64, String)>,
}

impl Shared {
    pub(super) fn new(vars: &[SharedVar], window: u64) -> Shared {
        let n = window as usize;
        Shared {
            bytes: vec![0; n],
            writer: vec![NOBODY; n],
            reader: vec![NOBODY; n],
            reader2: vec![NOBODY; n],
            vars: vars.iter().map(|v| (v.addr, v.bytes, v.name.clone())).collect(),
        }
    }

    /// A new block: memory of garbage (as a GPU's is, not zeros), a new barrier interval.
    pub(super) fn reset(&mut self) {
        self.bytes.fill(super::memory::POISON_BYTE);
        self.barrier();
    }

    /// A barrier released: a new interval.
    pub(super) fn barrier(&mut self) {
        self.writer.fill(NOBODY);
        self.reader.fill(NOBODY);
        self.reader2.fill(NOBODY);
    }

    /// The offset of an access of `n` bytes at `addr`, after its checks.
    fn locate(&self, addr: u64, n: u32, what: &str) -> Result<usize, Fault> {
        let n64 = u64::from(n);
        let inside = self.vars.iter().any(|&(a, len, _)| addr >= a && addr - a < len && len - (addr - a) >= n64);
        if !inside {
            let arrays: Vec<String> =
                self.vars.iter().map(|(a, len, name)| format!("`{name}` at {a:#x}..{:#x}", a + len)).collect();
            let arrays =
                if arrays.is_empty() { "the entry declares no .shared array".into() } else { arrays.join(", ") };
            let message =
                format!("out-of-bounds shared {what} of {n} bytes at {addr:#x}: not inside one array ({arrays})");
            return Err(Fault::new(SimErrorKind::OutOfBounds, message));
        }
        if !addr.is_multiple_of(n64) {
            let message = format!("misaligned shared {what} of {n} bytes at {addr:#x} (not a multiple of {n})");
            return Err(Fault::new(SimErrorKind::Misaligned, message));
        }
        Ok(addr as usize)
    }

    pub(super) fn load(&mut self, addr: u64, kind: Kind, tid: u32) -> Result<u64, Fault> {
        let n = kind.bytes();
        let off = self.locate(addr, n, "read")?;
        let me = tid + 1;
        for i in off..off + n as usize {
            let w = self.writer[i];
            if w != NOBODY && w != me {
                return Err(self.race(i, w - 1, "wrote", tid, "reads"));
            }
            if self.reader[i] == NOBODY {
                self.reader[i] = me;
            } else if self.reader[i] != me {
                self.reader2[i] = me;
            }
        }
        Ok(kind.extend(read_le(&self.bytes, off, n)))
    }

    pub(super) fn store(&mut self, addr: u64, kind: Kind, v: u64, tid: u32) -> Result<(), Fault> {
        let n = kind.bytes();
        let off = self.locate(addr, n, "write")?;
        let me = tid + 1;
        for i in off..off + n as usize {
            let w = self.writer[i];
            if w != NOBODY && w != me {
                return Err(self.race(i, w - 1, "wrote", tid, "writes"));
            }
            for r in [self.reader[i], self.reader2[i]] {
                if r != NOBODY && r != me {
                    return Err(self.race(i, r - 1, "read", tid, "writes"));
                }
            }
            self.writer[i] = me;
        }
        write_le(&mut self.bytes, off, n, v);
        Ok(())
    }

    #[cold]
    fn race(&self, byte: usize, other: u32, did: &str, tid: u32, does: &str) -> Fault {
        let byte = byte as u64;
        let place = match self.vars.iter().find(|(a, len, _)| byte >= *a && byte < a + len) {
            Some((a, _, name)) => format!("byte {} of `{name}` (at {byte:#x})", byte - a),
            None => format!("the shared byte at {byte:#x}"),
        };
        let message = format!(
            "shared-memory race on {place}: thread (tid {other}) {did} it and thread (tid {tid}) {does} it with no \
             bar.sync between"
        );
        Fault::new(SimErrorKind::SharedRace, message)
    }
}

/// The offset in a thread's local memory of an access of `n` bytes at `addr`.
fn local_offset(local: &[u8], addr: u64, n: u32, what: &str) -> Result<usize, Fault> {
    let n64 = u64::from(n);
    if addr >= local.len() as u64 || local.len() as u64 - addr < n64 {
        let message = format!(
            "out-of-bounds local {what} of {n} bytes at {addr:#x}: the thread's local memory is {} bytes",
            local.len()
        );
        return Err(Fault::new(SimErrorKind::OutOfBounds, message));
    }
    if !addr.is_multiple_of(n64) {
        let message = format!("misaligned local {what} of {n} bytes at {addr:#x}");
        return Err(Fault::new(SimErrorKind::Misaligned, message));
    }
    Ok(addr as usize)
}

pub(super) fn local_load(local: &[u8], addr: u64, kind: Kind) -> Result<u64, Fault> {
    let off = local_offset(local, addr, kind.bytes(), "read")?;
    Ok(kind.extend(read_le(local, off, kind.bytes())))
}

pub(super) fn local_store(local: &mut [u8], addr: u64, kind: Kind, v: u64) -> Result<(), Fault> {
    let off = local_offset(local, addr, kind.bytes(), "write")?;
    write_le(local, off, kind.bytes(), v);
    Ok(())
}
