// The CUDA C reference for the SASS counts of macros/src/back/ptx/sass.rs: each f64 function
// of libdevice in its own kernel as `f(a[i]) + b[i] * 0.0`, and the same without the function,
// whose count is subtracted from the others (the kernels of the Rust side have the same shape).
// `bash benches/gpu/sass.sh` compiles it with nvcc for sm_90 and counts with nvdisasm.
#define K(name, expr)                                                                    \
    extern "C" __global__ void name(const double* a, const double* b, double* out, long n) { \
        long i = blockIdx.x * (long)blockDim.x + threadIdx.x;                            \
        if (i < n) {                                                                     \
            double x = a[i];                                                             \
            double y = b[i];                                                             \
            out[i] = expr;                                                               \
        }                                                                                \
    }
K(k_exp, exp(x) + y * 0.0)
K(k_ln, log(x) + y * 0.0)
K(k_sin, sin(x) + y * 0.0)
K(k_cos, cos(x) + y * 0.0)
K(k_tanh, tanh(x) + y * 0.0)
K(k_powf, pow(x, y) + y * 0.0)
K(k_copy, x + y * 0.0)
