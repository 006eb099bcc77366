#[path = "../benches/kernels/mod.rs"]
mod kernels;
#[path = "../benches/real/mod.rs"]
mod real;

#[test]
fn reports() {
    use real::{
        arc_distance::arc_distance, azimint_naive::azimint_naive, black_scholes::black_scholes,
        do_sum::do_sum_parallel_fast, fdtd_2d::fdtd_2d, gpairs::gpairs, ident_loops::ident_loops, jacobi_2d::jacobi_2d,
        kde::kde, kmeans::kmeans, knn::knn, l2_norm::l2_norm, lennard_jones::lennard_jones, micro::*,
        pairwise_distance::pairwise_distance, spmv::spmv, symm::symm, syrk::syrk, trmm::trmm,
    };
    for r in [
        pairwise_distance::REPORT,
        l2_norm::REPORT,
        kmeans::REPORT,
        knn::REPORT,
        gpairs::REPORT,
        kde::REPORT,
        lennard_jones::REPORT,
        black_scholes::REPORT,
        azimint_naive::REPORT,
        spmv::REPORT,
        trmm::REPORT,
        symm::REPORT,
        syrk::REPORT,
        jacobi_2d::REPORT,
        fdtd_2d::REPORT,
        arc_distance::REPORT,
        ident_loops::REPORT,
        do_sum_parallel_fast::REPORT,
        heavy::REPORT,
        rows2d::REPORT,
        powi2::REPORT,
        uniform_j::REPORT,
        pairwise_dist::REPORT,
    ] {
        println!("{r}");
    }
}
