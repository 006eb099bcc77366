//! The simulated global memory: allocations in a 64-bit address space, every access checked.
//!
//! Allocations start above 4 GiB (a pointer cut to 32 bits points nowhere), are 256-byte
//! aligned, and are never adjacent: at least 256 unused bytes follow each, so an access one
//! element past the end is out of bounds rather than inside the next array. Addresses are
//! never reused, so an access to a freed allocation is out of bounds too.

use super::error::{Fault, SimError, SimErrorKind};
use super::inst::Kind;

/// The first address handed out.
const FIRST: u64 = 0x1_0000_0000;
/// Alignment of every allocation, as `cudaMalloc` guarantees (at least).
const ALIGN: u64 = 256;
/// Unused bytes after each allocation.
const GAP: u64 = 256;

/// The simulated GPU's global memory.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::sim::{Memory, SimErrorKind};
///
/// let mut mem = Memory::new();
/// let a = mem.alloc(16);
/// mem.write(a, &[1, 2, 3, 4]).unwrap();
/// let mut out = [0u8; 4];
/// mem.read(a, &mut out).unwrap();
/// assert_eq!(out, [1, 2, 3, 4]);
/// // 17 bytes do not fit in the 16-byte allocation.
/// let e = mem.write(a, &[0; 17]).unwrap_err();
/// assert_eq!(e.kind(), SimErrorKind::OutOfBounds);
/// mem.free(a);
/// assert!(mem.read(a, &mut out).is_err());
/// ```
#[derive(Debug, Default)]
pub struct Memory {
    /// Live allocations, in address order (addresses only grow).
    allocs: Vec<Alloc>,
    /// Freed allocations (base, length), for messages.
    freed: Vec<(u64, u64)>,
    /// The next free address.
    next: u64,
}

#[derive(Debug)]
struct Alloc {
    base: u64,
    data: Vec<u8>,
}

impl Alloc {
    fn end(&self) -> u64 {
        self.base + self.data.len() as u64
    }
}

impl Memory {
    /// An empty memory.
    pub fn new() -> Memory {
        Memory { allocs: Vec::new(), freed: Vec::new(), next: FIRST }
    }

    /// A new allocation of `bytes` zeroed bytes; its address is never 0, is 256-byte aligned,
    /// and is not adjacent to any other allocation.
    pub fn alloc(&mut self, bytes: usize) -> u64 {
        let base = self.next.max(FIRST);
        let len = bytes as u64;
        self.next = (base.saturating_add(len.max(1)).saturating_add(GAP)).next_multiple_of(ALIGN);
        self.allocs.push(Alloc { base, data: vec![0; bytes] });
        base
    }

    /// Frees the allocation at `addr`; an address that is not a live allocation's start is
    /// ignored.
    pub fn free(&mut self, addr: u64) {
        if let Ok(i) = self.allocs.binary_search_by_key(&addr, |a| a.base) {
            let a = self.allocs.remove(i);
            self.freed.push((a.base, a.data.len() as u64));
        }
    }

    /// Copies `bytes` to `addr` (a host-to-device copy); all of them must lie in one
    /// allocation.
    pub fn write(&mut self, addr: u64, bytes: &[u8]) -> Result<(), SimError> {
        let (i, off) = self.host_range(addr, bytes.len(), "write")?;
        self.allocs[i].data[off..off + bytes.len()].copy_from_slice(bytes);
        Ok(())
    }

    /// Copies the bytes at `addr` to `out` (a device-to-host copy); all of them must lie in
    /// one allocation.
    pub fn read(&self, addr: u64, out: &mut [u8]) -> Result<(), SimError> {
        let (i, off) = self.host_range(addr, out.len(), "read")?;
        out.copy_from_slice(&self.allocs[i].data[off..off + out.len()]);
        Ok(())
    }

    fn host_range(&self, addr: u64, len: usize, what: &str) -> Result<(usize, usize), SimError> {
        self.find(addr, len as u64).ok_or_else(|| {
            let why = self.describe(addr, len as u64);
            SimError::new(SimErrorKind::OutOfBounds, format!("host {what} of {len} bytes at {addr:#x}: {why}"))
        })
    }

    /// The allocation holding `len` bytes at `addr`, and the offset of `addr` in it.
    fn find(&self, addr: u64, len: u64) -> Option<(usize, usize)> {
        let i = self.allocs.partition_point(|a| a.base <= addr).checked_sub(1)?;
        let a = &self.allocs[i];
        let end = addr.checked_add(len)?;
        (end <= a.end()).then(|| (i, (addr - a.base) as usize))
    }

    /// Why `len` bytes at `addr` are not inside one live allocation.
    #[cold]
    fn describe(&self, addr: u64, len: u64) -> String {
        if let Some(&(base, n)) = self.freed.iter().find(|(b, n)| addr >= *b && addr < b + n.max(&1)) {
            return format!("it is inside the {n}-byte allocation at {base:#x}, which was freed");
        }
        let below = self.allocs.partition_point(|a| a.base <= addr).checked_sub(1).map(|i| &self.allocs[i]);
        let above = self.allocs.iter().find(|a| a.base > addr);
        match (below, above) {
            (Some(a), _) if addr < a.end() => format!(
                "it runs {} bytes past the end of the {}-byte allocation at {:#x}",
                addr.saturating_add(len) - a.end(),
                a.data.len(),
                a.base
            ),
            (Some(a), _) if addr - a.end() < GAP => format!(
                "it starts {} bytes past the end of the {}-byte allocation at {:#x}",
                addr - a.end(),
                a.data.len(),
                a.base
            ),
            (_, Some(a)) if a.base - addr <= GAP => {
                format!(
                    "it starts {} bytes before the {}-byte allocation at {:#x}",
                    a.base - addr,
                    a.data.len(),
                    a.base
                )
            }
            _ if addr == 0 => "it is the null address".to_string(),
            _ => "it is not inside any allocation".to_string(),
        }
    }
}

/// Global memory as one launch sees it, with the last allocation hit remembered.
pub(super) struct Global<'m> {
    mem: &'m mut Memory,
    hint: usize,
    /// What each allocation's bytes saw in this launch, by allocation index; made on its
    /// first access.
    shadows: Vec<Option<Shadow>>,
    /// Whether thread identities fit the shadow (grids below 2^32 - 3 threads): larger grids
    /// are not checked for races.
    tracked: bool,
}

/// For each byte of one allocation, during one launch: the thread that wrote it and the one
/// that read it ([`NOBODY`], [`MANY`], [`ATOMIC`] otherwise), and whether the launch read it
/// through the non-coherent cache (`.nc`) or wrote it at all.
struct Shadow {
    writer: Vec<u32>,
    reader: Vec<u32>,
    nc_read: bool,
    written: bool,
}

const NOBODY: u32 = u32::MAX;
/// Read by more than one thread.
const MANY: u32 = u32::MAX - 1;
/// Written by atomics only.
const ATOMIC: u32 = u32::MAX - 2;

/// How a thread touches global memory.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    Read,
    /// `ld.global.nc`.
    ReadNc,
    Write,
    Atomic,
}

impl<'m> Global<'m> {
    pub(super) fn new(mem: &'m mut Memory, threads: u64) -> Global<'m> {
        let shadows = (0..mem.allocs.len()).map(|_| None).collect();
        Global { mem, hint: 0, shadows, tracked: threads < u64::from(ATOMIC) }
    }

    /// Records access `how` of `n` bytes at `off` of allocation `i` by thread `who` (its
    /// index in the grid), and reports a race with an earlier access of another thread.
    fn track(&mut self, i: usize, off: usize, n: usize, who: u32, how: Access) -> Result<(), Fault> {
        if !self.tracked {
            return Ok(());
        }
        let len = self.mem.allocs[i].data.len();
        let base = self.mem.allocs[i].base;
        let sh = self.shadows[i].get_or_insert_with(|| Shadow {
            writer: vec![NOBODY; len],
            reader: vec![NOBODY; len],
            nc_read: false,
            written: false,
        });
        let race = |what: String| Err(Fault::new(SimErrorKind::GlobalRace, what));
        let at = base + off as u64;
        match how {
            Access::ReadNc if sh.written => {
                return race(format!(
                    "ld.global.nc of {n} bytes at {at:#x} from an allocation that this launch writes: the \
                     read-only cache does not see those writes"
                ));
            }
            Access::Write | Access::Atomic if sh.nc_read => {
                return race(format!(
                    "global write of {n} bytes at {at:#x} to an allocation that this launch reads with ld.global.nc: \
                     the read-only cache may hold the old bytes"
                ));
            }
            _ => {}
        }
        for b in off..off + n {
            let (w, r) = (sh.writer[b], sh.reader[b]);
            let other = |t: u32| t != NOBODY && t != who;
            let thread = |t: u32| match t {
                MANY => "several threads".to_owned(),
                ATOMIC => "atomics".to_owned(),
                t => format!("thread {t} of the grid"),
            };
            let conflict = match how {
                Access::Read | Access::ReadNc => {
                    other(w).then(|| format!("{} wrote it and thread {who} reads it", thread(w)))
                }
                Access::Write => (other(w).then(|| format!("{} wrote it and thread {who} writes it too", thread(w))))
                    .or_else(|| other(r).then(|| format!("{} read it and thread {who} writes it", thread(r)))),
                Access::Atomic => (w != ATOMIC && other(w))
                    .then(|| format!("{} wrote it and thread {who} updates it atomically", thread(w)))
                    .or_else(|| {
                        other(r).then(|| format!("{} read it and thread {who} updates it atomically", thread(r)))
                    }),
            };
            if let Some(why) = conflict {
                return race(format!(
                    "global-memory race at {:#x} (byte {b} of the allocation at {base:#x}): {why}, in one launch with \
                     nothing ordering them",
                    base + b as u64
                ));
            }
            match how {
                Access::Read | Access::ReadNc => sh.reader[b] = if r == NOBODY || r == who { who } else { MANY },
                Access::Write => sh.writer[b] = who,
                Access::Atomic => sh.writer[b] = ATOMIC,
            }
        }
        match how {
            Access::ReadNc => sh.nc_read = true,
            Access::Write | Access::Atomic => sh.written = true,
            Access::Read => {}
        }
        Ok(())
    }

    /// The allocation and offset of an access of `n` bytes at `addr`, after its checks.
    #[inline]
    fn locate(&mut self, addr: u64, n: u64, write: bool) -> Result<(usize, usize), Fault> {
        if let Some(a) = self.mem.allocs.get(self.hint)
            && addr >= a.base
            && addr < a.end()
            && a.end() - addr >= n
            && addr & (n - 1) == 0
        {
            return Ok((self.hint, (addr - a.base) as usize));
        }
        self.locate_slow(addr, n, write)
    }

    #[cold]
    fn locate_slow(&mut self, addr: u64, n: u64, write: bool) -> Result<(usize, usize), Fault> {
        let what = if write { "write" } else { "read" };
        let Some((i, off)) = self.mem.find(addr, n) else {
            let why = self.mem.describe(addr, n);
            let message = format!("out-of-bounds global {what} of {n} bytes at {addr:#x}: {why}");
            return Err(Fault::new(SimErrorKind::OutOfBounds, message));
        };
        if addr & (n - 1) != 0 {
            let message = format!("misaligned global {what} of {n} bytes at {addr:#x} (not a multiple of {n})");
            return Err(Fault::new(SimErrorKind::Misaligned, message));
        }
        self.hint = i;
        Ok((i, off))
    }

    /// The `kind` at `addr`, extended to 64 bits, read by thread `who` of the grid.
    #[inline]
    pub(super) fn load(&mut self, addr: u64, kind: Kind, who: u32, how: Access) -> Result<u64, Fault> {
        let n = kind.bytes();
        let (i, off) = self.locate(addr, u64::from(n), false)?;
        self.track(i, off, n as usize, who, how)?;
        Ok(kind.extend(read_le(&self.mem.allocs[i].data, off, n)))
    }

    /// Stores the low bytes of `v` of `kind` at `addr`, for thread `who` of the grid.
    #[inline]
    pub(super) fn store(&mut self, addr: u64, kind: Kind, v: u64, who: u32) -> Result<(), Fault> {
        let n = kind.bytes();
        let (i, off) = self.locate(addr, u64::from(n), true)?;
        self.track(i, off, n as usize, who, Access::Write)?;
        write_le(&mut self.mem.allocs[i].data, off, n, v);
        Ok(())
    }

    /// `red.global.max` of `kind` (unsigned) at `addr`, for thread `who` of the grid.
    pub(super) fn reduce_max(&mut self, addr: u64, kind: Kind, v: u64, who: u32) -> Result<(), Fault> {
        let n = kind.bytes();
        let (i, off) = self.locate(addr, u64::from(n), true)?;
        self.track(i, off, n as usize, who, Access::Atomic)?;
        let old = read_le(&self.mem.allocs[i].data, off, n);
        let mask = if n >= 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        write_le(&mut self.mem.allocs[i].data, off, n, old.max(v & mask));
        Ok(())
    }
}

/// `n` (1, 2, 4 or 8) little-endian bytes at `off`, which the caller has checked.
#[inline]
pub(super) fn read_le(data: &[u8], off: usize, n: u32) -> u64 {
    let mut b = [0u8; 8];
    let n = n as usize;
    b[..n].copy_from_slice(&data[off..off + n]);
    u64::from_le_bytes(b)
}

/// Writes the low `n` bytes of `v` at `off`, which the caller has checked.
#[inline]
pub(super) fn write_le(data: &mut [u8], off: usize, n: u32, v: u64) {
    let n = n as usize;
    data[off..off + n].copy_from_slice(&v.to_le_bytes()[..n]);
}

/// The byte that shared and local memory hold before they are written (a GPU gives whatever
/// was there): `0xa5` repeated is a NaN as `f32` and `f64`, and a large integer.
pub(super) const POISON_BYTE: u8 = 0xa5;
