#pragma once
// A numpy .npy file of float64 values in C order, as the platform's SHAP jobs write their
// values (np.save; kernels/python/e2i_tasks/shap_output.py): its shape and its values, bit
// for bit. Anything else (another dtype, Fortran order, a short file) is refused with a
// message naming the file and what is wrong.
#include <QString>

#include <cstddef>
#include <vector>

namespace e2i {

struct NpyArray {
    std::vector<std::size_t> shape;
    std::vector<double> values;

    // Throws std::runtime_error("PATH: what is wrong").
    static NpyArray read(const QString &path);
};

} // namespace e2i
