// The CUDA C reference for the SASS counts of macros/src/back/ptx/sass.rs: each f64 function
// of libdevice in its own kernel as `f(a[i]) + b[i] * 0.0`, and the same without the function,
// whose count is subtracted from the others (the kernels of the Rust side have the same shape);
// then the f32 functions (`k_expf` ...), less `k_copyf`.
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
#define KF(name, expr)                                                                  \
    extern "C" __global__ void name(const float* a, const float* b, float* out, long n) { \
        long i = blockIdx.x * (long)blockDim.x + threadIdx.x;                            \
        if (i < n) {                                                                     \
            float x = a[i];                                                              \
            float y = b[i];                                                              \
            out[i] = expr;                                                               \
        }                                                                                \
    }
KF(k_expf, expf(x) + y * 0.0f)
KF(k_lnf, logf(x) + y * 0.0f)
KF(k_sinf, sinf(x) + y * 0.0f)
KF(k_cosf, cosf(x) + y * 0.0f)
KF(k_tanhf, tanhf(x) + y * 0.0f)
KF(k_powff, powf(x, y) + y * 0.0f)
KF(k_copyf, x + y * 0.0f)
