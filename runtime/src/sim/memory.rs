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
}

impl<'m> Global<'m> {
    pub(super) fn new(mem: &'m mut Memory) -> Global<'m> {
        Global { mem, hint: 0 }
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

    /// The `kind` at `addr`, extended to 64 bits.
    #[inline]
    pub(super) fn load(&mut self, addr: u64, kind: Kind) -> Result<u64, Fault> {
        let n = kind.bytes();
        let (i, off) = self.locate(addr, u64::from(n), false)?;
        Ok(kind.extend(read_le(&self.mem.allocs[i].data, off, n)))
    }

    /// Stores the low bytes of `v` of `kind` at `addr`.
    #[inline]
    pub(super) fn store(&mut self, addr: u64, kind: Kind, v: u64) -> Result<(), Fault> {
        let n = kind.bytes();
        let (i, off) = self.locate(addr, u64::from(n), true)?;
        write_le(&mut self.mem.allocs[i].data, off, n, v);
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
