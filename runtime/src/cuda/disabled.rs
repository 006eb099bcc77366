//! The back end of [`crate::cuda`] in a build without the `cuda` feature: no device can be
//! opened, so the types exist (generated code compiles either way) but hold no value.

use super::grid::Grid;
use super::hidden::Arg;
use crate::error::Error;
use std::marker::PhantomData;
use std::sync::Arc;

/// The device side of an [`Elem`](crate::cuda::Elem); empty without the `cuda` feature.
pub trait Repr {}

macro_rules! repr {
    ($($t:ty)*) => {$( impl Repr for $t {} )*};
}

repr!(f32 f64 i8 i16 i32 i64 isize u8 u16 u32 u64 usize bool);

/// A device array's memory, of which there is none.
pub(crate) type Buffer<T> = PhantomData<T>;

pub(crate) fn device_count() -> Result<usize, Error> {
    Err(Error::cuda_disabled())
}

pub(crate) fn open(_ordinal: usize) -> Result<Arc<DeviceInner>, Error> {
    Err(Error::cuda_disabled())
}

pub(crate) fn buffer_ptr<T: Repr>(_buffer: &Buffer<T>) -> u64 {
    0
}

/// A device, of which there is none: no value of this type exists.
pub(crate) enum DeviceInner {}

impl DeviceInner {
    pub(crate) fn ordinal(&self) -> usize {
        match *self {}
    }

    pub(crate) fn name(&self) -> &str {
        match *self {}
    }

    pub(crate) fn synchronize(&self) -> Result<(), Error> {
        match *self {}
    }

    pub(crate) fn bind(&self) {
        match *self {}
    }

    pub(crate) fn scratch_run(
        &self,
        _len: usize,
        _launch: impl FnOnce(u64) -> Result<(), Error>,
    ) -> Result<Vec<u8>, Error> {
        match *self {}
    }

    pub(crate) fn zeros<T: Repr>(&self, _len: usize) -> Result<Buffer<T>, Error> {
        match *self {}
    }

    pub(crate) fn upload<T: Repr>(&self, _src: &[T]) -> Result<Buffer<T>, Error> {
        match *self {}
    }

    pub(crate) fn write<T: Repr>(&self, _dst: &mut Buffer<T>, _src: &[T]) -> Result<(), Error> {
        match *self {}
    }

    pub(crate) fn read<T: Repr>(&self, _src: &Buffer<T>, _dst: &mut [T]) -> Result<(), Error> {
        match *self {}
    }

    pub(crate) fn copy<T: Repr>(&self, _src: &Buffer<T>, _dst: &mut Buffer<T>) -> Result<(), Error> {
        match *self {}
    }

    pub(crate) fn module(&self, _ptx: &'static str) -> Result<Arc<ModuleInner>, Error> {
        match *self {}
    }
}

/// A loaded module, of which there is none.
pub(crate) enum ModuleInner {}

impl ModuleInner {
    pub(crate) fn grid(&self, _name: &str, _iterations: u64) -> Result<Grid, Error> {
        match *self {}
    }

    pub(crate) fn launch(&self, _name: &str, _grid: Grid, _args: &[Arg]) -> Result<(), Error> {
        match *self {}
    }
}
