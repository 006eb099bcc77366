//! Launch configuration: how many blocks of how many threads run a prange loop.

/// The threads of one block, unless a kernel cannot run that many (then the most it can, in
/// whole warps). The PTX writer may size per-block shared arrays for at most this many threads.
pub const BLOCK_THREADS: u32 = 256;

/// The largest grid a launch may ask for along x (`maxGridDimX` of every GPU since sm_30).
pub const MAX_BLOCKS: u32 = i32::MAX as u32;

/// A one-dimensional launch configuration: `blocks` blocks of `threads` threads each.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::__private::cuda::{Grid, plan_grid};
///
/// // 1,000 iterations, 256 threads a block, a GPU with 132 SMs holding 8 blocks each:
/// assert_eq!(plan_grid(1_000, 256, 132, 8), Grid { blocks: 4, threads: 256 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Grid {
    /// Blocks in the grid, at least 1.
    pub blocks: u32,
    /// Threads in each block, at least 1.
    pub threads: u32,
}

impl Grid {
    /// Threads in the whole grid: the stride of a grid-stride loop.
    pub fn total_threads(self) -> u64 {
        u64::from(self.blocks) * u64::from(self.threads)
    }
}

/// The grid for a loop of `iterations` iterations, with `threads` threads a block, on a GPU
/// of `sm_count` multiprocessors that each hold `blocks_per_sm` of the kernel's blocks at once.
///
/// The rule: one thread per iteration, in `ceil(iterations / threads)` blocks, but never fewer
/// than 1 block nor more than one full wave, `sm_count * blocks_per_sm` blocks (the most the
/// GPU runs at the same time; capped at [`MAX_BLOCKS`]). Kernels use grid-stride loops, so a
/// grid smaller than the loop still covers every iteration: each thread then takes several,
/// and no block waits for a second wave. A zero `threads`, `sm_count` or `blocks_per_sm` is
/// read as 1.
///
/// # Examples
///
/// ```
/// use kernelize_runtime::__private::cuda::{Grid, plan_grid};
///
/// assert_eq!(plan_grid(0, 256, 132, 8).blocks, 1);
/// assert_eq!(plan_grid(1 << 40, 256, 132, 8).blocks, 132 * 8);
/// ```
pub fn plan_grid(iterations: u64, threads: u32, sm_count: u32, blocks_per_sm: u32) -> Grid {
    let threads = threads.max(1);
    let wanted = iterations.div_ceil(u64::from(threads));
    let wave = u64::from(sm_count.max(1)) * u64::from(blocks_per_sm.max(1));
    let limit = wave.min(u64::from(MAX_BLOCKS));
    let blocks = u32::try_from(wanted.clamp(1, limit)).unwrap_or(MAX_BLOCKS);
    Grid { blocks, threads }
}

/// The threads a block of a kernel gets: [`BLOCK_THREADS`], or fewer when the kernel's
/// `max_threads` (from its register and shared memory use) is lower, rounded down to whole
/// warps; at least 1.
#[cfg_attr(not(feature = "cuda"), allow(dead_code))]
pub(crate) fn block_threads(max_threads: u32) -> u32 {
    const WARP: u32 = 32;
    let t = BLOCK_THREADS.min(max_threads);
    if t >= WARP { t / WARP * WARP } else { t.max(1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_iterations_still_launch_one_block() {
        assert_eq!(plan_grid(0, 256, 132, 8), Grid { blocks: 1, threads: 256 });
    }

    #[test]
    fn small_loops_get_one_thread_per_iteration() {
        assert_eq!(plan_grid(1, 256, 132, 8).blocks, 1);
        assert_eq!(plan_grid(256, 256, 132, 8).blocks, 1);
        assert_eq!(plan_grid(257, 256, 132, 8).blocks, 2);
        assert_eq!(plan_grid(100_000, 256, 132, 8).blocks, 391);
    }

    #[test]
    fn huge_loops_get_one_full_wave() {
        assert_eq!(plan_grid(1 << 40, 256, 132, 8), Grid { blocks: 1056, threads: 256 });
        assert_eq!(plan_grid(u64::MAX, 256, 132, 8).blocks, 1056);
        // One block past a full wave is cut back to the wave.
        assert_eq!(plan_grid(1056 * 256 + 1, 256, 132, 8).blocks, 1056);
    }

    #[test]
    fn u32_limits_do_not_overflow() {
        let g = plan_grid(u64::MAX, u32::MAX, u32::MAX, u32::MAX);
        assert_eq!(g, Grid { blocks: MAX_BLOCKS, threads: u32::MAX });
        let g = plan_grid(u64::MAX, 1, u32::MAX, u32::MAX);
        assert_eq!(g.blocks, MAX_BLOCKS);
        assert_eq!(plan_grid(u64::MAX, u32::MAX, 1, 1).blocks, 1);
        assert_eq!(plan_grid(u64::MAX, 1, 1, 1).blocks, 1);
        assert!(g.total_threads() < u64::MAX);
    }

    #[test]
    fn zero_arguments_read_as_one() {
        assert_eq!(plan_grid(10, 0, 0, 0), Grid { blocks: 1, threads: 1 });
        assert_eq!(plan_grid(10, 4, 3, 0).blocks, 3);
    }

    #[test]
    fn block_threads_are_whole_warps() {
        assert_eq!(block_threads(1024), 256);
        assert_eq!(block_threads(256), 256);
        assert_eq!(block_threads(200), 192);
        assert_eq!(block_threads(40), 32);
        assert_eq!(block_threads(7), 7);
        assert_eq!(block_threads(0), 1);
    }
}
